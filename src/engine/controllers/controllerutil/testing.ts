import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { clone, type KObject, type Stored } from '../../api/types';
import { ApiServer } from '../../apiserver/apiserver';
import { EventRecorder } from '../../apiserver/events';
import { ResourceRegistry } from '../../apiserver/registry';
import { ObjectStore } from '../../apiserver/store';
import { Clock } from '../../sim/clock';
import { Random } from '../../sim/random';
import type { Controller, ControllerContext } from '../controller';
import { InformerFactory } from '../informer';
import { ControllerManager } from '../manager';

/**
 * A bare control plane for controller tests: API server, informers, events and a manager with
 * only the controllers a test adds. No scheduler or kubelet: tests bind pods and move them to
 * Running / Ready themselves.
 */
export class Harness {
  readonly clock = new Clock(Date.UTC(2025, 0, 6, 9, 0, 0));
  readonly random: Random;
  readonly store = new ObjectStore(true);
  readonly api: ApiServer;
  readonly informers: InformerFactory;
  readonly events: EventRecorder;
  readonly manager = new ControllerManager();
  private ipSeq = 1;

  constructor(seed = 1) {
    this.random = new Random(seed);
    this.api = new ApiServer(new ResourceRegistry(), this.store, this.clock, this.random);
    this.informers = new InformerFactory(this.api);
    this.events = new EventRecorder(this.api);
    this.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  }

  get ctx(): ControllerContext {
    return { api: this.api, clock: this.clock, random: this.random, informers: this.informers, events: this.events };
  }

  add<C extends Controller>(c: C): C {
    return this.manager.add(c);
  }

  settle(): void {
    this.manager.settle();
  }

  advance(ms: number): void {
    const end = this.clock.now() + ms;
    this.settle();
    while (this.clock.runNext(end)) this.settle();
    this.clock.moveTo(end);
    this.settle();
  }

  /** The store's resourceVersion: unchanged means nothing was written. */
  rv(): number {
    return this.store.resourceVersion();
  }

  create<T extends KObject>(resource: string, obj: T, namespace = 'default'): Stored<T> {
    return this.api.create<T>(resource, namespace, obj);
  }

  list<T extends KObject>(resource: string, namespace = 'default'): Stored<T>[] {
    return this.api.list<T>(resource, namespace).items;
  }

  pods(namespace = 'default'): Stored<Pod>[] {
    return this.list<Pod>('pods', namespace);
  }

  node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Stored<Node> {
    return this.api.create<Node>('nodes', '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
      spec: taints.length ? { taints } : {},
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }

  bind(pod: Stored<Pod>, nodeName: string): Stored<Pod> {
    return this.api.bind(pod.metadata.namespace ?? 'default', pod.metadata.name, nodeName);
  }

  /** The kubelet's part: the pod runs (and is ready unless told otherwise), with an IP. */
  run(pod: Stored<Pod>, opts: { ready?: boolean; node?: string } = {}): Stored<Pod> {
    let p = this.api.get<Pod>('pods', pod.metadata.namespace ?? 'default', pod.metadata.name);
    if (!p.spec?.nodeName) p = this.bind(p, opts.node ?? 'node-1');
    const ready = opts.ready ?? true;
    const now = this.clock.timestamp();
    const ip = p.status?.podIP ?? `10.244.1.${this.ipSeq++}`;
    const status = {
      ...clone(p.status ?? {}),
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: p.status?.startTime ?? now,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      ],
      containerStatuses: (p.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: now } },
      })),
    };
    return this.api.updateStatus<Pod>('pods', p.metadata.namespace ?? 'default', { ...p, status } as Pod);
  }

  /** The container exits: the pod ends Succeeded (code 0) or Failed. */
  finish(pod: Stored<Pod>, exitCode = 0): Stored<Pod> {
    const p = this.api.get<Pod>('pods', pod.metadata.namespace ?? 'default', pod.metadata.name);
    const now = this.clock.timestamp();
    const status = {
      ...clone(p.status ?? {}),
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: (p.status?.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: now } : c,
      ),
      containerStatuses: (p.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: false,
        restartCount: 0,
        started: false,
        state: {
          terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: now },
        },
      })),
    };
    return this.api.updateStatus<Pod>('pods', p.metadata.namespace ?? 'default', { ...p, status } as Pod);
  }

  /** The kubelet finished a graceful deletion: the pod object goes. */
  reap(pod: Stored<Pod>): void {
    const p = this.api.find<Pod>('pods', pod.metadata.namespace ?? 'default', pod.metadata.name);
    if (p) this.api.delete('pods', p.metadata.namespace ?? 'default', p.metadata.name, { gracePeriodSeconds: 0 });
  }

  /**
   * A stand-in for scheduler and kubelets: until nothing changes, pending pods start (ready when
   * `ready(pod)` says so, default yes) and pods being deleted go away.
   */
  converge(opts: { ready?: (p: Stored<Pod>) => boolean; start?: (p: Stored<Pod>) => boolean } = {}, rounds = 100): void {
    for (let i = 0; i < rounds; i++) {
      this.settle();
      let changed = false;
      for (const p of this.api.list<Pod>('pods').items) {
        if (p.metadata.deletionTimestamp) {
          if (!p.metadata.finalizers?.length) {
            this.reap(p);
            changed = true;
          } else if (p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded') {
            // The kubelet stops the containers; the object stays until its finalizers are gone.
            this.finish(p, 137);
            changed = true;
          }
          continue;
        }
        const phase = p.status?.phase;
        if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') continue;
        if (opts.start && !opts.start(p)) continue;
        this.run(p, { ready: opts.ready?.(p) ?? true });
        changed = true;
      }
      if (!changed) return;
    }
  }

  eventMessages(reason?: string): string[] {
    return this.list<KObject & { reason?: string; message?: string }>('events')
      .filter((e) => !reason || e.reason === reason)
      .map((e) => e.message ?? '');
  }
}
