import { describe, expect, it } from 'vitest';
import { ShellSyntaxError, shellWords } from './shellwords';

describe('shellWords splits like a POSIX shell', () => {
  it.each([
    ['get pods', ['get', 'pods']],
    ['  get   pods  ', ['get', 'pods']],
    [`get node w -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`, ['get', 'node', 'w', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']],
    [`-l 'environment notin (dev),tier'`, ['-l', 'environment notin (dev),tier']],
    [`--schedule="*/1 * * * *" -- sh -c "echo hi"`, ['--schedule=*/1 * * * *', '--', 'sh', '-c', 'echo hi']],
    [`a\\ b`, ['a b']],
    [`"a\\"b"`, ['a"b']],
    [`'a\\b'`, ['a\\b']],
    [`''`, ['']],
    [`x""y`, ['xy']],
    [`jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`, ['jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']],
    [`-p '{"spec":{"minAvailable":2}}'`, ['-p', '{"spec":{"minAvailable":2}}']],
  ])('%s', (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });

  it('rejects unterminated quotes', () => {
    expect(() => shellWords(`echo 'x`)).toThrow(ShellSyntaxError);
    expect(() => shellWords(`echo "x`)).toThrow(ShellSyntaxError);
  });
});
