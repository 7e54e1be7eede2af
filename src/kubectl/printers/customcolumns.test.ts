import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import { parseCustomColumnsSpec, printCustomColumns, relaxedJsonPath } from './customcolumns';

// Every expected output is what kubectl v1.32 printed for `kubectl get ... -o custom-columns=<spec>`
// over the same objects (see testdata/README.md).
interface Case {
  spec: string;
  target: 'list' | 'web-1' | 'empty';
  noHeaders: boolean;
  out: string;
  err: string;
}
const fixture = JSON.parse(readFileSync(new URL('./testdata/customcolumns-cases.json', import.meta.url), 'utf8')) as {
  objects: KObject[];
  cases: Case[];
};

function objectsFor(target: Case['target']): KObject[] {
  if (target === 'empty') return [];
  if (target === 'web-1') return fixture.objects.slice(0, 1);
  return fixture.objects;
}

describe('printCustomColumns', () => {
  it.each(fixture.cases.map((c) => [`${c.spec} (${c.target}${c.noHeaders ? ', no headers' : ''})`, c] as const))(
    '%s',
    (_name, c) => {
      const result = printCustomColumns(c.spec, objectsFor(c.target), { noHeaders: c.noHeaders });
      expect(result.output).toBe(c.out);
      expect(result.error === undefined ? '' : `error: ${result.error}\n`).toBe(c.err);
    },
  );
});

describe('relaxedJsonPath', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['', ''],
  ])('%s -> %s', (input, want) => {
    expect(relaxedJsonPath(input)).toBe(want);
  });
});

describe('parseCustomColumnsSpec', () => {
  it('splits header and path at the first colon', () => {
    expect(parseCustomColumnsSpec('A:.metadata.name:x')).toEqual([{ header: 'A', fieldSpec: '{.metadata.name:x}' }]);
  });
});
