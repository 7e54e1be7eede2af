import type { KObject } from '../engine/api/types';
import { Cluster, type ClusterSnapshot } from '../engine/sim/cluster';
import { completeKubectl } from '../kubectl/complete';
import { runKubectl } from '../kubectl';
import type { KubeConfig } from '../kubectl/env';
import { Session } from '../scenario/session';
import type { Engine, EngineFactory, EngineSnapshot } from './engine';

function wrap(cluster: Cluster, session: Session, sleep: (ms: number) => Promise<void>): Engine {
  const created = cluster.store.get('namespaces', '', 'kube-system')?.metadata.creationTimestamp;
  const createdAt = created ? Date.parse(created) : cluster.now();
  return {
    now: () => cluster.now(),
    createdAt: () => createdAt,
    nextEventAt: () => cluster.clock.nextDue(),
    advance: (ms) => cluster.advance(ms),
    list: (resource) => cluster.store.list(resource) as KObject[],
    watch: (handler) => cluster.store.watch('*', (e, resource) => handler(e.type, resource, e.object)),
    kubectl: async (words, stdin, hooks) => {
      if (!hooks) return session.kubectl(words, stdin);
      // A terminal's run: the same kubectl, with output streamed and `exec -it` given a terminal.
      const result = await runKubectl(words, { cluster, stdin, config: session.config, sleep, onOutput: hooks.onOutput, openTerminal: hooks.openTerminal });
      cluster.settle();
      return result;
    },
    sim: (words) => session.sim(words),
    shell: (line, stdin, hooks) => session.run(line, { stdin, ...hooks }),
    completeKubectl: (words) => completeKubectl(words, { cluster, config: session.config, sleep: async () => undefined }),
    machines: () => cluster.machines.names(),
    context: () => session.config['current-context'],
    snapshot: () => ({ cluster: cluster.snapshot(), kubeconfig: structuredClone(session.config), home: structuredClone(session.home.files) }),
  };
}

/** The engine itself: a simulated Kubernetes cluster and a kubectl session on it. */
export const realEngine: EngineFactory = {
  create({ seed, sleep }) {
    const cluster = Cluster.create({ seed });
    return wrap(cluster, new Session(cluster, { sleep }), sleep);
  },
  restore(snapshot: EngineSnapshot, { sleep }) {
    const cluster = Cluster.fromSnapshot(snapshot.cluster as ClusterSnapshot);
    const config = snapshot.kubeconfig as KubeConfig | undefined;
    return wrap(cluster, new Session(cluster, { sleep, config, home: snapshot.home }), sleep);
  },
};
