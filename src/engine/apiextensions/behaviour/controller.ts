import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isStatusError, StatusError } from '../../api/status';
import { type AnyObject, clone, type KObject, type Stored } from '../../api/types';
import { apiVersionOf, type ResourceType, resourceKey } from '../../apiserver/registry';
import { Controller, type ControllerContext } from '../../controllers/controller';
import { cacheKey, type Informer, keyOf, splitKey } from '../../controllers/informer';
import { onServedResourcesChange } from '../controllers/served';
import { isObject } from '../types';
import { BEHAVIOUR_KEY, BEHAVIOUR_LABEL, type BehaviourSpec, parseBehaviour } from './spec';
import { render, TemplateError } from './template';

/** Set on the objects a behaviour made, as operators mark what they manage. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

const SEP = '|';

interface Loaded {
  resourceVersion: string;
  spec?: BehaviourSpec;
}

/**
 * Runs the behaviours lessons write as data (behaviour/spec.ts): for every object of a
 * behaviour's kind, the manifests in `ensure` are rendered from the object and kept in place,
 * owned by it (so deleting it deletes them) and labelled as managed by the behaviour.
 * Level-triggered: changes to the custom object, to what it owns, or to the behaviour itself
 * bring the object back; a settled object costs no write.
 *
 * Work queue keys: `<ns>/<configmap>` to (re)read a behaviour, and
 * `<ns>/<configmap>|<object key>` to reconcile one custom object.
 */
export class BehaviourController extends Controller {
  private readonly configMaps: Informer<ConfigMap>;
  private readonly loaded = new Map<string, Loaded>();
  /** Resource keys whose informers have our handlers. */
  private readonly watched = new Set<string>();

  constructor(ctx: ControllerContext) {
    super('crd-behaviours', ctx);
    this.configMaps = ctx.informers.for<ConfigMap>('configmaps');
    const onConfigMap = (cm: Stored<ConfigMap>) => {
      if (cm.metadata.labels?.[BEHAVIOUR_LABEL] === 'true' || this.loaded.has(keyOf(cm))) this.queue.add(keyOf(cm));
    };
    this.configMaps.addHandlers({
      add: onConfigMap,
      update: onConfigMap,
      delete: onConfigMap,
    });
    // A custom kind starting to be served may make a behaviour's kind resolvable.
    onServedResourcesChange(ctx.api, () => {
      for (const k of this.loaded.keys()) this.queue.add(k);
    });
    for (const cm of this.configMaps.list()) onConfigMap(cm);
  }

  snapshotState(): null {
    return null;
  }

  /** Informer handlers live outside the snapshot: wire them again from the store's behaviours. */
  restoreState(): void {
    this.loaded.clear();
    this.watched.clear();
    for (const cm of this.configMaps.list()) if (cm.metadata.labels?.[BEHAVIOUR_LABEL] === 'true') this.queue.add(keyOf(cm));
  }

  reconcile(key: string): void {
    const bar = key.indexOf(SEP);
    if (bar < 0) this.reconcileBehaviour(key);
    else this.reconcileObject(key.slice(0, bar), key.slice(bar + 1));
  }

  private resolve(spec: BehaviourSpec): ResourceType | undefined {
    return this.api.registry.all().find((rt) => rt.kind === spec.forKind && (!spec.apiVersion || apiVersionOf(rt) === spec.apiVersion));
  }

  private reconcileBehaviour(cmKey: string): void {
    const [ns, name] = splitKey(cmKey);
    const cm = this.configMaps.get(ns, name);
    if (cm?.metadata.labels?.[BEHAVIOUR_LABEL] !== 'true') {
      this.loaded.delete(cmKey);
      return;
    }
    const parsed = parseBehaviour(cm.data?.[BEHAVIOUR_KEY]);
    if ('error' in parsed) {
      this.loaded.set(cmKey, { resourceVersion: cm.metadata.resourceVersion });
      this.ctx.events.event(cm, 'Warning', 'InvalidController', parsed.error, {
        component: name,
      });
      return;
    }
    this.loaded.set(cmKey, {
      resourceVersion: cm.metadata.resourceVersion,
      spec: parsed.spec,
    });
    const rt = this.resolve(parsed.spec);
    if (!rt) return; // its kind is not served yet; discovery changes bring this key back
    const owners = this.watch(rt);
    for (const t of parsed.spec.ensure) {
      const childRt = this.api.registry.forObject(t.apiVersion as string, t.kind as string);
      if (childRt) this.watch(childRt);
    }
    for (const obj of owners.list()) this.queue.add(`${cmKey}${SEP}${keyOf(obj)}`);
  }

  /** Make sure an informer for `rt` tells us about its objects (once per resource). */
  private watch(rt: ResourceType): Informer {
    const informer = this.ctx.informers.for(resourceKey(rt));
    const key = resourceKey(rt);
    if (this.watched.has(key)) return informer;
    this.watched.add(key);
    const changed = (obj: Stored) => {
      // The object may be a custom object a behaviour acts for …
      for (const [cmKey, l] of this.loaded) {
        if (obj.kind === l.spec?.forKind && (!l.spec.apiVersion || obj.apiVersion === l.spec.apiVersion)) this.queue.add(`${cmKey}${SEP}${keyOf(obj)}`);
      }
      // … or something one of them owns.
      const owner = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
      if (!owner) return;
      for (const [cmKey, l] of this.loaded) {
        if (l.spec && owner.kind === l.spec.forKind && obj.metadata.labels?.[MANAGED_BY_LABEL] === splitKey(cmKey)[1]) {
          this.queue.add(`${cmKey}${SEP}${this.ownerKey(owner, obj)}`);
        }
      }
    };
    informer.addHandlers({ add: changed, update: changed, delete: changed });
    return informer;
  }

