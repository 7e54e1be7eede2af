import type { Edge } from '@xyflow/react';
import type { GraphNode } from './graph';

export interface Leaving {
  node: GraphNode;
  until: number;
}

export interface Display {
  nodes: GraphNode[];
  leaving: Map<string, Leaving>;
}

const ANIMATED = new Set(['pod', 'card']);

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.className === b.className &&
    a.parentId === b.parentId &&
    a.ariaLabel === b.ariaLabel &&
    (a.data === b.data || JSON.stringify(a.data) === JSON.stringify(b.data))
  );
}

/**
 * What the graph shows from one build to the next: pods and cards that just appeared are marked
 * `entering`; ones that went away stay for `leaveMs` marked `leaving` (so CSS can fade them out);
 * anything unchanged keeps its previous object, so React Flow and React skip it.
 */
export function nextDisplay(prev: Display, next: GraphNode[], now: number, leaveMs = 400, first = false): Display {
  const prevById = new Map(prev.nodes.map((n) => [n.id, n]));
  const nextIds = new Set(next.map((n) => n.id));
  const leaving = new Map<string, Leaving>();
  for (const [id, l] of prev.leaving) if (!nextIds.has(id) && l.until > now) leaving.set(id, l);
  for (const n of prev.nodes) {
    if (nextIds.has(n.id) || prev.leaving.has(n.id) || !ANIMATED.has(n.type ?? '')) continue;
    leaving.set(n.id, { node: { ...n, className: 'leaving', selected: false, selectable: false, focusable: false, ariaLabel: undefined } as GraphNode, until: now + leaveMs });
  }
  const nodes: GraphNode[] = [];
  for (const n of next) {
    const old = prevById.get(n.id);
    const entering = !first && !old && ANIMATED.has(n.type ?? '');
    const candidate = entering ? ({ ...n, className: 'entering' } as GraphNode) : n;
    nodes.push(old && sameNode(old, candidate) ? old : candidate);
  }
  for (const l of leaving.values()) if (!l.node.parentId || nextIds.has(l.node.parentId)) nodes.push(l.node);
  // Nothing changed (a rebuild for a heartbeat, say): the previous display itself, so that React
  // and React Flow skip the whole update instead of walking hundreds of unchanged nodes.
  if (!leaving.size && !prev.leaving.size && sameItems(nodes, prev.nodes)) return prev;
  return { nodes, leaving };
}

/** `next` unless it draws exactly what `prev` draws (same ids and classes): then `prev`, unchanged. */
export function stableEdges(prev: Edge[], next: Edge[]): Edge[] {
  if (prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i].id !== next[i].id || prev[i].className !== next[i].className) return next;
  return prev;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
