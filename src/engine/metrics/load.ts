import type { Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { selectorFromLabelSelector } from '../api/labels';
import type { KObject } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import type { Informer } from '../controllers/informer';
import type { ContainerLoad, LoadLookup } from '../kubelet/usage';

/** What `sim load` can point at: a Service (requests per second) or pods directly (CPU and memory per pod). */
export type LoadKind = 'service' | 'deployment' | 'replicaset' | 'statefulset' | 'daemonset' | 'pod';

export interface LoadEntry {
  kind: LoadKind;
  namespace: string;
  name: string;
  /** Requests per second sent to a Service, spread evenly over its ready endpoints. */
  rps?: number;
  /** Extra CPU each selected pod's first container burns, millicores. */
  cpuMilli?: number;
  /** Extra memory each selected pod's first container holds, bytes. */
  memoryBytes?: number;
}

export const LOAD_GENERATOR = 'load-generator';

/** How often the OOM killer checks loaded containers against their memory limits. */
const OOM_CHECK_MS = 5_000;

const WORKLOAD_RESOURCES: Record<Exclude<LoadKind, 'service' | 'pod'>, string> = {
  deployment: 'apps/deployments',
  replicaset: 'apps/replicasets',
  statefulset: 'apps/statefulsets',
  daemonset: 'apps/daemonsets',
};

/**
 * The simulation's load generator: traffic and work a learner puts on pods with `sim load`.
 * It holds only the load settings (a snapshot keeps them); which pods get how much is worked out
 * from the current API state whenever a usage figure is asked for, so load follows scaling:
 * a Service's requests spread over whatever endpoints are ready at that moment.
 */
export class LoadGenerator extends Controller implements LoadLookup {
  private entries: LoadEntry[] = [];
  private readonly slices: Informer<EndpointSlice>;
  private readonly workloads: Record<string, Informer<KObject & { spec?: { selector?: LabelSelector } }>>;

  /**
   * @param enforce the memory limit check on the machines (the OOM killer), run while memory
   *   load is applied: it returns what it killed.
   */
  constructor(
    ctx: ControllerContext,
    private readonly enforce: (now: number) => string[] = () => [],
  ) {
    super(LOAD_GENERATOR, ctx);
    this.slices = ctx.informers.for<EndpointSlice>('discovery.k8s.io/endpointslices');
    this.workloads = Object.fromEntries(Object.entries(WORKLOAD_RESOURCES).map(([k, ref]) => [k, ctx.informers.for(ref)]));
  }

  /**
   * While load is applied, the OOM killer looks every few seconds: new pods of a loaded workload,
   * or a container restarted after a kill, run into their limit again (and crash-loop, as they would).
   */
  reconcile(): number | undefined {
    if (!this.entries.length) return undefined;
    this.enforce(this.ctx.clock.now());
    return OOM_CHECK_MS;
  }

  snapshotState(): LoadEntry[] {
    return structuredClone(this.entries);
  }

  restoreState(state: unknown): void {
    this.entries = Array.isArray(state) ? structuredClone(state as LoadEntry[]) : [];
  }

  list(): readonly LoadEntry[] {
    return this.entries;
  }

  /** Set (or, with nothing left to put, remove) the load on one target. */
  set(entry: LoadEntry): void {
    this.entries = this.entries.filter((e) => !(e.kind === entry.kind && e.namespace === entry.namespace && e.name === entry.name));
    if (entry.rps || entry.cpuMilli || entry.memoryBytes) this.entries.push(entry);
    this.queue.add('oom');
    this.entries.sort((a, b) => `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`));
  }

  loadFor(pod: Pod, containerName: string): ContainerLoad | undefined {
    const ns = pod.metadata?.namespace ?? 'default';
    const main = pod.spec?.containers?.[0]?.name;
    let rps = 0;
    let cpu = 0;
    let memory = 0;
    for (const e of this.entries) {
      if (e.namespace !== ns) continue;
      if (e.kind === 'service') {
        rps += this.serviceShare(e, pod, containerName);
        continue;
      }
      if (containerName !== main || !this.selects(e, pod)) continue;
      cpu += e.cpuMilli ?? 0;
      memory += e.memoryBytes ?? 0;
    }
    return rps || cpu || memory ? { rps, cpuMilli: cpu, memoryBytes: memory } : undefined;
  }

  private selects(e: LoadEntry, pod: Pod): boolean {
    if (pod.metadata?.deletionTimestamp) return false;
    if (e.kind === 'pod') return pod.metadata?.name === e.name;
    const owner = this.workloads[e.kind]?.get(e.namespace, e.name);
    const selector = owner?.spec?.selector;
    if (!selector) return false;
    return selectorFromLabelSelector(selector).matches(pod.metadata?.labels ?? {});
  }

  /**
   * This container's share of a Service's requests: the Service's ready endpoints (its
   * EndpointSlices, as kube-proxy routes) split the rate evenly; within a pod, the container
   * that declares the target port serves it (the first container when none declares it).
   */
  private serviceShare(e: LoadEntry, pod: Pod, containerName: string): number {
    if (!e.rps) return 0;
    const ready = new Set<string>();
    let port: number | undefined;
    for (const s of this.slices.list(e.namespace)) {
      if (s.metadata?.labels?.['kubernetes.io/service-name'] !== e.name) continue;
      port ??= s.ports?.[0]?.port ?? undefined;
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false || ep.targetRef?.kind !== 'Pod' || !ep.targetRef.name) continue;
        ready.add(ep.targetRef.name);
      }
    }
    if (!ready.has(pod.metadata?.name ?? '')) return 0;
    const containers = pod.spec?.containers ?? [];
    const server = containers.find((c) => c.ports?.some((p) => p.containerPort === port)) ?? containers[0];
    return server?.name === containerName ? e.rps / ready.size : 0;
  }
}
