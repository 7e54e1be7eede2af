import type { Edge, Node as FlowNode } from '@xyflow/react';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/types';
import { nodeRoles } from '../cluster/summary';
import { selectsMap } from './labels';
import { type PodVisual, pendingReason, podVisual, type Tone } from './podstate';
import { assignSlots, type Slots, slotExtent } from './slots';

/** Card and region sizes (px in graph space). */
export const POD_W = 172;
export const POD_H = 58;
export const GAP = 10;
export const COLS = 2;
export const PAD = 12;
export const HEADER = 66;
/** The lane's header is one line: it has no taints or conditions to show. */
export const LANE_HEADER = 40;
export const REGION_W = PAD * 2 + COLS * POD_W + (COLS - 1) * GAP;
export const REGION_GAP = 40;
export const CARD_W = 190;
export const CARD_H = 52;
const BAND_GAP = 70;
const LANE_GAP = 36;
const BAND_COLS = 8;

export const LANE_ID = 'lane:unscheduled';
/**
 * Past this many pods (in the namespaces shown) each node draws one card per owner with its pods
 * counted by state, instead of a card per pod: thousands of cards are neither readable nor cheap.
 */
export const GROUP_AT = 1000;

export interface GraphInput {
  nodes: Node[];
  pods: Pod[];
  services: Service[];
  /** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs. */
  owners: KObject[];
}

export interface GraphOptions {
  showOwners: boolean;
  showServices: boolean;
  /** Only this namespace's pods, services and owners (nodes are always shown). */
  namespace?: string;
  selected?: string;
  /** Pod count above which pods are grouped per node and owner (GROUP_AT unless a test says). */
  groupAt?: number;
}

/** Where things were put last time, so that nothing moves when something else comes or goes. */
export interface LayoutMemory {
  regions: Slots;
  pods: Record<string, Slots>;
  services: Slots;
  ownersTop: Slots;
  ownersBottom: Slots;
}

export const emptyMemory = (): LayoutMemory => ({ regions: new Map(), pods: {}, services: new Map(), ownersTop: new Map(), ownersBottom: new Map() });

export interface RegionData extends Record<string, unknown> {
  kind: 'node' | 'lane';
  name: string;
  status?: string;
  roles?: string;
  zone?: string;
  ready?: boolean;
  unschedulable?: boolean;
  taints: string[];
  conditions: string[];
  /** The pod's node has no Node object (deleted, or not registered yet). */
  missing?: boolean;
  podCount: number;
}

export interface PodData extends Record<string, unknown> {
  name: string;
  namespace: string;
  visual: PodVisual;
  reason?: string;
}

export interface CardData extends Record<string, unknown> {
  kind: string;
  name: string;
  namespace: string;
  /** A short line under the name: the service type and IP, a workload's ready count. */
  detail: string;
}

/** The pods of one owner on one node, drawn as one card when there are too many pods to draw. */
export interface GroupData extends Record<string, unknown> {
  /** The pods' controller (kind and name); none for pods nobody owns. */
  ownerKind?: string;
  owner?: string;
  namespace: string;
  count: number;
  /** How many of the pods are in each state, in the order the legend lists them. */
  tones: [Tone, number][];
}

export type RegionNode = FlowNode<RegionData, 'region'>;
export type GroupNode = FlowNode<GroupData, 'group'>;
export type PodNode = FlowNode<PodData, 'pod'>;
export type CardNode = FlowNode<CardData, 'card'>;
export type GraphNode = RegionNode | PodNode | CardNode | GroupNode;

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
  memory: LayoutMemory;
}

const nsName = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
export const podId = (o: KObject) => `pod:${nsName(o)}`;
export const regionId = (name: string) => `node:${name}`;
export const cardId = (o: KObject) => `${o.kind ?? 'Object'}:${nsName(o)}`;
/** A group's id names its region and its owner's card id (`Kind:ns/name`, or `:ns/` for unowned pods). */
export const groupId = (region: string, ownerCard: string) => `group:${region}|${ownerCard}`;


