import type { Node } from 'kubernetes-types/core/v1';
import {
  LabelFailureDomainBetaRegion,
  LabelFailureDomainBetaZone,
  LabelTopologyRegion,
  LabelTopologyZone,
} from './names';

/** utilnode.GetZoneKey: region and zone, or "" for a node with neither. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels[LabelTopologyZone] ?? labels[LabelFailureDomainBetaZone] ?? '';
  const region = labels[LabelTopologyRegion] ?? labels[LabelFailureDomainBetaRegion] ?? '';
  if (!region && !zone) return '';
  return `${region}:\u0000:${zone}`;
}

/**
 * Nodes grouped by zone, listed round-robin across zones (the scheduler cache's nodeTree):
 * when only a sample of nodes is examined, the sample spans every zone.
 */
export class NodeTree {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();

  get size(): number {
    return this.zoneOf.size;
  }

  add(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (this.zoneOf.has(name)) return;
    const zone = zoneKey(node);
    let list = this.tree.get(zone);
    if (!list) {
      list = [];
      this.tree.set(zone, list);
      this.zones.push(zone);
    }
    list.push(name);
    this.zoneOf.set(name, zone);
  }

  remove(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    this.zoneOf.delete(name);
    const list = this.tree.get(zone) as string[];
    list.splice(list.indexOf(name), 1);
    if (!list.length) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** A node whose zone labels changed moves to the end of its new zone. */
  update(old: Node, node: Node): void {
    if (zoneKey(old) === zoneKey(node)) return;
    this.remove(node.metadata?.name ?? '');
    this.add(node);
  }

  list(): string[] {
    const out: string[] = [];
    for (let i = 0; out.length < this.zoneOf.size; i++) {
      for (const z of this.zones) {
        const l = this.tree.get(z) as string[];
        if (i < l.length) out.push(l[i]);
      }
    }
    return out;
  }
}
