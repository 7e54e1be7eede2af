import { describe, expect, it } from 'vitest';
import { endpointSliceColumns, endpointsColumns } from './endpoints';
import { serviceColumns } from './services';
import { ago, cells, MIN, SOON } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintService, TestPrintServiceLoadBalancer,
// TestPrintServiceList, TestPrintEndpoint, TestPrintEndpointSlice).

const U = '<unknown>';
const svc = (name: string, spec: object, status?: object) => ({
  metadata: { name },
  spec,
  ...(status ? { status } : {}),
});
const lb = (...ingress: object[]) => ({ loadBalancer: { ingress } });
const tcp = (port: number, nodePort?: number) => ({ protocol: 'tcp', port, ...(nodePort ? { nodePort } : {}) });

const services: [string, object, string[]][] = [
  [
    'cluster IP; the selector is not printed',
    svc('test1', { type: 'ClusterIP', ports: [tcp(2233)], clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' } }),
    ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', U],
  ],
  [
    'node port',
    svc('test2', { type: 'NodePort', ports: [tcp(8888, 9999)], clusterIPs: ['10.9.8.7'] }),
    ['test2', 'NodePort', '10.9.8.7', '<none>', '8888:9999/tcp', U],
  ],
  [
    'load balancer without an address yet',
    svc('test3', { type: 'LoadBalancer', ports: [tcp(8888)], clusterIPs: ['10.9.8.7'] }),
    ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888/tcp', U],
  ],
  [
    'load balancer with an external IP and no status',
    svc('test4', { type: 'LoadBalancer', ports: [tcp(8888)], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] }),
    ['test4', 'LoadBalancer', '10.9.8.7', '80.11.12.10', '8888/tcp', U],
  ],
  [
    'load balancer address before external IPs',
    svc(
      'test5',
      { type: 'LoadBalancer', ports: [tcp(8888)], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] },
      lb({ ip: '3.4.5.6', hostname: 'test.cluster.com' }),
    ),
    ['test5', 'LoadBalancer', '10.9.8.7', '3.4.5.6,80.11.12.10', '8888/tcp', U],
  ],
  [
    'several addresses and external IPs',
    svc(
      'test6',
      {
        type: 'LoadBalancer',
        ports: [tcp(8888)],
        clusterIPs: ['10.9.8.7'],
        externalIPs: ['80.11.12.10', '80.11.12.11'],
      },
      lb({ ip: '2.3.4.5', hostname: 'test.cluster.local' }, { ip: '3.4.5.6', hostname: 'test.cluster.com' }),
    ),
    ['test6', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11', '8888/tcp', U],
  ],
  [
    'external name',
    svc('test7', { type: 'ExternalName', externalName: 'my.database.example.com' }),
    ['test7', 'ExternalName', '<none>', 'my.database.example.com', '<none>', U],
  ],
  [
    'two load balancer IPs',
    svc(
      'service1',
      { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] },
      lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' }),
    ),
    ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', U],
  ],
  [
    'pending with several protocols',
    svc('service2', {
      clusterIPs: ['1.3.4.5'],
      type: 'LoadBalancer',
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 8090, protocol: 'UDP' },
        { port: 8000, protocol: 'TCP' },
        { port: 7777, protocol: 'SCTP' },
      ],
    }),
    ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', U],
  ],
  [
    'a long address list is cut without -o wide',
    svc(
      'service4',
      {
        clusterIPs: ['1.5.6.7'],
        type: 'LoadBalancer',
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 8090, protocol: 'UDP' },
          { port: 8000, protocol: 'TCP' },
        ],
      },
      lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }),
    ),
    ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5...', '80/TCP,8090/UDP,8000/TCP', U],
  ],
];

