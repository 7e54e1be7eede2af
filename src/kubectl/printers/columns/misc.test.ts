import { describe, expect, it } from 'vitest';
import {
  componentStatusColumns,
  configMapColumns,
  namespaceColumns,
  podTemplateColumns,
  resourceQuotaColumns,
  secretColumns,
  serviceAccountColumns,
} from './config';
import { createdAtColumns } from './defaults';
import {
  certificateSigningRequestColumns,
  controllerRevisionColumns,
  leaseColumns,
  priorityClassColumns,
  runtimeClassColumns,
} from './misc';
import { ingressClassColumns, ingressColumns, networkPolicyColumns } from './networking';
import { clusterRoleBindingColumns, roleBindingColumns } from './rbac';
import { ago, cells, DAY, MIN, SOON } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintNamespace, TestPrintSecret,
// TestPrintServiceAccount, TestPrintConfigMap, TestPrintPodTemplate, TestPrintComponentStatus,
// TestPrintControllerRevision, TestPrintLease, TestPrintPriorityClass, TestPrintRuntimeClass,
// TestPrintIngress, TestPrintIngressClass, TestPrintNetworkPolicy, TestPrintRoleBinding,
// TestPrintClusterRoleBinding, TestPrintCertificateSigningRequest).

const FIVE_MIN = ago(5 * MIN);
const meta = (name: string, creationTimestamp = SOON) => ({ name, creationTimestamp });

describe('core config columns', () => {
  const cases: [string, Parameters<typeof cells>[0], object, string[]][] = [
    [
      'namespace with a phase',
      namespaceColumns,
      { metadata: meta('namespace1'), status: { phase: 'FooStatus' } },
      ['namespace1', 'FooStatus', '0s'],
    ],
    [
      'namespace without status or age',
      namespaceColumns,
      { metadata: { name: 'namespace2' } },
      ['namespace2', '', '<unknown>'],
    ],
    [
      'secret with data',
      secretColumns,
      { metadata: meta('secret1'), type: 'kubernetes.io/service-account-token', data: { token: 'c2VjcmV0IGRhdGE=' } },
      ['secret1', 'kubernetes.io/service-account-token', '1', '0s'],
    ],
    [
      'secret without data',
      secretColumns,
      { metadata: meta('secret1'), type: 'kubernetes.io/service-account-token' },
      ['secret1', 'kubernetes.io/service-account-token', '0', '0s'],
    ],
    [
      'service account without secrets',
      serviceAccountColumns,
      { metadata: meta('sa1'), secrets: [] },
      ['sa1', '0', '0s'],
    ],
    [
      'service account with secrets',
      serviceAccountColumns,
      { metadata: meta('sa1'), secrets: [{ name: 'Secret1' }, { name: 'Secret2' }] },
      ['sa1', '2', '0s'],
    ],
    ['config map without data', configMapColumns, { metadata: meta('configmap1') }, ['configmap1', '0', '0s']],
    [
      'config map with data',
      configMapColumns,
      { metadata: meta('configmap2'), data: { foo: 'bar' } },
      ['configmap2', '1', '0s'],
    ],
    [
      'config map with data and binary data',
      configMapColumns,
      { metadata: meta('configmap3'), data: { foo: 'bar' }, binaryData: { bin: 'YmluYXJ5IGRhdGE=' } },
      ['configmap3', '2', '0s'],
    ],
    [
      'pod template without containers',
      podTemplateColumns,
      {
        metadata: { name: 'pod-template-1' },
        template: { metadata: { name: 'pod-template-1' }, spec: { containers: [] } },
      },
      ['pod-template-1', '', '', '<none>'],
    ],
    [
      'pod template with containers',
      podTemplateColumns,
      {
        metadata: { name: 'pod-template-2' },
        template: {
          spec: {
            containers: [
              { name: 'fake-container1', image: 'fake-image1' },
              { name: 'fake-container2', image: 'fake-image2' },
            ],
          },
        },
      },
      ['pod-template-2', 'fake-container1,fake-container2', 'fake-image1,fake-image2', '<none>'],
    ],
    [
      'pod template with labels',
      podTemplateColumns,
      {
        metadata: { name: 'pod-template-3' },
        template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [] } },
      },
      ['pod-template-3', '', '', 'foo=bar'],
    ],
    [
      'component without conditions',
      componentStatusColumns,
      { metadata: { name: 'cs1' }, conditions: [] },
      ['cs1', 'Unknown', '', ''],
    ],
    [
      'healthy component',
      componentStatusColumns,
      {
        metadata: { name: 'cs2' },
        conditions: [{ type: 'Healthy', status: 'True', message: 'test message', error: 'test error' }],
      },
      ['cs2', 'Healthy', 'test message', 'test error'],
    ],
    [
      'unhealthy component',
      componentStatusColumns,
      {
        metadata: { name: 'cs3' },
        conditions: [{ type: 'Healthy', status: 'False', message: 'test message', error: 'test error' }],
      },
      ['cs3', 'Unhealthy', 'test message', 'test error'],
    ],
  ];
  it.each(cases)('%s', (_name, columns, obj, expected) => {
    expect(cells(columns, obj)).toEqual(expected);
  });
});

