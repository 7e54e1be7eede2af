import type { Container, Pod } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../api/quantity';
import { processExit } from './containers';
import type { KubeletCore } from './core';
import { DEFAULT_USAGE, type ImageUsage, lookupImage } from './images';
import type { ContainerRuntime, KubeletState, MachineState, PodRuntime } from './state';

/**
 * The container usage model: how much CPU and memory each running container uses, computed on
 * demand from the machines' state and the load put on pods (nothing is ticked per container).
 *
 * A container uses its image's idle baseline (the catalogue's `usage`), plus what its program
 * allocated (the runtime's memory figure, which also decides OOM kills), plus load: requests per
 * second sent to it and extra CPU/memory from `sim load`. CPU is throttled at the container's
 * CPU limit, as the CFS quota does; the working set never exceeds the memory limit, because the
 * runtime kills a container that allocates past it.
 */

export interface Usage {
  /** CPU, millicores (an average over the last moments, as cAdvisor's rate is). */
  cpuMilli: number;
  /** Working-set memory, bytes. */
  memoryBytes: number;
}

/** Work put on one container by the load generator. */
export interface ContainerLoad {
  /** Requests per second it serves. */
  rps: number;
  /** Extra CPU it burns, millicores. */
  cpuMilli: number;
  /** Extra memory it holds, bytes. */
  memoryBytes: number;
}

/** Where load comes from: the load generator installed with the control plane. */
export interface LoadLookup {
  loadFor(pod: Pod, containerName: string): ContainerLoad | undefined;
}

/** What the model reads: the kubelets' view of pods and machines (the kubelet fleet is one). */
export interface UsageSource {
  podRuntime(namespace: string, pod: string): Readonly<PodRuntime> | undefined;
  machineState(name: string): Readonly<MachineState> | undefined;
}

/** A cluster (anything with `machines`) or the fleet itself. */
export type UsageHost = UsageSource | { machines: unknown };

export interface ContainerUsage extends Usage {
  name: string;
}

export interface PodUsage extends Usage {
  containers: ContainerUsage[];
}

/** Kubelet, containerd and systemd on a kind node: use beyond the pods'. */
const NODE_OVERHEAD: Record<'controlPlane' | 'worker', Usage> = {
  controlPlane: { cpuMilli: 30, memoryBytes: 260 * 1024 * 1024 },
  worker: { cpuMilli: 10, memoryBytes: 120 * 1024 * 1024 },
};

const loads = new WeakMap<object, LoadLookup>();

/** Attach the load generator to a fleet: every usage figure for its containers includes that load. */
export function bindLoad(source: UsageSource, load: LoadLookup): void {
  loads.set(source, load);
}

function sourceOf(host: UsageHost): UsageSource {
  return ('machines' in host ? host.machines : host) as UsageSource;
}

/** Usage data by image name: the catalogue is static, so a lookup (a reference parse) is done once per name. */
const byImage = new Map<string, ImageUsage>();

/** The image's usage data (the default for images the catalogue does not describe). */
export function imageUsage(imageName: string | undefined): ImageUsage {
  if (!imageName) return DEFAULT_USAGE;
  let u = byImage.get(imageName);
  if (!u) {
    u = lookupImage(imageName)?.spec.usage ?? DEFAULT_USAGE;
    byImage.set(imageName, u);
  }
  return u;
}

function specOf(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers?.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

function limitMilli(spec: Container | undefined): number | undefined {
  const q = tryParseQuantity(spec?.resources?.limits?.cpu as string | undefined);
  return q ? q.milliValue() : undefined;
}

function limitBytes(spec: Container | undefined): number | undefined {
  const q = tryParseQuantity(spec?.resources?.limits?.memory as string | undefined);
  return q ? q.value() : undefined;
}

/** `stress --cpu N` keeps N cores busy: its workers spin regardless of the image baseline. */
function programCpu(c: ContainerRuntime, spec: Container | undefined): number {
  if (c.process?.kind !== 'program' || c.process.plan.program !== 'stress') return 0;
  const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let v: string | undefined;
    if (a === '--cpu' || a === '-c') v = argv[i + 1];
    else if (a.startsWith('--cpu=')) v = a.slice(6);
    const n = Number(v);
    if (v !== undefined && Number.isFinite(n) && n > 0) return Math.round(n) * 1000;
  }
  return 0;
}

