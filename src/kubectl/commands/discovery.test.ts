import { beforeAll, describe, expect, it } from 'vitest';
import { runSim } from '../../engine/sim/commands';
import { Sandbox } from '../testing/harness';

// Discovery documents as a v1.32 API server serves them to `kubectl get --raw` (APIVersions,
// APIGroupList, APIGroup, APIResourceList), with metrics-server's aggregated group once Available.
describe('kubectl get --raw discovery', () => {
  let s: Sandbox;
  const raw = async (path: string) => {
    const r = await s.run(`get --raw ${path}`);
    return { ...r, doc: r.exitCode === 0 ? JSON.parse(r.stdout) : undefined };
  };
  beforeAll(() => {
    s = new Sandbox();
  });

  it('/api lists the core version and the server address', async () => {
    expect((await raw('/api')).stdout).toBe('{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"172.18.0.2:6443"}]}\n');
  });

  it('/api/v1 is an APIResourceList without apiVersion, sorted by name, subresources included', async () => {
    const { doc } = await raw('/api/v1');
    expect(doc.kind).toBe('APIResourceList');
    expect(doc.apiVersion).toBeUndefined();
    expect(doc.groupVersion).toBe('v1');
    const names = doc.resources.map((r: { name: string }) => r.name);
    expect(names).toEqual([...names].sort());
    expect(doc.resources.find((r: { name: string }) => r.name === 'configmaps')).toEqual({
      name: 'configmaps',
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['cm'],
      storageVersionHash: 'qFsyl6wFWjQ=',
    });
    expect(doc.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toEqual({
      name: 'pods/eviction',
      singularName: '',
      namespaced: true,
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    });
    expect(doc.resources.find((r: { name: string }) => r.name === 'bindings')).toEqual({ name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] });
  });

  it('/apis lists groups by priority with their versions; autoscaling serves v2 (preferred) and v1', async () => {
    const { doc } = await raw('/apis');
    expect(doc.kind).toBe('APIGroupList');
    expect(doc.apiVersion).toBe('v1');
    expect(doc.groups.slice(0, 3).map((g: { name: string }) => g.name)).toEqual(['apiregistration.k8s.io', 'apps', 'events.k8s.io']);
    expect(doc.groups.find((g: { name: string }) => g.name === 'autoscaling')).toEqual({
      name: 'autoscaling',
      versions: [
        { groupVersion: 'autoscaling/v2', version: 'v2' },
        { groupVersion: 'autoscaling/v1', version: 'v1' },
      ],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    const apps = await raw('/apis/apps');
    expect(apps.doc).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    const v1 = await raw('/apis/autoscaling/v1');
    expect(v1.doc.groupVersion).toBe('autoscaling/v1');
    expect(v1.doc.resources.map((r: { name: string }) => r.name)).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
  });

  it('kubectl api-versions lists every served group version, autoscaling/v1 and v2 both, sorted', async () => {
    const lines = (await s.run('api-versions')).stdout.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort());
    expect(lines).toContain('autoscaling/v1');
    expect(lines).toContain('autoscaling/v2');
    expect(lines.at(-1)).toBe('v1');
  });

  it('/apis/metrics.k8s.io/v1beta1 is NotFound until metrics-server is Available, then metrics-server’s list', async () => {
    const before = await raw('/apis/metrics.k8s.io/v1beta1');
    expect(before.exitCode).toBe(1);
    expect(before.stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    runSim(s.cluster, ['addon', 'enable', 'metrics-server']);
    s.advance(90_000);
    expect((await raw('/apis/metrics.k8s.io/v1beta1')).stdout).toBe(
      '{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.k8s.io/v1beta1","resources":[{"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"]},{"name":"pods","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get","list"]}]}\n',
    );
    expect((await raw('/apis')).doc.groups.at(-1).name).toBe('metrics.k8s.io');
  });
});
