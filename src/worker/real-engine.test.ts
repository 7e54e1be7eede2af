import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbStore } from './persist';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

describe('the sandbox over the real engine', () => {
  it('saves to IndexedDB and comes back exactly: time, objects, kubeconfig, paused clock', async () => {
    const store = indexedDbStore('test-real-engine');
    const ticker = new ManualTicker();
    const a = new Sandbox(ticker, { engine: realEngine, store, epochNow: () => 1 });
    await a.start({ fresh: true, speed: 0 });
    expect((await a.run('kubectl create configmap keep --from-literal=a=b')).stdout).toBe('configmap/keep created\n');
    expect((await a.run('kubectl config set-context --current --namespace=kube-system')).exitCode).toBe(0);
    await a.advance(90_000);
    const saved = await a.saveNow();
    expect(saved.state).toBe('saved');
    const clock = await a.clock();
    a.stop();

    const b = new Sandbox(new ManualTicker(), { engine: realEngine, store });
    const info = await b.start({});
    expect(info.restored).toBe(true);
    expect(info.clock.now).toBe(clock.now);
    expect(info.clock.speed).toBe(0);
    // The namespace switch survived: a bare `get configmap` now looks in kube-system.
    expect((await b.run('kubectl get configmap keep -n default -o name')).stdout).toBe('configmap/keep\n');
    expect((await b.run('kubectl get configmap keep')).stderr).toContain('not found');
    b.stop();
  });
});
