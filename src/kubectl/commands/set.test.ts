import { describe, expect, it } from 'vitest';
import { runKubectl } from '../index';
import { loadGolden } from '../testing/golden';
import { Sandbox } from '../testing/harness';

// Every case was run against the real kubectl v1.32: `set … --local -f -` on manifests that
// kubectl itself generated, and argument errors.
const cases = loadGolden('set.golden.json');

describe('kubectl set, against real kubectl output', () => {
  const sandbox = new Sandbox();
  it.each(cases.map((c) => [c.argv.join(' '), c] as const))('%s', async (_name, c) => {
    const r = await runKubectl(c.argv, { ...sandbox.env, stdin: c.stdin });
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });
});
