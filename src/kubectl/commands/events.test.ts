import { describe, expect, it } from 'vitest';
import { Sandbox } from '../testing/harness';
import { WATCH_QUIET_MS } from './getwatch';

/**
 * `kubectl events --watch`: the events there now, then each one as it is recorded, in kubectl's
 * event table (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; the header once, with the first row).
 * The reasons and messages expected are the kubelet's and scheduler's own.
 */

function recorded() {
  const s = new Sandbox();
  const pieces: { at: number; text: string }[] = [];
  s.env.onOutput = (stream, text) => {
    if (stream === 'stdout' && text) pieces.push({ at: s.cluster.now(), text });
  };
  return { s, pieces };
}

const rows = (text: string) => text.trimEnd().split('\n');

describe('events --watch', () => {
  it('streams a new pod\'s events as they are recorded, under one header', async () => {
    const { s, pieces } = recorded();
    // Created without time passing: the watch sees every one of its events arrive.
    await s.run('run web --image=nginx');
    const start = s.cluster.now();
    const r = await s.run('events -w --for pod/web');
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = rows(r.stdout);
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.filter((l) => l.startsWith('LAST SEEN'))).toHaveLength(1);
    const reasons = lines.slice(1).map((l) => l.split(/\s{2,}/)[2]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(lines[1]).toMatch(/^\S+\s+Normal\s+Scheduled\s+Pod\/web\s+Successfully assigned default\/web to /);
    // They came as they happened, not all at the end.
    expect(new Set(pieces.filter((p) => p.at > start).map((p) => p.at)).size).toBeGreaterThan(1);
    // Headless, the watch ends after a quiet minute.
    expect(s.cluster.now() - start).toBeGreaterThanOrEqual(WATCH_QUIET_MS);
  });

  const filters: [title: string, flags: string, header: RegExp | undefined, row: RegExp][] = [
    ['--types=Warning leaves Normal events out', '--types=Warning', /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/, /^\S+( \(x\d+ over \S+\))?\s+Warning\s+Failed\s+Pod\/bad\s+\S.*$/],
    ['--no-headers prints rows only', '--no-headers --for pod/bad', undefined, /^\S+( \(x\d+ over \S+\))?\s+(Normal|Warning)\s+\S+\s+Pod\/bad\s+\S.*$/],
    ['-A adds the NAMESPACE column', '-A --for pod/bad', /^NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/, /^default\s+\S+( \(x\d+ over \S+\))?\s+(Normal|Warning)\s+\S+\s+Pod\/bad\s+\S.*$/],
  ];
  for (const [title, flags, header, row] of filters) {
    it(title, async () => {
      const s = new Sandbox();
      // An image that cannot be pulled: Warning events (ErrImagePull, ImagePullBackOff) keep coming.
      await s.run('run bad --image=nginx:no-such-tag');
      const r = await s.run(`events -w ${flags}`);
      expect(r.exitCode, r.stderr).toBe(0);
      const lines = rows(r.stdout);
      if (header) expect(lines.shift()).toMatch(header);
      expect(lines.length).toBeGreaterThan(2);
      for (const l of lines) expect(l).toMatch(row);
    });
  }

  it('-o name prints each event as it comes', async () => {
    const s = new Sandbox();
    await s.run('run web --image=nginx');
    const r = await s.run('events -w -o name --for pod/web');
    expect(r.stdout).toMatch(/^(event\/web\.[0-9a-f]+\n){5}$/);
  });

  it('get events -w streams too', async () => {
    const s = new Sandbox();
    await s.run('run web --image=nginx');
    const r = await s.run('get events -w --field-selector involvedObject.name=web');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(r.stdout).toMatch(/Started\s+pod\/web\s+Started container web\n/);
  });
});
