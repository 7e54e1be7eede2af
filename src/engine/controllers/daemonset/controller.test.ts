import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Stored } from '../../api/types';
import { Harness } from '../controllerutil/testing';
import { DaemonSetController } from './controller';

function ds(name: string, extra: Partial<NonNullable<DaemonSet['spec']>> = {}, image = 'busybox'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
      ...extra,
    },
  };
}

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('DaemonSet controller', () => {
  let h: Harness;
  let c: DaemonSetController;
  beforeEach(() => {
    h = new Harness();
    c = h.add(new DaemonSetController(h.ctx));
    h.node('control-plane', {}, [CP_TAINT]);
    h.node('worker-1', { 'topology.kubernetes.io/zone': 'zone-a' });
    h.node('worker-2', { 'topology.kubernetes.io/zone': 'zone-b' });
  });

  /** What the scheduler would do: bind each daemon pod to the node its affinity names. */
  function schedule(): void {
    for (const p of h.pods()) {
      if (p.spec?.nodeName || p.metadata.deletionTimestamp) continue;
      const node = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      if (node) h.run(h.bind(p, node));
    }
    h.settle();
  }

  test('one pod per node it fits, pinned by node affinity, with the daemon tolerations', () => {
    h.create('apps/daemonsets', ds('agent'));
    h.settle();
    const pods = h.pods();
    expect(pods).toHaveLength(2); // not on the tainted control plane
    const nodes = pods.map((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
    expect(nodes).toContainEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }]);
    expect(pods[0].metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pods[0].spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const rev = h.list<ControllerRevision>('apps/controllerrevisions')[0];
    expect(pods[0].metadata.labels?.['controller-revision-hash']).toBe(rev.metadata.labels?.['controller-revision-hash']);
    expect(rev.metadata.name).toBe(`agent-${rev.metadata.labels?.['controller-revision-hash']}`);
    expect(pods[0].metadata.labels?.['pod-template-generation']).toBe('1');
    expect(h.api.get<DaemonSet>('apps/daemonsets', 'default', 'agent').status).toEqual({
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberMisscheduled: 0,
      numberReady: 0,
      numberUnavailable: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
    });
  });

  test('tolerating everything puts a pod on the control plane too; ready pods are counted; second reconcile writes nothing', () => {
    h.create('apps/daemonsets', ds('proxy', { template: { metadata: { labels: { app: 'proxy' } }, spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'c', image: 'kube-proxy' }] } } }));
    h.settle();
    schedule();
    const status = h.api.get<DaemonSet>('apps/daemonsets', 'default', 'proxy').status;
    expect(status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3 });
    const rv = h.rv();
    c.reconcile('default/proxy');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('a new node gets a pod; a node that stops fitting loses it', () => {
    h.create('apps/daemonsets', ds('agent', { template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'busybox' }] } } }));
    h.settle();
    expect(h.pods()).toHaveLength(0);
    h.node('worker-3', { disk: 'ssd' });
    h.settle();
    schedule();
    expect(h.pods().map((p) => p.spec?.nodeName)).toEqual(['worker-3']);
    const n = h.api.get('nodes', '', 'worker-3');
    h.api.update('nodes', '', { ...n, metadata: { ...n.metadata, labels: { 'kubernetes.io/hostname': 'worker-3' } } });
    h.settle();
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });

  test('a failed daemon pod is deleted and replaced', () => {
    h.create('apps/daemonsets', ds('agent'));
    h.settle();
    schedule();
    const victim = h.pods().find((p) => p.spec?.nodeName === 'worker-1') as Stored<Pod>;
    h.finish(victim, 1);
    h.settle();
    expect(h.eventMessages('FailedDaemonPod')).toEqual([`Found failed daemon pod default/${victim.metadata.name} on node worker-1, will try to kill it`]);
    expect(h.pods().filter((p) => targetOf(p) === 'worker-1' && p.metadata.name !== victim.metadata.name)).toHaveLength(1);
  });

  test('RollingUpdate replaces one pod at a time (maxUnavailable 1) and keeps revisions', () => {
    h.create('apps/daemonsets', ds('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }));
    h.settle();
    schedule();
    const cur = h.api.get<DaemonSet>('apps/daemonsets', 'default', 'agent');
    const spec = structuredClone(cur.spec) as NonNullable<DaemonSet['spec']>;
    (spec.template.spec as { containers: { image: string }[] }).containers[0].image = 'busybox:1.36';
    h.api.update('apps/daemonsets', 'default', { ...cur, spec });
    h.settle();
    const deleting = h.pods().filter((p) => p.metadata.deletionTimestamp);
    expect(deleting).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      for (const p of h.pods()) if (p.metadata.deletionTimestamp) h.reap(p);
      h.settle();
      schedule();
    }
    const pods = h.pods();
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.spec?.containers[0].image === 'busybox:1.36')).toBe(true);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
    const revs = h.list<ControllerRevision>('apps/controllerrevisions').map((r) => r.revision).sort();
    expect(revs).toEqual([1, 2]);
    expect(h.api.get<DaemonSet>('apps/daemonsets', 'default', 'agent').status).toMatchObject({ updatedNumberScheduled: 2, numberReady: 2 });
  });

  test('in a large cluster, nodes joining one after another fold into a few syncs, and every node gets its pod', () => {
    h.create('apps/daemonsets', ds('agent'));
    h.settle();
    for (let i = 0; i < 300; i++) h.node(`big-${i}`);
    h.settle();
    let syncs = 0;
    const reconcile = c.reconcile.bind(c);
    c.reconcile = (key: string) => {
      syncs++;
      return reconcile(key);
    };
    // 300 more machines register a millisecond apart, as a large cluster's kubelets come up.
    for (let i = 300; i < 600; i++) {
      h.node(`big-${i}`);
      h.advance(1);
    }
    h.advance(5_000);
    // A sync walks every node and pod: one per joining node (300) would be quadratic.
    expect(syncs).toBeLessThan(60);
    const placed = new Set(h.pods().map(targetOf));
    for (let i = 0; i < 600; i++) expect(placed.has(`big-${i}`)).toBe(true);
  });
});

function targetOf(p: Pod): string | undefined {
  return p.spec?.nodeName ?? p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}
