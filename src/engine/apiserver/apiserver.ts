import { fromStorageVersion, toStorageVersion } from './conversion';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector, Status } from 'kubernetes-types/meta/v1';
import type { Eviction } from 'kubernetes-types/policy/v1';
import { parseFieldSelector } from '../api/fields';
import { parseSelector, selectorFromLabelSelector, selectorFromSet } from '../api/labels';
import { GENERATE_NAME_ALPHABET } from '../api/names';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  methodNotAllowed,
  notFound,
  StatusError,
  staleConflict,
  type FieldError,
} from '../api/status';
import { type AnyObject, clone, type KObject, metaOf, type Mutable, type Stored, type WatchEvent } from '../api/types';
import type { Clock } from '../sim/clock';
import type { Random } from '../sim/random';
import type { AdmissionPlugin, AdmissionRequest } from './admission/types';
import {
  checkMergePatchBody,
  jsonPatch,
  mergePatch,
  PatchError,
  schemaFor,
  strategicMergePatch,
  toStatusError,
  unsupportedPatchType,
} from './patch';
import {
  apiVersionOf,
  qualifiedName,
  type ResourceRegistry,
  type ResourceType,
  resourceKey,
} from './registry';
import { ephemeralContainersUpdate } from './ephemeral';
import { admitEviction } from './eviction';
import { ExpiredError, type ObjectStore } from './store';
import { qosClass, strategyFor, validateObjectMeta, validateObjectMetaUpdate } from './strategies';
import type { Strategy, StrategyContext } from './strategy';
import type {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  ObjectList,
  PatchType,
  ReadOptions,
  UserInfo,
  WatchHandler,
  WriteOptions,
} from './types';

export interface AuthorizationRequest {
  user: UserInfo;
  verb: string;
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type Authorizer = (req: AuthorizationRequest) => { allowed: boolean; reason?: string };

export const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

type ResourceRef = ResourceType | string;

/** How the scale subresource reads and writes a custom resource's replicas and selector. */
export interface ScaleAccessor {
  read(obj: KObject): { specReplicas: number; statusReplicas: number; selector: string };
  write(obj: KObject, replicas: number): void;
}

/**
 * The API server: Kubernetes' verbs over the object store, with per-kind strategies, admission,
 * optimistic concurrency, finalizers and graceful deletion. Everything (controllers, kubelets,
 * kubectl, the UI, lessons) goes through it.
 */
/**
 * The scale subresource's status.selector for built-in kinds: their spec.selector as a label
 * query (a LabelSelector for apps/v1 kinds, a plain map for ReplicationControllers).
 */
function builtinScaleSelector(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  try {
    if (s.matchLabels !== undefined || s.matchExpressions !== undefined) return selectorFromLabelSelector(sel as LabelSelector).toString();
    return selectorFromSet(sel as Record<string, string>).toString();
  } catch {
    return '';
  }
}

/** What an aggregated API server serves for one resource (get throws its NotFound). */
export interface AggregatedResource {
  get(namespace: string, name: string): Stored;
  find(namespace: string, name: string): Stored | undefined;
  list(namespace?: string): Stored[];
}

export class ApiServer {
  private readonly admission: AdmissionPlugin[] = [];
  /** Hooks that run after a write is stored (e.g. IP allocation bookkeeping); rarely needed. */
  constructor(
    readonly registry: ResourceRegistry,
    readonly store: ObjectStore,
    readonly clock: Clock,
    readonly random: Random,
  ) {}

