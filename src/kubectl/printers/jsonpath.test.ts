import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executeJsonPath, JsonPathError, JsonPathPrinterError, parseJsonPath } from './jsonpath';
import { listOf } from './list';

// Every expected output below is what kubectl v1.32 printed for `kubectl get ... -o jsonpath=<template>`
// against the same object (see testdata/README.md).
interface Case {
  template: string;
  out: string;
  err: string;
  rc: number;
}
const fixture = JSON.parse(readFileSync(new URL('./testdata/jsonpath-cases.json', import.meta.url), 'utf8')) as {
  object: unknown;
  single: Case[];
  list: { metadata: unknown }[];
  listCases: Case[];
};
// kubectl hands a list request to the printer as a List whose items carry apiVersion and kind.
const list = listOf(fixture.list.map((o) => ({ ...(o as object), apiVersion: 'v1', kind: 'Pod' })));

/** What kubectl writes to stderr for a printer error: `error: ` and a newline if the message lacks one. */
function stderrOf(f: () => string): string {
  try {
    f();
  } catch (e) {
    if (!(e instanceof JsonPathPrinterError)) throw e;
    return `error: ${e.message}${e.message.endsWith('\n') ? '' : '\n'}`;
  }
  return '';
}

/** Go walks maps in random order, so for `*` and `..` only the set of results can be compared. */
const randomOrder = (t: string): boolean => t.includes('..') || t.includes('.*');
const tokens = (s: string): string[] => s.split(' ').sort();

function check(c: Case, data: unknown): void {
  if (c.rc !== 0) {
    expect(stderrOf(() => executeJsonPath(c.template, data))).toBe(c.err);
    return;
  }
  const out = executeJsonPath(c.template, data);
  if (randomOrder(c.template)) expect(tokens(out)).toEqual(tokens(c.out));
  else expect(out).toBe(c.out);
}

describe('executeJsonPath on one object', () => {
  it.each(fixture.single.map((c) => [c.template, c] as const))('%s', (_t, c) => check(c, fixture.object));
});

describe('executeJsonPath on a List', () => {
  it.each(fixture.listCases.map((c) => [c.template, c] as const))('%s', (_t, c) => check(c, list));
});

describe('parseJsonPath', () => {
  it('reports client-go parse errors', () => {
    expect(() => parseJsonPath('{.a[}')).toThrow(new JsonPathError('unterminated array'));
    expect(() => parseJsonPath('{.status.conditions[?(@.type=="Ready"')).toThrow('unterminated filter');
  });
  it('treats text without braces as literal text (kubectl -o jsonpath=.metadata.name prints it)', () => {
    // kubectl create deployment x --image=nginx --dry-run=client -o jsonpath=.metadata.name
    expect(executeJsonPath('.metadata.name', { metadata: { name: 'x' } })).toBe('.metadata.name');
  });
});
