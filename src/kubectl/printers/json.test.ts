import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import { goJson, printJson } from './json';
import { listOf } from './list';

// Expected outputs are real kubectl v1.32 output (see testdata/README.md).
const objects = JSON.parse(readFileSync(new URL('./testdata/yaml-objects.json', import.meta.url), 'utf8')) as Record<
  string,
  KObject
>;
const expected = JSON.parse(readFileSync(new URL('./testdata/yaml-expected.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

describe('printJson', () => {
  it.each(Object.keys(objects))('prints %s exactly like kubectl get -o json', (name) => {
    expect(printJson(objects[name])).toBe(expected[`${name}.json`]);
  });

  it('prints a List like kubectl get -o json', () => {
    expect(
      printJson(
        listOf(
          Object.values(objects)
            .filter((o) => o.metadata?.namespace === 'default')
            .map((o) => ({ ...o, apiVersion: 'v1', kind: 'Pod' })),
        ),
      ),
    ).toBe(expected['list.json']);
  });

  it('prints an empty List like kubectl get -o json', () => {
    expect(printJson(listOf([]))).toBe(expected['empty.json']);
  });
});

describe('goJson', () => {
  it('is compact, sorted and HTML-escaped like json.Marshal (kubectl jsonpath {.metadata.annotations})', () => {
    expect(goJson({ nul: null, html: '<a&b>', 'deployment.kubernetes.io/revision': '3' })).toBe(
      '{"deployment.kubernetes.io/revision":"3","html":"\\u003ca\\u0026b\\u003e","nul":null}',
    );
  });
});
