import { goQuote, goSharpV } from './gofmt';
import { Evaluator, resultText } from './jsonpath/eval';
import { JsonPathError, type ListNode } from './jsonpath/nodes';
import { parseTemplate } from './jsonpath/parser';

export type { ListNode as JsonPathTemplate } from './jsonpath/nodes';
export { JsonPathError } from './jsonpath/nodes';

/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): `{.a.b}`, `[0]`, `[-1]`, `[0:2]`,
 * `[*]`, `['key']`, unions, `[?(@.x=="y")]` filters, `..` recursion, `{range}`/`{end}`,
 * quoted literals and plain text outside braces. Template text without braces is printed
 * literally, as kubectl does for `-o jsonpath=.metadata.name`.
 */

/** Parses a template. Throws JsonPathError with client-go's message (e.g. `unterminated array`). */
export function parseJsonPath(template: string): ListNode {
  return parseTemplate(template);
}

export interface JsonPathOptions {
  /** Missing fields print nothing instead of failing; kubectl enables this for `get`. Default true. */
  allowMissingKeys?: boolean;
}

/**
 * The raw results of a template: one list per printed expression, as JSONPath.FindResults
 * returns them. Throws JsonPathError.
 */
export function findJsonPathResults(template: ListNode, data: unknown, opts: JsonPathOptions = {}): unknown[][] {
  return new Evaluator(template, opts.allowMissingKeys ?? true).findResults(data);
}

/** Text of one expression's results, separated by single spaces. */
export function formatJsonPathResults(results: readonly unknown[]): string {
  return results.map(resultText).join(' ');
}

/** Evaluates a parsed template and prints it as JSONPath.Execute does. Throws JsonPathError. */
export function evaluateJsonPath(template: ListNode, data: unknown, opts: JsonPathOptions = {}): string {
  return findJsonPathResults(template, data, opts).map(formatJsonPathResults).join('');
}

/**
 * An error from `-o jsonpath=...`. The message is what kubectl prints after `error: `,
 * including the trailing newlines kubectl's own message carries.
 */
export class JsonPathPrinterError extends Error {
  override name = 'JsonPathPrinterError';
}

/**
 * `kubectl get -o jsonpath=<template>` for one object (or a List): the printed text, with no
 * newline added. Throws JsonPathPrinterError with kubectl's message for parse and execution
 * errors (an execution error dumps the object in Go syntax, as kubectl does).
 */
export function executeJsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  if (template === '') throw new JsonPathPrinterError('template format specified but no template given');
  let parsed: ListNode;
  try {
    parsed = parseJsonPath(template);
  } catch (e) {
    throw new JsonPathPrinterError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
  }
  try {
    return evaluateJsonPath(parsed, data, opts);
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    const detail =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`;
    throw new JsonPathPrinterError(`error executing jsonpath ${goQuote(template)}: ${detail}\n`);
  }
}
