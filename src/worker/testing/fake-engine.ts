import type { KObject, WatchEventType } from '../../engine/api/types';
import type { Engine, EngineFactory, EngineSnapshot } from '../engine';

/**
 * A stand-in engine for testing the sandbox's own logic (ticking, batching, saving) without the
 * cluster: a store of ConfigMaps, a timer every 10 s that touches a Lease, and a clock.
 */
export interface FakeState {
  now: number;
  created: number;
  seed: number;
  objects: Record<string, KObject>;
}

type Handler = (type: WatchEventType, resource: string, object: KObject) => void;

export class FakeEngine implements Engine {
  private handlers = new Set<Handler>();
  constructor(public state: FakeState) {}

  now(): number {
    return this.state.now;
  }
  createdAt(): number {
    return this.state.created;
  }
  nextEventAt(): number {
    return Math.floor(this.state.now / 10_000) * 10_000 + 10_000;
  }
  advance(ms: number): void {
    const end = this.state.now + ms;
    for (let t = this.nextEventAt(); t <= end; t += 10_000) {
      this.state.now = t;
      this.put('coordination.k8s.io/leases', { kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease', resourceVersion: String(t) } });
    }
    this.state.now = end;
  }
  list(resource: string): KObject[] {
    return Object.entries(this.state.objects)
      .filter(([k]) => k.startsWith(`${resource}:`))
      .map(([, o]) => o);
  }
  watch(handler: Handler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  async kubectl(words: string[]) {
    if (words[0] === 'create' && words[1] === 'configmap' && words[2]) {
      this.put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: words[2], namespace: 'default' } });
      return { stdout: `configmap/${words[2]} created\n`, stderr: '', exitCode: 0 };
    }
    if (words[0] === 'boom') throw new Error('kaboom');
    return { stdout: '', stderr: `error: unknown command "${words[0]}" for "kubectl"\n`, exitCode: 1 };
  }
  sim(words: string[]) {
    return { stdout: `sim ${words.slice(1).join(' ')}`, stderr: '', exitCode: 0 };
  }
  completeKubectl(words: string[]) {
    const partial = words.at(-1) ?? '';
    const verbs = words.length === 1 ? ['get', 'describe', 'create'] : words[0] === 'get' && words.length === 2 ? ['pods', 'nodes'] : [];
    return verbs.filter((v) => v.startsWith(partial)).map((value) => ({ value }));
  }
  machines(): string[] {
    return ['control-plane', 'worker-1'];
  }
  context(): string {
    return 'kind-kind';
  }
  snapshot(): EngineSnapshot {
    return { cluster: structuredClone(this.state) };
  }
  private put(resource: string, object: KObject): void {
    const key = `${resource}:${object.metadata?.namespace}/${object.metadata?.name}`;
    const type = this.state.objects[key] ? 'MODIFIED' : 'ADDED';
    this.state.objects[key] = object;
    for (const h of this.handlers) h(type, resource, object);
  }
}

export const fakeEngine: EngineFactory = {
  create: ({ seed }) => new FakeEngine({ now: 1_000_000, created: 1_000_000, seed, objects: {} }),
  restore: (snapshot) => {
    const state = snapshot.cluster as FakeState;
    if (!state || typeof state.now !== 'number') throw new Error('not a cluster snapshot');
    return new FakeEngine(structuredClone(state));
  },
};

/** A ticker the test drives by hand. */
export class ManualTicker {
  wall = 0;
  private fns: (() => void)[] = [];
  every(_ms: number, fn: () => void): () => void {
    this.fns.push(fn);
    return () => {
      this.fns = this.fns.filter((f) => f !== fn);
    };
  }
  wallNow(): number {
    return this.wall;
  }
  /** Let `ms` of wall time pass in ticks of `step`. */
  pass(ms: number, step = 50): void {
    for (let t = 0; t < ms; t += step) {
      this.wall += step;
      for (const f of this.fns) f();
    }
  }
}