describe('controller revision columns', () => {
  const cr = (name: string, revision: number, ownerReferences?: object[]) => ({
    metadata: { ...meta(name), ownerReferences },
    revision,
  });
  const cases: [string, object, string[]][] = [
    [
      'controlled by a daemon set',
      cr('test1', 1, [{ controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo' }]),
      ['test1', 'daemonset.apps/foo', '1', '0s'],
    ],
    [
      'owner that is not the controller',
      cr('test2', 2, [{ controller: false, kind: 'ABC', name: 'foo' }]),
      ['test2', '<none>', '2', '0s'],
    ],
    ['empty owner list', cr('test3', 3, []), ['test3', '<none>', '3', '0s']],
    ['no owners', cr('test4', 4), ['test4', '<none>', '4', '0s']],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(cells(controllerRevisionColumns, obj)).toEqual(expected);
  });
});

describe('cluster-scoped class columns', () => {
  it('lease holder', () => {
    expect(cells(leaseColumns, { metadata: meta('lease1'), spec: { holderIdentity: 'holder1' } })).toEqual([
      'lease1',
      'holder1',
      '0s',
    ]);
    expect(cells(leaseColumns, { metadata: meta('lease2', FIVE_MIN), spec: { holderIdentity: 'holder2' } })).toEqual([
      'lease2',
      'holder2',
      '5m',
    ]);
  });
  it('priority class', () => {
    expect(cells(priorityClassColumns, { metadata: meta('pc1'), value: 1, preemptionPolicy: 'Never' })).toEqual([
      'pc1',
      '1',
      'false',
      '0s',
    ]);
    const pc2 = {
      metadata: meta('pc2', FIVE_MIN),
      value: 1000000000,
      globalDefault: true,
      preemptionPolicy: 'PreemptLowerPriority',
    };
    expect(cells(priorityClassColumns, pc2)).toEqual(['pc2', '1000000000', 'true', '5m']);
    expect(cells(priorityClassColumns, pc2, { wide: true })).toEqual([
      'pc2',
      '1000000000',
      'true',
      '5m',
      'PreemptLowerPriority',
    ]);
    const unset = { metadata: meta('pc2', FIVE_MIN), value: 1000000000, globalDefault: true };
    expect(cells(priorityClassColumns, unset, { wide: true })).toEqual(['pc2', '1000000000', 'true', '5m', '']);
  });
  it('runtime class', () => {
    expect(cells(runtimeClassColumns, { metadata: meta('rc1'), handler: 'h1' })).toEqual(['rc1', 'h1', '0s']);
    expect(cells(runtimeClassColumns, { metadata: meta('rc2', FIVE_MIN), handler: 'h2' })).toEqual(['rc2', 'h2', '5m']);
  });
});

describe('networking columns', () => {
  const TEN_YEARS = ago(10 * 365 * DAY);
  it('ingress', () => {
    const ingress = {
      metadata: meta('test1', TEN_YEARS),
      spec: {
        ingressClassName: 'foo',
        defaultBackend: { service: { name: 'default-backend', port: { name: 'default-backend', number: 80 } } },
      },
      status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
    };
    expect(cells(ingressColumns, ingress)).toEqual(['test1', 'foo', '*', '2.3.4.5', '80', '10y']);
  });
  it('ingress class parameters', () => {
    const ic = (parameters?: object, name = 'test1', age = TEN_YEARS) => ({
      metadata: meta(name, age),
      spec: {
        controller: parameters ? 'example.com/controller' : 'example.com/controller2',
        ...(parameters ? { parameters } : {}),
      },
    });
    expect(cells(ingressClassColumns, ic({ kind: 'customgroup', name: 'example' }))).toEqual([
      'test1',
      'example.com/controller',
      'customgroup/example',
      '10y',
    ]);
    expect(cells(ingressClassColumns, ic({ apiGroup: 'example.com', kind: 'customgroup', name: 'example' }))).toEqual([
      'test1',
      'example.com/controller',
      'customgroup.example.com/example',
      '10y',
    ]);
    expect(cells(ingressClassColumns, ic(undefined, 'test2', ago(11 * 365 * DAY)))).toEqual([
      'test2',
      'example.com/controller2',
      '<none>',
      '11y',
    ]);
  });
  it('network policy pod selector', () => {
    expect(cells(networkPolicyColumns, { metadata: meta('policy1'), spec: {} })).toEqual(['policy1', '<none>', '0s']);
    expect(
      cells(networkPolicyColumns, {
        metadata: meta('policy2'),
        spec: { podSelector: { matchLabels: { foo: 'bar' } } },
      }),
    ).toEqual(['policy2', 'foo=bar', '0s']);
  });
});

describe('role binding columns', () => {
  const basic = {
    metadata: meta('binding1'),
    subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }],
    roleRef: { kind: 'Role', name: 'extension-apiserver-authentication-reader' },
  };
  const full = {
    metadata: meta('binding2'),
    subjects: [
      { kind: 'User', name: 'user-name' },
      { kind: 'Group', name: 'group-name' },
      { kind: 'ServiceAccount', name: 'service-account-name', namespace: 'service-account-namespace' },
    ],
    roleRef: { kind: 'Role', name: 'role-name' },
  };
  for (const [kind, columns] of [
    ['RoleBinding', roleBindingColumns],
    ['ClusterRoleBinding', clusterRoleBindingColumns],
  ] as const) {
    it(`${kind}: role reference`, () => {
      expect(cells(columns, basic)).toEqual(['binding1', 'Role/extension-apiserver-authentication-reader', '0s']);
    });
    it(`${kind}: subjects with -o wide`, () => {
      expect(cells(columns, full, { wide: true })).toEqual([
        'binding2',
        'Role/role-name',
        '0s',
        'user-name',
        'group-name',
        'service-account-namespace/service-account-name',
      ]);
    });
  }
});

