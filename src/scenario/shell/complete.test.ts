import { describe, expect, it } from 'vitest';
import { commandAtEnd, SHELL_COMMANDS } from './complete';

describe('commandAtEnd: the command Tab completes', () => {
  it.each([
    ['kubectl get po', 'kubectl get po'],
    ['kubectl get pods | grep R', 'grep R'],
    ['kubectl get pods |', ''],
    ['POD=$(kubectl get po', 'kubectl get po'],
    ['echo a; k get ', 'k get '],
    ['true && kubectl des', 'kubectl des'],
    ["kubectl get pods -l 'a|b' ", "kubectl get pods -l 'a|b' "],
    ['NS=default kubectl get ', 'kubectl get '],
    ['kubectl get pods -o name | xargs -n 1 kubectl delete ', 'kubectl delete '],
  ])('%j', (line, want) => {
    expect(commandAtEnd(line)).toBe(want);
  });

  it('knows the text tools by name', () => {
    expect(SHELL_COMMANDS).toContain('grep');
    expect(SHELL_COMMANDS).toContain('base64');
    expect(SHELL_COMMANDS).toContain('curl');
  });
});
