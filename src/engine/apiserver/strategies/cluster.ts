import type { Event, Namespace, Node, Taint } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../api/names';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { validateLabelName, validateQualifiedName, ensureField } from './common';
import { child, fe, goStruct, index } from './errors';
import { validateCIDR } from './formats';
import { validateKubeFinalizerName } from './meta';
import { defaultResourceList } from './podspec-defaults';
import { validateResourceQuantity } from './resources';
import { TAINT_EFFECTS } from './scheduling';

/** Namespaces, Nodes and (core/v1) Events. */

// ---------------------------------------------------------------------------------------------
// Namespace

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const namespaceStrategy: Strategy<Namespace> = {
  statusSubresource: true,
  nameValidation: 'label',
  defaults(ns) {
    // Every namespace carries its own name as a label (SetDefaults_Namespace, enforced again on update).
    const meta = ensureField(ns, 'metadata', {} as ObjectMeta);
    if (meta.name)
      meta.labels = {
        ...(meta.labels ?? {}),
        [NAMESPACE_NAME_LABEL]: meta.name,
      };
    const status = ensureField(ns as { status?: Namespace['status'] }, 'status', {});
    status.phase ||= 'Active';
  },
  prepareForCreate(ns) {
    (ns as { status?: Namespace['status'] }).status = { phase: 'Active' };
    // The namespace controller's finalizer is required on create (it may be removed later).
    const spec = ensureField(ns, 'spec', {});
    if (!(spec.finalizers ?? []).includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
  },
  prepareForUpdate(ns, old) {
    // spec.finalizers only change through the finalize subresource.
    if (old.spec === undefined) delete ns.spec;
    else ns.spec = structuredClone(old.spec);
  },
  validate(ns) {
    const errs: FieldError[] = [];
    for (const f of ns.spec?.finalizers ?? []) {
      for (const msg of isQualifiedName(f)) errs.push(fe.invalid('spec.finalizers', f, msg));
      errs.push(...validateKubeFinalizerName(f, 'spec.finalizers'));
    }
    return errs;
  },
  validateStatusUpdate(ns) {
    const phase = ns.status?.phase ?? '';
    if (!ns.metadata?.deletionTimestamp) {
      if (phase !== 'Active') return [fe.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty")];
    } else if (phase !== 'Terminating') {
      return [fe.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
    }
    return [];
  },
  fieldValues(ns) {
    return { 'status.phase': ns.status?.phase ?? '' };
  },
};

// ---------------------------------------------------------------------------------------------
// Node

/** validateNodeTaints (upstream reports them under `metadata.taints`). */
function validateTaints(taints: Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = index(path, i);
    errs.push(...validateLabelName(t.key ?? '', child(p, 'key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(fe.invalid(child(p, 'value'), t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(fe.required(child(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(fe.notSupported(child(p, 'effect'), t.effect, TAINT_EFFECTS));
    const id = `${t.effect}/${t.key}`;
    if (seen.has(id)) {
      const shown = goStruct('core.Taint', [
        ['Key', t.key ?? ''],
        ['Value', t.value ?? ''],
        ['Effect', t.effect ?? ''],
        ['TimeAdded', null],
      ]);
      errs.push(fe.duplicate(p, shown, 'taints must be unique by key and effect pair'));
    } else seen.add(id);
  });
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    const list = (node.status?.[field] ?? {}) as Record<string, string>;
    for (const k of Object.keys(list).sort()) errs.push(...validateResourceQuantity(k, String(list[k]), `status.${field}.${k}`));
  }
  return errs;
}

export const nodeStrategy: Strategy<Node> = {
  statusSubresource: true,
  defaults(node) {
    const status = (node as { status?: Node['status'] }).status;
    if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
    defaultResourceList(status?.capacity as Record<string, string> | undefined);
    defaultResourceList(status?.allocatable as Record<string, string> | undefined);
  },
  validate(node) {
    const errs = validateTaints(node.spec?.taints, 'metadata.taints');
    errs.push(...validateNodeResources(node));
    (node.spec?.podCIDRs ?? []).forEach((c, i) => {
      errs.push(...validateCIDR(index('spec.podCIDRs', i), c));
    });
    return errs;
  },
  validateUpdate(node, old) {
    const errs: FieldError[] = [];
    const oldCIDRs = old.spec?.podCIDRs ?? [];
    const cidrs = node.spec?.podCIDRs ?? [];
    if (oldCIDRs.length && (oldCIDRs.length !== cidrs.length || oldCIDRs.some((c, i) => c !== cidrs[i]))) {
      errs.push(fe.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
      errs.push(fe.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
  validateStatusUpdate(node) {
    return validateNodeResources(node);
  },
  fieldValues(node) {
    return { 'spec.unschedulable': String(node.spec?.unschedulable ?? false) };
  },
};

// ---------------------------------------------------------------------------------------------
// Event (core/v1)

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** legacyValidateEvent, as the core/v1 API applies it. */
function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') {
      errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    const controller = ev.reportingComponent ?? '';
    if (!controller) errs.push(fe.required('reportingComponent'));
    errs.push(...validateQualifiedName(controller, 'reportingComponent'));
    const instance = ev.reportingInstance ?? '';
    if (!instance) errs.push(fe.required('reportingInstance'));
    if (instance.length > REPORTING_INSTANCE_LIMIT)
      errs.push(fe.invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    if (!ev.action) errs.push(fe.required('action'));
    if ((ev.action ?? '').length > ACTION_LIMIT) errs.push(fe.invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
    if (!ev.reason) errs.push(fe.required('reason'));
    if ((ev.reason ?? '').length > REASON_LIMIT) errs.push(fe.invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
    if ((ev.message ?? '').length > NOTE_LIMIT) errs.push(fe.invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(fe.invalid('namespace', ns, msg));
  return errs;
}

export const eventStrategy: Strategy<Event> = {
  validate: validateEvent,
  fieldValues(ev) {
    const o = ev.involvedObject ?? {};
    return {
      'involvedObject.kind': o.kind ?? '',
      'involvedObject.namespace': o.namespace ?? '',
      'involvedObject.name': o.name ?? '',
      'involvedObject.uid': o.uid ?? '',
      'involvedObject.apiVersion': o.apiVersion ?? '',
      'involvedObject.resourceVersion': o.resourceVersion ?? '',
      'involvedObject.fieldPath': o.fieldPath ?? '',
      reason: ev.reason ?? '',
      reportingComponent: ev.reportingComponent ?? '',
      source: ev.source?.component || ev.reportingComponent || '',
      type: ev.type ?? '',
    };
  },
};
