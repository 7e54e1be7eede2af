import type { Pod } from 'kubernetes-types/core/v1';
import { Action } from '../events';
import { PluginName } from '../names';
import type { Plugin } from '../plugin';
import type { HostPort } from '../podinfo';
import { skip, unschedulable } from '../status';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

function conflicts(want: readonly HostPort[], used: readonly HostPort[]): boolean {
  for (const w of want) {
    for (const u of used) {
      if (w.port !== u.port || w.protocol !== u.protocol) continue;
      if (w.ip === '0.0.0.0' || u.ip === '0.0.0.0' || w.ip === u.ip) return true;
    }
  }
  return false;
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** NodePorts: two pods cannot hold the same host port (protocol, and address unless either binds 0.0.0.0). */
export const nodePorts: Plugin = {
  name: PluginName.NodePorts,
  preFilter(_state, pod) {
    return pod.hostPorts.length ? undefined : { status: skip() };
  },
  filter(_state, pod, node) {
    for (const hp of pod.hostPorts) if (node.portConflict(hp)) return unschedulable(ErrReasonNodePorts);
    return undefined;
  },
  events: [
    // A deleted pod frees its ports; only one that held a port this pod wants matters.
    {
      resource: 'Pod',
      actions: Action.Delete,
      hint: (pod, old) => {
        const deleted = old as Pod | undefined;
        if (!deleted?.spec?.nodeName) return false;
        return conflicts(pod.hostPorts, hostPortsOf(deleted));
      },
    },
    { resource: 'Node', actions: Action.Add | Action.UpdateNodeTaint },
  ],
};
