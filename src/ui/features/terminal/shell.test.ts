import { describe, expect, it } from 'vitest';
import { formatOutput, historyListing, interpret } from './shell';

describe('terminal shell', () => {
  it('keeps clear, help and history, and sends every other line to the sandbox', () => {
    expect(interpret('  kubectl get pods ')).toEqual({ kind: 'run', line: 'kubectl get pods' });
    expect(interpret('k get po')).toEqual({ kind: 'run', line: 'k get po' });
    expect(interpret('sim advance 1m')).toEqual({ kind: 'run', line: 'sim advance 1m' });
    expect(interpret('clear')).toEqual({ kind: 'clear' });
    expect(interpret('help')).toEqual({ kind: 'help' });
    expect(interpret('history')).toEqual({ kind: 'history' });
    expect(interpret('   ')).toEqual({ kind: 'empty' });
    expect(interpret('# a comment')).toEqual({ kind: 'empty' });
    expect(interpret('POD=$(kubectl get pods -o name | head -1); echo $POD')).toEqual({ kind: 'run', line: 'POD=$(kubectl get pods -o name | head -1); echo $POD' });
    expect(interpret('ls -l')).toEqual({ kind: 'run', line: 'ls -l' });
  });
  it('prints stdout as is and stderr in red, line by line', () => {
    expect(formatOutput({ stdout: 'a\nb\n', stderr: '' })).toBe('a\nb\n');
    expect(formatOutput({ stdout: 'done', stderr: '' })).toBe('done\n');
    expect(formatOutput({ stdout: '', stderr: 'error: x\nhint\n' })).toBe('\x1b[31merror: x\x1b[0m\n\x1b[31mhint\x1b[0m\n');
  });
  it('lists the history numbered', () => {
    expect(historyListing(['a', 'b'])).toBe('    1  a\n    2  b\n');
  });
});
