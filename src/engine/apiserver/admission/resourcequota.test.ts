import type { Container, LimitRange, PersistentVolumeClaim, Pod, ResourceQuota, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/status';
import { controllerHarness } from '../../controllers/harness';
import { ResourceQuotaController } from '../../controllers/resourcequota/controller';
import { limitRangerAdmission } from './limitranger';
import { resourceQuotaAdmission } from './resourcequota';

function setup() {
  const h = controllerHarness((c) => new ResourceQuotaController(c));
  h.api.use(limitRangerAdmission(h.ctx.informers));
  h.api.use(resourceQuotaAdmission(h.ctx.informers));
  h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  const quota = (name: string, hard: Record<string, string>, extra: Partial<ResourceQuota['spec']> = {}) => {
    h.api.create<ResourceQuota>('resourcequotas', 'team', { metadata: { name }, spec: { hard, ...extra } });
    h.settle();
  };
  const pod = (name: string, containers: Partial<Container>[] = [{}], spec: Partial<Pod['spec']> = {}) =>
    h.api.create<Pod>('pods', 'team', {
      metadata: { name },
      spec: { ...spec, containers: containers.map((c, i) => ({ name: c.name ?? `c${i}`, image: 'nginx', ...c })) },
    });
  const used = (name: string) => h.api.get<ResourceQuota>('resourcequotas', 'team', name).status?.used;
  return { ...h, quota, pod, used };
}

const res = (requests?: Record<string, string>, limits?: Record<string, string>): Partial<Container> => ({ resources: { requests, limits } });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as StatusError).reason).toBe('Forbidden');
    return (e as StatusError).message;
  }
  throw new Error('expected Forbidden');
}

