import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../api/quantity';

/**
 * Resource amounts as the scheduler counts them (framework.Resource): CPU in millicores, the
 * rest in plain units. Plain numbers, because they are added and compared for every node of
 * every pod; quantities are parsed once per pod or node.
 */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`), hugepages and the like; absent when none. */
  scalar?: Record<string, number>;
}

/** What a node offers: its allocatable resources plus how many pods it takes. */
export interface Allocatable extends Resources {
  pods: number;
}

/** Requests assumed for containers that state none, when scoring (schedutil.DefaultMilliCPURequest/DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = Record<string, string | number | undefined>;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
}

function amount(name: string, value: string | number | undefined): number {
  const q = tryParseQuantity(value);
  if (!q) return 0;
  return name === 'cpu' ? q.milliValue() : q.value();
}

function isScalar(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods' && name !== 'storage';
}

/** Parse a ResourceList into numbers. */
export function toResources(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  if (!list) return r;
  for (const [name, value] of Object.entries(list)) {
    const n = amount(name, value);
    if (name === 'cpu') r.milliCPU += n;
    else if (name === 'memory') r.memory += n;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += n;
    else if (isScalar(name)) {
      r.scalar ??= {};
      r.scalar[name] = (r.scalar[name] ?? 0) + n;
    }
  }
  return r;
}

export function addResources(into: Resources, r: Resources, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  if (r.scalar) {
    into.scalar ??= {};
    for (const [k, v] of Object.entries(r.scalar)) {
      const next = (into.scalar[k] ?? 0) + sign * v;
      if (next === 0) delete into.scalar[k];
      else into.scalar[k] = next;
    }
  }
}

function maxResources(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalar) {
    into.scalar ??= {};
    for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, v);
  }
}

function cloneResources(r: Resources): Resources {
  return { ...r, scalar: r.scalar ? { ...r.scalar } : undefined };
}

export interface NonMissing {
  milliCPU: number;
  memory: number;
}

function containerRequests(c: Container, nonMissing: NonMissing | undefined): Resources {
  const requests = (c.resources?.requests ?? {}) as ResourceList;
  const r = toResources(requests);
  if (nonMissing) {
    // A container that names no request for cpu/memory is counted at the default (applyNonMissing).
    if (requests.cpu === undefined) r.milliCPU = nonMissing.milliCPU;
    if (requests.memory === undefined) r.memory = nonMissing.memory;
  }
  return r;
}

/**
 * A pod's effective requests, as resourcehelper.PodRequests: regular containers and sidecars
 * (restartable init containers) run together and add up; each ordinary init container runs
 * alone, next to the sidecars started before it, so the pod needs the largest of those; the
 * pod overhead comes on top.
 */
export function podRequests(pod: Pod, nonMissing?: NonMissing): Resources {
  const spec = pod.spec;
  const reqs = emptyResources();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addResources(reqs, containerRequests(c, nonMissing));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    let r = containerRequests(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      addResources(reqs, r);
      addResources(sidecars, r);
      r = cloneResources(sidecars);
    } else {
      const tmp = cloneResources(r);
      addResources(tmp, sidecars);
      r = tmp;
    }
    maxResources(initMax, r);
  }
  maxResources(reqs, initMax);
  if (spec.overhead) addResources(reqs, toResources(spec.overhead as ResourceList));
  return reqs;
}

/** Requests with the scoring defaults for containers that state none (the scheduler's "non-zero" requests). */
export function podNonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  const r = podRequests(pod, { milliCPU: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST });
  return { milliCPU: r.milliCPU, memory: r.memory };
}

export function nodeAllocatable(node: Node): Allocatable {
  const list = (node.status?.allocatable ?? {}) as ResourceList;
  const r = toResources(list);
  return { ...r, pods: amount('pods', list.pods) };
}
