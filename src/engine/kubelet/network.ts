import type { Pod, Service } from 'kubernetes-types/core/v1';
import { selectorFromSet } from '../api/labels';
import type { KubeletCore } from './core';
import { accessLog, httpRespond } from './programs';
import type { HttpAnswer, ShellNet } from './shell/host';
import { appendLog, shellHost } from './containers';
import type { PodRuntime } from './state';

/**
 * A small default network so containers can reach each other before the network model is
 * wired in: cluster DNS names of Services and pods, Service virtual IPs to ready endpoints,
 * and HTTP to whatever a pod's process serves. The network model replaces it (setNetwork).
 */
export function request(core: KubeletCore, ip: string, port: number, path: string, from: string): HttpAnswer | string {
  const key = core.state.ips[ip] ?? Object.values(core.state.machines).find((m) => m.ip === ip && !m.down)?.spec.name;
  let rt: PodRuntime | undefined;
  if (core.state.ips[ip]) {
    const node = core.state.podNodes[key as string];
    rt = node ? core.state.machines[node]?.pods[key as string] : undefined;
  } else if (key) {
    const m = core.state.machines[key];
    rt = Object.values(m.pods).find((p) => p.pod.spec?.hostNetwork && Object.values(p.containers).some((c) => c.listening.some((l) => l.port === port)));
  }
  if (!rt) return 'timed out';
  const m = core.state.machines[core.state.podNodes[rt.key]];
  if (!m || m.down) return 'timed out';
  for (const c of Object.values(rt.containers)) {
    if (c.state !== 'running') continue;
    const l = c.listening.find((x) => x.port === port && x.protocol === 'TCP');
    if (!l) continue;
    // `sim hang`: the connection is accepted but no answer ever comes.
    if (c.hungUntil === null || (c.hungUntil !== undefined && core.now() < c.hungUntil)) return 'timed out';
    if (!l.http) return 'connection refused';
    const answer = httpRespond(l.http, path, {
      read: (file) => shellHost(core, m, rt, c, 'sh').fs.read(file),
      startedAt: c.startedAt ?? core.now(),
      now: core.now(),
      podName: rt.name,
      data: c.process?.kind === 'program' ? c.process.plan.data : undefined,
    });
    const line = accessLog(l.http, from, path, answer.status, answer.body.length, 'Wget', core.now());
    if (line) appendLog(c, 'stdout', `${line}\n`, core.now());
    return answer;
  }
  return 'connection refused';
}

function readyPodsOf(core: KubeletCore, svc: Service): Pod[] {
  const sel = svc.spec?.selector;
  if (!sel) return [];
  const s = selectorFromSet(sel);
  return core.pods
    .list(svc.metadata?.namespace)
    .filter((p) => s.matches(p.metadata?.labels ?? {}) && p.status?.podIP && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

export function defaultNetwork(core: KubeletCore, rt: PodRuntime): ShellNet {
  const ns = rt.namespace;
  const findService = (name: string): Service | undefined => {
    const parts = name.replace(/\.$/, '').split('.');
    const [svcName, svcNs = ns] = parts;
    if (parts.length > 2 && parts[2] !== 'svc') return undefined;
    return core.services.get(svcNs, svcName);
  };
  return {
    nameserver: () => '10.96.0.10',
    resolve(name) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { fqdn: name, ips: [name] };
      const svc = findService(name);
      if (!svc) return undefined;
      const fqdn = `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.cluster.local`;
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { fqdn, ips: [svc.spec.clusterIP] };
      const ips = readyPodsOf(core, svc).map((p) => p.status?.podIP as string);
      return ips.length ? { fqdn, ips } : undefined;
    },
    httpGet(host, port, path) {
      const from = rt.ip ?? '10.244.0.1';
      const svc = core.services.list().find((s) => s.spec?.clusterIP === host);
      if (svc) {
        const sp = svc.spec?.ports?.find((p) => p.port === port);
        if (!sp) return 'connection refused';
        const pods = readyPodsOf(core, svc);
        if (!pods.length) return 'connection refused';
        const pick = pods[core.stream('service-routing').int(pods.length)];
        const tp = sp.targetPort ?? port;
        const target =
          typeof tp === 'number'
            ? tp
            : /^\d+$/.test(tp)
              ? Number(tp)
              : ((pick.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === tp)?.containerPort ?? port);
        return request(core, pick.status?.podIP as string, target, path, from);
      }
      return request(core, host, port, path, from);
    },
  };
}