  use(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  /** Strategies for resources that are not built in (custom resources), by resource key. */
  readonly customStrategies = new Map<string, Strategy>();

  /**
   * Where a custom resource keeps its scale fields (its CRD's subresources.scale paths), by
   * resource key. Built-in kinds use spec.replicas, status.replicas and status.selector.
   */
  readonly customScale = new Map<string, ScaleAccessor>();

  /**
   * Resources an aggregated API server answers for (metrics.k8s.io from metrics-server), by
   * resource key: read from it on each request, never stored.
   */
  readonly aggregated = new Map<string, AggregatedResource>();

  /** How this server treats a resource: a registered custom strategy, else the built-in one. */
  strategy(rt: ResourceType): Strategy {
    const key = resourceKey(rt);
    return this.customStrategies.get(key) ?? strategyFor(key);
  }

  /**
   * Decides whether a user may do a verb on a resource (RBAC); a refusal throws Forbidden before
   * anything else happens. Unset, everything is allowed.
   */
  authorizer?: Authorizer;

  private authorize(user: UserInfo | undefined, verb: string, rt: ResourceType, namespace: string | undefined, name?: string, subresource?: string): void {
    if (!this.authorizer) return;
    const u = user ?? ADMIN;
    const decision = this.authorizer({ user: u, verb, resource: rt, namespace: rt.namespaced ? namespace : undefined, name, subresource });
    if (decision.allowed) return;
    const what = subresource ? `${rt.plural}/${subresource}` : rt.plural;
    const scope = rt.namespaced && namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
    // A create names no object, unless it is a subresource of one (pods/exec, pods/eviction).
    const named = name && (verb !== 'create' || subresource) ? `${qualifiedName(rt)} "${name}"` : qualifiedName(rt);
    throw forbidden(
      `${named} is forbidden: User "${u.username}" cannot ${verb} resource "${what}" in API group "${rt.group}"${scope}${decision.reason ? `: ${decision.reason}` : ''}`,
    );
  }

  /**
   * A request the API server proxies to the kubelet (pods/log, pods/exec, pods/attach,
   * pods/portforward): authorized like any other request before the kubelet is reached.
   */
  authorizeConnect(verb: 'get' | 'create', resource: ResourceRef, namespace: string, name: string, subresource: string, opts: { user?: UserInfo } = {}): void {
    this.authorize(opts.user, verb, this.resource(resource), namespace, name, subresource);
  }

  /** Look a resource up by `group/plural` key (`pods`, `apps/deployments`) or pass one through. */
  resource(ref: ResourceRef): ResourceType {
    if (typeof ref !== 'string') return ref;
    const slash = ref.lastIndexOf('/');
    const t = slash < 0 ? this.registry.get('', ref) : this.registry.get(ref.slice(0, slash), ref.slice(slash + 1));
    if (!t) throw notFound('resources', ref);
    return t;
  }

  get<T extends KObject = KObject>(ref: ResourceRef, namespace: string, name: string, opts: ReadOptions = {}): Stored<T> {
    const rt = this.resource(ref);
    this.authorize(opts.user, 'get', rt, namespace, name);
    const agg = this.aggregated.get(resourceKey(rt));
    if (agg) return agg.get(this.nsFor(rt, namespace), name) as Stored<T>;
    const obj = this.store.get(resourceKey(rt), this.nsFor(rt, namespace), name);
    if (!obj) throw notFound(qualifiedName(rt), name, rt.group, rt.kind);
    return obj as unknown as Stored<T>;
  }

  /** Like get, but undefined when absent. */
  find<T extends KObject = KObject>(ref: ResourceRef, namespace: string, name: string): Stored<T> | undefined {
    const rt = this.resource(ref);
    const agg = this.aggregated.get(resourceKey(rt));
    if (agg) return agg.find(this.nsFor(rt, namespace), name) as Stored<T> | undefined;
    return this.store.get(resourceKey(rt), this.nsFor(rt, namespace), name) as unknown as Stored<T> | undefined;
  }

  list<T extends KObject = KObject>(ref: ResourceRef, namespace?: string, opts: ListOptions = {}): ObjectList<T> {
    const rt = this.resource(ref);
    this.authorize(opts.user, 'list', rt, namespace);
    const match = this.matcher(rt, opts);
    const agg = this.aggregated.get(resourceKey(rt));
    const items = (agg ? agg.list(rt.namespaced && namespace ? namespace : undefined) : this.store.list(resourceKey(rt), rt.namespaced && namespace ? namespace : undefined)).filter(
      match,
    ) as unknown as Stored<T>[];
    return {
      apiVersion: apiVersionOf(rt),
      kind: `${rt.kind}List`,
      metadata: { resourceVersion: String(this.store.resourceVersion()) },
      items,
    };
  }

  /**
   * Watch a resource in one namespace (or all): ADDED/MODIFIED/DELETED for objects matching the
   * selectors. With `resourceVersion`, replays what happened since (410 Expired when too old).
   * Without it, starts with ADDED for every current object, as a watch from "0" does.
   */
  watch<T extends KObject = KObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    opts: ListOptions & { resourceVersion?: string },
    handler: WatchHandler<T>,
  ): () => void {
    const rt = this.resource(ref);
    this.authorize(opts.user, 'watch', rt, namespace);
    const match = this.matcher(rt, opts);
    const key = resourceKey(rt);
    const inScope = (o: Stored) => !rt.namespaced || !namespace || o.metadata.namespace === namespace;
    const deliver = (e: WatchEvent) => {
      if (inScope(e.object) && match(e.object)) handler(e as unknown as WatchEvent<T>);
    };
    if (opts.resourceVersion === undefined || opts.resourceVersion === '0') {
      for (const o of this.store.list(key, rt.namespaced ? namespace : undefined)) deliver({ type: 'ADDED', object: o });
      return this.store.watch(key, deliver);
    }
    try {
      return this.store.watch(key, deliver, Number(opts.resourceVersion));
    } catch (e) {
      if (e instanceof ExpiredError) {
        throw new StatusError({
          apiVersion: 'v1',
          kind: 'Status',
          metadata: {},
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: `too old resource version: ${opts.resourceVersion} (${this.store.resourceVersion()})`,
        });
      }
      throw e;
    }
  }

