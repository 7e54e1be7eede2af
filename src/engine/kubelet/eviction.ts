import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, quantityFromBytes, tryParseQuantity } from '../api/quantity';
import { qosClass } from '../apiserver/strategies/qos';
import type { PressureKind } from '../sim/machines';
import { isSidecar } from './containers';
import type { KubeletCore } from './core';
import { isMirrorPod } from './node';
import { EPHEMERAL_STORAGE } from './nodestatus';
import type { MachineState, PodRuntime } from './state';
import { killPodContainers } from './stoporder';
import { nodeUsage, podUsage, type UsageSource } from './usage';

/**
 * The kubelet's eviction manager (pkg/kubelet/eviction): every housekeeping pass it observes the
 * eviction signals, reports the pressure conditions (held for evictionPressureTransitionPeriod
 * after the signal recovers), and while a hard threshold is met it evicts one pod per pass in the
 * upstream rank order until the signal is back above its threshold.
 *
 * `sim node-pressure` starts a non-pod consumer (a runaway system process, a filling disk, a fork
 * bomb outside the pods) that takes enough of the resource to push the signal below its threshold.
 * Evicting pods frees only what the pods used, so whether the node recovers depends on them.
 */

/** evictionPressureTransitionPeriod's default. */
export const PRESSURE_TRANSITION_MS = 5 * 60_000;
/** Hard evictions kill with this grace period (immediateEvictionGracePeriodSeconds). */
export const EVICTION_GRACE_MS = 1000;
/** SystemCriticalPriority: pods at or above it (system-cluster-critical, system-node-critical) are critical. */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
/** /proc/sys/kernel/pid_max on a 64-bit kind node. */
export const PID_MAX = 4_194_304;
/** The node's own files on its disk (OS, kubelet, containerd state) beyond images and pods. */
const SYSTEM_DISK_BYTES = 6 * 1024 ** 3;
/** Processes of the node itself (systemd, containerd, kubelet and their threads). */
const SYSTEM_PROCESSES = 180;

/** How far below its threshold the fault pushes a signal when it starts. */
const SHORTFALL: Record<PressureKind, number> = {
  memory: 48 * 1024 * 1024,
  disk: 1024 ** 3,
  pid: 2000,
};

const MI = 1024 * 1024;
/** float32(0.1): thresholds given as percentages are float32 in the kubelet's config. */
const F10 = Math.fround(0.1);

/** One eviction signal: its name, the threshold, and the resource the messages speak of. */
interface Signal {
  kind: PressureKind;
  /** `memory.available<100Mi`: the kubelet's defaults for the memory and nodefs signals. */
  signal: string;
  resource: string;
  capacity(m: MachineState): number;
  threshold(m: MachineState): number;
  /** The threshold as the message prints it (a quantity for both fixed and percentage values). */
  thresholdText(m: MachineState): string;
}

const SIGNALS: Signal[] = [
  {
    kind: 'memory',
    signal: 'memory.available',
    resource: 'memory',
    capacity: (m) => parseQuantity(m.spec.memory).value(),
    threshold: () => 100 * MI,
    thresholdText: () => '100Mi',
  },
  {
    // kind's own cluster config turns the disk thresholds off (0%); this sandbox keeps the
    // kubelet's defaults (nodefs.available<10%, imagefs.available<15%, nodefs.inodesFree<5%) so
    // that disk pressure can be taught. The image filesystem is the node filesystem on a kind node.
    kind: 'disk',
    signal: 'nodefs.available',
    resource: 'ephemeral-storage',
    capacity: () => parseQuantity(EPHEMERAL_STORAGE).value(),
    threshold: () => Math.trunc(parseQuantity(EPHEMERAL_STORAGE).value() * F10),
    thresholdText: () => quantityFromBytes(Math.trunc(parseQuantity(EPHEMERAL_STORAGE).value() * F10)).toString(),
  },
  {
    // The kubelet sets no pid.available threshold by default; the sandbox's kubelets run with
    // pid.available<10% so that PIDPressure can happen.
    kind: 'pid',
    signal: 'pid.available',
    resource: 'pids',
    capacity: () => PID_MAX,
    threshold: () => Math.trunc(PID_MAX * F10),
    thresholdText: () => String(Math.trunc(PID_MAX * F10)),
  },
];