/** Usage of one container runtime (undefined when it is not running). */
function runtimeUsage(source: UsageSource, rt: Readonly<PodRuntime>, c: ContainerRuntime, now: number): Usage | undefined {
  if (c.state !== 'running' || (c.startedAt !== undefined && c.startedAt > now)) return undefined;
  const spec = specOf(rt.pod, c.name);
  const image = imageUsage(c.imageName);
  const load = loads.get(source)?.loadFor(rt.pod, c.name);
  const rps = load?.rps ?? 0;
  let cpu = image.cpuMilli + programCpu(c, spec) + rps * (image.cpuPerRps ?? 0) + (load?.cpuMilli ?? 0);
  let memory = image.memoryBytes + c.memory + rps * (image.memoryPerRps ?? 0) + (load?.memoryBytes ?? 0);
  const cpuLimit = limitMilli(spec);
  if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
  const memLimit = limitBytes(spec);
  if (memLimit !== undefined) memory = Math.min(memory, memLimit);
  return { cpuMilli: Math.round(cpu), memoryBytes: Math.round(memory) };
}

function runtimeOf(source: UsageSource, pod: Pod): Readonly<PodRuntime> | undefined {
  const rt = source.podRuntime(pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '');
  // Same name, different pod (deleted and recreated): the kubelet's runtime is not this pod's.
  if (!rt || (pod.metadata?.uid && rt.uid !== pod.metadata.uid && !rt.staticName)) return undefined;
  return rt;
}

/** What a pod's container uses at `now`; undefined when the container is not running. */
export function containerUsage(host: UsageHost, pod: Pod, containerName: string, now: number): Usage | undefined {
  const source = sourceOf(host);
  const rt = runtimeOf(source, pod);
  const c = rt?.containers[containerName];
  return rt && c ? runtimeUsage(source, rt, c, now) : undefined;
}

/** What a pod uses at `now`, per running container and in total; undefined when the kubelet runs nothing of it. */
export function podUsage(host: UsageHost, pod: Pod, now: number): PodUsage | undefined {
  const source = sourceOf(host);
  const rt = runtimeOf(source, pod);
  return rt ? runtimePodUsage(source, rt, now) : undefined;
}

function runtimePodUsage(source: UsageSource, rt: Readonly<PodRuntime>, now: number): PodUsage | undefined {
  const containers: ContainerUsage[] = [];
  for (const c of Object.values(rt.containers)) {
    const u = runtimeUsage(source, rt, c, now);
    if (u) containers.push({ name: c.name, ...u });
  }
  if (!containers.length) return undefined;
  return {
    containers,
    cpuMilli: containers.reduce((n, c) => n + c.cpuMilli, 0),
    memoryBytes: containers.reduce((n, c) => n + c.memoryBytes, 0),
  };
}

/** What a machine uses at `now`: its system daemons plus every running container; undefined when it is down or gone. */
export function nodeUsage(host: UsageHost, nodeName: string, now: number): Usage | undefined {
  const source = sourceOf(host);
  const m = source.machineState(nodeName);
  if (!m || m.down || m.removed) return undefined;
  const base = NODE_OVERHEAD[m.spec.controlPlane ? 'controlPlane' : 'worker'];
  let cpu = base.cpuMilli;
  let memory = base.memoryBytes;
  for (const rt of Object.values(m.pods)) {
    const u = runtimePodUsage(source, rt, now);
    if (u) {
      cpu += u.cpuMilli;
      memory += u.memoryBytes;
    }
  }
  return { cpuMilli: cpu, memoryBytes: memory };
}

/**
 * The kernel's OOM killer for memory put on containers by load: a running container whose
 * working set, with its load, would pass its memory limit is killed (exit 137, OOMKilled), as the
 * runtime does when a program allocates past it. Only load-driven excess counts, so a container
 * running idle is never killed by its image's baseline. Returns the `ns/pod/container` killed.
 */
export function enforceLoadMemoryLimits(core: KubeletCore & { state: KubeletState }, now: number): string[] {
  const load = loads.get(core as unknown as object);
  if (!load) return [];
  const killed: string[] = [];
  for (const m of Object.values(core.state.machines)) {
    if (m.down || m.removed) continue;
    for (const rt of Object.values(m.pods)) {
      for (const c of Object.values(rt.containers)) {
        if (c.state !== 'running' || (c.startedAt ?? 0) > now) continue;
        const extra = load.loadFor(rt.pod, c.name);
        if (!extra?.memoryBytes && !extra?.rps) continue;
        const spec = specOf(rt.pod, c.name);
        const limit = limitBytes(spec);
        if (limit === undefined) continue;
        const image = imageUsage(c.imageName);
        const demand = image.memoryBytes + c.memory + extra.rps * (image.memoryPerRps ?? 0) + extra.memoryBytes;
        if (demand <= limit) continue;
        processExit(core, rt, c, 137, 'OOMKilled');
        killed.push(`${rt.key}/${c.name}`);
      }
    }
  }
  return killed;
}
