import { ApiServer } from '../apiserver/apiserver';
import { EventRecorder } from '../apiserver/events';
import { ResourceRegistry } from '../apiserver/registry';
import { ObjectStore, type StoreSnapshot } from '../apiserver/store';
import type { ControllerContext } from '../controllers/controller';
import { InformerFactory } from '../controllers/informer';
import { type ControllerState, ControllerManager } from '../controllers/manager';
import { Clock, type ClockState } from './clock';
import { installControlPlane } from './controlplane';
import type { MachineFleet } from './machines';
import { presets } from './presets';
import { Random, type RandomState } from './random';

export interface ClusterOptions {
  seed?: number;
  preset?: string;
  /** When the cluster is created, ms since the Unix epoch (simulated). */
  startTime?: number;
  /** Freeze stored objects so that accidental mutation throws (on by default; off for large benchmarks). */
  freezeObjects?: boolean;
  /**
   * The pod network the node IPAM controller carves a /24 per Node from (kube-controller-manager
   * --cluster-cidr). kind's 10.244.0.0/16 holds 256 nodes; large clusters need e.g. 10.0.0.0/8.
   */
  clusterCIDR?: string;
}

export interface ClusterSnapshot {
  format: 'kube-sandbox/cluster';
  version: 1;
  seed: number;
  preset: string;
  clock: ClockState;
  random: RandomState;
  store: StoreSnapshot;
  controllers: Record<string, ControllerState>;
  events: ReturnType<EventRecorder['snapshot']>;
}

/** 2025-01-06T09:00:00Z: the default moment a sandbox cluster is created. */
export const DEFAULT_START = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * The composition root: one simulated cluster — store, API server, controllers, scheduler,
 * simulated nodes — all driven by one simulated clock and one seed.
 */
export class Cluster {
  readonly clock: Clock;
  readonly random: Random;
  readonly registry = new ResourceRegistry();
  readonly store: ObjectStore;
  readonly api: ApiServer;
  readonly informers: InformerFactory;
  readonly events: EventRecorder;
  readonly manager = new ControllerManager();
  readonly seed: number;
  readonly preset: string;
  readonly clusterCIDR: string | undefined;
  /** The simulated machines; set by the kubelet fleet when the control plane is installed. */
  machines!: MachineFleet;

  private constructor(opts: ClusterOptions) {
    this.seed = opts.seed ?? 1;
    this.preset = opts.preset ?? 'default';
    this.clusterCIDR = opts.clusterCIDR;
    this.clock = new Clock(opts.startTime ?? DEFAULT_START);
    this.random = new Random(this.seed);
    this.store = new ObjectStore(opts.freezeObjects ?? true);
    this.api = new ApiServer(this.registry, this.store, this.clock, this.random);
    this.informers = new InformerFactory(this.api);
    this.events = new EventRecorder(this.api);
    installControlPlane(this);
  }

  /** A new cluster built from a preset and run until it has settled, as `kind create cluster` leaves one. */
  static create(opts: ClusterOptions = {}): Cluster {
    const cluster = new Cluster(opts);
    const preset = presets[cluster.preset];
    if (!preset) throw new Error(`unknown cluster preset "${cluster.preset}" (known: ${Object.keys(presets).join(', ')})`);
    preset.build(cluster);
    cluster.advance(preset.settleMs);
    return cluster;
  }

  static fromSnapshot(snapshot: ClusterSnapshot, opts: Pick<ClusterOptions, 'freezeObjects'> = {}): Cluster {
    if (snapshot?.format !== 'kube-sandbox/cluster' || snapshot.version !== 1) {
      throw new Error('not a kube-sandbox cluster snapshot (format kube-sandbox/cluster, version 1)');
    }
    const cluster = new Cluster({ seed: snapshot.seed, preset: snapshot.preset, freezeObjects: opts.freezeObjects });
    cluster.store.restore(snapshot.store);
    cluster.clock.restore(snapshot.clock);
    cluster.random.restore(snapshot.random);
    cluster.events.restore(snapshot.events);
    cluster.informers.restart();
    cluster.manager.restore(snapshot.controllers);
    return cluster;
  }

  get context(): ControllerContext {
    return { api: this.api, clock: this.clock, random: this.random, informers: this.informers, events: this.events };
  }

  now(): number {
    return this.clock.now();
  }

  /** Let every controller finish what it can at the current instant. */
  settle(): void {
    this.manager.settle();
  }

  /** Move simulated time forward by `ms`, running every due timer and reconcile in order. */
  advance(ms: number): void {
    const end = this.clock.now() + Math.max(0, ms);
    this.settle();
    while (this.clock.runNext(end)) this.settle();
    this.clock.moveTo(end);
  }

  /** Advance in steps of at most `stepMs` until `done()` holds or `withinMs` passed; returns the time it took. */
  advanceUntil(done: () => boolean, withinMs: number, stepMs = 1000): number | undefined {
    const start = this.clock.now();
    this.settle();
    if (done()) return 0;
    while (this.clock.now() - start < withinMs) {
      this.advance(Math.min(stepMs, withinMs - (this.clock.now() - start)));
      if (done()) return this.clock.now() - start;
    }
    return undefined;
  }

  snapshot(): ClusterSnapshot {
    this.settle();
    return {
      format: 'kube-sandbox/cluster',
      version: 1,
      seed: this.seed,
      preset: this.preset,
      clock: this.clock.snapshot(),
      random: this.random.snapshot(),
      store: this.store.snapshot(),
      controllers: this.manager.snapshot(),
      events: this.events.snapshot(),
    };
  }
}
