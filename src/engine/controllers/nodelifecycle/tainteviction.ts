import type { Node, Pod, PodCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { isStatusError } from '../../api/status';
import type { KObject, Stored } from '../../api/types';
import { deepEqual } from '../../apiserver/apiserver';
import { Controller, type ControllerContext } from '../controller';
import type { Informer } from '../informer';
import { matchingTolerations, minTolerationMs, noExecuteTaints } from './taints';

/**
 * The taint eviction controller (taint-eviction-controller): pods on a node with NoExecute
 * taints they do not tolerate are deleted at once; pods that tolerate them for
 * tolerationSeconds are deleted when that time runs out (the DefaultTolerationSeconds admission
 * gives every pod 300 s for not-ready and unreachable). Each scheduled deletion fires once.
 */
const COMPONENT = { component: 'taint-eviction-controller' };

interface Work {
  createdAt: number;
  fireAt: number;
  /** Fired: kept so that the same pod is not scheduled again until the work is cancelled. */
  fired: boolean;
}

export class TaintEvictionController extends Controller {
  private work: Record<string, Work> = {};
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('taint-eviction-controller', ctx);
    this.nodes = ctx.informers.for<Node>('nodes');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex('spec.nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.nodes.addHandlers({
      add: (n) => this.queue.add(`node/${n.metadata.name}`),
      update: (n, old) => {
        if (!deepEqual(noExecuteTaints(n), noExecuteTaints(old))) this.queue.add(`node/${n.metadata.name}`);
      },
      delete: (n) => this.queue.add(`node/${n.metadata.name}`),
    });
    const podKey = (p: Stored<Pod>) => `pod/${p.metadata.namespace}/${p.metadata.name}`;
    this.pods.addHandlers({
      add: (p) => this.queue.add(podKey(p)),
      update: (p, old) => {
        if (p.spec?.nodeName !== old.spec?.nodeName || !deepEqual(p.spec?.tolerations ?? [], old.spec?.tolerations ?? [])) this.queue.add(podKey(p));
      },
      delete: (p) => this.queue.add(podKey(p)),
    });
  }

  reconcile(key: string): number | undefined {
    if (key.startsWith('node/')) this.handleNode(key.slice(5));
    else if (key.startsWith('pod/')) this.handlePod(key.slice(4));
    else if (key.startsWith('evict/')) return this.fire(key.slice(6));
    return undefined;
  }

  private split(key: string): [string, string] {
    const i = key.indexOf('/');
    return [key.slice(0, i), key.slice(i + 1)];
  }

  private ref(key: string): KObject {
    const [namespace, name] = this.split(key);
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
  }

  private cancel(key: string): void {
    const w = this.work[key];
    if (!w) return;
    if (!w.fired) this.ctx.events.event(this.ref(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, COMPONENT);
    delete this.work[key];
  }

  private add(key: string, createdAt: number, fireAt: number): void {
    if (this.work[key]) return;
    this.work[key] = { createdAt, fireAt, fired: false };
    this.queue.addAfter(`evict/${key}`, fireAt - this.ctx.clock.now());
  }

  private processPodOnNode(key: string, tolerations: Toleration[], taints: Taint[]): void {
    const now = this.ctx.clock.now();
    if (!taints.length) this.cancel(key);
    const { all, used } = matchingTolerations(taints, tolerations);
    if (!all) {
      this.cancel(key);
      this.add(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancel(key);
      return;
    }
    let start = now;
    const trigger = now + min;
    const existing = this.work[key];
    if (existing && !existing.fired) {
      start = existing.createdAt;
      if (start + min < trigger) return;
      this.cancel(key);
    }
    this.add(key, start, trigger);
  }

  private handleNode(name: string): void {
    const node = this.nodes.get('', name);
    if (!node) return;
    const taints = noExecuteTaints(node);
    const pods = this.pods
      .byIndex('spec.nodeName', name)
      .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
    for (const pod of pods) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (!taints.length) this.cancel(key);
      else this.processPodOnNode(key, pod.spec?.tolerations ?? [], taints);
    }
  }

  private handlePod(key: string): void {
    const [ns, name] = this.split(key);
    const pod = this.pods.get(ns, name);
    if (!pod) {
      this.cancel(key);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const taints = noExecuteTaints(this.nodes.get('', nodeName));
    if (!taints.length) return;
    this.processPodOnNode(key, pod.spec?.tolerations ?? [], taints);
  }

  /** Time is up: record the event, mark the pod as a disruption target, and delete it. */
  private fire(key: string): number | undefined {
    const w = this.work[key];
    if (!w || w.fired) return undefined;
    const now = this.ctx.clock.now();
    if (now < w.fireAt) return w.fireAt - now;
    w.fired = true;
    this.ctx.events.event(this.ref(key), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, COMPONENT);
    const [ns, name] = this.split(key);
    const pod = this.api.find<Pod>('pods', ns, name);
    if (!pod) return undefined;
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
      const condition: PodCondition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null as unknown as undefined,
        lastTransitionTime: this.ctx.clock.timestamp(),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      };
      try {
        this.api.updateStatus<Pod>('pods', ns, {
          ...pod,
          status: {
            ...pod.status,
            conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), condition],
          },
        });
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
    }
    try {
      this.api.delete('pods', ns, name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    return undefined;
  }

  override snapshotState(): unknown {
    return structuredClone(this.work);
  }

  override restoreState(state: unknown): void {
    this.work = structuredClone(state) as Record<string, Work>;
  }
}
