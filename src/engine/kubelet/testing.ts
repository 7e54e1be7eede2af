import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { EventRecorder } from '../apiserver/events';
import { ResourceRegistry } from '../apiserver/registry';
import { ObjectStore } from '../apiserver/store';
import type { Controller, ControllerContext } from '../controllers/controller';
import { InformerFactory } from '../controllers/informer';
import { ControllerManager } from '../controllers/manager';
import { NodeIpamController } from '../controllers/nodeipam';
import { Clock } from '../sim/clock';
import type { MachineSpec } from '../sim/machines';
import { Random } from '../sim/random';
import { KubeletFleet } from './fleet';

/**
 * A small cluster for kubelet tests: the API server, namespaces, the kubelet fleet and whatever
 * other controllers a test adds; pods are bound by hand (no scheduler needed).
 */
export function kubeletHarness(opts: { requireCni?: boolean; seed?: number; extra?: ((ctx: ControllerContext) => Controller)[] } = {}) {
  const clock = new Clock(Date.UTC(2025, 0, 6, 9));
  const api = new ApiServer(new ResourceRegistry(), new ObjectStore(), clock, new Random(opts.seed ?? 1));
  const ctx: ControllerContext = {
    api,
    clock,
    random: api.random,
    informers: new InformerFactory(api),
    events: new EventRecorder(api),
  };
  const manager = new ControllerManager();
  for (const name of ['default', 'kube-system', 'kube-node-lease'])
    api.create('namespaces', '', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  // kube-controller-manager's node IPAM gives each Node its pod range, as in a kind cluster.
  manager.add(new NodeIpamController(ctx));
  const fleet = manager.add(new KubeletFleet(ctx));
  fleet.state.requireCni = opts.requireCni ?? false;
  const extra = (opts.extra ?? []).map((make) => manager.add(make(ctx)));
  const settle = () => manager.settle();
  const advance = (ms: number) => {
    const end = clock.now() + ms;
    settle();
    while (clock.runNext(end)) settle();
    clock.moveTo(end);
  };
  const machine = (name: string, extraSpec: Partial<MachineSpec> = {}) => fleet.add({ name, cpu: '2', memory: '4Gi', ...extraSpec });
  /** Create a pod and bind it to a node, as the scheduler would. */
  const run = (pod: Pod, node: string): Stored<Pod> => {
    const created = api.create<Pod>('pods', pod.metadata?.namespace ?? 'default', { apiVersion: 'v1', kind: 'Pod', ...pod });
    api.bind(created.metadata.namespace ?? 'default', created.metadata.name, node);
    settle();
    return api.get<Pod>('pods', created.metadata.namespace ?? 'default', created.metadata.name);
  };
  const pod = (name: string, ns = 'default') => api.find<Pod>('pods', ns, name);
  /** Events about one object, oldest first, as `reason: message`. */
  const events = (name: string, ns = 'default') =>
    api
      .list<Event>('events', ns)
      .items.filter((e) => e.involvedObject.name === name)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name))
      .map((e) => `${e.reason}: ${e.message}`);
  const container = (name: string, ns = 'default', index = 0) => pod(name, ns)?.status?.containerStatuses?.[index];
  return {
    api,
    clock,
    ctx,
    manager,
    fleet,
    extra,
    settle,
    advance,
    machine,
    run,
    pod,
    events,
    container,
  };
}
