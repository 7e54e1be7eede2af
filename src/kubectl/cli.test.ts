import { describe, expect, it } from 'vitest';
import { defaultKubeConfig } from './env';
import { runKubectl } from './index';
import { loadGolden } from './testing/golden';
import { Sandbox } from './testing/harness';

// Recorded from the real kubectl v1.32: argument parsing, usage errors, help, unknown commands,
// and the kubeconfig commands (against the kubeconfig kind writes).
describe('kubectl command line, against real kubectl output', () => {
  const sandbox = new Sandbox();
  for (const file of ['cli.golden.json', 'config.golden.json']) {
    it.each(loadGolden(file).map((c) => [c.argv.join(' ') || '(no arguments)', c] as const))(`${file}: %s`, async (_name, c) => {
      const r = await runKubectl(c.argv, { ...sandbox.env, config: defaultKubeConfig(), stdin: c.stdin });
      expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
    });
  }
});
