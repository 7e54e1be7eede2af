import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unified';

// Each case's hunks were printed by GNU diff 3.x (`diff -u`), the program kubectl diff runs.
const cases = JSON.parse(readFileSync(fileURLToPath(new URL('../../testdata/unidiff.golden.json', import.meta.url)), 'utf8')) as {
  name: string;
  from: string;
  to: string;
  hunks: string;
}[];

describe('unified diff hunks, as GNU diff prints them', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(unifiedHunks(c.from, c.to)).toBe(c.hunks);
  });
  it('prints nothing for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });
});
