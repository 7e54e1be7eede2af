import type { Container, Namespace, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../../api/status';
import { controllerHarness } from '../../controllers/harness';
import { evaluatePod, forbiddenDetail } from './podsecurity-checks';
import { podSecurityAdmission } from './podsecurity';
import type { AdmissionPlugin, AdmissionRequest } from './types';

const spec = (containers: Partial<Container>[], extra: Partial<PodSpec> = {}): PodSpec => ({
  ...extra,
  containers: containers.map((c, i) => ({ name: c.name ?? `c${i}`, image: 'nginx', ...c })),
});

/** The security context that passes restricted. */
const hardened: Container['securityContext'] = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('Pod Security Standards checks', () => {
  const restricted: [string, PodSpec, string][] = [
    [
      'a plain pod',
      spec([{ name: 'c' }]),
      'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ],
    [
      'pod-level runAsNonRoot and seccomp cover the containers',
      spec([{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }], {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      }),
      '',
    ],
    [
      'two containers, added capability, root user',
      spec([
        { name: 'a', securityContext: { ...hardened, capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'SYS_TIME'] }, runAsUser: 0 } },
        { name: 'b', securityContext: { ...hardened, runAsNonRoot: false } },
      ]),
      'unrestricted capabilities (container "a" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add), runAsNonRoot != true (container "b" must not set securityContext.runAsNonRoot=false), runAsUser=0 (container "a" must not set runAsUser=0)',
    ],
    [
      'restricted volume types and host path',
      spec([{ securityContext: hardened }], { volumes: [{ name: 'host', hostPath: { path: '/etc' } }, { name: 'data', emptyDir: {} }] }),
      'restricted volume types (volumes ["host"] have restricted types)',
    ],
    [
      'Unconfined seccomp',
      spec([{ name: 'c', securityContext: { ...hardened, seccompProfile: { type: 'Unconfined' } } }]),
      'seccompProfile (container "c" must not set securityContext.seccompProfile.type to "Unconfined")',
    ],
  ];
  it.each(restricted)('restricted: %s', (_n, podSpec, want) => expect(forbiddenDetail(evaluatePod('restricted', {}, podSpec))).toBe(want));

  const baseline: [string, PodSpec, string][] = [
    ['a plain pod passes', spec([{}]), ''],
    [
      'privileged, host namespaces, host ports',
      spec([{ name: 'c', securityContext: { privileged: true }, ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 443, hostPort: 443 }] }], {
        hostNetwork: true,
        hostPID: true,
      }),
      'host namespaces (hostNetwork, hostPID), hostPort (container "c" uses hostPorts 443, 8080), privileged (container "c" must not set securityContext.privileged=true)',
    ],
    [
      'capabilities beyond the default set and hostPath volumes',
      spec([{ name: 'c', securityContext: { capabilities: { add: ['NET_ADMIN', 'CHOWN'] } } }], { volumes: [{ name: 'h', hostPath: { path: '/' } }] }),
      'non-default capabilities (container "c" must not include "NET_ADMIN" in securityContext.capabilities.add), hostPath volumes (volume "h")',
    ],
    [
      'unsafe sysctls and SELinux type',
      spec([{}], { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }], seLinuxOptions: { type: 'spc_t' } } }),
      'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"), forbidden sysctls (kernel.msgmax)',
    ],
  ];
  it.each(baseline)('baseline: %s', (_n, podSpec, want) => expect(forbiddenDetail(evaluatePod('baseline', {}, podSpec))).toBe(want));

  it('older policy versions skip checks that did not exist yet', () => {
    const plain = spec([{ name: 'c', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } }]);
    expect(evaluatePod('restricted', {}, plain, 21)).toEqual([]);
    expect(evaluatePod('restricted', {}, plain, 22).map((r) => r.reason)).toEqual(['unrestricted capabilities']);
  });
});

describe('PodSecurity admission', () => {
  function setup(labels: Record<string, string>) {
    const h = controllerHarness();
    h.api.use(podSecurityAdmission);
    // Warnings ride on the request; capture them the way the API server will pass them on.
    const warnings: string[] = [];
    h.api.use({
      name: 'capture',
      validate(req: AdmissionRequest) {
        warnings.push(...((req as AdmissionRequest & { warnings?: string[] }).warnings ?? []));
      },
    } satisfies AdmissionPlugin);
    h.api.create<Namespace>('namespaces', '', { metadata: { name: 'secure', labels } });
    return { ...h, warnings };
  }
  const pod = (name: string, s: PodSpec = spec([{ name: 'c' }])): Pod => ({ metadata: { name }, spec: s });

  it('enforce refuses a violating pod with the real message', () => {
    const h = setup({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    let err: StatusError | undefined;
    try {
      h.api.create<Pod>('pods', 'secure', pod('nginx'));
    } catch (e) {
      err = e as StatusError;
    }
    expect(err?.reason).toBe('Forbidden');
    expect(err?.message).toBe(
      'pods "nginx" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    h.api.create<Pod>('pods', 'secure', pod('ok', spec([{ securityContext: hardened }])));
  });

  it('warn admits the pod with a warning; pod templates of controllers are warned about too', () => {
    const h = setup({ 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.30' });
    h.api.create<Pod>('pods', 'secure', pod('p', spec([{ name: 'c', securityContext: { privileged: true } }])));
    expect(h.warnings).toEqual(['would violate PodSecurity "baseline:v1.30": privileged (container "c" must not set securityContext.privileged=true)']);
    h.api.create('apps/deployments', 'secure', {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: spec([{ name: 'c' }], { hostNetwork: true }) },
      },
    });
    expect(h.warnings[1]).toBe('would violate PodSecurity "baseline:v1.30": host namespaces (hostNetwork)');
  });

  it('invalid labels are refused on create', () => {
    const h = setup({});
    expect(() => h.api.create<Namespace>('namespaces', '', { metadata: { name: 'bad', labels: { 'pod-security.kubernetes.io/enforce': 'strict' } } })).toThrow(
      'Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
  });

  it('a stricter enforce label warns about the pods already running', () => {
    const h = setup({});
    h.api.create<Pod>('pods', 'secure', pod('web-1'));
    h.api.create<Pod>('pods', 'secure', pod('web-2'));
    h.api.create<Pod>('pods', 'secure', pod('priv', spec([{ name: 'c', securityContext: { ...hardened, capabilities: { drop: ['ALL'], add: ['SYS_TIME'] } } }])));
    const ns = h.api.get<Namespace>('namespaces', '', 'secure');
    h.api.update<Namespace>('namespaces', '', { ...ns, metadata: { ...ns.metadata, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    expect(h.warnings).toEqual([
      'existing pods in namespace "secure" violate the new PodSecurity enforce level "restricted:latest"',
      'priv: unrestricted capabilities',
      'web-1 (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    ]);
  });
});
