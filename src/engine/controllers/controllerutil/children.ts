import type { Pod } from 'kubernetes-types/core/v1';
import type { Labels, Selector } from '../../api/labels';
import type { Stored } from '../../api/types';
import type { Informer } from '../informer';
import { getControllerOf } from './ownerref';

/**
 * A pod as its owner's controller sees it: the object plus the facts every sync asks for,
 * worked out once per pod version.
 */
export class Child {
  readonly active: boolean;
  readonly terminal: boolean;
  readonly ready: boolean;
  /** When the Ready condition turned True (ms), 0 when not ready. */
  readonly readySince: number;
  /** Remembered selector matches (a pod is asked by its owner's selector and its template's). */
  private sel1?: Selector;
  private ok1 = false;
  private sel2?: Selector;
  private ok2 = false;

  constructor(readonly pod: Stored<Pod>) {
    const phase = pod.status?.phase;
    this.terminal = phase === 'Succeeded' || phase === 'Failed';
    this.active = !this.terminal && !pod.metadata.deletionTimestamp;
    let ready = false;
    let since = 0;
    for (const c of pod.status?.conditions ?? []) {
      if (c.type !== 'Ready') continue;
      if (c.status === 'True') {
        ready = true;
        const t = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
        since = Number.isNaN(t) ? 0 : t;
      }
      break;
    }
    this.ready = ready;
    this.readySince = since;
  }

  matches(selector: Selector): boolean {
    if (this.sel1 === selector) return this.ok1;
    if (this.sel2 === selector) return this.ok2;
    const ok = selector.matches((this.pod.metadata.labels ?? {}) as Labels);
    this.sel2 = this.sel1;
    this.ok2 = this.ok1;
    this.sel1 = selector;
    this.ok1 = ok;
    return ok;
  }

  available(minReadySeconds: number, now: number): boolean {
    if (!this.ready) return false;
    if (!minReadySeconds) return true;
    return this.readySince !== 0 && this.readySince + minReadySeconds * 1000 <= now;
  }
}

const registries = new WeakMap<object, PodChildren>();
const ORPHAN = 'orphan:';

/**
 * Pods by the uid of their controller (and orphans by namespace), kept from the pod informer's
 * events. Syncs of a ReplicaSet or DaemonSet walk their own pods directly, already digested,
 * instead of looking every pod up again. Shared by all controllers on the same informer.
 *
 * A snapshot restore refills the informer without events: controllers call rebuild() from
 * restoreState().
 */
export class PodChildren {
  private readonly byOwner = new Map<string, Map<string, Child>>();
  private readonly ownerOf = new Map<string, string>();

  private constructor(private readonly pods: Informer<Pod>) {
    pods.addHandlers({
      add: (p) => this.put(p),
      update: (p) => this.put(p),
      delete: (p) => this.drop(key(p)),
    });
    this.rebuild();
  }

  static of(pods: Informer<Pod>): PodChildren {
    let r = registries.get(pods);
    if (!r) {
      r = new PodChildren(pods);
      registries.set(pods, r);
    }
    return r;
  }

  rebuild(): void {
    this.byOwner.clear();
    this.ownerOf.clear();
    for (const p of this.pods.list()) this.put(p);
  }

  /** The pods whose controller has this uid. */
  of(uid: string): Child[] {
    const m = this.byOwner.get(uid);
    return m ? [...m.values()] : [];
  }

  count(uid: string): number {
    return this.byOwner.get(uid)?.size ?? 0;
  }

  /** Pods without a controller in a namespace. */
  orphans(namespace: string): Child[] {
    return this.of(ORPHAN + namespace);
  }

  private put(p: Stored<Pod>): void {
    const k = key(p);
    const owner = getControllerOf(p)?.uid ?? ORPHAN + (p.metadata.namespace ?? '');
    const prev = this.ownerOf.get(k);
    if (prev !== undefined && prev !== owner) this.drop(k);
    let m = this.byOwner.get(owner);
    if (!m) {
      m = new Map();
      this.byOwner.set(owner, m);
    }
    m.set(k, new Child(p));
    this.ownerOf.set(k, owner);
  }

  private drop(k: string): void {
    const owner = this.ownerOf.get(k);
    if (owner === undefined) return;
    this.ownerOf.delete(k);
    const m = this.byOwner.get(owner);
    if (!m) return;
    m.delete(k);
    if (m.size === 0) this.byOwner.delete(owner);
  }
}

function key(p: Stored<Pod>): string {
  return `${p.metadata.namespace ?? ''}/${p.metadata.name}`;
}
