import { describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

/** The terminal's lines go through the line interpreter, and Ctrl-C ends a foreground port-forward. */
describe('Sandbox: terminal lines', () => {
  it('runs pipes and $(…), and a port-forward serves curl until Ctrl-C', async () => {
    const sandbox = new Sandbox(new ManualTicker(), { engine: realEngine, epochNow: () => 42 });
    await sandbox.start({ speed: 1 });
    await sandbox.run('kubectl create deployment web --image=nginx --port=80');
    await sandbox.advance(60_000);
    expect(await sandbox.run("POD=$(kubectl get pods -o jsonpath='{.items[0].metadata.name}'); echo $POD | cut -c1-4")).toEqual({
      stdout: 'web-\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await sandbox.run('nano x.yaml')).toEqual({ stdout: '', stderr: 'bash: nano: command not found\n', exitCode: 127 });
    // Tab completes the command at the end of the line.
    expect(await sandbox.complete('POD=$(kubectl get deploy')).toContainEqual({ value: 'deployments', description: 'Deployment' });
    expect(await sandbox.complete('kubectl get pods | kubectl describe deployments w')).toEqual([{ value: 'web' }]);

    const seen: string[] = [];
    const running = sandbox.runLive('kubectl port-forward deploy/web 8080:80', { output: (_s, t) => void seen.push(t) });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['Forwarding from 127.0.0.1:8080 -> 80\n', 'Forwarding from [::1]:8080 -> 80\n']);
    // Another terminal on the same machine: the forward reports the connection in its own output.
    expect((await sandbox.run('curl -s localhost:8080 | grep -c "Welcome to nginx"')).stdout).toBe('2\n');
    expect(seen.at(-1)).toBe('Handling connection for 8080\n');
    await sandbox.interrupt();
    expect(await running).toMatchObject({ exitCode: 130, interrupted: true });
    expect((await sandbox.run('curl localhost:8080')).exitCode).toBe(7);
  });

  it('the home folder is part of the snapshot', async () => {
    const sleep = async () => undefined;
    const a = realEngine.create({ seed: 1, sleep });
    const shell = (e: Engine, line: string) => (e.shell ? e.shell(line) : Promise.reject(new Error('no shell')));
    await shell(a, 'kubectl create configmap c --from-literal=k=v --dry-run=client -o yaml > c.yaml');
    const b = realEngine.restore(structuredClone(a.snapshot()), { sleep });
    expect((await shell(b, 'kubectl apply -f c.yaml')).stdout).toBe('configmap/c created\n');
  });
});
