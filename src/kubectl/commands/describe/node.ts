import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, type Quantity } from '../../../engine/api/quantity';
import type { Stored } from '../../../engine/api/types';
import type { Ctx } from '../../command';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z, since } from './common';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

const sortStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function q(v: string | undefined): Quantity {
  return parseQuantity(v ?? '0');
}

/** A pod's effective requests and limits (resourcehelper.PodRequestsAndLimits): containers summed, init containers as a max, plus overhead. */
export function podRequestsAndLimits(pod: Pod): { reqs: Record<string, Quantity>; limits: Record<string, Quantity> } {
  const sum = (kind: 'requests' | 'limits') => {
    const out: Record<string, Quantity> = {};
    for (const c of pod.spec?.containers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) out[k] = out[k] ? out[k].add(q(String(v))) : q(String(v));
    }
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
        const val = q(String(v));
        if (!out[k] || out[k].cmp(val) < 0) out[k] = val;
      }
    }
    for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) out[k] = out[k] ? out[k].add(q(String(v))) : q(String(v));
    return out;
  };
  return { reqs: sum('requests'), limits: sum('limits') };
}

function roles(node: Node): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) out.add(role);
    } else if (k === 'kubernetes.io/role' && v) out.add(v);
  }
  return [...out].sort(sortStrings);
}

const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);

export function describeNode(ctx: Ctx, node: Stored<Node>, showEvents: boolean): string {
  const w = new PrefixWriter();
  const r = roles(node);
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  w.write(LEVEL_0, `Roles:\t${r.length ? r.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable ? 'true' : 'false'}\n`);
  const lease = ctx.api.find<Lease>('coordination.k8s.io/leases', 'kube-node-lease', node.metadata.name);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string> | undefined) => {
    for (const k of Object.keys(list ?? {}).sort(sortStrings)) w.write(LEVEL_0, `  ${k}:\t${q(list?.[k]).toString()}\n`);
  };
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(node.status?.capacity);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(node.status?.allocatable);
  }
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);

  const pods = ctx.api
    .list<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${node.metadata.name}` })
    .items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length ? node.status?.allocatable : node.status?.capacity;
  const cpuAlloc = q(alloc?.cpu).milliValue();
  const memAlloc = q(alloc?.memory).value();
  const ephAlloc = q(alloc?.['ephemeral-storage']).value();
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const zero = q('0');
  const totals = { reqs: {} as Record<string, Quantity>, limits: {} as Record<string, Quantity> };
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(reqs)) totals.reqs[k] = totals.reqs[k] ? totals.reqs[k].add(v) : v;
    for (const [k, v] of Object.entries(limits)) totals.limits[k] = totals.limits[k] ? totals.limits[k].add(v) : v;
    const cr = reqs.cpu ?? zero;
    const cl = limits.cpu ?? zero;
    const mr = reqs.memory ?? zero;
    const ml = limits.memory ?? zero;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cr.toString()} (${pct(cr.milliValue(), cpuAlloc)}%)\t${cl.toString()} (${pct(cl.milliValue(), cpuAlloc)}%)\t${mr.toString()} (${pct(mr.value(), memAlloc)}%)\t${ml.toString()} (${pct(ml.value(), memAlloc)}%)\t${since(ctx, pod.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, whole: number, milli: boolean) => {
    const rq = totals.reqs[name] ?? zero;
    const lm = totals.limits[name] ?? zero;
    const v = (x: Quantity) => (milli ? x.milliValue() : x.value());
    w.write(LEVEL_1, `${name}\t${rq.toString()} (${pct(v(rq), whole)}%)\t${lm.toString()} (${pct(v(lm), whole)}%)\n`);
  };
  row('cpu', cpuAlloc, true);
  row('memory', memAlloc, false);
  row('ephemeral-storage', ephAlloc, false);
  for (const k of Object.keys(alloc ?? {}).filter((k) => k.startsWith('hugepages-')).sort(sortStrings)) row(k, q(alloc?.[k]).value(), false);
  if (showEvents) {
    const events = [...eventsFor(ctx, node), ...eventsFor(ctx, node, { uid: node.metadata.name })];
    describeEvents(ctx, w, events);
  }
  return w.toString();
}
