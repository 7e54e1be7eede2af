import type { Container, LimitRange, LimitRangeItem, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { compareGoStrings, goQuote } from '../../api/names';
import { type Quantity, tryParseQuantity, ZERO } from '../../api/quantity';
import { forbidden, type StatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import type { Informer, InformerFactory } from '../../controllers/informer';
import { qualifiedName } from '../registry';
import { qosClass } from '../strategies/qos';
import { addUsage, toUsage, type Usage } from './resourcequota-usage';
import type { AdmissionPlugin, AdmissionRequest } from './types';

const BY_NAMESPACE = 'namespace';
const ANNOTATION = 'kubernetes.io/limit-ranger';
/** Quantities past this many milli-units are compared as whole units, as upstream does. */
const MAX_MILLI = Number.MAX_SAFE_INTEGER / 1000;

type List = Record<string, string>;

function refuse(req: AdmissionRequest, message: string): StatusError {
  const name = req.object?.metadata?.name || req.object?.metadata?.generateName || 'Unknown';
  return forbidden(`${qualifiedName(req.resource)} ${goQuote(name)} is forbidden: ${message}`);
}

const sorted = (l: List | undefined) => Object.keys(l ?? {}).sort(compareGoStrings);
const q = (v: string | undefined) => (v === undefined ? undefined : tryParseQuantity(v));

/** Request, limit and enforced value at one precision (milli-units unless that would overflow). */
function scaled(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const r = req ?? ZERO;
  const l = lim ?? ZERO;
  if (r.value() <= MAX_MILLI && l.value() <= MAX_MILLI && enforced.value() <= MAX_MILLI) return [r.milliValue(), l.milliValue(), enforced.milliValue()];
  return [r.value(), l.value(), enforced.value()];
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = scaled(req, lim, enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = scaled(req, lim, enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

/** PersistentVolumeClaims state no limit: their max applies to the request. */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: Usage): string | undefined {
  const req = requests.get(name);
  const [r, , e] = scaled(req, undefined, enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

/** Go's %f: six decimals. */
const goFloat = (x: number) => x.toFixed(6);

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: Usage, limits: Usage): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = scaled(req, lim, enforced);
  if (!req || r === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const observed = l / r;
  const precise = enforced.value() <= MAX_MILLI;
  const max = precise ? enforced.milliValue() : enforced.value();
  if ((precise ? observed * 1000 : observed) > max) {
    return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${goFloat(observed)}`;
  }
  return undefined;
}

/** Every min, max and ratio of one limit against one set of requests and limits, in resource-name order. */
function checkItem(item: LimitRangeItem, requests: Usage, limits: Usage, errs: string[]): void {
  const type = item.type;
  const push = (e: string | undefined) => e && errs.push(e);
  for (const k of sorted(item.min as List)) push(minConstraint(type, k, q((item.min as List)[k]) ?? ZERO, requests, limits));
  for (const k of sorted(item.max as List)) push(maxConstraint(type, k, q((item.max as List)[k]) ?? ZERO, requests, limits));
  for (const k of sorted(item.maxLimitRequestRatio as List)) {
    push(ratioConstraint(type, k, q((item.maxLimitRequestRatio as List)[k]) ?? ZERO, requests, limits));
  }
}

function containerLists(c: Container): [Usage, Usage] {
  return [toUsage(c.resources?.requests as List), toUsage(c.resources?.limits as List)];
}

/** A pod's requests (or limits) for Pod-type limits: containers summed, init containers' maximum. */
function podTotals(pod: Pod, field: 'requests' | 'limits'): Usage {
  let sum: Usage = new Map();
  for (const c of pod.spec?.containers ?? []) sum = addUsage(sum, toUsage(c.resources?.[field] as List));
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of toUsage(c.resources?.[field] as List)) {
      const prev = sum.get(k);
      if (!prev || v.cmp(prev) > 0) sum.set(k, v);
    }
  }
  return sum;
}

/** The defaults every Container limit of a LimitRange sets (later items win). */
function defaultsOf(lr: LimitRange): { requests: List; limits: List } {
  const requests: List = {};
  const limits: List = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainer(c: Container, defaults: { requests: List; limits: List }, prefix: string, notes: string[]): void {
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  const resources = c.resources ?? {};
  const limits = { ...((resources.limits ?? {}) as List) };
  const requests = { ...((resources.requests ?? {}) as List) };
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (!(k in limits)) {
      limits[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (!(k in requests)) {
      requests[k] = v;
      setRequests.push(k);
    }
  }
  if (!setLimits.length && !setRequests.length) return;
  c.resources = { ...resources };
  if (Object.keys(limits).length) c.resources.limits = limits;
  if (Object.keys(requests).length) c.resources.requests = requests;
  if (setRequests.length) notes.push(`${setRequests.sort(compareGoStrings).join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort(compareGoStrings).join(', ')} limit for ${prefix} ${c.name}`);
}

/** PodMutateLimitFunc: fill in default requests and limits, and say so in an annotation. */
function applyDefaults(lr: LimitRange, pod: Pod): void {
  const defaults = defaultsOf(lr);
  if (!Object.keys(defaults.requests).length && !Object.keys(defaults.limits).length) return;
  const notes: string[] = [];
  for (const c of pod.spec?.containers ?? []) mergeContainer(c, defaults, 'container', notes);
  for (const c of pod.spec?.initContainers ?? []) mergeContainer(c, defaults, 'init container', notes);
  if (!notes.length) return;
  pod.metadata = { ...pod.metadata, annotations: { ...pod.metadata?.annotations, [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` } };
}

function validatePod(lr: LimitRange, pod: Pod): string[] {
  const errs: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        const [requests, limits] = containerLists(c);
        checkItem(item, requests, limits, errs);
      }
    } else if (item.type === 'Pod') {
      checkItem(item, podTotals(pod, 'requests'), podTotals(pod, 'limits'), errs);
    }
  }
  return errs;
}

function validateClaim(lr: LimitRange, pvc: PersistentVolumeClaim): string[] {
  const errs: string[] = [];
  const requests = toUsage(pvc.spec?.resources?.requests as List);
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const k of sorted(item.min as List)) {
      const e = minConstraint(item.type, k, q((item.min as List)[k]) ?? ZERO, requests, new Map());
      if (e) errs.push(e);
    }
    for (const k of sorted(item.max as List)) {
      const e = maxRequestConstraint(item.type, k, q((item.max as List)[k]) ?? ZERO, requests);
      if (e) errs.push(e);
    }
  }
  return errs;
}

