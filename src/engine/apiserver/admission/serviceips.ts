import type { Service } from 'kubernetes-types/core/v1';
import { invalid } from '../../api/status';
import type { Stored } from '../../api/types';
import type { ApiServer } from '../apiserver';
import type { AdmissionPlugin } from './types';

/** kubeadm's (and kind's) service subnet, 10.96.0.0/12, and the NodePort range 30000–32767. */
const BASE = ipToInt('10.96.0.0');
const SIZE = 1 << 20;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function inRange(ip: string): boolean {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || ip.split('.').some((p) => Number(p) > 255)) return false;
  const n = ipToInt(ip);
  return n > BASE && n < BASE + SIZE - 1;
}

/**
 * Cluster IP and NodePort allocation, as the Service registry does on create: a free address
 * from the service range (random, from a seeded stream; the lower band of the range is left for
 * addresses users ask for, as Kubernetes does), a requested address checked, NodePorts likewise.
 */
export function serviceAllocationAdmission(): AdmissionPlugin {
  // What is taken is derived from the stored Services (kept current by a store watch), so a
  // failed create leaks nothing and a restored snapshot needs no allocator state.
  const usedIPs = new Set<number>();
  const usedPorts = new Set<number>();
  let watching = false;
  const track = (api: ApiServer) => {
    if (watching) return;
    watching = true;
    const apply = (svc: Service, on: boolean) => {
      for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) {
        if (ip !== 'None' && inRange(ip)) (on ? usedIPs.add(ipToInt(ip)) : usedIPs.delete(ipToInt(ip)));
      }
      for (const p of svc.spec?.ports ?? []) if (p.nodePort) (on ? usedPorts.add(p.nodePort) : usedPorts.delete(p.nodePort));
    };
    api.store.watch('services', (e) => apply(e.object as Service, e.type !== 'DELETED'));
    for (const s of api.store.each('services')) apply(s as Stored<Service>, true);
  };
  return {
    name: 'ServiceIPAllocation',
    admit(req, api) {
      if (req.resource.kind !== 'Service' || req.operation !== 'CREATE' || req.subresource) return;
      track(api);
      const svc = req.object as Service;
      const spec = svc.spec;
      if (!spec || spec.type === 'ExternalName') return;
      const name = svc.metadata?.name ?? '';
      const requested = spec.clusterIP || spec.clusterIPs?.[0];
      if (requested === 'None') {
        spec.clusterIP = 'None';
        spec.clusterIPs = ['None'];
      } else if (requested) {
        if (!inRange(requested)) {
          throw invalid('Service', name, [
            { type: 'FieldValueInvalid', field: 'spec.clusterIPs', detail: `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is 10.96.0.0/12` },
          ]);
        }
        if (usedIPs.has(ipToInt(requested))) {
          throw invalid('Service', name, [
            { type: 'FieldValueInvalid', field: 'spec.clusterIPs', detail: `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: provided IP is already allocated` },
          ]);
        }
        spec.clusterIP = requested;
        spec.clusterIPs = [requested];
      } else {
        const stream = api.random.stream('service-ips');
        // The dynamic band starts above the first 1/16 of the range (at most 256 addresses), as upstream.
        const offset = Math.max(16, Math.min(256, SIZE / 16));
        let n: number;
        do n = BASE + offset + stream.int(SIZE - offset - 1);
        while (usedIPs.has(n));
        spec.clusterIP = intToIp(n);
        spec.clusterIPs = [spec.clusterIP];
      }
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        const stream = api.random.stream('node-ports');
        for (const p of spec.ports ?? []) {
          if (p.nodePort) {
            if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX || usedPorts.has(p.nodePort)) {
              const why = usedPorts.has(p.nodePort) ? 'provided port is already allocated' : `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
              throw invalid('Service', name, [{ type: 'FieldValueInvalid', field: 'spec.ports[0].nodePort', detail: `Invalid value: ${p.nodePort}: ${why}` }]);
            }
            continue;
          }
          let port: number;
          do port = NODE_PORT_MIN + stream.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
          while (usedPorts.has(port) || (spec.ports ?? []).some((q) => q.nodePort === port));
          p.nodePort = port;
        }
      }
    },
  };
}