describe('ResourceQuota admission', () => {
  it('charges pods and refuses the one that does not fit, with the real message', () => {
    const h = setup();
    h.quota('compute', { 'requests.cpu': '1', pods: '3' });
    h.pod('a', [res({ cpu: '500m' })]);
    h.pod('b', [res({ cpu: '500m' })]);
    expect(h.used('compute')).toEqual({ pods: '2', 'requests.cpu': '1' });
    expect(refusal(() => h.pod('c', [res({ cpu: '500m' })]))).toBe(
      'pods "c" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1',
    );
  });

  it('names every exceeded resource, sorted', () => {
    const h = setup();
    h.quota('q', { pods: '1', 'requests.memory': '1Gi', 'limits.memory': '1Gi' });
    h.pod('a', [res({ memory: '512Mi' }, { memory: '512Mi' })]);
    expect(refusal(() => h.pod('b', [res({ memory: '1Gi' }, { memory: '1Gi' })]))).toBe(
      'pods "b" is forbidden: exceeded quota: q, requested: limits.memory=1Gi,pods=1,requests.memory=1Gi, used: limits.memory=512Mi,pods=1,requests.memory=512Mi, limited: limits.memory=1Gi,pods=1,requests.memory=1Gi',
    );
  });

  it('a quota on cpu or memory requires every container to state them', () => {
    const h = setup();
    h.quota('compute', { 'requests.cpu': '2', 'limits.cpu': '2', 'limits.memory': '1Gi' });
    expect(refusal(() => h.pod('x', [{ name: 'c', ...res({ cpu: '100m' }) }, { name: 'd' }]))).toBe(
      'pods "x" is forbidden: failed quota: compute: must specify limits.cpu for: c,d; limits.memory for: c,d; requests.cpu for: d',
    );
  });

  it('object counts: legacy names and count/<resource>.<group>', () => {
    const h = setup();
    h.quota('objects', { configmaps: '1', 'count/secrets': '1', services: '1', 'services.nodeports': '1', 'count/deployments.apps': '0' });
    h.api.create('configmaps', 'team', { metadata: { name: 'one' } });
    expect(refusal(() => h.api.create('configmaps', 'team', { metadata: { name: 'two' } }))).toBe(
      'configmaps "two" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    h.api.create('secrets', 'team', { metadata: { name: 's' } });
    expect(refusal(() => h.api.create('secrets', 'team', { metadata: { name: 't' } }))).toMatch(/exceeded quota: objects, requested: count\/secrets=1/);
    expect(
      refusal(() =>
        h.api.create<Service>('services', 'team', { metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] } }),
      ),
    ).toBe('services "np" is forbidden: exceeded quota: objects, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1');
    expect(
      refusal(() =>
        h.api.create('apps/deployments', 'team', {
          metadata: { name: 'web' },
          spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
        }),
      ),
    ).toBe('deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0');
  });

  it('storage: requests.storage and per-class limits', () => {
    const h = setup();
    h.quota('storage', { 'requests.storage': '5Gi', 'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '1' });
    const claim = (name: string, size: string) =>
      h.api.create<PersistentVolumeClaim>('persistentvolumeclaims', 'team', {
        metadata: { name },
        spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
      });
    claim('a', '2Gi');
    expect(refusal(() => claim('b', '1Gi'))).toBe(
      'persistentvolumeclaims "b" is forbidden: exceeded quota: storage, requested: standard.storageclass.storage.k8s.io/persistentvolumeclaims=1, used: standard.storageclass.storage.k8s.io/persistentvolumeclaims=1, limited: standard.storageclass.storage.k8s.io/persistentvolumeclaims=1',
    );
  });

  it('scopes: BestEffort, NotBestEffort, Terminating and PriorityClass', () => {
    const h = setup();
    h.quota('best-effort', { pods: '1' }, { scopes: ['BestEffort'] });
    h.quota('terminating', { pods: '1' }, { scopes: ['Terminating'] });
    h.quota('high', { pods: '1' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
    h.pod('be-1');
    expect(refusal(() => h.pod('be-2'))).toMatch(/exceeded quota: best-effort/);
    h.pod('burstable', [res({ cpu: '100m' })]);
    h.pod('job-1', [res({ cpu: '100m' })], { activeDeadlineSeconds: 60 });
    expect(refusal(() => h.pod('job-2', [res({ cpu: '100m' })], { activeDeadlineSeconds: 60 }))).toMatch(/exceeded quota: terminating/);
    h.settle();
    expect(h.used('best-effort')).toEqual({ pods: '1' });
    expect(h.used('terminating')).toEqual({ pods: '1' });
    expect(h.used('high')).toEqual({ pods: '0' });
  });

  it('a quota the controller has not counted yet does not apply; a counted one with a missing resource refuses', () => {
    const h = setup();
    h.api.create<ResourceQuota>('resourcequotas', 'team', { metadata: { name: 'fresh' }, spec: { hard: { pods: '0' } } });
    h.pod('early');
    h.settle();
    expect(h.used('fresh')).toEqual({ pods: '1' });
    const rq = h.api.get<ResourceQuota>('resourcequotas', 'team', 'fresh');
    h.api.updateStatus<ResourceQuota>('resourcequotas', 'team', { ...rq, status: { hard: { pods: '0' } } });
    expect(refusal(() => h.pod('late'))).toBe('pods "late" is forbidden: status unknown for quota: fresh, resources: pods');
  });

  it('dry-run charges nothing', () => {
    const h = setup();
    h.quota('q', { pods: '5' });
    h.api.create<Pod>('pods', 'team', { metadata: { name: 'dry' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { dryRun: true });
    expect(h.used('q')).toEqual({ pods: '0' });
  });
});

describe('resource quota controller', () => {
  it('keeps status.hard and status.used current, replenishing deleted and finished pods', () => {
    const h = setup();
    h.quota('q', { pods: '10', 'requests.cpu': '4', 'count/pods': '10', configmaps: '5' });
    expect(h.api.get<ResourceQuota>('resourcequotas', 'team', 'q').status).toEqual({
      hard: { configmaps: '5', 'count/pods': '10', pods: '10', 'requests.cpu': '4' },
      used: { configmaps: '0', 'count/pods': '0', pods: '0', 'requests.cpu': '0' },
    });
    h.pod('a', [res({ cpu: '250m' })]);
    h.pod('b', [res({ cpu: '250m' })]);
    h.api.create('configmaps', 'team', { metadata: { name: 'cm' } });
    h.settle();
    expect(h.used('q')).toEqual({ configmaps: '1', 'count/pods': '2', pods: '2', 'requests.cpu': '500m' });
    // A finished pod still counts as an object, but no longer as a running pod.
    const b = h.api.get<Pod>('pods', 'team', 'b');
    h.api.updateStatus<Pod>('pods', 'team', { ...b, status: { ...b.status, phase: 'Succeeded' } });
    h.api.delete('pods', 'team', 'a');
    h.settle();
    expect(h.used('q')).toEqual({ configmaps: '1', 'count/pods': '1', pods: '0', 'requests.cpu': '0' });
    // A raised limit shows in status.hard.
    const rq = h.api.get<ResourceQuota>('resourcequotas', 'team', 'q');
    h.api.update<ResourceQuota>('resourcequotas', 'team', { ...rq, spec: { hard: { ...rq.spec?.hard, pods: '20' } } });
    h.settle();
    expect(h.api.get<ResourceQuota>('resourcequotas', 'team', 'q').status?.hard?.pods).toBe('20');
    expect(h.writesOnResync(h.controllers[0], ['team/q'])).toBe(false);
  });

  it('corrects a charge for a create that then failed', () => {
    const h = setup();
    h.quota('q', { pods: '2' });
    h.pod('a');
    expect(() => h.pod('a')).toThrow(/already exists/);
    h.settle();
    expect(h.used('q')).toEqual({ pods: '1' });
  });
});

describe('LimitRanger admission', () => {
  function withLimits(limits: LimitRange['spec']) {
    const h = setup();
    h.api.create<LimitRange>('limitranges', 'team', { metadata: { name: 'limits' }, spec: limits });
    return h;
  }

  it('applies default requests and limits, annotates the pod and sets its QoS class', () => {
    const h = withLimits({
      limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' } }],
    });
    const pod = h.pod('a', [{ name: 'web' }, { name: 'side', ...res({ cpu: '100m' }) }]);
    expect(pod.spec?.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
    expect(pod.spec?.containers[1].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(pod.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web; memory request for container side; cpu, memory limit for container side',
    );
    expect(pod.status?.qosClass).toBe('Burstable');
  });

  it('defaults count against a quota in the same namespace', () => {
    const h = withLimits({ limits: [{ type: 'Container', defaultRequest: { cpu: '250m' }, default: { cpu: '250m' } }] });
    h.quota('q', { pods: '2', 'requests.cpu': '1' });
    h.pod('a');
    h.pod('b');
    expect(refusal(() => h.pod('c'))).toBe('pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    expect(h.used('q')).toEqual({ pods: '2', 'requests.cpu': '500m' });
  });

  const cases: [string, LimitRange['spec'], Partial<Container>, string][] = [
    ['max limit', { limits: [{ type: 'Container', max: { cpu: '800m' } }] }, res({ cpu: '1' }, { cpu: '1500m' }), 'maximum cpu usage per Container is 800m, but limit is 1500m'],
    // A Container max or min also defaults the limit or request; a Pod one does not.
    ['max without limit', { limits: [{ type: 'Pod', max: { memory: '1Gi' } }] }, res({ memory: '100Mi' }), 'maximum memory usage per Pod is 1Gi.  No limit is specified'],
    ['min request', { limits: [{ type: 'Container', min: { cpu: '200m' } }] }, res({ cpu: '100m' }, { cpu: '1' }), 'minimum cpu usage per Container is 200m, but request is 100m'],
    ['min without request', { limits: [{ type: 'Pod', min: { memory: '64Mi' } }] }, res({ cpu: '1' }), 'minimum memory usage per Pod is 64Mi.  No request is specified'],
    [
      'ratio',
      { limits: [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }] },
      res({ cpu: '100m' }, { cpu: '300m' }),
      'cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000',
    ],
    ['pod max', { limits: [{ type: 'Pod', max: { cpu: '1' } }] }, res({ cpu: '600m' }, { cpu: '600m' }), 'maximum cpu usage per Pod is 1, but limit is 1200m'],
  ];
  it.each(cases)('%s', (_n, limits, container, message) => {
    const h = withLimits(limits);
    const containers = limits?.limits?.[0].type === 'Pod' ? [container, container] : [container];
    expect(refusal(() => h.pod('p', containers))).toBe(`pods "p" is forbidden: ${message}`);
  });

  it('several violations are listed in brackets', () => {
    const h = withLimits({ limits: [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }] });
    expect(refusal(() => h.pod('p', [res({ cpu: '2', memory: '2Gi' }, { cpu: '2', memory: '2Gi' })]))).toBe(
      'pods "p" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
  });

  it('claims: min and max storage', () => {
    const h = withLimits({ limits: [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '2Gi' } }] });
    const claim = (size: string) => () =>
      h.api.create<PersistentVolumeClaim>('persistentvolumeclaims', 'team', {
        metadata: { name: 'c' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
      });
    expect(refusal(claim('5Gi'))).toBe('persistentvolumeclaims "c" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
    expect(refusal(claim('500Mi'))).toBe('persistentvolumeclaims "c" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi');
    claim('1Gi')();
  });
});

it('StatusError is what admission throws', () => expect(new StatusError({ code: 403 }).code).toBe(403));