export interface EvictionState {
  /** The non-pod consumer each fault started (bytes, or processes for pid). */
  consumer: Partial<Record<PressureKind, number>>;
  /** When each signal was last observed past its threshold (ms). */
  lastMet: Partial<Record<PressureKind, number>>;
}

function stateOf(m: MachineState): EvictionState {
  if (!m.eviction) m.eviction = { consumer: {}, lastMet: {} };
  return m.eviction;
}

function livePods(m: MachineState): PodRuntime[] {
  return Object.values(m.pods).filter((rt) => !rt.finished);
}

/** A pod's writable layers and logs on the node filesystem (what the container stats call rootfs + logs). */
function containerDisk(rt: PodRuntime, name: string): number {
  const c = rt.containers[name];
  if (c?.state !== 'running') return 0;
  let bytes = 32 * 1024;
  for (const l of c.logs) bytes += l[2].length + 1;
  for (const l of c.prevLogs) bytes += l[2].length + 1;
  return bytes;
}

function podDisk(rt: PodRuntime): number {
  return Object.keys(rt.containers).reduce((n, name) => n + containerDisk(rt, name), 0);
}

function podProcesses(rt: PodRuntime): number {
  return Object.values(rt.containers).filter((c) => c.state === 'running').length;
}

/** What the signal's resource has available now, before the fault's consumer. */
function availableWithoutFault(source: UsageSource, m: MachineState, s: Signal, now: number): number {
  if (s.kind === 'memory') return s.capacity(m) - (nodeUsage(source, m.spec.name, now)?.memoryBytes ?? 0);
  if (s.kind === 'disk') {
    const images = Object.values(m.images).reduce((n, i) => n + i.size, 0);
    return s.capacity(m) - SYSTEM_DISK_BYTES - images - livePods(m).reduce((n, rt) => n + podDisk(rt), 0);
  }
  return s.capacity(m) - SYSTEM_PROCESSES - livePods(m).reduce((n, rt) => n + podProcesses(rt), 0);
}

export function observe(source: UsageSource, m: MachineState, kind: PressureKind, now: number): number {
  const s = SIGNALS.find((x) => x.kind === kind) as Signal;
  return availableWithoutFault(source, m, s, now) - (m.eviction?.consumer[kind] ?? 0);
}

/** Images no container on the machine uses (the pause image is pinned): what image GC may delete. */
function unusedImages(m: MachineState): string[] {
  const used = new Set<string>();
  for (const rt of Object.values(m.pods)) for (const c of Object.values(rt.containers)) if (c.imageID && c.state !== 'terminated') used.add(c.imageID);
  return Object.keys(m.images)
    .filter((id) => !used.has(id) && !m.images[id].names.some((n) => n.startsWith('registry.k8s.io/pause:')))
    .sort();
}

/**
 * `sim node-pressure`: the consumer starts or stops. It takes the signal just below its
 * threshold; for disk, by that much more than image garbage collection could free, so that the
 * kubelet's node-level reclaim runs first and still leaves it short.
 */
export function setPressureFault(source: UsageSource, m: MachineState, kind: PressureKind, on: boolean, now: number): void {
  const st = stateOf(m);
  if (!on) {
    delete st.consumer[kind];
    return;
  }
  if (st.consumer[kind] !== undefined) return;
  const s = SIGNALS.find((x) => x.kind === kind) as Signal;
  const reclaimable = kind === 'disk' ? unusedImages(m).reduce((n, id) => n + m.images[id].size, 0) : 0;
  st.consumer[kind] = Math.max(0, availableWithoutFault(source, m, s, now) + reclaimable - (s.threshold(m) - SHORTFALL[kind]));
}

