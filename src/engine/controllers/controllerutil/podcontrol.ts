import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isStatusError, StatusError } from '../../api/status';
import { clone, type KObject, type Stored } from '../../api/types';
import type { ControllerContext } from '../controller';

/**
 * controller.GetPodFromTemplate: a pod with the template's labels, annotations, finalizers and
 * spec, named `<owner>-<random>` by the API server, owned by `ref`.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KObject, ref?: OwnerReference): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: `${owner.metadata?.name ?? ''}-` },
    spec: clone(template?.spec ?? { containers: [] }),
  };
  const m = pod.metadata as NonNullable<Pod['metadata']>;
  if (meta.labels) m.labels = { ...meta.labels };
  if (meta.annotations) m.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) m.finalizers = [...meta.finalizers];
  if (ref) m.ownerReferences = [ref];
  return pod;
}

/** Whether a create failed only because the namespace is going away (no event is worth it then). */
export function isNamespaceTerminating(e: unknown): boolean {
  return (
    isStatusError(e) &&
    (e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating') ||
      /because it is being terminated/.test(e.message))
  );
}

/**
 * RealPodControl.CreatePods: create the pod and record `SuccessfulCreate` (`Created pod: x`) on
 * the owner, or `FailedCreate` (`Error creating: …`) and rethrow. The pod is handed over to the
 * API server: callers build it for this call and keep no reference.
 */
export function createPod(ctx: ControllerContext, owner: KObject, pod: Pod, component: string): Stored<Pod> {
  if (!pod.metadata?.labels || Object.keys(pod.metadata.labels).length === 0) {
    throw new Error('unable to create pods, no labels');
  }
  try {
    const created = ctx.api.create<Pod>('pods', owner.metadata?.namespace ?? '', pod, { owned: true });
    ctx.events.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, { component });
    return created;
  } catch (e) {
    if (e instanceof StatusError && !isNamespaceTerminating(e)) {
      ctx.events.event(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, { component });
    }
    throw e;
  }
}

/**
 * RealPodControl.DeletePod: delete and record `SuccessfulDelete` (`Deleted pod: x`). A pod that is
 * already gone is fine; other failures record `FailedDelete` and rethrow.
 */
export function deletePod(ctx: ControllerContext, owner: KObject, namespace: string, name: string, component: string): boolean {
  try {
    ctx.api.delete('pods', namespace, name);
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return false;
    if (e instanceof StatusError) {
      ctx.events.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, { component });
    }
    throw e;
  }
  ctx.events.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, { component });
  return true;
}

/**
 * slowStartBatch: run `fn` `count` times in batches of 1, 2, 4 … and stop after the first batch
 * with a failure, so that a create that fails for everyone (a quota, say) fails once, not a
 * hundred times. Returns the successes and the first error.
 */
export function slowStartBatch(count: number, initial: number, fn: (i: number) => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  let index = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    let ok = 0;
    for (let i = 0; i < batch; i++) {
      try {
        fn(index++);
        ok++;
      } catch (e) {
        error ??= e;
      }
    }
    successes += ok;
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}
