import type { PodInfo } from './podinfo';

const NO_PODS: readonly PodInfo[] = [];

/**
 * Which pending pods a node is reserved for (the scheduling queue's nominator): a pod that
 * preempted others is nominated to the node it freed, and pods of lower priority must leave
 * that room alone while the victims terminate.
 */
export class Nominator {
  /** node → uid → pod */
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  hasNominations(): boolean {
    return this.byNode.size > 0;
  }

  nominatedPodsFor(node: string): readonly PodInfo[] {
    if (!this.byNode.size) return NO_PODS;
    const m = this.byNode.get(node);
    return m ? [...m.values()] : NO_PODS;
  }

  nominatedNode(uid: string): string | undefined {
    return this.nodeOf.get(uid);
  }

  /** Record or clear a nomination (AddNominatedPod / DeleteNominatedPodIfExists). */
  set(info: PodInfo, node: string | undefined): void {
    this.delete(info.uid);
    if (!node) return;
    let m = this.byNode.get(node);
    if (!m) {
      m = new Map();
      this.byNode.set(node, m);
    }
    m.set(info.uid, info);
    this.nodeOf.set(info.uid, node);
  }

  /** A newer version of a pod: take its status.nominatedNodeName, or keep ours until the API catches up. */
  update(info: PodInfo): void {
    const node = info.pod.status?.nominatedNodeName;
    if (node) this.set(info, node);
    else {
      const cur = this.nodeOf.get(info.uid);
      if (cur !== undefined) this.byNode.get(cur)?.set(info.uid, info);
    }
  }

  delete(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const m = this.byNode.get(node);
    m?.delete(uid);
    if (m && !m.size) this.byNode.delete(node);
  }

  clear(): void {
    this.byNode.clear();
    this.nodeOf.clear();
  }
}
