import type { KObject } from '../../engine/api/types';
import { goSprint } from './gofmt';
import { findJsonPathResults, type JsonPathTemplate, parseJsonPath } from './jsonpath';
import { tabwrite } from './tabwriter';

/** One `HEADER:path` entry of `-o custom-columns=`. */
export interface CustomColumn {
  header: string;
  /** The path as a full JSONPath template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

/** A custom-columns error, with the message kubectl prints after `error: `. */
export class CustomColumnsError extends Error {
  override name = 'CustomColumnsError';
}

const RELAXED_PATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * Accepts `a.b`, `.a.b`, `{a.b}` or `{.a.b}` and returns `{.a.b}` (kubectl's
 * RelaxedJSONPathExpression). An empty path stays empty and prints `<none>`.
 */
export function relaxedJsonPath(path: string): string {
  if (path === '') return path;
  const m = RELAXED_PATH.exec(path);
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}

/** Parses the value of `-o custom-columns=`. Throws CustomColumnsError. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return {
      header: part.slice(0, colon),
      fieldSpec: relaxedJsonPath(part.slice(colon + 1)),
    };
  });
}

/** EscapeTerminal: terminal escape sequences are shown, not obeyed. */
const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

export interface CustomColumnsResult {
  /** What kubectl writes to stdout, aligned. */
  output: string;
  /** The error kubectl reports after printing the output, if any (text after `error: `). */
  error?: string;
}

/**
 * `kubectl get -o custom-columns=...` for the given objects (a list's items, or one object).
 * Values print with Go's `%v` (maps as `map[k:v]`), several values join with `,`, nothing
 * found prints `<none>`. The header is printed even when there are no objects. A bad path
 * stops the output where kubectl stops it: after the header, or before the failing row.
 */
export function printCustomColumns(
  spec: string,
  objects: readonly KObject[],
  opts: { noHeaders?: boolean } = {},
): CustomColumnsResult {
  let columns: CustomColumn[];
  try {
    columns = parseCustomColumnsSpec(spec);
  } catch (e) {
    return { output: '', error: (e as Error).message };
  }
  const lines: string[] = [];
  if (!opts.noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  const flush = (): string => (lines.length > 0 ? tabwrite(`${lines.join('\n')}\n`) : '');

  let templates: JsonPathTemplate[];
  try {
    templates = columns.map((c) => parseJsonPath(c.fieldSpec));
  } catch (e) {
    return { output: flush(), error: (e as Error).message };
  }
  for (const obj of objects) {
    const cells: string[] = [];
    for (const template of templates) {
      let results: unknown[][];
      try {
        results = findJsonPathResults(template, obj);
      } catch (e) {
        return { output: flush(), error: (e as Error).message };
      }
      const values = results.flat().map((v) => escapeTerminal(goSprint(v)));
      if (results.length === 0 || results[0].length === 0) values.unshift('<none>');
      cells.push(values.join(','));
    }
    lines.push(cells.join('\t'));
  }
  return { output: flush() };
}