describe('certificate signing request columns', () => {
  const csr = (spec: object, status: object = {}) => ({ metadata: meta('csr'), spec, status });
  const approved = { conditions: [{ type: 'Approved' }] };
  const cases: [string, object, string[]][] = [
    ['nothing set: Pending', csr({}), ['csr', '0s', '<none>', '', '<none>', 'Pending']],
    [
      'approved',
      csr({ username: 'CSR Requestor' }, approved),
      ['csr', '0s', '<none>', 'CSR Requestor', '<none>', 'Approved'],
    ],
    [
      'signer name',
      csr({ username: 'CSR Requestor', signerName: 'example.com/test-signer' }, approved),
      ['csr', '0s', 'example.com/test-signer', 'CSR Requestor', '<none>', 'Approved'],
    ],
    [
      'requested duration',
      csr(
        { username: 'CSR Requestor', signerName: 'example.com/test-signer', expirationSeconds: 7 * 24 * 3600 + 3600 },
        approved,
      ),
      ['csr', '0s', 'example.com/test-signer', 'CSR Requestor', '7d1h', 'Approved'],
    ],
    [
      'issued',
      csr({ username: 'CSR Requestor' }, { ...approved, certificate: 'Y2VydCBkYXRh' }),
      ['csr', '0s', '<none>', 'CSR Requestor', '<none>', 'Approved,Issued'],
    ],
    [
      'denied',
      csr({ username: 'CSR Requestor' }, { conditions: [{ type: 'Denied' }] }),
      ['csr', '0s', '<none>', 'CSR Requestor', '<none>', 'Denied'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(cells(certificateSigningRequestColumns, obj)).toEqual(expected);
  });
});

describe('kinds without a printer of their own', () => {
  // The API server's default table: NAME and the creation time in RFC 3339 UTC (kubectl get roles).
  it('prints NAME and CREATED AT', () => {
    const role = { metadata: { name: 'pod-reader', creationTimestamp: '2025-01-01T10:20:30Z' } };
    expect(createdAtColumns.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(cells(createdAtColumns, role)).toEqual(['pod-reader', '2025-01-01T10:20:30Z']);
  });
});

describe('resource quota columns', () => {
  // printResourceQuota: resources in name order, limits.* in LIMIT, used/hard as canonical quantities.
  it('splits requests and limits', () => {
    const quota = {
      metadata: { name: 'compute', creationTimestamp: FIVE_MIN },
      status: {
        hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi', 'requests.memory': '1024Mi' },
        used: { pods: '2', 'requests.cpu': '500m' },
      },
    };
    expect(cells(resourceQuotaColumns, quota)).toEqual([
      'compute',
      '5m',
      'pods: 2/10, requests.cpu: 500m/1, requests.memory: 0/1Gi',
      'limits.memory: 0/2Gi',
    ]);
  });
  it('prints empty columns before the status is filled in', () => {
    expect(
      cells(resourceQuotaColumns, {
        metadata: { name: 'q', creationTimestamp: FIVE_MIN },
        spec: { hard: { pods: '1' } },
      }),
    ).toEqual(['q', '5m', '', '']);
  });
});