describe('service columns', () => {
  it.each(services)('%s', (_name, service, expected) => {
    expect(cells(serviceColumns, service)).toEqual(expected);
  });
  it('prints the selector with -o wide', () => {
    const s = svc('test1', {
      type: 'ClusterIP',
      ports: [tcp(2233)],
      clusterIPs: ['10.9.8.7'],
      selector: { foo: 'bar' },
    });
    expect(cells(serviceColumns, s, { wide: true })).toEqual([
      'test1',
      'ClusterIP',
      '10.9.8.7',
      '<none>',
      '2233/tcp',
      U,
      'foo=bar',
    ]);
  });
  it('prints the whole address list with -o wide', () => {
    const s = svc(
      'service4',
      {
        clusterIPs: ['1.5.6.7'],
        type: 'LoadBalancer',
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 8090, protocol: 'UDP' },
          { port: 8000, protocol: 'TCP' },
        ],
        selector: { foo: 'bar' },
      },
      lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }),
    );
    expect(cells(serviceColumns, s, { wide: true })).toEqual([
      'service4',
      'LoadBalancer',
      '1.5.6.7',
      '2.3.4.5,3.4.5.6,5.6.7.8',
      '80/TCP,8090/UDP,8000/TCP',
      U,
      'foo=bar',
    ]);
  });
});

const addr = (...ips: string[]) => ips.map((ip) => ({ ip }));

const endpoints: [string, object, string[]][] = [
  ['no subsets', { metadata: { name: 'endpoint1', creationTimestamp: SOON } }, ['endpoint1', '<none>', '0s']],
  [
    'addresses without ports',
    {
      metadata: { name: 'endpoint3', creationTimestamp: ago(5 * MIN) },
      subsets: [{ addresses: addr('1.2.3.4', '5.6.7.8') }],
    },
    ['endpoint3', '1.2.3.4,5.6.7.8', '5m'],
  ],
  [
    'two addresses and a port',
    {
      metadata: { name: 'endpoint2', creationTimestamp: SOON },
      subsets: [{ addresses: addr('1.2.3.4', '5.6.7.8'), ports: [{ port: 8001, protocol: 'tcp' }] }],
    },
    ['endpoint2', '1.2.3.4:8001,5.6.7.8:8001', '0s'],
  ],
  [
    'more than three',
    {
      metadata: { name: 'endpoint2', creationTimestamp: SOON },
      subsets: [
        { addresses: addr('1.2.3.4', '5.6.7.8', '9.8.7.6', '6.6.6.6'), ports: [{ port: 8001, protocol: 'tcp' }] },
      ],
    },
    ['endpoint2', '1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...', '0s'],
  ],
];

describe('endpoints columns', () => {
  it.each(endpoints)('%s', (_name, ep, expected) => {
    expect(cells(endpointsColumns, ep)).toEqual(expected);
  });
});

const port = (name: string, p: number) => ({ name, port: p, protocol: 'TCP' });
const dual = [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }, { addresses: ['10.2.3.4', '2001:db8::2345:6789'] }];

const slices: [string, object, string[]][] = [
  [
    'one endpoint',
    {
      metadata: { name: 'abcslice.123', creationTimestamp: SOON },
      addressType: 'IPv4',
      ports: [port('http', 80)],
      endpoints: [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }],
    },
    ['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s'],
  ],
  [
    'more than three addresses',
    {
      metadata: { name: 'longerslicename.123', creationTimestamp: ago(5 * MIN) },
      addressType: 'IPv6',
      ports: [port('http', 80), port('https', 443)],
      endpoints: dual,
    },
    ['longerslicename.123', 'IPv6', '80,443', '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...', '5m'],
  ],
  [
    'more than three ports',
    {
      metadata: { name: 'multiportslice.123', creationTimestamp: ago(5 * MIN) },
      addressType: 'IPv4',
      ports: [port('http', 80), port('https', 443), port('extra1', 3000), port('extra2', 3001)],
      endpoints: dual,
    },
    [
      'multiportslice.123',
      'IPv4',
      '80,443,3000 + 1 more...',
      '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
      '5m',
    ],
  ],
];

describe('endpoint slice columns', () => {
  it.each(slices)('%s', (_name, slice, expected) => {
    expect(cells(endpointSliceColumns, slice)).toEqual(expected);
  });
});
