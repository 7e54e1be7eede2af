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

describe('output as it is produced', () => {
  it('reaches onOutput piece by piece, and the result carries all of it', async () => {
    const sandbox = new Sandbox();
    const seen = { stdout: '', stderr: '' };
    const onOutput = (stream: 'stdout' | 'stderr', text: string) => {
      seen[stream] += text;
    };
    const r = await runKubectl(['get', 'nodes', '-o', 'name', 'nope'], { ...sandbox.env, onOutput });
    expect(seen).toEqual({ stdout: r.stdout, stderr: r.stderr });
    seen.stderr = '';
    const r2 = await runKubectl(['get', 'nodes', '-o', 'name'], { ...sandbox.env, onOutput });
    expect(seen).toEqual({ stdout: r2.stdout, stderr: '' });
  });
});