const collator = new Intl.Collator('en', { numeric: true });

/** Older first, then by name: the order newcomers take places in. */
function byCreation(a: KObject, b: KObject): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return collator.compare(nsName(a), nsName(b));
}

function byNodeOrder(a: Node, b: Node): number {
  const cp = (n: Node) => (nodeRoles(n).includes('control-plane') ? 0 : 1);
  return cp(a) - cp(b) || collator.compare(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

function nodeData(node: Node, podCount: number): RegionData {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  const pressures = (node.status?.conditions ?? []).filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type);
  return {
    kind: 'node',
    name: node.metadata?.name ?? '',
    status,
    ready: status === 'Ready',
    roles: nodeRoles(node),
    zone: node.metadata?.labels?.['topology.kubernetes.io/zone'],
    unschedulable: !!node.spec?.unschedulable,
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    conditions: pressures,
    podCount,
  };
}

function podPosition(slot: number, cols: number, header: number): { x: number; y: number } {
  return { x: PAD + (slot % cols) * (POD_W + GAP), y: header + Math.floor(slot / cols) * (POD_H + GAP) };
}

export function regionHeight(places: number, cols = COLS, header = HEADER): number {
  return header + Math.max(1, Math.ceil(places / cols)) * (POD_H + GAP) - GAP + PAD;
}

/** The lane spans the regions below it (at least two regions wide): as many columns as fit. */
function laneGeometry(regionCount: number): { width: number; cols: number } {
  const width = Math.max(2, regionCount) * (REGION_W + REGION_GAP) - REGION_GAP;
  return { width, cols: Math.floor((width - 2 * PAD + GAP) / (POD_W + GAP)) };
}

function bandPosition(slot: number, y: number): { x: number; y: number } {
  return { x: (slot % BAND_COLS) * (CARD_W + GAP * 2), y: y - Math.floor(slot / BAND_COLS) * (CARD_H + GAP) };
}

function controllerOf(o: KObject): { kind: string; name: string } | undefined {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller) ?? o.metadata?.ownerReferences?.[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

const TOP_KINDS = new Set(['Deployment', 'CronJob']);

function ownerDetail(o: KObject): string {
  const s = (o as { status?: Record<string, number | undefined>; spec?: Record<string, unknown> }).status ?? {};
  const spec = (o as { spec?: { replicas?: number; schedule?: string; completions?: number } }).spec ?? {};
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet':
      return `${s.readyReplicas ?? 0}/${spec.replicas ?? 1} ready`;
    case 'ReplicaSet':
      return `${s.readyReplicas ?? 0}/${spec.replicas ?? 0} ready`;
    case 'DaemonSet':
      return `${s.numberReady ?? 0}/${s.desiredNumberScheduled ?? 0} ready`;
    case 'Job':
      return `${s.succeeded ?? 0}/${spec.completions ?? 1} complete`;
    case 'CronJob':
      return spec.schedule ?? '';
    default:
      return '';
  }
}

/** An owner worth a card: old ReplicaSets scaled to zero with no pods left are history, not topology. */
function ownerShown(o: KObject): boolean {
  if (o.kind !== 'ReplicaSet') return true;
  const spec = (o as { spec?: { replicas?: number } }).spec;
  const status = (o as { status?: { replicas?: number } }).status;
  return (spec?.replicas ?? 0) > 0 || (status?.replicas ?? 0) > 0;
}

/**
 * The topology as React Flow nodes and edges: one region per Node holding its pods, a lane for
 * pods no node took yet, Services above with edges to the pods they select, and (optionally)
 * the owner chain (Deployment → ReplicaSet → Pod). Pure: the same input and memory give the
 * same graph; the memory keeps everyone in place across changes.
 */
export function buildGraph(input: GraphInput, opts: GraphOptions, memory: LayoutMemory): Graph {
  const inNs = (o: KObject) => !opts.namespace || o.metadata?.namespace === opts.namespace;
  const pods = input.pods.filter(inNs).sort(byCreation);
  const nodes = [...input.nodes].sort(byNodeOrder);
  const known = new Set(nodes.map((n) => n.metadata?.name ?? ''));

  // Regions: every Node, plus any node name a pod is bound to that has no Node object.
  const regionNames = nodes.map((n) => n.metadata?.name ?? '');
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && !known.has(n) && !regionNames.includes(n)) regionNames.push(n);
  }
  const regions = assignSlots(memory.regions, regionNames);

  const podsByRegion = new Map<string, Pod[]>();
  for (const p of pods) {
    const r = p.spec?.nodeName ? regionId(p.spec.nodeName) : LANE_ID;
    const list = podsByRegion.get(r);
    if (list) list.push(p);
    else podsByRegion.set(r, [p]);
  }

  const grouped = pods.length > (opts.groupAt ?? GROUP_AT);
  const groupsByRegion = new Map<string, PodGroup[]>();
  if (grouped) for (const [r, list] of podsByRegion) groupsByRegion.set(r, groupPods(r, list));

  // A region's places hold its pods, or its groups once pods are grouped.
  const podSlots: Record<string, Slots> = {};
  const regionIds = [LANE_ID, ...regionNames.map(regionId)];
  for (const r of regionIds) podSlots[r] = assignSlots(memory.pods[r] ?? new Map(), grouped ? (groupsByRegion.get(r) ?? []).map((g) => g.id) : (podsByRegion.get(r) ?? []).map(podId));
  /** The card a pod is drawn in: its own, or its group's. */
  const drawnAs = new Map<string, string>();
  for (const list of groupsByRegion.values()) for (const g of list) for (const id of g.podIds) drawnAs.set(id, g.id);
  const shownAs = (id: string) => drawnAs.get(id) ?? id;

  const out: GraphNode[] = [];
  const regionX = (r: string) => (regions.get(r.slice('node:'.length)) ?? 0) * (REGION_W + REGION_GAP);
  const sel = opts.selected;
  // The lane sits above the nodes, spanning them: the scheduler takes pods down from it.
  const lane = laneGeometry(slotExtent(regions));
  const laneCount = (grouped ? groupsByRegion.get(LANE_ID) : podsByRegion.get(LANE_ID))?.length ?? 0;
  const laneHeight = laneCount ? regionHeight(slotExtent(podSlots[LANE_ID]), lane.cols, LANE_HEADER) : LANE_HEADER;
  const laneY = -LANE_GAP - laneHeight;

  for (const r of regionIds) {
    const name = r === LANE_ID ? '' : r.slice('node:'.length);
    const node = nodes.find((n) => n.metadata?.name === name);
    const count = podsByRegion.get(r)?.length ?? 0;
    const data: RegionData =
      r === LANE_ID
        ? { kind: 'lane', name: 'unscheduled', taints: [], conditions: [], podCount: count }
        : node
          ? nodeData(node, count)
          : { kind: 'node', name, missing: true, taints: [], conditions: [], podCount: count };
    const isLane = r === LANE_ID;
    const width = isLane ? lane.width : REGION_W;
    const height = isLane ? laneHeight : regionHeight(slotExtent(podSlots[r]));
    out.push({
      id: r,
      type: 'region',
      position: isLane ? { x: 0, y: laneY } : { x: regionX(r), y: 0 },
      data,
      width,
      height,
      style: { width, height },
      selectable: r !== LANE_ID,
      selected: sel === r,
      draggable: false,
      zIndex: 0,
      ariaLabel: r === LANE_ID ? `Unscheduled pods: ${count}` : `Node ${name}, ${data.status ?? 'unknown'}, ${count} pods`,
    });
  }
  const place = (r: string, id: string) => (r === LANE_ID ? podPosition(podSlots[r].get(id) ?? 0, lane.cols, LANE_HEADER) : podPosition(podSlots[r].get(id) ?? 0, COLS, HEADER));
  for (const r of regionIds) {
    for (const g of groupsByRegion.get(r) ?? []) {
      out.push({
        id: g.id,
        type: 'group',
        parentId: r,
        extent: 'parent',
        position: place(r, g.id),
        data: g.data,
        width: POD_W,
        height: POD_H,
        draggable: false,
        selected: sel === g.id,
        zIndex: 1,
        ariaLabel: `${g.data.owner ? `${g.data.ownerKind} ${g.data.owner}` : 'Pods without an owner'}: ${g.data.count} pods, ${g.data.tones.map(([tone, n]) => `${n} ${TONE_WORDS[tone]}`).join(', ')}`,
      });
    }
    if (grouped) continue;
    for (const p of podsByRegion.get(r) ?? []) {
      const id = podId(p);
      const visual = podVisualOf(p);
      out.push({
        id,
        type: 'pod',
        parentId: r,
        extent: 'parent',
        position: place(r, id),
        data: podData(p, visual),
        width: POD_W,
        height: POD_H,
        draggable: false,
        selected: sel === id,
        zIndex: 1,
        ariaLabel: `Pod ${p.metadata?.name}, ${visual.status}, ready ${visual.ready}${visual.restarts ? `, ${visual.restarts} restarts` : ''}`,
      });
    }
  }

  const edges: Edge[] = [];
  const podIds = new Set(pods.map((p) => shownAs(podId(p))));
  // Grouped, many pods share one card: one edge per card pair.
  const edgeIds = new Set<string>();
  const edge = (e: Edge) => {
    if (edgeIds.has(e.id)) return;
    edgeIds.add(e.id);
    edges.push(e);
  };
  // Bands stack upwards from the regions: ReplicaSets and other direct owners, then Deployments
  // and CronJobs, then Services. `cursor` is the top of what is placed so far.
  let cursor = laneY;
  const band = (slots: Slots): number => {
    const firstRow = cursor - BAND_GAP - CARD_H;
    cursor = firstRow - (Math.max(1, Math.ceil(slotExtent(slots) / BAND_COLS)) - 1) * (CARD_H + GAP);
    return firstRow;
  };

  let ownersTop: Slots = memory.ownersTop;
  let ownersBottom: Slots = memory.ownersBottom;
  if (opts.showOwners) {
    const owners = input.owners.filter(inNs).filter(ownerShown).sort(byCreation);
    const ids = new Set(owners.map(cardId));
    const upper = owners.filter((o) => TOP_KINDS.has(o.kind ?? ''));
    const lower = owners.filter((o) => !TOP_KINDS.has(o.kind ?? ''));
    ownersBottom = assignSlots(memory.ownersBottom, lower.map(cardId));
    ownersTop = assignSlots(memory.ownersTop, upper.map(cardId));
    for (const [list, slots] of [
      [lower, ownersBottom],
      [upper, ownersTop],
    ] as const) {
      if (!list.length) continue;
      const y = band(slots);
      for (const o of list) {
        const id = cardId(o);
        out.push(card(id, o, ownerDetail(o), bandPosition(slots.get(id) ?? 0, y), sel));
      }
    }
    for (const o of [...owners, ...pods]) {
      const ctl = controllerOf(o);
      if (!ctl) continue;
      const from = `${ctl.kind}:${o.metadata?.namespace ?? ''}/${ctl.name}`;
      const to = o.kind === 'Pod' || !o.kind ? shownAs(podId(o)) : cardId(o);
      if (ids.has(from) && (ids.has(to) || podIds.has(to))) edge({ id: `own:${from}->${to}`, source: from, target: to, className: 'edge-owner', selectable: false, focusable: false });
    }
  }

  let services: Slots = memory.services;
  if (opts.showServices) {
    const list = input.services.filter(inNs).sort(byCreation);
    services = assignSlots(memory.services, list.map(cardId));
    const y = band(services);
    for (const s of list) {
      const id = cardId(s);
      const type = s.spec?.type ?? 'ClusterIP';
      out.push(card(id, s, `${type} ${s.spec?.clusterIP ?? ''}`.trim(), bandPosition(services.get(id) ?? 0, y), sel));
      const selector = s.spec?.selector;
      if (!selector) continue;
      for (const p of pods) {
        if (p.metadata?.namespace !== s.metadata?.namespace || !selectsMap(selector, p.metadata?.labels)) continue;
        const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        const to = shownAs(podId(p));
        edge({ id: `svc:${id}->${to}`, source: id, target: to, className: ready ? 'edge-service' : 'edge-service not-ready', selectable: false, focusable: false });
      }
    }
  }

  return { nodes: out, edges, memory: { regions, pods: podSlots, services, ownersTop, ownersBottom } };
}

