import type { Container, Namespace, Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { compareGoStrings, goQuote } from '../../api/names';
import { type FieldError, fieldError, forbidden, invalid } from '../../api/status';
import type { AnyObject, KObject } from '../../api/types';
import { deepEqual } from '../apiserver';
import { qualifiedName } from '../registry';
import { evaluatePod, forbiddenDetail, forbiddenReason, LATEST_MINOR, type Level } from './podsecurity-checks';
import type { AdmissionPlugin, AdmissionRequest } from './types';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];
/** How many existing pods a stricter enforce label is tried against. */
const MAX_PODS_TO_CHECK = 3000;

export interface LevelVersion {
  level: Level;
  /** The 1.x minor version, or 'latest'. */
  version: number | 'latest';
}

export interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

export const levelVersionString = (lv: LevelVersion) => `${lv.level}:${lv.version === 'latest' ? 'latest' : `v1.${lv.version}`}`;
const minorOf = (lv: LevelVersion) => (lv.version === 'latest' ? LATEST_MINOR : lv.version);
const sameLV = (a: LevelVersion, b: LevelVersion) => a.level === b.level && a.version === b.version;

/**
 * PolicyToEvaluate: the namespace's labels as a policy (unset modes are privileged:latest). A bad
 * enforce label enforces restricted; a bad audit or warn label fails open, as upstream does.
 */
export function policyFromLabels(labels: Record<string, string> | undefined): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = {
    enforce: { level: 'privileged', version: 'latest' },
    audit: { level: 'privileged', version: 'latest' },
    warn: { level: 'privileged', version: 'latest' },
  };
  const errors: FieldError[] = [];
  const field = (label: string) => `metadata.labels[${PREFIX}${label}]`;
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const level = labels?.[`${PREFIX}${mode}`];
    if (level !== undefined) {
      if ((LEVELS as string[]).includes(level)) policy[mode].level = level as Level;
      else {
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        errors.push(fieldError.invalid(field(mode), level, `must be one of ${LEVELS.join(', ')}`));
      }
    }
    const version = labels?.[`${PREFIX}${mode}-version`];
    if (version !== undefined) {
      const m = /^v1\.(0|[1-9][0-9]*)$/.exec(version);
      if (version === 'latest') policy[mode].version = 'latest';
      else if (m) policy[mode].version = Number(m[1]);
      else {
        policy[mode].version = 'latest';
        errors.push(fieldError.invalid(field(`${mode}-version`), version, 'must be "latest" or "v1.x"'));
      }
    }
  }
  return { policy, errors };
}

/**
 * Admission warnings (kubectl prints each as `Warning: …`). The API server has no warning channel
 * yet, so they travel on the request; whoever runs the chain passes them on.
 */
export function addWarning(req: AdmissionRequest, message: string): void {
  const r = req as AdmissionRequest & { warnings?: string[] };
  if (!r.warnings) r.warnings = [];
  r.warnings.push(message);
}

const result = (lv: LevelVersion, meta: ObjectMeta, spec: PodSpec) => evaluatePod(lv.level, meta, spec, minorOf(lv));

/** Pod subresources that cannot change what the pod runs. */
const IGNORED_POD_SUBRESOURCES = new Set(['exec', 'attach', 'binding', 'eviction', 'log', 'portforward', 'proxy', 'status']);

/** Only new images (or seccomp annotations, or containers) can change a pod's verdict on update. */
function significantPodUpdate(pod: Pod, old: Pod): boolean {
  const ann = (p: Pod, k: string) => p.metadata?.annotations?.[k];
  if (ann(pod, 'seccomp.security.alpha.kubernetes.io/pod') !== ann(old, 'seccomp.security.alpha.kubernetes.io/pod')) return true;
  const changed = (a: Container[] = [], b: Container[] = []) =>
    a.length !== b.length ||
    a.some(
      (c, i) =>
        c.image !== b[i].image ||
        ann(pod, `container.seccomp.security.alpha.kubernetes.io/${c.name}`) !== ann(old, `container.seccomp.security.alpha.kubernetes.io/${c.name}`),
    );
  if (changed(pod.spec?.containers, old.spec?.containers) || changed(pod.spec?.initContainers, old.spec?.initContainers)) return true;
  for (const c of pod.spec?.ephemeralContainers ?? []) {
    const prev = old.spec?.ephemeralContainers?.find((o) => o.name === c.name);
    if (!prev || prev.image !== c.image) return true;
  }
  return false;
}