  /** An owner lives in its dependent's namespace, or is cluster-scoped. */
  private ownerKey(owner: OwnerReference, dependent: Stored): string {
    const rt = this.api.registry.forObject(owner.apiVersion, owner.kind);
    return cacheKey(rt?.namespaced ? dependent.metadata.namespace : '', owner.name);
  }

  private reconcileObject(cmKey: string, objKey: string): void {
    const spec = this.loaded.get(cmKey)?.spec;
    if (!spec) return;
    const rt = this.resolve(spec);
    if (!rt) return;
    const [ns, name] = splitKey(objKey);
    const owner = this.api.find<AnyObject>(rt, ns, name);
    // A deleted object's children are the garbage collector's.
    if (!owner || owner.metadata.deletionTimestamp) return;
    const behaviourName = splitKey(cmKey)[1];
    const wanted = new Set<string>();
    for (const template of spec.ensure) {
      let desired: AnyObject;
      try {
        desired = render(template, owner) as AnyObject;
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        this.ctx.events.event(owner, 'Warning', 'InvalidTemplate', e.message, {
          component: behaviourName,
        });
        continue;
      }
      const childRt = this.api.registry.forObject(desired.apiVersion as string, desired.kind as string);
      if (!childRt) {
        this.ctx.events.event(owner, 'Warning', 'FailedCreate', `no matches for kind "${desired.kind}" in version "${desired.apiVersion}"`, {
          component: behaviourName,
        });
        continue;
      }
      this.watch(childRt);
      const meta = (isObject(desired.metadata) ? desired.metadata : {}) as NonNullable<KObject['metadata']>;
      desired.metadata = meta;
      meta.namespace = childRt.namespaced ? meta.namespace || ns || 'default' : undefined;
      if (!meta.namespace) delete meta.namespace;
      meta.labels = {
        ...(meta.labels ?? {}),
        [MANAGED_BY_LABEL]: behaviourName,
      };
      meta.ownerReferences = [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ];
      wanted.add(`${resourceKey(childRt)}/${meta.namespace ?? ''}/${meta.name}`);
      this.ensure(childRt, desired, owner, behaviourName);
    }
    this.removeStale(spec, owner, behaviourName, wanted);
  }

  private ensure(rt: ResourceType, desired: AnyObject, owner: Stored<AnyObject>, behaviourName: string): void {
    const meta = desired.metadata as NonNullable<KObject['metadata']>;
    const existing = this.api.find<AnyObject>(rt, meta.namespace ?? '', meta.name ?? '');
    try {
      if (!existing) {
        this.api.create(rt, meta.namespace ?? '', desired);
        return;
      }
      const controller = (existing.metadata.ownerReferences ?? []).find((r) => r.controller);
      if (controller?.uid !== owner.metadata.uid) {
        this.ctx.events.event(
          owner,
          'Warning',
          'FailedCreate',
          `${rt.kind.toLowerCase()} "${meta.name}" already exists and is not managed by ${owner.kind.toLowerCase()} "${owner.metadata.name}"`,
          { component: behaviourName },
        );
        return;
      }
      if (covers(existing, desired)) return;
      this.api.update(rt, meta.namespace ?? '', merge(clone(existing), desired) as AnyObject);
    } catch (e) {
      if (e instanceof StatusError && e.reason !== 'Conflict' && e.reason !== 'AlreadyExists') {
        this.ctx.events.event(owner, 'Warning', existing ? 'FailedUpdate' : 'FailedCreate', e.message, { component: behaviourName });
      }
      throw e;
    }
  }

  /** Objects this behaviour made for `owner` that its manifests no longer name. */
  private removeStale(spec: BehaviourSpec, owner: Stored<AnyObject>, behaviourName: string, wanted: Set<string>): void {
    const kinds = new Map<string, ResourceType>();
    for (const t of spec.ensure) {
      const rt = this.api.registry.forObject(t.apiVersion as string, t.kind as string);
      if (rt) kinds.set(resourceKey(rt), rt);
    }
    for (const [key, rt] of kinds) {
      for (const child of this.ctx.informers.for(key).list()) {
        if (child.metadata.labels?.[MANAGED_BY_LABEL] !== behaviourName || child.metadata.deletionTimestamp) continue;
        if (!(child.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid)) continue;
        if (wanted.has(`${key}/${child.metadata.namespace ?? ''}/${child.metadata.name}`)) continue;
        try {
          this.api.delete(rt, child.metadata.namespace ?? '', child.metadata.name);
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
        }
      }
    }
  }
}

/** Whether everything `desired` says is already so in `actual` (the server may have added more). */
export function covers(actual: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && actual.length === desired.length && desired.every((d, i) => covers(actual[i], d));
  }
  if (isObject(desired)) {
    return isObject(actual) && Object.entries(desired).every(([k, v]) => v === undefined || covers(actual[k], v));
  }
  return actual === desired;
}

/** `desired` written over `actual`, keeping what the server added where the shapes agree. */
export function merge(actual: unknown, desired: unknown): unknown {
  if (Array.isArray(desired)) {
    if (Array.isArray(actual) && actual.length === desired.length) return desired.map((d, i) => merge(actual[i], d));
    return desired;
  }
  if (isObject(desired)) {
    const out: Record<string, unknown> = isObject(actual) ? { ...actual } : {};
    for (const [k, v] of Object.entries(desired)) if (v !== undefined) out[k] = merge(out[k], v);
    return out;
  }
  return desired;
}
