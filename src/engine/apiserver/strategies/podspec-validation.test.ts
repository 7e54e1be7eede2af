import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { defaultPodOnly, defaultPodSpec } from './podspec-defaults';
import { validatePodSpec, validatePodTemplateSpec } from './podspec-validation';
import { msg } from './test-helpers';

// Messages from pkg/apis/core/validation/validation.go (ValidatePodSpec and helpers).

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const base = (c: Partial<Container> = {}): Container => ({ name: 'app', image: 'nginx', ...c });

function check(spec: PodSpec, isPod = true): string[] {
  const s = structuredClone(spec);
  defaultPodSpec(s);
  if (isPod) defaultPodOnly(s);
  return validatePodSpec(s, 'spec', { isPod }).map(msg);
}

describe('validatePodSpec', () => {
  it('accepts a minimal defaulted spec', () => {
    expect(check({ containers: [base()] })).toEqual([]);
  });

  it.each<[string, PodSpec, string[]]>([
    ['no containers', { containers: [] }, ['spec.containers: Required value']],
    ['a bad container name', { containers: [base({ name: 'Web_1' })] }, [`spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}`]],
    ['two containers with one name', { containers: [base(), base()] }, ['spec.containers[1].name: Duplicate value: "app"']],
    ['no image', { containers: [base({ image: '' })] }, ['spec.containers[0].image: Required value']],
    [
      'a port out of range',
      { containers: [base({ ports: [{ containerPort: 70000 }] })] },
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'a duplicate port name',
      {
        containers: [
          base({
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'http', containerPort: 81 },
            ],
          }),
        ],
      },
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'an unsupported port protocol',
      { containers: [base({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'an env name with =',
      { containers: [base({ env: [{ name: 'A=B', value: 'x' }] })] },
      [
        `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      ],
    ],
    [
      'a field ref the downward API does not offer',
      { containers: [base({ env: [{ name: 'P', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] })] },
      [
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ],
    ],
    [
      'a mount of a missing volume',
      { containers: [base({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'an unknown restart policy',
      { containers: [base()], restartPolicy: 'Sometimes' },
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'an unknown DNS policy',
      { containers: [base()], dnsPolicy: 'Google' },
      ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    [
      'a probe with two handlers',
      { containers: [base({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })] },
      ['spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    [
      'a probe without a handler',
      { containers: [base({ readinessProbe: { periodSeconds: 5 } })] },
      ['spec.containers[0].readinessProbe: Required value: must specify a handler type'],
    ],
    [
      'a liveness probe needing two successes',
      { containers: [base({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] },
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'an httpGet probe on a numeric-string port',
      { containers: [base({ readinessProbe: { httpGet: { port: '8080' } } })] },
      ['spec.containers[0].readinessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter (a-z)'],
    ],
    [
      'requests above limits',
      { containers: [base({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'a resource that is not a container resource',
      { containers: [base({ resources: { limits: { gpu: '1' } } })] },
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        // Pod defaulting copied the limit into requests, which get the same errors.
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'a fractional extended resource',
      { containers: [base({ resources: { limits: { 'example.com/dongle': '500m' } } })] },
      [
        'spec.containers[0].resources.limits[example.com/dongle]: Invalid value: "500m": must be an integer',
        'spec.containers[0].resources.requests[example.com/dongle]: Invalid value: "500m": must be an integer',
      ],
    ],
    [
      'a node selector with a bad value',
      { containers: [base()], nodeSelector: { disk: 'fast ssd' } },
      [
        `spec.nodeSelector: Invalid value: "fast ssd": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
    [
      'a toleration with Exists and a value',
      { containers: [base()], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] },
      ['spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\''],
    ],
    [
      'a keyless toleration with Equal',
      { containers: [base()], tolerations: [{ operator: 'Equal' }] },
      [
        'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ],
    ],
    [
      'a toleration with an unknown effect',
      { containers: [base()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' }] },
      ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      'tolerationSeconds without NoExecute',
      { containers: [base()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] },
      ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'],
    ],
    [
      'a zero activeDeadlineSeconds',
      { containers: [base()], activeDeadlineSeconds: 0 },
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ],
    [
      'two containers on one host port',
      {
        containers: [
          base({ ports: [{ containerPort: 80, hostPort: 80 }] }),
          base({ name: 'b', ports: [{ containerPort: 81, hostPort: 80 }] }),
        ],
      },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"'],
    ],
    [
      'a volume with two sources',
      { containers: [base()], volumes: [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }] },
      ['spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'a secret volume without a secret',
      { containers: [base()], volumes: [{ name: 'v', secret: {} }] },
      ['spec.volumes[0].secret.secretName: Required value'],
    ],
    [
      'a bad volume name',
      { containers: [base()], volumes: [{ name: 'Data', emptyDir: {} }] },
      [`spec.volumes[0].name: Invalid value: "Data": ${LABEL_MSG}`],
    ],
    [
      'an init container with a liveness probe',
      { containers: [base()], initContainers: [base({ name: 'init', livenessProbe: { exec: { command: ['true'] } } })] },
      ['spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ],
    [
      'an init container named like a container',
      { containers: [base()], initContainers: [base()] },
      ['spec.initContainers[0].name: Duplicate value: "app"'],
    ],
    [
      'a host-network pod whose host port differs',
      { hostNetwork: true, containers: [base({ ports: [{ containerPort: 80, hostPort: 8080 }] })] },
      ['spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true'],
    ],
    [
      'a bad service account name',
      { containers: [base()], serviceAccountName: 'Robot' },
      [
        "spec.serviceAccountName: Invalid value: \"Robot\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'a required node affinity without terms',
      { containers: [base()], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
      [
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
      ],
    ],
    [
      'a pod affinity term without topology key',
      {
        containers: [base()],
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } }, topologyKey: '' }],
          },
        },
      },
      [
        'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      'a topology spread constraint with zero skew',
      { containers: [base()], topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] },
      ['spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero'],
    ],
  ])('%s', (_, spec, want) => {
    expect(check(spec)).toEqual(want);
  });

  it('requires terminationGracePeriodSeconds (set by defaulting)', () => {
    expect(
      validatePodSpec(
        {
          containers: [base({ imagePullPolicy: 'Always', terminationMessagePolicy: 'File' })],
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
        },
        'spec',
      ).map(msg),
    ).toEqual(['spec.terminationGracePeriodSeconds: Required value']);
  });

  it('lets templates leave host ports unset on the host network', () => {
    expect(check({ hostNetwork: true, containers: [base({ ports: [{ containerPort: 80 }] })] }, false)).toEqual([]);
  });
});

describe('validatePodTemplateSpec', () => {
  it('reports template labels at <path>.labels and validates the spec under <path>.spec', () => {
    const t = { metadata: { labels: { 'a b': 'c' } }, spec: { containers: [] } };
    defaultPodSpec(t.spec);
    expect(validatePodTemplateSpec(t, 'spec.template').map(msg)).toEqual([
      "spec.template.labels: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.template.spec.containers: Required value',
    ]);
  });
});