interface PodGroup {
  id: string;
  podIds: string[];
  data: GroupData;
}

/** The legend's order, so that a group's counts read the same way everywhere. */
const TONE_ORDER: Tone[] = ['ok', 'progress', 'notready', 'error', 'pending', 'terminating', 'done'];
const TONE_WORDS: Record<Tone, string> = { ok: 'running', progress: 'starting', notready: 'not ready', error: 'failing', pending: 'pending', terminating: 'terminating', done: 'completed' };

/** One region's pods, one group per controller (pods nobody owns form one group per namespace). */
export function groupPods(region: string, pods: Pod[]): PodGroup[] {
  const groups = new Map<string, PodGroup & { counts: Map<Tone, number> }>();
  for (const p of pods) {
    const ctl = controllerOf(p);
    const ns = p.metadata?.namespace ?? '';
    const id = groupId(region, ctl ? `${ctl.kind}:${ns}/${ctl.name}` : `:${ns}/`);
    let g = groups.get(id);
    if (!g) {
      g = { id, podIds: [], counts: new Map(), data: { ownerKind: ctl?.kind, owner: ctl?.name, namespace: ns, count: 0, tones: [] } };
      groups.set(id, g);
    }
    const tone = podVisualOf(p).tone;
    g.podIds.push(podId(p));
    g.counts.set(tone, (g.counts.get(tone) ?? 0) + 1);
  }
  return [...groups.values()].map(({ id, podIds, counts, data }) => ({
    id,
    podIds,
    data: { ...data, count: podIds.length, tones: TONE_ORDER.filter((t) => counts.has(t)).map((t) => [t, counts.get(t) ?? 0]) },
  }));
}

