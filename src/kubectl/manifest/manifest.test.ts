import { describe, expect, it } from 'vitest';
import { runKubectl } from '../index';
import { loadGolden } from '../testing/golden';
import { Sandbox } from '../testing/harness';

// Broken manifests piped to `kubectl apply -f -` and what the real kubectl v1.32 said about them.
describe('manifest errors, against real kubectl output', () => {
  const sandbox = new Sandbox();
  it.each(loadGolden('manifest.golden.json').map((c, i) => [i, JSON.stringify(c.stdin).slice(0, 60), c] as const))('#%i %s', async (_i, _name, c) => {
    const r = await runKubectl(c.argv, { ...sandbox.env, stdin: c.stdin });
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });
});