/** IsCriticalPod: static and mirror pods, and pods at system-critical priority. */
export function isCriticalPod(rt: PodRuntime): boolean {
  return !!rt.staticName || isCritical(rt.pod);
}

function isCritical(pod: Pod): boolean {
  if (isMirrorPod(pod) || pod.metadata?.annotations?.['kubernetes.io/config.source'] === 'file') return true;
  return (pod.spec?.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY;
}

const CONDITION: Record<PressureKind, string> = { memory: 'MemoryPressure', disk: 'DiskPressure', pid: 'PIDPressure' };

/**
 * The eviction manager as a pod admit handler: under memory pressure only BestEffort pods are
 * refused (unless they tolerate the memory-pressure taint), under disk or PID pressure every pod;
 * critical pods always get in. Returns the rejection message, or undefined to admit.
 */
export function admissionRejection(m: MachineState, pod: Pod): string | undefined {
  const conditions = (['memory', 'disk', 'pid'] as const).filter((k) => m.pressure[k]).map((k) => CONDITION[k]);
  if (!conditions.length || isCritical(pod)) return undefined;
  if (conditions.length === 1 && conditions[0] === 'MemoryPressure') {
    if (qosClass(pod) !== 'BestEffort') return undefined;
    const tolerates = (pod.spec?.tolerations ?? []).some(
      (t) =>
        (!t.effect || t.effect === 'NoSchedule') &&
        ((t.operator === 'Exists' && (!t.key || t.key === 'node.kubernetes.io/memory-pressure')) || (t.key === 'node.kubernetes.io/memory-pressure' && !t.value)),
    );
    if (tolerates) return undefined;
  }
  return `The node had condition: [${conditions.join(' ')}]. `;
}

/** The containers whose requests count: regular ones and sidecars (restartable init containers). */
function requestingContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []).filter(isSidecar), ...(pod.spec?.containers ?? [])];
}

interface Candidate {
  rt: PodRuntime;
  usage: number;
  requests: number;
  priority: number;
  /** Per container: name, usage, request, and the request as the message prints it. */
  containers: { name: string; used: number; req: number; reqText: string }[];
}

function candidate(source: UsageSource, rt: PodRuntime, s: Signal, now: number): Candidate {
  const containers: Candidate['containers'] = [];
  const mem = s.kind === 'memory' ? podUsage(source, rt.pod, now) : undefined;
  for (const c of requestingContainers(rt.pod)) {
    const req = c.resources?.requests?.[s.resource];
    const used =
      s.kind === 'memory' ? (mem?.containers.find((x) => x.name === c.name)?.memoryBytes ?? 0) : s.kind === 'disk' ? containerDisk(rt, c.name) : 0;
    const q = tryParseQuantity(req as string | undefined);
    containers.push({ name: c.name, used, req: q?.value() ?? 0, reqText: q?.toString() ?? '0' });
  }
  const usage = s.kind === 'pid' ? podProcesses(rt) : containers.reduce((n, c) => n + c.used, 0);
  const requests = s.kind === 'pid' ? 0 : containers.reduce((n, c) => n + c.req, 0);
  return { rt, usage, requests, priority: rt.pod.spec?.priority ?? 0, containers };
}

/**
 * rankMemoryPressure / rankDiskPressureFunc: pods using more than they requested first, then lower
 * priority, then the most usage above requests. rankPIDPressure: priority, then most processes.
 */
export function rank(cands: Candidate[], kind: PressureKind): Candidate[] {
  const byName = (a: Candidate, b: Candidate) => a.rt.key.localeCompare(b.rt.key);
  if (kind === 'pid') return [...cands].sort((a, b) => a.priority - b.priority || b.usage - a.usage || byName(a, b));
  return [...cands].sort((a, b) => {
    const ea = a.usage > a.requests ? 1 : 0;
    const eb = b.usage > b.requests ? 1 : 0;
    return eb - ea || a.priority - b.priority || b.usage - b.requests - (a.usage - a.requests) || byName(a, b);
  });
}