/** The pod template of a pod controller (Deployment, Job, CronJob …), if it has one. */
function templateOf(obj: KObject): PodTemplateSpec | undefined {
  const o = obj as AnyObject & { spec?: { template?: PodTemplateSpec; jobTemplate?: { spec?: { template?: PodTemplateSpec } } }; template?: PodTemplateSpec };
  if (obj.kind === 'PodTemplate') return o.template;
  if (obj.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template;
  return o.spec?.template;
}

const POD_CONTROLLERS = new Set([
  '/replicationcontrollers',
  '/podtemplates',
  'apps/replicasets',
  'apps/deployments',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
]);

/**
 * Pod Security Admission: the namespace labels pod-security.kubernetes.io/{enforce,audit,warn}
 * (with -version) choose a Pod Security Standard per mode. enforce refuses pods that violate it
 * (`pods "x" is forbidden: violates PodSecurity "restricted:latest": …`); warn adds a warning to
 * pods and to pod controllers' templates; a stricter enforce label on a namespace warns about the
 * pods already there. audit has no audit log to write to here.
 */
export const podSecurityAdmission: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(req, api) {
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
    const rt = req.resource;
    if (rt.group === '' && rt.kind === 'Namespace') return validateNamespace(req, () => api.store.list('pods', req.name) as Pod[]);
    const ns = req.namespace && (api.store.get('namespaces', '', req.namespace) as Namespace | undefined);
    if (!ns) return;
    const policy = nsPolicy(ns);
    if (rt.group === '' && rt.kind === 'Pod') {
      if (req.subresource && IGNORED_POD_SUBRESOURCES.has(req.subresource)) return;
      if (policy.enforce.level === 'privileged' && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return;
      const pod = req.object as Pod;
      if (req.operation === 'UPDATE' && req.oldObject && !significantPodUpdate(pod, req.oldObject as Pod)) return;
      const meta = pod.metadata ?? {};
      const spec: PodSpec = pod.spec ?? { containers: [] };
      const enforced = result(policy.enforce, meta, spec);
      if (enforced.length) {
        const name = meta.name || meta.generateName || '';
        throw forbidden(`${qualifiedName(rt)} ${goQuote(name)} is forbidden: violates PodSecurity ${goQuote(levelVersionString(policy.enforce))}: ${forbiddenDetail(enforced)}`);
      }
      warn(req, policy.warn, sameLV(policy.warn, policy.enforce) ? [] : result(policy.warn, meta, spec));
      return;
    }
    if (!POD_CONTROLLERS.has(`${rt.group}/${rt.plural}`) || req.subresource) return;
    if (policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return;
    const template = templateOf(req.object as KObject);
    if (!template) return;
    warn(req, policy.warn, result(policy.warn, template.metadata ?? {}, template.spec ?? { containers: [] }));
  },
};

/** Stored namespaces never change in place, so a namespace object's policy can be kept. */
const policies = new WeakMap<object, Policy>();
function nsPolicy(ns: Namespace): Policy {
  let p = policies.get(ns);
  if (!p) {
    p = policyFromLabels(ns.metadata?.labels).policy;
    policies.set(ns, p);
  }
  return p;
}

function warn(req: AdmissionRequest, lv: LevelVersion, failed: ReturnType<typeof result>): void {
  if (failed.length) addWarning(req, `would violate PodSecurity ${goQuote(levelVersionString(lv))}: ${forbiddenDetail(failed)}`);
}

/** Labels must be valid; a stricter enforce level is tried against the pods already running. */
function validateNamespace(req: AdmissionRequest, pods: () => Pod[]): void {
  if (req.subresource || !req.object) return;
  const next = policyFromLabels(req.object.metadata?.labels);
  if (req.operation === 'CREATE') {
    if (next.errors.length) throw invalid('Namespace', req.name, next.errors);
    return;
  }
  const prev = policyFromLabels(req.oldObject?.metadata?.labels);
  if (next.errors.length && (!prev.errors.length || !deepEqual(next.errors, prev.errors))) throw invalid('Namespace', req.name, next.errors);
  const e = next.policy.enforce;
  const o = prev.policy.enforce;
  if (sameLV(e, o) || e.level === 'privileged') return;
  if (e.version === o.version && LEVELS.indexOf(e.level) <= LEVELS.indexOf(o.level)) return;
  for (const w of evaluatePodsInNamespace(req.name, e, pods())) addWarning(req, w);
}

/** EvaluatePodsInNamespace: one warning per distinct verdict, naming the first pod and how many others share it. */
export function evaluatePodsInNamespace(namespace: string, lv: LevelVersion, all: Pod[]): string[] {
  const pods = all.slice(0, MAX_PODS_TO_CHECK);
  const warnings: string[] = [];
  const byVerdict = new Map<string, { first: string; count: number }>();
  for (const pod of pods) {
    const failed = result(lv, pod.metadata ?? {}, pod.spec ?? { containers: [] });
    if (!failed.length) continue;
    const verdict = forbiddenReason(failed);
    const name = pod.metadata?.name ?? '';
    const seen = byVerdict.get(verdict);
    if (!seen) byVerdict.set(verdict, { first: name, count: 1 });
    else {
      seen.count++;
      if (compareGoStrings(name, seen.first) < 0) seen.first = name;
    }
  }
  if (pods.length < all.length) warnings.push(`new PodSecurity enforce level only checked against the first ${pods.length} of ${all.length} existing pods`);
  if (byVerdict.size) warnings.push(`existing pods in namespace ${goQuote(namespace)} violate the new PodSecurity enforce level ${goQuote(levelVersionString(lv))}`);
  const decorated = [...byVerdict].map(([verdict, { first, count }]) =>
    count === 1 ? `${first}: ${verdict}` : count === 2 ? `${first} (and 1 other pod): ${verdict}` : `${first} (and ${count - 1} other pods): ${verdict}`,
  );
  return [...warnings, ...decorated.sort(compareGoStrings)];
}
