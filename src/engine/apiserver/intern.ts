import type { Pod } from 'kubernetes-types/core/v1';

/** Enough distinct parts for every workload of a large cluster; past it the table starts over. */
const LIMIT = 20_000;

/**
 * One shared copy of equal read-only parts of stored objects. Pods of one workload carry the same
 * tolerations, service-account volume, resources, owner reference and labels, and pods started in
 * the same second the same conditions: at 150,000 pods, keeping one copy of each saves a few
 * hundred megabytes. Stored objects are never changed in place (the store freezes them), so a part
 * may be shared by any number of them.
 */
export class PartInterner {
  private readonly parts = new Map<string, unknown>();

  /** The shared copy equal to `value` (JSON-shaped), or `value` itself, which becomes the shared one. */
  intern<T>(value: T): T {
    if (value === undefined || value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    const known = this.parts.get(key);
    if (known !== undefined) return known as T;
    if (this.parts.size >= LIMIT) this.parts.clear();
    this.parts.set(key, value);
    return value;
  }

  /** A new Pod's parts that its siblings share (the object is the server's own copy, not yet stored). */
  podSpec(pod: Pod): void {
    const meta = pod.metadata;
    if (meta?.labels) meta.labels = this.intern(meta.labels);
    if (meta?.ownerReferences) meta.ownerReferences = this.intern(meta.ownerReferences);
    const spec = pod.spec;
    if (!spec) return;
    if (spec.tolerations) spec.tolerations = this.intern(spec.tolerations);
    if (spec.securityContext) spec.securityContext = this.intern(spec.securityContext);
    for (const c of spec.containers ?? []) if (c.resources) c.resources = this.intern(c.resources);
    for (const v of spec.volumes ?? []) if (v.projected) v.projected = this.intern(v.projected);
  }

  /** A Pod status's parts that pods on one node, or started in one second, share. */
  podStatus(status: NonNullable<Pod['status']>): void {
    if (status.conditions) status.conditions = status.conditions.map((c) => this.intern(c));
    if (status.hostIPs) status.hostIPs = this.intern(status.hostIPs);
  }
}
