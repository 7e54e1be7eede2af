import type { ContainerPort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonNodePorts, nodePorts } from './node-ports';

/** "PROTO/IP/PORT", as upstream's test helper writes them. */
function ports(...specs: string[]): ContainerPort[] {
  return specs.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { protocol: protocol as 'TCP' | 'UDP', hostIP, hostPort: Number(port), containerPort: Number(port) };
  });
}

describe('NodePorts', () => {
  const cases: { name: string; want: string[]; existing: string[]; fits: boolean }[] = [
    { name: 'nothing running', want: [], existing: [], fits: true },
    { name: 'other port', want: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/9090'], fits: true },
    { name: 'same udp port', want: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], fits: false },
    { name: 'same tcp port', want: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], fits: false },
    { name: 'different host ip', want: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.2/8080'], fits: true },
    { name: 'different protocol', want: ['UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], fits: true },
    { name: 'second udp port conflict', want: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], fits: false },
    { name: 'first tcp port conflict', want: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], fits: false },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', want: ['TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], fits: false },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', want: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], fits: false },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', want: ['TCP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], fits: false },
    { name: 'second different protocol', want: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], fits: true },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', want: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], fits: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const existing = makePod('old', { node: 'n1', containers: [{ name: 'c', ports: ports(...c.existing) }] });
      const cache = buildCache([makeNode('n1')], [existing]);
      const pod = info(makePod('p', { containers: [{ name: 'c', ports: ports(...c.want) }] }));
      const st = state();
      const pre = nodePorts.preFilter?.(st, pod, cache);
      if (!c.want.length) {
        expect(pre?.status?.code).toBe('Skip');
        return;
      }
      const s = nodePorts.filter?.(st, pod, nodeOf(cache, 'n1'), cache);
      if (c.fits) expect(s).toBeUndefined();
      else expect(s).toEqual({ code: 'Unschedulable', reasons: [ErrReasonNodePorts] });
    });
  }
});