/** evictionMessage: the resource, the threshold met, and each container using more than it requested. */
function evictionMessage(s: Signal, m: MachineState, available: number, c: Candidate): string {
  let msg = `The node was low on resource: ${s.resource}. `;
  const avail = s.kind === 'pid' ? String(available) : quantityFromBytes(Math.max(0, available)).toString();
  msg += `Threshold quantity: ${s.thresholdText(m)}, available: ${avail}. `;
  if (s.kind === 'pid') return msg;
  for (const x of c.containers) {
    if (x.used > x.req) msg += `Container ${x.name} was using ${quantityFromBytes(x.used).toString()}, request is ${x.reqText}, has larger consumption of ${s.resource}. `;
  }
  return msg;
}

/** Evict: the Evicted event, the DisruptionTarget condition and, once stopped, phase Failed. */
function evict(core: KubeletCore, m: MachineState, rt: PodRuntime, message: string): void {
  rt.evicted = message;
  core.podEvent(m, rt, 'Warning', 'Evicted', message);
  rt.terminating = { since: core.now(), graceMs: EVICTION_GRACE_MS };
  killPodContainers(core, m, rt, EVICTION_GRACE_MS);
  core.enqueue(rt.key);
}

/**
 * One synchronize pass of the eviction manager. Updates `m.pressure` (the conditions the node
 * status reports) and evicts at most one pod. Returns the evicted pod's key, if any.
 */
export function evictionPass(core: KubeletCore, source: UsageSource, m: MachineState): string | undefined {
  if (m.down || m.removed || !m.registered) return undefined;
  const now = core.now();
  const st = stateOf(m);
  const met: { s: Signal; available: number }[] = [];
  for (const s of SIGNALS) {
    // Pods' logs cannot fill a 100 GB disk nor their processes 4 million PIDs here: without a
    // fault's consumer those signals are far from their thresholds and not worth adding up.
    if (s.kind !== 'memory' && st.consumer[s.kind] === undefined && st.lastMet[s.kind] === undefined) {
      m.pressure[s.kind] = false;
      continue;
    }
    const available = observe(source, m, s.kind, now);
    if (available < s.threshold(m)) {
      st.lastMet[s.kind] = now;
      met.push({ s, available });
    }
    const last = st.lastMet[s.kind];
    m.pressure[s.kind] = last !== undefined && now - last < PRESSURE_TRANSITION_MS;
    if (!m.pressure[s.kind]) delete st.lastMet[s.kind];
  }
  if (!met.length) return undefined;
  // Memory is reclaimed first, then disk, then pids (the order the kubelet sorts thresholds in).
  const { s } = met[0];
  let { available } = met[0];
  core.nodeEvent(m, 'Warning', 'EvictionThresholdMet', `Attempting to reclaim ${s.resource}`);
  if (s.kind === 'disk') {
    // reclaimNodeLevelResources: image garbage collection before any pod is evicted.
    const unused = unusedImages(m);
    if (unused.length) {
      for (const id of unused) delete m.images[id];
      available = observe(source, m, 'disk', now);
      if (available >= s.threshold(m)) return undefined;
    }
  }
  // A pod already being evicted: wait for its cleanup before choosing the next one.
  if (Object.values(m.pods).some((rt) => rt.evicted && !rt.finished)) return undefined;
  const cands = livePods(m)
    .filter((rt) => !rt.terminating && !isCriticalPod(rt))
    .map((rt) => candidate(source, rt, s, now));
  const victim = rank(cands, s.kind)[0];
  if (!victim) return undefined;
  evict(core, m, victim.rt, evictionMessage(s, m, available, victim));
  return victim.rt.key;
}