/*
 * Objects from the watch cache are replaced, never changed in place: the same pod object gives the
 * same card data, so a rebuild reuses it and the display sees "unchanged" by identity instead of
 * comparing hundreds of cards field by field.
 */
const visuals = new WeakMap<Pod, PodVisual>();
const podDatas = new WeakMap<Pod, PodData>();

function podVisualOf(p: Pod): PodVisual {
  const known = visuals.get(p);
  if (known) return known;
  const v = podVisual(p);
  visuals.set(p, v);
  return v;
}

function podData(p: Pod, visual: PodVisual): PodData {
  const known = podDatas.get(p);
  if (known) return known;
  const d: PodData = { name: p.metadata?.name ?? '', namespace: p.metadata?.namespace ?? '', visual, reason: visual.tone === 'pending' ? pendingReason(p) : undefined };
  podDatas.set(p, d);
  return d;
}

function card(id: string, o: KObject, detail: string, position: { x: number; y: number }, sel?: string): CardNode {
  return {
    id,
    type: 'card',
    position,
    data: { kind: o.kind ?? '', name: o.metadata?.name ?? '', namespace: o.metadata?.namespace ?? '', detail },
    width: CARD_W,
    height: CARD_H,
    draggable: false,
    selected: sel === id,
    zIndex: 1,
    ariaLabel: `${o.kind} ${o.metadata?.name}, ${detail}`,
  };
}
