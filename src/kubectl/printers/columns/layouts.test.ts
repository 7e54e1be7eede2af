import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../engine/api/types';
import { printTable } from '../table';
import { columnsFor } from './index';
import { ago, DAY, HOUR, MIN, NOW, SEC } from './testutil';

// testdata/layouts.json holds what kubectl v1.32 printed for Tables with printers.go's columns and
// the cells upstream tests and the kubernetes.io docs show (e.g. `nginx-deployment 3/3 3 3 18s`).
// These objects must produce exactly those tables through columnsFor(...).
const layouts = JSON.parse(readFileSync(new URL('../testdata/layouts.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

const meta = (name: string, age: number, extra: object = {}) => ({
  name,
  namespace: 'default',
  creationTimestamp: ago(age),
  ...extra,
});
const nginx = { name: 'nginx', image: 'nginx:1.14.2' };

const objects: Record<string, [string, object[]]> = {
  pods: [
    'pods',
    [
      {
        metadata: meta('liveness-exec', 76 * SEC),
        spec: { containers: [nginx], nodeName: 'node01' },
        status: {
          phase: 'Running',
          podIPs: [{ ip: '10.244.1.5' }],
          containerStatuses: [
            {
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: { terminated: { finishedAt: ago(5 * SEC) } },
            },
          ],
        },
      },
      {
        metadata: meta('web-7d4b9c8f5d-x2kq9', 2 * DAY + HOUR),
        spec: { containers: [nginx], nodeName: 'node02' },
        status: {
          phase: 'Running',
          podIPs: [{ ip: '10.244.2.7' }],
          containerStatuses: [
            {
              ready: false,
              restartCount: 12,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { finishedAt: ago(4 * MIN) } },
            },
          ],
        },
      },
      { metadata: meta('pending-pod', 3 * SEC), spec: { containers: [nginx] }, status: { phase: 'Pending' } },
    ],
  ],
  deployments: [
    'apps/deployments',
    [
      {
        metadata: meta('nginx-deployment', 18 * SEC),
        spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { spec: { containers: [nginx] } } },
        status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, replicas: 3 },
      },
    ],
  ],
  replicasets: [
    'apps/replicasets',
    [
      {
        metadata: meta('nginx-deployment-75675f5897', 18 * SEC),
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '75675f5897' } },
          template: { spec: { containers: [nginx] } },
        },
        status: { replicas: 3, readyReplicas: 3 },
      },
    ],
  ],
  pdb: [
    'policy/poddisruptionbudgets',
    [
      { metadata: meta('zk-pdb', 7 * SEC), spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } },
      { metadata: meta('web-pdb', 190 * SEC), spec: { maxUnavailable: '25%' }, status: {} },
    ],
  ],
  statefulsets: [
    'apps/statefulsets',
    [
      {
        metadata: meta('web', 37 * SEC),
        spec: {
          replicas: 2,
          template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } },
        },
        status: { readyReplicas: 2 },
      },
    ],
  ],
  services: [
    'services',
    [
      {
        metadata: meta('kubernetes', 40 * MIN),
        spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
      },
      {
        metadata: meta('nginx-service', 5 * MIN),
        spec: {
          type: 'NodePort',
          clusterIPs: ['10.98.220.254'],
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
          selector: { app: 'nginx' },
        },
      },
      {
        metadata: meta('lb', 2 * MIN),
        spec: {
          type: 'LoadBalancer',
          clusterIPs: ['10.96.10.10'],
          ports: [
            { port: 80, nodePort: 31000, protocol: 'TCP' },
            { port: 443, nodePort: 31001, protocol: 'TCP' },
          ],
          selector: { app: 'web' },
        },
        status: { loadBalancer: {} },
      },
      {
        metadata: meta('db', 4 * HOUR),
        spec: {
          type: 'ClusterIP',
          clusterIPs: ['None'],
          ports: [{ port: 5432, protocol: 'TCP' }],
          selector: { app: 'db' },
        },
      },
      { metadata: meta('ext', 10 * SEC), spec: { type: 'ExternalName', externalName: 'my.database.example.com' } },
    ],
  ],
  nodes: (() => {
    const info = {
      kubeletVersion: 'v1.32.0',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.8.0-45-generic',
      containerRuntimeVersion: 'containerd://1.7.24',
    };
    const node = (name: string, age: number, ip: string, ready: string, extra: object = {}) => ({
      metadata: { name, creationTimestamp: ago(age), ...extra },
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: ready },
        ],
        addresses: [
          { type: 'InternalIP', address: ip },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: info,
      },
    });
    const cp = node('kind-control-plane', 10 * DAY, '172.18.0.2', 'True', {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
    });
    const cordoned = { ...node('kind-worker', 10 * DAY, '172.18.0.3', 'True'), spec: { unschedulable: true } };
    return ['nodes', [cp, cordoned, node('kind-worker2', 9 * DAY, '172.18.0.4', 'Unknown')]] as [string, object[]];
  })(),
  events: [
    'events',
    [
      {
        metadata: meta('liveness-exec.17a1', 2 * MIN),
        involvedObject: { kind: 'Pod', name: 'liveness-exec', namespace: 'default' },
        reason: 'Scheduled',
        message: 'Successfully assigned default/liveness-exec to node01',
        source: { component: 'default-scheduler' },
        firstTimestamp: ago(2 * MIN),
        lastTimestamp: ago(2 * MIN),
        count: 1,
        type: 'Normal',
      },
      {
        metadata: meta('liveness-exec.17a2', 91 * SEC),
        involvedObject: {
          kind: 'Pod',
          name: 'liveness-exec',
          namespace: 'default',
          fieldPath: 'spec.containers{liveness}',
        },
        reason: 'Unhealthy',
        message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
        source: { component: 'kubelet', host: 'node01' },
        firstTimestamp: ago(91 * SEC),
        lastTimestamp: ago(76 * SEC),
        count: 3,
        type: 'Warning',
      },
    ],
  ],
  jobs: [
    'batch/jobs',
    [
      {
        metadata: meta('pi', 2 * MIN),
        spec: {
          completions: 1,
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'c9948307-e56d-4b5d-8302-ae2d7b7da67c' } },
          template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }] } },
        },
        status: {
          succeeded: 1,
          startTime: ago(2 * MIN),
          completionTime: ago(90 * SEC),
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      {
        metadata: meta('work', 20 * MIN),
        spec: { parallelism: 3, template: { spec: { containers: [{ name: 'w', image: 'busybox' }] } } },
        status: { startTime: ago(20 * MIN) },
      },
    ],
  ],
  cronjobs: [
    'batch/cronjobs',
    [
      {
        metadata: meta('hello', 5 * MIN),
        spec: {
          schedule: '* * * * *',
          suspend: false,
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } },
        },
        status: { lastScheduleTime: ago(30 * SEC) },
      },
      {
        metadata: meta('nightly', 3 * DAY),
        spec: {
          schedule: '0 3 * * *',
          timeZone: 'Etc/UTC',
          suspend: true,
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: 'busybox' }] } } } },
        },
        status: { active: [{ name: 'nightly-1' }] },
      },
    ],
  ],
  endpoints: [
    'endpoints',
    [
      {
        metadata: meta('kubernetes', 40 * MIN),
        subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      },
      {
        metadata: meta('web', 5 * MIN),
        subsets: [
          {
            addresses: [
              { ip: '10.244.1.5' },
              { ip: '10.244.1.6' },
              { ip: '10.244.2.3' },
              { ip: '10.244.2.4' },
              { ip: '10.244.3.9' },
            ],
            ports: [{ port: 80, protocol: 'TCP' }],
          },
        ],
      },
      { metadata: meta('empty', 2 * MIN) },
    ],
  ],
};

describe('kubectl get tables per resource', () => {
  for (const [name, [key, objs]] of Object.entries(objects)) {
    it(`${name} (${key})`, () => {
      expect(printTable(objs as KObject[], columnsFor(key), { now: NOW })).toBe(layouts[name]);
    });
    it(`${name} (${key}) -o wide`, () => {
      expect(printTable(objs as KObject[], columnsFor(key), { now: NOW, wide: true })).toBe(layouts[`${name} wide`]);
    });
  }
});
