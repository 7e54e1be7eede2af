import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/status';
import { asDecodeError, defaultContainer, defaultPodOnly, defaultPodSpec, defaultPodTemplateSpec } from './podspec-defaults';

// Expected values from pkg/apis/core/v1/defaults.go and defaults_test.go, and from what
// `kubectl get pod -o yaml` prints on a v1.32 cluster.

describe('imagePullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['docker.io/library/nginx:latest', 'Always'],
    ['localhost:5000/team/app', 'Always'],
    ['localhost:5000/team/app:v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
    // A reference that does not parse (upper case) has no tag: IfNotPresent.
    ['Nginx', 'IfNotPresent'],
  ])('%s → %s', (image, want) => {
    const c = { name: 'c', image };
    defaultContainer(c);
    expect(c).toMatchObject({ imagePullPolicy: want });
  });

  it('keeps a policy that is set', () => {
    const c = { name: 'c', image: 'nginx', imagePullPolicy: 'Never' };
    defaultContainer(c);
    expect(c.imagePullPolicy).toBe('Never');
  });
});

describe('defaultPodSpec', () => {
  it('fills the PodSpec and container defaults a minimal pod shows', () => {
    const spec: PodSpec = { containers: [{ name: 'nginx', image: 'nginx' }] };
    defaultPodSpec(spec);
    expect(spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it('keeps what is set, including a zero grace period', () => {
    const spec: PodSpec = { containers: [], restartPolicy: 'Never', dnsPolicy: 'None', terminationGracePeriodSeconds: 0 };
    defaultPodSpec(spec);
    expect(spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'None', terminationGracePeriodSeconds: 0 });
  });

  it('defaults probes (SetDefaults_Probe, SetDefaults_HTTPGetAction)', () => {
    const spec: PodSpec = {
      containers: [
        {
          name: 'c',
          image: 'i',
          livenessProbe: { httpGet: { port: 8080 } },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          startupProbe: { grpc: { port: 2379 } },
          lifecycle: { preStop: { httpGet: { port: 'http', path: '/quit' } } },
        },
      ],
    };
    defaultPodSpec(spec);
    const c = spec.containers[0];
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.readinessProbe).toEqual({
      tcpSocket: { port: 80 },
      periodSeconds: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.startupProbe?.grpc).toEqual({ port: 2379, service: '' });
    expect(c.lifecycle?.preStop?.httpGet).toEqual({ port: 'http', path: '/quit', scheme: 'HTTP' });
  });

  it('defaults ports, env field refs and volumes', () => {
    const spec: PodSpec = {
      containers: [
        {
          name: 'c',
          image: 'i',
          ports: [{ containerPort: 80 }],
          env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
        },
      ],
      volumes: [
        { name: 'scratch' },
        { name: 'cfg', configMap: { name: 'cfg' } },
        { name: 'sec', secret: { secretName: 's' } },
        { name: 'host', hostPath: { path: '/var/log' } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    };
    defaultPodSpec(spec);
    expect(spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(spec.containers[0].env?.[0].valueFrom?.fieldRef).toEqual({ fieldPath: 'spec.nodeName', apiVersion: 'v1' });
    expect(spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      {
        name: 'info',
        downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }] },
      },
      { name: 'token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    ]);
  });

  it.each([
    ['0.0001', '1m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['2', '2'],
  ])('rounds cpu %s up to milli precision and prints it canonically (%s)', (given, want) => {
    const spec: PodSpec = { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: given } } }] };
    defaultPodSpec(spec);
    expect(spec.containers[0].resources?.limits?.cpu).toBe(want);
  });
});

describe('defaultPodOnly (SetDefaults_Pod)', () => {
  it('copies limits into missing requests, for containers and init containers', () => {
    const spec: PodSpec = {
      containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }],
      initContainers: [{ name: 'i', image: 'i', resources: { limits: { memory: '64Mi' } } }],
    };
    defaultPodOnly(spec);
    expect(spec.containers[0].resources?.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(spec.initContainers?.[0].resources?.requests).toEqual({ memory: '64Mi' });
    expect(spec.enableServiceLinks).toBe(true);
  });

  it('makes container ports host ports on the host network', () => {
    const spec: PodSpec = { hostNetwork: true, containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }] }] };
    defaultPodOnly(spec);
    expect(spec.containers[0].ports?.[0].hostPort).toBe(8080);
  });
});

describe('defaultPodTemplateSpec', () => {
  it('does not default requests from limits or enable service links', () => {
    const t = {
      metadata: { labels: { app: 'a' } },
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '1' } } }] },
    };
    defaultPodTemplateSpec(t);
    expect(t.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
    expect(t.spec).not.toHaveProperty('enableServiceLinks');
    // v1.32 prints the zero creationTimestamp of an embedded ObjectMeta.
    expect(t.metadata).toEqual({ labels: { app: 'a' }, creationTimestamp: null });
  });
});

describe('asDecodeError', () => {
  it('turns a malformed quantity into the decoder BadRequest', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 'lots' } } }] },
    };
    try {
      asDecodeError(pod, () => defaultPodSpec(pod.spec as PodSpec));
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'BadRequest')).toBe(true);
      expect((e as Error).message).toBe(
        `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      );
    }
  });
});
