import { describe, expect, it } from 'vitest';
import { Sandbox } from '../testing/harness';
import { WATCH_QUIET_MS } from './getwatch';

/**
 * `kubectl logs -f`: what is there, then each line as the container writes it, until the
 * container terminates (kubectl then exits 0). The expected lines are what the containers'
 * scripts write; the rules (tail, prefix, the follow limit) are kubectl v1.32's.
 */

const COUNT = `sh -c 'i=0; while [ $i -lt 5 ]; do echo line $i; i=$((i+1)); sleep 3; done'`;
const ALL = 'line 0\nline 1\nline 2\nline 3\nline 4\n';

/** A sandbox whose output arrives piece by piece, each piece with the simulated time it came at. */
function recorded() {
  const s = new Sandbox();
  const pieces: { at: number; text: string }[] = [];
  s.env.onOutput = (stream, text) => {
    if (stream === 'stdout' && text) pieces.push({ at: s.cluster.now(), text });
  };
  return { s, pieces };
}

async function counter(s: Sandbox, name = 'counter'): Promise<void> {
  const r = await s.run(`run ${name} --image=busybox --restart=Never -- ${COUNT}`);
  expect(r.exitCode, r.stderr).toBe(0);
}

describe('logs --follow', () => {
  const cases: [title: string, flags: string, want: string][] = [
    ['prints what is there, then the new lines until the container ends', '-f', ALL],
    ['--tail=1 starts from the last line written', '-f --tail=1', 'line 1\nline 2\nline 3\nline 4\n'],
    ['--tail=0 shows only new lines', '--follow --tail=0', 'line 2\nline 3\nline 4\n'],
    [
      '--prefix names the pod and container on every line',
      '-f --prefix',
      ALL.replace(/^/gm, '[pod/counter/counter] ').replace(/\[pod\/counter\/counter\] $/, ''),
    ],
  ];
  for (const [title, flags, want] of cases) {
    it(title, async () => {
      const { s, pieces } = recorded();
      await counter(s);
      // Started, with two lines written (at 0s and 3s of its run).
      for (let i = 0; i < 30; i++) {
        const out = (await s.run('logs counter')).stdout;
        if (out.split('\n').length - 1 >= 2) break;
        s.advance(500);
      }
      expect((await s.run('logs counter')).stdout).toBe('line 0\nline 1\n');
      pieces.length = 0;
      const start = s.cluster.now();
      const r = await s.run(`logs counter ${flags}`);
      expect(r).toMatchObject({ stdout: want, exitCode: 0 });
      // The lines after the first came one by one as simulated time passed.
      const later = pieces.filter((p) => p.at > start);
      expect(later.map((p) => p.text).join('')).toBe(
        want
          .split('\n')
          .filter((l) => /line [234]/.test(l))
          .map((l) => `${l}\n`)
          .join(''),
      );
      expect(new Set(later.map((p) => p.at)).size).toBe(3);
      // It ended when the container did, not much later.
      expect((await s.run('get pod counter -o jsonpath={.status.phase}')).stdout).toBe('Succeeded');
      expect(s.cluster.now() - start).toBeLessThan(15_000);
    });
  }

  it('returns at once for a container that has already ended', async () => {
    const s = new Sandbox();
    await counter(s);
    s.advance(60_000);
    const before = s.cluster.now();
    expect(await s.run('logs -f counter')).toMatchObject({
      stdout: ALL,
      exitCode: 0,
    });
    expect(s.cluster.now()).toBe(before);
  });

  it('with --timestamps, every followed line carries its RFC 3339 time', async () => {
    const s = new Sandbox();
    await counter(s);
    s.advance(4_000);
    const r = await s.run('logs -f --timestamps counter');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const [i, l] of lines.entries()) expect(l).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z line ${i}$`));
  });

  it('without a way to interrupt, a container that writes nothing more is followed for a quiet minute', async () => {
    const s = new Sandbox();
    await s.run('run web --image=nginx');
    s.advance(30_000);
    const before = s.cluster.now();
    const r = await s.run('logs -f web');
    expect(r.exitCode).toBe(0);
    expect(s.cluster.now() - before).toBeGreaterThanOrEqual(WATCH_QUIET_MS);
    expect(s.cluster.now() - before).toBeLessThanOrEqual(WATCH_QUIET_MS + 2_000);
  });
});

const TWO = `apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [sh, -c, 'for i in 0 1 2; do echo a$i; sleep 2; done']
  - name: b
    image: busybox
    command: [sh, -c, 'sleep 1; for i in 0 1 2; do echo b$i; sleep 2; done']
`;

describe('logs --follow of several streams', () => {
  it('--all-containers follows both side by side, lines in the order they were written', async () => {
    const s = new Sandbox();
    s.files.set('two.yaml', TWO);
    await s.run('apply -f two.yaml');
    for (let i = 0; i < 60 && (await s.run('logs two -c b')).exitCode !== 0; i++) s.advance(250);
    const r = await s.run('logs two --all-containers --prefix -f --tail=0');
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // Whatever was written before the follow began is skipped (--tail=0); the rest alternates.
    const want = ['[pod/two/a] a0', '[pod/two/b] b0', '[pod/two/a] a1', '[pod/two/b] b1', '[pod/two/a] a2', '[pod/two/b] b2'];
    expect(want.slice(want.length - lines.length)).toEqual(lines);
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  const selector: [title: string, flags: string, want: { stderr?: string; exitCode: number }][] = [
    [
      'more streams than --max-log-requests (5 by default) is refused',
      '-l app=many -f',
      {
        stderr: 'error: you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit\n',
        exitCode: 1,
      },
    ],
    [
      'a lower --max-log-requests is named in the error',
      '-l app=many -f --max-log-requests=2',
      {
        stderr: 'error: you are attempting to follow 6 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n',
        exitCode: 1,
      },
    ],
    ['a higher --max-log-requests lets them all be followed', '-l app=many -f --max-log-requests=6', { stderr: '', exitCode: 0 }],
    ['without -f there is no limit', '-l app=many', { stderr: '', exitCode: 0 }],
  ];
  for (const [title, flags, want] of selector) {
    it(title, async () => {
      const s = new Sandbox();
      await s.run(`create deployment many --image=busybox --replicas=6 -- sh -c 'echo hello; sleep 5'`);
      s.advance(20_000);
      const r = await s.run(`logs ${flags}`);
      expect(r).toMatchObject(want);
      if (want.exitCode === 0) expect(r.stdout).toMatch(/^(hello\n)+$/);
    });
  }
});

describe('logs --follow --limit-bytes', () => {
  it('counts what was printed first; the stream ends at the limit', async () => {
    const s = new Sandbox();
    await counter(s);
    s.advance(4_000);
    // "line 0\n" and "line 1\n" are 7 bytes each: 10 bytes end in the middle of the second line.
    expect(await s.run('logs -f --limit-bytes=10 counter')).toMatchObject({ stdout: 'line 0\nlin', exitCode: 0 });
    expect(await s.run('logs -f --limit-bytes=17 counter')).toMatchObject({ stdout: 'line 0\nline 1\nlin', exitCode: 0 });
  });
});

describe('logs --follow --previous', () => {
  it('prints the last run and ends: that log is complete', async () => {
    const s = new Sandbox();
    await s.run(`run crash --image=busybox -- sh -c 'echo run; sleep 2; exit 1'`);
    let r = await s.run('logs -p crash');
    for (let i = 0; i < 120 && r.exitCode !== 0; i++) {
      s.advance(500);
      r = await s.run('logs -p crash');
    }
    expect(r.stdout).toBe('run\n');
    const before = s.cluster.now();
    expect(await s.run('logs -f -p crash')).toMatchObject({ stdout: 'run\n', exitCode: 0 });
    expect(s.cluster.now()).toBe(before);
  });
});