  create<T extends KObject = KObject>(ref: ResourceRef, namespace: string, input: T, opts: WriteOptions = {}): Stored<T> {
    const rt = this.resource(ref);
    this.requireVerb(rt, 'create');
    const obj = this.decode(rt, input, namespace, undefined, opts.owned);
    this.authorize(opts.user, 'create', rt, obj.metadata?.namespace);
    const meta = metaOf(obj);
    const ns = meta.namespace ?? '';
    const strategy = this.strategy(rt);
    const ctx = this.context();
    if (!meta.name && meta.generateName) meta.name = this.generateName(rt, ns, meta.generateName);
    strategy.defaults?.(obj, ctx);
    // Server-owned metadata is the server's, whatever the client sent.
    meta.uid = this.random.stream('uid').uuid();
    meta.creationTimestamp = ctx.timestamp;
    for (const f of SERVER_SET_ON_CREATE) if (f in meta) delete meta[f];
    if (strategy.generation) meta.generation = 1;
    else delete meta.generation;
    strategy.prepareForCreate?.(obj, ctx);
    const req = this.admissionRequest('CREATE', rt, obj, undefined, opts);
    this.checkNamespace(rt, ns, meta.name ?? '');
    for (const p of this.admission) p.admit?.(req, this);
    // The QoS class is computed after mutating admission (LimitRanger may have filled in resources).
    if (rt.kind === 'Pod' && !rt.group) (obj as AnyObject).status = { ...(obj as Pod).status, qosClass: qosClass(obj as Pod) };
    this.validate(rt, strategy, obj, undefined, ctx);
    for (const p of this.admission) p.validate?.(req, this);
    if (this.store.get(resourceKey(rt), ns, meta.name as string)) {
      throw alreadyExists(qualifiedName(rt), meta.name as string, rt.group, rt.kind);
    }
    if (opts.dryRun) return obj as unknown as Stored<T>;
    meta.resourceVersion = this.store.nextResourceVersion();
    return this.store.put(resourceKey(rt), obj as Stored, 'ADDED') as unknown as Stored<T>;
  }

  /** Replace an object (PUT). A stale metadata.resourceVersion gets a Conflict. */
  update<T extends KObject = KObject>(ref: ResourceRef, namespace: string, input: T, opts: WriteOptions = {}): Stored<T> {
    const rt = this.resource(ref);
    this.requireVerb(rt, 'update');
    const obj = this.decode(rt, input, namespace);
    this.authorize(opts.user, 'update', rt, obj.metadata?.namespace, obj.metadata?.name);
    return this.replace(rt, obj, opts, 'main') as unknown as Stored<T>;
  }

  /** Write the status subresource: everything but status is kept from the stored object. */
  updateStatus<T extends KObject = KObject>(ref: ResourceRef, namespace: string, input: T, opts: WriteOptions = {}): Stored<T> {
    const rt = this.resource(ref);
    if (!rt.subresources.includes('status')) {
      throw notFound(`${qualifiedName(rt)}/status`, input.metadata?.name ?? '');
    }
    // Only metadata and status are read from a status write: the rest is not worth copying.
    const obj = this.decode(rt, input, namespace, STATUS_WRITE, opts.owned);
    this.authorize(opts.user, 'update', rt, obj.metadata?.namespace, obj.metadata?.name, 'status');
    return this.replace(rt, obj, opts, 'status') as unknown as Stored<T>;
  }

