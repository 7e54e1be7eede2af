import { describe, expect, it } from 'vitest';
import { StreamWriter } from './stream';

describe('StreamWriter', () => {
  it('writes stdout as is and stderr red per line', () => {
    let screen = '';
    const w = new StreamWriter((t) => {
      screen += t;
    });
    w.out('stdout', 'NAME   READY\n');
    w.out('stderr', 'error: a\nerror: b\n');
    expect(screen).toBe('NAME   READY\n\x1b[31merror: a\x1b[0m\n\x1b[31merror: b\x1b[0m\n');
  });

  it('ends an unfinished line before the prompt, and only then', () => {
    let screen = '';
    const w = new StreamWriter((t) => {
      screen += t;
    });
    w.out('stdout', 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...');
    w.endLine();
    w.endLine();
    expect(screen.endsWith('available...\n')).toBe(true);
    expect(screen.match(/\n/g)?.length).toBe(1);
  });

  it('echoes ^C and a new line when interrupted', () => {
    let screen = '';
    const w = new StreamWriter((t) => {
      screen += t;
    });
    w.out('stdout', 'web   0/1   Pending\n');
    w.interrupted();
    w.endLine();
    expect(screen).toBe('web   0/1   Pending\n^C\n');
  });
});
