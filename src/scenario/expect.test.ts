import { describe, expect, it } from 'vitest';
import { check } from './expect';

const out = (stdout: string, stderr = '', exitCode = 0) => ({ stdout, stderr, exitCode });

describe('check applies the scenario matchers to trimmed output', () => {
  it('equals compares trimmed text', () => {
    expect(check({ stdout: { equals: 'configmap/a\n' }, exitCode: 0 }, out('configmap/a\n'))).toBeUndefined();
    expect(check({ stdout: { equals: 'a' }, exitCode: 0 }, out('b'))).toMatch(/^stdout: expected/);
  });
  it('matches runs a JavaScript regular expression where $ is the end of the last line', () => {
    expect(check({ stdout: { matches: '^pod/\\S+$' }, exitCode: 0 }, out('pod/web\n'))).toBeUndefined();
    expect(check({ stdout: { matches: '^x$' }, exitCode: 0 }, out('x\ny\n'))).toBeDefined();
  });
  it('contains and notContains', () => {
    expect(check({ stdout: { contains: 'b', notContains: 'z' }, exitCode: 0 }, out('abc'))).toBeUndefined();
    expect(check({ stdout: { notContains: 'b' }, exitCode: 0 }, out('abc'))).toMatch(/not to contain/);
  });
  it('the exit code must match, 0 by default', () => {
    expect(check({ exitCode: 0 }, out('', 'boom', 1))).toMatch(/exit code: expected 0 but got 1/);
    expect(check({ exitCode: 1, stderr: { contains: 'NotFound' } }, out('', 'Error from server (NotFound): x', 1))).toBeUndefined();
  });
  it('an empty stdout equals ""', () => {
    expect(check({ stdout: { equals: '' }, exitCode: 0 }, out('\n'))).toBeUndefined();
  });
});