/** utilerrors.NewAggregate: one message, or several in brackets. */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/**
 * The LimitRanger admission plugin: a new pod's containers get the namespace's default requests
 * and limits (annotated `kubernetes.io/limit-ranger`), then pods and claims are checked against
 * every min, max and maxLimitRequestRatio, with the real messages.
 */
export function limitRangerAdmission(informers: InformerFactory): AdmissionPlugin {
  const ranges: Informer<LimitRange> = informers.for<LimitRange>('limitranges');
  ranges.addIndex(BY_NAMESPACE, (lr) => [lr.metadata.namespace ?? '']);
  const rangesIn = (ns: string): Stored<LimitRange>[] =>
    ranges.byIndex(BY_NAMESPACE, ns).sort((a, b) => compareGoStrings(a.metadata.name, b.metadata.name));
  // Containers cannot change after a pod is created, so pods are only limited on create.
  const applies = (req: AdmissionRequest) =>
    !req.subresource &&
    !!req.object &&
    ((req.resource.kind === 'Pod' && req.resource.group === '' && req.operation === 'CREATE') ||
      (req.resource.kind === 'PersistentVolumeClaim' && req.resource.group === '' && (req.operation === 'CREATE' || req.operation === 'UPDATE')));
  return {
    name: 'LimitRanger',
    admit(req) {
      if (!applies(req) || req.resource.kind !== 'Pod') return;
      const items = rangesIn(req.namespace);
      if (!items.length) return;
      const pod = req.object as Pod;
      for (const lr of items) applyDefaults(lr, pod);
      // The pod's QoS class follows from the requests and limits it ends up with.
      if (pod.status?.qosClass) (pod as { status?: Pod['status'] }).status = { ...pod.status, qosClass: qosClass(pod) };
    },
    validate(req) {
      if (!applies(req)) return;
      for (const lr of rangesIn(req.namespace)) {
        const errs = req.resource.kind === 'Pod' ? validatePod(lr, req.object as Pod) : validateClaim(lr, req.object as PersistentVolumeClaim);
        if (errs.length) throw refuse(req, aggregate(errs));
      }
    },
  };
}
