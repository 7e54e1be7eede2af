import { MemoryFs } from '../fs';
import type { ShellHost } from './host';

/** An in-memory host for shell tests: files, a settable clock, captured output. */
export function testHost(opts: { userland?: 'busybox' | 'gnu'; now?: number; programs?: string[] } = {}) {
  const state = {
    now: opts.now ?? Date.UTC(2025, 0, 6, 9, 0, 0),
    stdout: '',
    stderr: '',
  };
  const fs = new MemoryFs({});
  const host: ShellHost = {
    now: () => state.now,
    userland: opts.userland ?? 'busybox',
    shellName: 'sh',
    hostname: 'test-pod',
    fs,
    isProgram: (n) => (opts.programs ?? []).includes(n),
    write: (s, t) => {
      if (s === 'stdout') state.stdout += t;
      else state.stderr += t;
    },
  };
  return { host, state, fs };
}
