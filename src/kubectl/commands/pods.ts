import type { Container, Pod } from 'kubernetes-types/core/v1';
import { selectorFromLabelSelector } from '../../engine/api/labels';
import type { AnyObject, Stored } from '../../engine/api/types';
import type { Ctx } from '../command';
import { fatal } from '../errors';
import { mappingFor } from '../resource/mapping';

/** What the kubelet fleet offers kubectl (logs and exec), when the cluster has one. */
export interface KubeletApi {
  logs(
    namespace: string,
    pod: string,
    container?: string,
    opts?: { previous?: boolean; timestamps?: boolean; tailLines?: number; sinceSeconds?: number; limitBytes?: number },
  ): string;
  exec(namespace: string, pod: string, container: string | undefined, argv: string[], stdin?: string): { stdout: string; stderr: string; exitCode: number };
  /** An interactive shell kept between lines (absent on fleets that cannot keep one). */
  shellSession?(
    namespace: string,
    pod: string,
    container: string | undefined,
    shell?: string,
  ): { run(line: string): { stdout: string; stderr: string; exitCode: number; closed: boolean }; close(): void };
}

export function kubeletOf(ctx: Ctx): KubeletApi {
  const m = ctx.cluster.machines as unknown as Partial<KubeletApi> | undefined;
  if (!m || typeof m.logs !== 'function' || typeof m.exec !== 'function') {
    throw fatal('the nodes of this cluster do not answer logs or exec requests');
  }
  return m as KubeletApi;
}

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

/** `a, b (init), c (ephem)` as kubectl lists a pod's containers. */
export function allContainerNames(pod: Pod): string {
  const names = [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
  return names.join(', ');
}

function findContainer(pod: Pod, name: string): Container | undefined {
  return (
    pod.spec?.containers?.find((c) => c.name === name) ??
    pod.spec?.initContainers?.find((c) => c.name === name) ??
    (pod.spec?.ephemeralContainers?.find((c) => c.name === name) as Container | undefined)
  );
}

/** podcmd.FindOrDefaultContainerByName: the named container, the annotated default, or the first (with a note). */
export function defaultContainer(ctx: Ctx, pod: Stored<Pod>, name: string, quiet = false): string {
  if (name) {
    if (!findContainer(pod, name)) throw new Error(`container ${name} not found in pod ${pod.metadata.name}`);
    return name;
  }
  const containers = pod.spec?.containers ?? [];
  if (!containers.length) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER];
  if (annotated && findContainer(pod, annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && (containers.length > 1 || pod.spec?.initContainers?.length || pod.spec?.ephemeralContainers?.length)) {
    ctx.io.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);

/** The pod kubectl picks behind a workload: assigned, running, ready, fewest restarts, oldest. */
function bestPod(pods: Stored<Pod>[]): Stored<Pod> {
  const key = (p: Stored<Pod>): (number | string)[] => [
    p.spec?.nodeName ? 0 : 1,
    -(PHASE_RANK[p.status?.phase ?? ''] ?? -1),
    isReady(p) ? 0 : 1,
    restarts(p),
    p.metadata.creationTimestamp,
  ];
  return [...pods].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  })[0];
}

/**
 * The pod a `POD` or `TYPE/NAME` argument stands for (logs, exec, attach): a pod itself, or
 * the first pod a workload or service selects. `found` reports how many pods were candidates.
 */
export function podFor(ctx: Ctx, arg: string): { pod: Stored<Pod>; candidates: number } {
  const slash = arg.indexOf('/');
  const rt = slash < 0 ? ctx.api.resource('pods') : mappingFor(ctx.cluster.registry, arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const obj = ctx.api.get(rt, ctx.namespace, name) as Stored & AnyObject;
  if (rt.kind === 'Pod') return { pod: obj as Stored<Pod>, candidates: 1 };
  const spec = obj.spec as { selector?: unknown } | undefined;
  let selector: ReturnType<typeof selectorFromLabelSelector>;
  if (rt.kind === 'Service' || rt.kind === 'ReplicationController') {
    const sel = (spec?.selector ?? {}) as Record<string, string>;
    if (!Object.keys(sel).length) throw new Error(`cannot attach to *v1.${rt.kind}: invalid service '${name}': Service is defined without a selector`);
    selector = selectorFromLabelSelector({ matchLabels: sel });
  } else if (spec?.selector) {
    selector = selectorFromLabelSelector(spec.selector as never);
  } else {
    throw new Error(`cannot attach to *${rt.group ? rt.group.split('.')[0] : 'v1'}.${rt.kind}: selector for *${rt.group ? rt.group.split('.')[0] : 'v1'}.${rt.kind} not implemented`);
  }
  const pods = ctx.api.list<Pod>('pods', obj.metadata.namespace).items.filter((p) => selector.matches(p.metadata.labels ?? {}));
  if (!pods.length) throw new Error('timed out waiting for the condition');
  return { pod: bestPod(pods), candidates: pods.length };
}
