import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from 'kubernetes-types/admissionregistration/v1';
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { FlowSchema, PriorityLevelConfiguration } from 'kubernetes-types/flowcontrol/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { humanDuration, translateTimestampSince } from '../duration';
import { selectorString } from '../labels';
import { ageColumn, as, bool, field, nameColumn } from './common';
import type { ColumnDef } from './types';

export const leaseColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Holder', cell: (o) => as<Lease>(o).spec?.holderIdentity ?? '' },
  ageColumn,
];

export const priorityClassColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Value', cell: (o) => String(as<PriorityClass>(o).value ?? 0) },
  {
    name: 'Global-Default',
    cell: (o) => bool(as<PriorityClass>(o).globalDefault),
  },
  ageColumn,
  {
    name: 'PreemptionPolicy',
    wide: true,
    cell: (o) => as<PriorityClass>(o).preemptionPolicy ?? '',
  },
];

export const runtimeClassColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Handler', cell: (o) => as<RuntimeClass>(o).handler ?? '' },
  ageColumn,
];

/** `<kind>.<group>/<name>` of the controlling owner, lower-cased kind and group. */
function controllerName(cr: ControllerRevision): string {
  const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Controller',
    cell: (o) => controllerName(as<ControllerRevision>(o)),
  },
  {
    name: 'Revision',
    cell: (o) => String(as<ControllerRevision>(o).revision ?? 0),
  },
  ageColumn,
];

export const webhookConfigurationColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Webhooks',
    cell: (o) => String((field(o, 'webhooks') as unknown[] | undefined)?.length ?? 0),
  },
  ageColumn,
];

export const validatingAdmissionPolicyColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Validations',
    cell: (o) => String(as<ValidatingAdmissionPolicy>(o).spec?.validations?.length ?? 0),
  },
  {
    name: 'ParamKind',
    cell: (o) => {
      const pk = as<ValidatingAdmissionPolicy>(o).spec?.paramKind;
      return pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>';
    },
  },
  ageColumn,
];

export const validatingAdmissionPolicyBindingColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'PolicyName',
    cell: (o) => as<ValidatingAdmissionPolicyBinding>(o).spec?.policyName ?? '',
  },
  {
    name: 'ParamRef',
    cell: (o) => {
      const pr = as<ValidatingAdmissionPolicyBinding>(o).spec?.paramRef;
      if (!pr) return '<unset>';
      // A param without a namespace may be cluster-scoped or not; upstream shows */name.
      if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
      if (pr.selector) return selectorString(pr.selector) ?? '';
      return '<unset>';
    },
  },
  ageColumn,
];

export const flowSchemaColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'PriorityLevel',
    cell: (o) => as<FlowSchema>(o).spec?.priorityLevelConfiguration?.name ?? '',
  },
  {
    name: 'MatchingPrecedence',
    cell: (o) => String(as<FlowSchema>(o).spec?.matchingPrecedence ?? 0),
  },
  {
    name: 'DistinguisherMethod',
    cell: (o) => as<FlowSchema>(o).spec?.distinguisherMethod?.type ?? '<none>',
  },
  ageColumn,
  {
    name: 'MissingPL',
    cell: (o) => (as<FlowSchema>(o).status?.conditions ?? []).find((c) => c.type === 'Dangling')?.status ?? '?',
  },
];

function limited(plc: PriorityLevelConfiguration): Record<string, string> {
  const lim = plc.spec?.limited;
  const none = {
    ncs: '<none>',
    queues: '<none>',
    handSize: '<none>',
    queueLengthLimit: '<none>',
  };
  if (!lim) return none;
  const q = lim.limitResponse?.queuing;
  return {
    ncs: String(lim.nominalConcurrencyShares ?? 0),
    queues: q ? String(q.queues ?? 0) : '<none>',
    handSize: q ? String(q.handSize ?? 0) : '<none>',
    queueLengthLimit: q ? String(q.queueLengthLimit ?? 0) : '<none>',
  };
}

export const priorityLevelConfigurationColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Type',
    cell: (o) => as<PriorityLevelConfiguration>(o).spec?.type ?? '',
  },
  {
    name: 'NominalConcurrencyShares',
    cell: (o) => limited(as<PriorityLevelConfiguration>(o)).ncs,
  },
  {
    name: 'Queues',
    cell: (o) => limited(as<PriorityLevelConfiguration>(o)).queues,
  },
  {
    name: 'HandSize',
    cell: (o) => limited(as<PriorityLevelConfiguration>(o)).handSize,
  },
  {
    name: 'QueueLengthLimit',
    cell: (o) => limited(as<PriorityLevelConfiguration>(o)).queueLengthLimit,
  },
  ageColumn,
];

function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

export const certificateSigningRequestColumns: ColumnDef[] = [
  nameColumn,
  ageColumn,
  {
    name: 'SignerName',
    cell: (o) => as<CertificateSigningRequest>(o).spec?.signerName || '<none>',
  },
  {
    name: 'Requestor',
    cell: (o) => as<CertificateSigningRequest>(o).spec?.username ?? '',
  },
  {
    name: 'RequestedDuration',
    cell: (o) => {
      const s = as<CertificateSigningRequest>(o).spec?.expirationSeconds;
      return s == null ? '<none>' : humanDuration(s * 1000);
    },
  },
  {
    name: 'Condition',
    cell: (o) => csrCondition(as<CertificateSigningRequest>(o)),
  },
];

interface ApiService {
  spec?: { service?: { namespace?: string; name?: string } };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

/** The aggregator's own table for APIServices. */
export const apiServiceColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Service',
    cell: (o) => {
      const svc = as<ApiService>(o).spec?.service;
      return svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    },
  },
  {
    name: 'Available',
    cell: (o) => {
      const cond = (as<ApiService>(o).status?.conditions ?? []).find((c) => c.type === 'Available');
      if (!cond) return 'Unknown';
      if (cond.status === 'True' || !cond.reason) return cond.status;
      return `${cond.status} (${cond.reason})`;
    },
  },
  {
    name: 'Age',
    cell: (o, now) => translateTimestampSince(o.metadata?.creationTimestamp, now),
  },
];
