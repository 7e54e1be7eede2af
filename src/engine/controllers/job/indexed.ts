import type { Job } from 'kubernetes-types/batch/v1';
import type { Container, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { comparePodsForDeletion } from '../controllerutil/ranking';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const isIndexed = (job: Job) => job.spec?.completionMode === 'Indexed';

/** getCompletionIndex: the pod's index from its annotation, or -1. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** Indexes as the sorted, compressed `completedIndexes` string (`0-2,4,7-9`) does it. */
export class IndexSet {
  readonly values: number[];
  constructor(values: Iterable<number> = []) {
    this.values = [...new Set(values)].sort((a, b) => a - b);
  }

  /** parseIndexesFromString, ignoring anything out of [0, completions). */
  static parse(text: string | undefined, completions: number): IndexSet {
    const out: number[] = [];
    for (const part of (text ?? '').split(',')) {
      if (!part) continue;
      const [a, b] = part.split('-');
      const lo = Number(a);
      const hi = b === undefined ? lo : Number(b);
      if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
      for (let i = lo; i <= hi && i < completions; i++) if (i >= 0) out.push(i);
    }
    return new IndexSet(out);
  }

  has(i: number): boolean {
    return this.values.includes(i);
  }

  with(more: Iterable<number>): IndexSet {
    return new IndexSet([...this.values, ...more]);
  }

  get total(): number {
    return this.values.length;
  }

  toString(): string {
    const parts: string[] = [];
    let i = 0;
    while (i < this.values.length) {
      let j = i;
      while (j + 1 < this.values.length && this.values[j + 1] === this.values[j] + 1) j++;
      parts.push(j === i ? String(this.values[i]) : `${this.values[i]}-${this.values[j]}`);
      i = j + 1;
    }
    return parts.join(',');
  }
}

function addIndexEnv(c: Container): void {
  if ((c.env ?? []).some((e) => e.name === INDEX_ENV)) return;
  c.env = [...(c.env ?? []), { name: INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }];
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the pod's annotation, in every container. */
export function addCompletionIndexEnv(t: PodTemplateSpec): void {
  for (const c of t.spec?.initContainers ?? []) addIndexEnv(c);
  for (const c of t.spec?.containers ?? []) addIndexEnv(c);
}

/** The pod template for one index: annotation, label and hostname `<job>-<index>`. */
export function withIndex(t: PodTemplateSpec, job: Job, index: number): PodTemplateSpec {
  const out = structuredClone(t);
  out.metadata = {
    ...(out.metadata ?? {}),
    annotations: { ...(out.metadata?.annotations ?? {}), [COMPLETION_INDEX]: String(index) },
    labels: { ...(out.metadata?.labels ?? {}), [COMPLETION_INDEX]: String(index) },
  };
  if (out.spec) out.spec.hostname = `${job.metadata?.name}-${index}`;
  return out;
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the whole fits 63 characters. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const append = `-${index}-`;
  let name = jobName;
  if (name.length + append.length > 58) name = name.slice(0, 58 - append.length);
  return name + append;
}

/** firstPendingIndexes: the lowest indexes neither succeeded (nor failed) nor held by an active pod. */
export function firstPendingIndexes(active: readonly Pod[], succeeded: IndexSet, count: number, completions: number, failed?: IndexSet): number[] {
  const taken = new Set([...succeeded.values, ...(failed?.values ?? [])]);
  for (const p of active) taken.add(completionIndex(p));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/**
 * appendDuplicatedIndexPodsForRemoval: active pods with an invalid index, or a second pod for
 * the same index, go first; the rest stay candidates.
 */
export function duplicatedIndexPods<T extends Pod>(pods: T[], completions: number, now: number): { rm: T[]; left: T[] } {
  const rm: T[] = [];
  const left: T[] = [];
  const byIndex = new Map<number, T[]>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions) rm.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  for (const group of byIndex.values()) {
    group.sort((a, b) => comparePodsForDeletion(a, b, 0, 0, now));
    rm.push(...group.slice(0, -1));
    left.push(group[group.length - 1]);
  }
  return { rm, left };
}