  patch<T extends KObject = KObject>(
    ref: ResourceRef,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: 'status' | 'scale'; version?: string } = {},
  ): Stored<T> {
    const rt = this.resource(ref);
    this.requireVerb(rt, 'patch');
    this.authorize(opts.user, 'patch', rt, namespace, name, opts.subresource);
    // A patch sent to another served version applies to the object as that version shows it.
    const old = fromStorageVersion(rt, this.get(rt, namespace, name), opts.version);
    let patched: KObject;
    try {
      if (type === 'merge') {
        checkMergePatchBody(patch);
        patched = mergePatch(clone(old), patch) as KObject;
      } else if (type === 'json') patched = jsonPatch(clone(old), patch) as KObject;
      else {
        const schema = schemaFor(apiVersionOf(rt), rt.kind);
        // Types without strategic information (custom resources) refuse this patch type: 415.
        if (!schema) throw unsupportedPatchType();
        patched = strategicMergePatch(clone(old), patch, schema) as KObject;
      }
    } catch (e) {
      if (e instanceof StatusError) throw e;
      if (e instanceof PatchError) throw toStatusError(e);
      throw badRequest((e as Error).message);
    }
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) {
      throw badRequest('the patch did not produce an object');
    }
    // A patch is applied to the version it read; only a resourceVersion in the patch itself makes it conditional.
    const meta = metaOf(patched);
    if (!meta.resourceVersion) meta.resourceVersion = old.metadata.resourceVersion;
    if (opts.subresource === 'scale') throw methodNotAllowed('patching scale is done through patchScale');
    return this.replace(rt, this.decode(rt, patched, namespace), opts, opts.subresource === 'status' ? 'status' : 'main') as unknown as Stored<T>;
  }

  delete<T extends KObject = KObject>(ref: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): DeleteResult<T> {
    const rt = this.resource(ref);
    this.requireVerb(rt, 'delete');
    this.authorize(opts.user, 'delete', rt, namespace, name);
    const old = this.get(rt, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(qualifiedName(rt), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`, rt.group);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(qualifiedName(rt), name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`, rt.group);
    }
    const req = this.admissionRequest('DELETE', rt, undefined, old, opts);
    for (const p of this.admission) p.validate?.(req, this);

    const grace = this.gracePeriod(rt, old, opts);
    const obj = clone(old) as Stored;
    const meta = metaOf(obj);
    if (!meta.deletionTimestamp) this.strategy(rt).prepareForDelete?.(obj, this.context());
    const finalizers = [...(meta.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    const alreadyDeleting = !!meta.deletionTimestamp;
    if (!alreadyDeleting && policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (!alreadyDeleting && policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const specFinalizers = rt.kind === 'Namespace' ? (((obj as AnyObject).spec as { finalizers?: string[] })?.finalizers ?? []) : [];

    if (finalizers.length === 0 && specFinalizers.length === 0 && grace === 0) {
      if (opts.dryRun) return { object: old as unknown as Stored<T>, deleted: true };
      meta.resourceVersion = this.store.nextResourceVersion();
      if (!meta.deletionTimestamp) {
        meta.deletionTimestamp = this.clock.timestamp();
        meta.deletionGracePeriodSeconds = 0;
      }
      this.store.remove(resourceKey(rt), obj);
      return { object: obj as unknown as Stored<T>, deleted: true };
    }
    // Graceful or finalized deletion: mark the object and let its owners finish the job.
    const now = this.clock.now();
    const currentGrace = meta.deletionGracePeriodSeconds;
    if (alreadyDeleting && (currentGrace === undefined || grace >= currentGrace) && sameList(finalizers, meta.finalizers)) {
      return { object: old as unknown as Stored<T>, deleted: false };
    }
    if (!alreadyDeleting || (currentGrace !== undefined && grace < currentGrace)) {
      meta.deletionTimestamp = this.clock.timestamp(now + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
    }
    meta.finalizers = finalizers.length ? finalizers : undefined;
    if (!meta.finalizers) delete meta.finalizers;
    if (rt.kind === 'Namespace') (obj as AnyObject).status = { ...((obj as AnyObject).status as object), phase: 'Terminating' };
    if (opts.dryRun) return { object: obj as unknown as Stored<T>, deleted: false };
    meta.resourceVersion = this.store.nextResourceVersion();
    return { object: this.store.put(resourceKey(rt), obj, 'MODIFIED') as unknown as Stored<T>, deleted: false };
  }

  /** pods/binding: assign a pod to a node, as the scheduler does. */
  bind(namespace: string, name: string, nodeName: string, opts: WriteOptions = {}): Stored<Pod> {
    this.authorize(opts.user, 'create', this.resource('pods'), namespace, name, 'binding');
    const pod = this.get<Pod>('pods', namespace, name);
    if (pod.metadata.deletionTimestamp) {
      throw conflict('pods', name, 'pod is being deleted, cannot be assigned to a host');
    }
    if (pod.spec?.nodeName) {
      throw conflict('pods', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    // A new object sharing the unchanged parts with the stored one (stored objects are never changed in place).
    const next = { ...pod, metadata: { ...pod.metadata } } as Mutable<Stored<Pod>>;
    next.spec = { ...(next.spec as Pod['spec']), nodeName } as Pod['spec'];
    const conditions = (next.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as undefined, lastTransitionTime: this.clock.timestamp() });
    next.status = { ...next.status, conditions };
    if (opts.dryRun) return next;
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    return this.store.put('pods', next, 'MODIFIED') as Stored<Pod>;
  }

  /** The scale subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers. */
  getScale(ref: ResourceRef, namespace: string, name: string): Stored<AnyObject> {
    const rt = this.resource(ref);
    if (!rt.subresources.includes('scale')) throw notFound(`${qualifiedName(rt)}/scale`, name);
    const obj = this.get(rt, namespace, name) as Stored & {
      spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
      status?: { replicas?: number; selector?: string };
    };
    const custom = this.customScale.get(resourceKey(rt))?.read(obj);
    return {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: {
        name,
        namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        creationTimestamp: obj.metadata.creationTimestamp,
      },
      spec: { replicas: custom ? custom.specReplicas : (obj.spec?.replicas ?? 0) },
      status: custom
        ? { replicas: custom.statusReplicas, selector: custom.selector }
        : { replicas: obj.status?.replicas ?? 0, selector: obj.status?.selector ?? builtinScaleSelector(obj.spec?.selector) },
    };
  }

  updateScale(ref: ResourceRef, namespace: string, name: string, replicas: number, opts: WriteOptions & { resourceVersion?: string } = {}): Stored<AnyObject> {
    const rt = this.resource(ref);
    if (!rt.subresources.includes('scale')) throw notFound(`${qualifiedName(rt)}/scale`, name);
    this.authorize(opts.user, 'update', rt, namespace, name, 'scale');
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw invalid('Scale', name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be greater than or equal to 0` }], 'autoscaling');
    }
    const obj = clone(this.get(rt, namespace, name)) as Stored & { spec: { replicas?: number } };
    if (opts.resourceVersion && opts.resourceVersion !== obj.metadata.resourceVersion) {
      throw staleConflict(qualifiedName(rt), name, rt.group);
    }
    const custom = this.customScale.get(resourceKey(rt));
    if (custom) custom.write(obj, replicas);
    else obj.spec = { ...obj.spec, replicas };
    // Admission sees a write through /scale (Pod Security, for one, lets it pass unexamined).
    this.replace(rt, obj, opts, 'main', 'scale');
    return this.getScale(rt, namespace, name);
  }

  /**
   * pods/eviction: delete a pod unless that would break a PodDisruptionBudget
   * (429 TooManyRequests, as kubectl drain sees it).
   */
  evict(namespace: string, name: string, eviction: Eviction = {}, opts: WriteOptions = {}): Status {
    this.authorize(opts.user, 'create', this.resource('pods'), namespace, name, 'eviction');
    const pod = this.get<Pod>('pods', namespace, name);
    const deleteOptions = (eviction.deleteOptions ?? {}) as DeleteOptions;
    const dryRun = !!opts.dryRun || !!(deleteOptions.dryRun as unknown);
    admitEviction(this, pod, dryRun);
    this.delete('pods', namespace, name, { ...deleteOptions, dryRun });
    return { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 };
  }

  /** pods/ephemeralcontainers: add ephemeral containers to a pod (kubectl debug); nothing else changes. */
  updateEphemeralContainers(namespace: string, name: string, input: Pod, opts: WriteOptions = {}): Stored<Pod> {
    this.authorize(opts.user, 'update', this.resource('pods'), namespace, name, 'ephemeralcontainers');
    const old = this.get<Pod>('pods', namespace, name);
    const { next, errors } = ephemeralContainersUpdate(old, input);
    if (errors.length) throw invalid('Pod', name, errors);
    if (opts.dryRun || deepEqual(next, old)) return next as Stored<Pod>;
    (next as Stored<Pod>).metadata.resourceVersion = this.store.nextResourceVersion();
    return this.store.put('pods', next as Stored<Pod>, 'MODIFIED') as Stored<Pod>;
  }

  /** namespaces/finalize: replace spec.finalizers; a Terminating namespace with none left is removed. */
  finalizeNamespace(name: string, finalizers: string[]): Stored {
    const ns = clone(this.get('namespaces', '', name)) as Stored & { spec?: { finalizers?: string[] } };
    ns.spec = { ...ns.spec, finalizers };
    if (!finalizers.length) delete ns.spec.finalizers;
    if (ns.metadata.deletionTimestamp && !finalizers.length && !(ns.metadata.finalizers ?? []).length) {
      ns.metadata.resourceVersion = this.store.nextResourceVersion();
      this.store.remove('namespaces', ns);
      return ns;
    }
    ns.metadata.resourceVersion = this.store.nextResourceVersion();
    return this.store.put('namespaces', ns, 'MODIFIED');
  }

  context(): StrategyContext {
    return { now: this.clock.now(), timestamp: this.clock.timestamp() };
  }

  // ---- internals ----

  private replace(rt: ResourceType, obj: KObject, opts: WriteOptions, target: 'main' | 'status', subresource?: string): Stored {
    const meta = metaOf(obj);
    const name = meta.name ?? '';
    const ns = meta.namespace ?? '';
    const old = this.store.get(resourceKey(rt), ns, name);
    if (!old) throw notFound(qualifiedName(rt), name, rt.group, rt.kind);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw staleConflict(qualifiedName(rt), name, rt.group);
    }
    const strategy = this.strategy(rt);
    const ctx = this.context();
    let next: KObject;
    if (target === 'status') {
      // Only status changes through /status. The rest is shared with the stored object (stored
      // objects are never changed in place); metadata is copied because the server writes it.
      next = { ...(old as AnyObject), metadata: { ...old.metadata } } as KObject;
      (next as AnyObject).status = (obj as AnyObject).status;
      if (strategy.statusUpdatesAnnotations) metaOf(next).annotations = obj.metadata?.annotations;
    } else {
      next = obj;
      strategy.defaults?.(next, ctx);
      if (strategy.statusSubresource) {
        const oldStatus = (old as AnyObject).status;
        if (oldStatus === undefined) delete (next as AnyObject).status;
        else (next as AnyObject).status = clone(oldStatus);
      }
      strategy.prepareForUpdate?.(next, old, ctx);
    }
    const nm = metaOf(next);
    // Identity and lifecycle fields are the server's.
    nm.uid = old.metadata.uid;
    nm.creationTimestamp = old.metadata.creationTimestamp;
    // Assigned only when set and deleted only when present: a property added and then deleted
    // turns the object into a slow dictionary, on every write.
    const { deletionTimestamp, deletionGracePeriodSeconds } = old.metadata;
    if (deletionTimestamp !== undefined) nm.deletionTimestamp = deletionTimestamp;
    else if ('deletionTimestamp' in nm) delete nm.deletionTimestamp;
    if (deletionGracePeriodSeconds !== undefined) nm.deletionGracePeriodSeconds = deletionGracePeriodSeconds;
    else if ('deletionGracePeriodSeconds' in nm) delete nm.deletionGracePeriodSeconds;
    if ('managedFields' in nm) delete nm.managedFields;
    if (old.metadata.deletionTimestamp) {
      // Finalizers may only be removed from an object that is being deleted.
      const added = (nm.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
      if (added.length) {
        throw invalid(rt.kind, name, [{ type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` }], rt.group);
      }
    }
    if (strategy.generation) {
      const gen = old.metadata.generation ?? 1;
      const annotationsChanged = target === 'main' && !!strategy.annotationsBumpGeneration && !deepEqual(nm.annotations ?? {}, old.metadata.annotations ?? {});
      nm.generation = target === 'main' && (specChanged(next, old, !strategy.statusSubresource) || annotationsChanged) ? gen + 1 : gen;
    } else delete nm.generation;
    nm.resourceVersion = old.metadata.resourceVersion;

    const req = this.admissionRequest('UPDATE', rt, next, old, opts, target === 'status' ? 'status' : subresource);
    if (target === 'main') for (const p of this.admission) p.admit?.(req, this);
    if (target === 'status') {
      const errs = strategy.validateStatusUpdate?.(next, old, ctx) ?? [];
      if (errs.length) throw invalid(rt.kind, name, errs, rt.group);
    } else {
      this.validate(rt, strategy, next, old, ctx);
    }
    if (target === 'main') for (const p of this.admission) p.validate?.(req, this);

    if (deepEqual(next, old)) return old; // a no-op write stores nothing and bumps nothing
    if (opts.dryRun) return next as Stored;
    const finalizers = nm.finalizers ?? [];
    if (!finalizers.length) delete nm.finalizers;
    nm.resourceVersion = this.store.nextResourceVersion();
    if (nm.deletionTimestamp && !finalizers.length && nm.deletionGracePeriodSeconds === 0 && !namespaceHeld(rt, next)) {
      this.store.remove(resourceKey(rt), next as Stored);
      return next as Stored;
    }
    return this.store.put(resourceKey(rt), next as Stored, 'MODIFIED');
  }

  private validate(rt: ResourceType, strategy: Strategy, obj: KObject, old: Stored | undefined, ctx: StrategyContext): void {
    const errs: FieldError[] = [
      ...validateObjectMeta(obj, strategy.nameValidation ?? 'subdomain', rt.namespaced),
      ...(old ? validateObjectMetaUpdate(obj, old) : []),
      ...(strategy.validate?.(obj, ctx) ?? []),
      ...(old ? (strategy.validateUpdate?.(obj, old, ctx) ?? []) : []),
    ];
    if (errs.length) throw invalid(rt.kind, obj.metadata?.name ?? '', errs, rt.group);
  }

  /**
   * Copy the input (only `fields` of it, when given and no version conversion applies), check
   * its kind and scope against the resource, and settle its namespace.
   */
  private decode(rt: ResourceType, input: KObject, namespace: string, fields?: readonly string[], owned = false): KObject {
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('the body of the request was not an object');
    // An object in another served version (autoscaling/v1) is converted to the stored one first.
    const converted = toStorageVersion(rt, input);
    let obj: KObject;
    if (converted !== input) obj = converted;
    else if (fields) {
      const part: AnyObject = { apiVersion: input.apiVersion, kind: input.kind };
      for (const f of fields) {
        const v = (input as AnyObject)[f];
        if (v === undefined) continue;
        // A handed-over body is kept as it is, but for its metadata, which the server writes to.
        part[f] = !owned ? clone(v) : f === 'metadata' ? { ...(v as object) } : v;
      }
      obj = part;
    } else obj = owned ? input : clone(input);
    const want = apiVersionOf(rt);
    if (obj.apiVersion === undefined) obj.apiVersion = want;
    if (obj.kind === undefined) obj.kind = rt.kind;
    if (obj.kind !== rt.kind || obj.apiVersion !== want) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
    }
    if (obj.metadata === null || typeof obj.metadata !== 'object') obj.metadata = {};
    const meta = metaOf(obj);
    if (rt.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = meta.namespace || namespace || 'default';
    } else {
      delete meta.namespace;
    }
    return obj;
  }

  private nsFor(rt: ResourceType, namespace: string): string {
    return rt.namespaced ? namespace || 'default' : '';
  }

  private requireVerb(rt: ResourceType, verb: string): void {
    if (!rt.verbs.includes(verb)) {
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
  }

  /** NamespaceLifecycle: no new content in a namespace that does not exist or is terminating. */
  private checkNamespace(rt: ResourceType, ns: string, name: string): void {
    if (!rt.namespaced) return;
    const nsObj = this.store.get('namespaces', '', ns);
    if (!nsObj) throw notFound('namespaces', ns, '', 'namespaces');
    if (nsObj.metadata.deletionTimestamp || ((nsObj as AnyObject).status as { phase?: string })?.phase === 'Terminating') {
      throw forbidden(`${qualifiedName(rt)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  private gracePeriod(rt: ResourceType, obj: Stored, opts: DeleteOptions): number {
    if (rt.kind !== 'Pod') return 0;
    const pod = obj as Stored<Pod>;
    // Unscheduled and finished pods have nothing to stop: they go at once.
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const requested = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    // A negative period means "the default"; zero is honoured (force deletion asks for it).
    return requested < 0 ? (pod.spec?.terminationGracePeriodSeconds ?? 30) : requested;
  }

  private generateName(rt: ResourceType, ns: string, prefix: string): string {
    const stream = this.random.stream('names');
    // Kubernetes truncates the prefix so that the whole name stays within 63 characters.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (;;) {
      const name = base + stream.chars(5, GENERATE_NAME_ALPHABET);
      if (!this.store.get(resourceKey(rt), ns, name)) return name;
    }
  }

  private matcher(rt: ResourceType, opts: ListOptions): (o: Stored) => boolean {
    const labels = opts.labelSelector ? this.parseLabels(opts.labelSelector) : undefined;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    if (fields) {
      const strategy = this.strategy(rt);
      for (const r of fields.requirements) {
        if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
        const known = strategy.fieldValues ? Object.keys(strategy.fieldValues({ metadata: {} } as KObject)) : [];
        if (!known.includes(r.field)) {
          throw badRequest(`field label not supported: ${r.field}`);
        }
      }
    }
    if (!labels && !fields) return () => true;
    const strategy = this.strategy(rt);
    return (o) => {
      if (labels && !labels.matches(o.metadata.labels ?? {})) return false;
      if (fields) {
        const values: Record<string, string> = {
          'metadata.name': o.metadata.name,
          'metadata.namespace': o.metadata.namespace ?? '',
          ...(strategy.fieldValues?.(o) ?? {}),
        };
        if (!fields.matches(values)) return false;
      }
      return true;
    };
  }

  private parseLabels(text: string) {
    try {
      return parseSelector(text);
    } catch (e) {
      throw badRequest(`unable to parse requirement: ${(e as Error).message}`);
    }
  }

  private admissionRequest(
    operation: AdmissionRequest['operation'],
    rt: ResourceType,
    object: KObject | undefined,
    oldObject: Stored | undefined,
    opts: WriteOptions,
    subresource?: string,
  ): AdmissionRequest {
    const meta = object?.metadata ?? oldObject?.metadata;
    return {
      operation,
      resource: rt,
      subresource,
      namespace: meta?.namespace ?? '',
      name: meta?.name ?? '',
      object,
      oldObject,
      user: opts.user ?? ADMIN,
      dryRun: !!opts.dryRun,
      // Plugins push onto the caller's sink directly, so warnings survive a later refusal too.
      warnings: opts.warnings ?? [],
    };
  }
}

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** A namespace stays while its spec.finalizers (the namespace controller's) are not done. */
function namespaceHeld(rt: ResourceType, obj: KObject): boolean {
  return rt.kind === 'Namespace' && (((obj as AnyObject).spec as { finalizers?: string[] })?.finalizers ?? []).length > 0;
}

/**
 * Generation moves when anything but metadata changed; status counts only for kinds without a
 * status subresource (custom resources without one), as upstream.
 */
function specChanged(a: KObject, b: KObject, statusCounts = false): boolean {
  const strip = ({ metadata: _m, status: s, ...rest }: AnyObject) => (statusCounts ? { ...rest, status: s } : rest);
  return !deepEqual(strip(a as AnyObject), strip(b as AnyObject));
}

/** Metadata a client may not set on create (deleted only when present: see replace). */
const SERVER_SET_ON_CREATE = ['deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion', 'managedFields'] as const;

/** What a status write reads of its body. */
const STATUS_WRITE = ['metadata', 'status'] as const;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    // undefined-valued keys and missing keys are the same in JSON
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // Without key arrays: this runs on every write, and allocating there shows at scale.
  let defined = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined) continue;
    defined++;
    if (!Object.hasOwn(bo, k) || !deepEqual(v, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) defined--;
  return defined === 0;
}
