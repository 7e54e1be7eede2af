import { describe, expect, it } from 'vitest';
import { nextDisplay, stableEdges } from './display';
import type { GraphNode } from './graph';

const n = (id: string, x = 0, extra: Partial<GraphNode> = {}) => ({ id, type: id.startsWith('node:') ? 'region' : 'pod', position: { x, y: 0 }, data: { name: id }, ...extra }) as GraphNode;

describe('nextDisplay', () => {
  it('marks newcomers entering (not on the first build), keeps unchanged objects, fades the departed', () => {
    let d = nextDisplay({ nodes: [], leaving: new Map() }, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' })], 0, 400, true);
    expect(d.nodes.map((x) => x.className)).toEqual([undefined, undefined]);
    const kept = d.nodes[1];
    d = nextDisplay(d, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' }), n('pod:2', 10, { parentId: 'node:a' })], 100);
    expect(d.nodes[1]).toBe(kept);
    expect(d.nodes[2].className).toBe('entering');
    d = nextDisplay(d, [n('node:a'), n('pod:2', 10, { parentId: 'node:a' })], 200);
    expect(d.nodes.map((x) => [x.id, x.className])).toEqual([
      ['node:a', undefined],
      ['pod:2', undefined],
      ['pod:1', 'leaving'],
    ]);
    d = nextDisplay(d, [n('node:a'), n('pod:2', 10, { parentId: 'node:a' })], 500);
    expect(d.nodes.map((x) => x.id)).toEqual(['node:a', 'pod:2', 'pod:1']);
    d = nextDisplay(d, [n('node:a'), n('pod:2', 10, { parentId: 'node:a' })], 700);
    expect(d.nodes.map((x) => x.id)).toEqual(['node:a', 'pod:2']);
  });
  it('a departed pod whose region is gone too leaves at once; one that comes back is itself again', () => {
    let d = nextDisplay({ nodes: [], leaving: new Map() }, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' })], 0, 400, true);
    d = nextDisplay(d, [], 10);
    expect(d.nodes).toEqual([]);
    d = nextDisplay(d, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' })], 20);
    expect(d.nodes.map((x) => x.className)).toEqual([undefined, 'entering']);
    expect(d.leaving.size).toBe(0);
  });
  it('a rebuild that changes nothing gives back the previous display itself', () => {
    const first = nextDisplay({ nodes: [], leaving: new Map() }, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' })], 0, 400, true);
    expect(nextDisplay(first, [n('node:a'), n('pod:1', 0, { parentId: 'node:a' })], 50)).toBe(first);
    expect(nextDisplay(first, [n('node:a'), n('pod:1', 5, { parentId: 'node:a' })], 60)).not.toBe(first);
  });
});

describe('stableEdges', () => {
  const e = (id: string, className?: string) => ({ id, source: 'a', target: 'b', className });
  it('keeps the previous array while the same edges are drawn the same way', () => {
    const prev = [e('svc:a->b'), e('own:c->b', 'edge-owner')];
    expect(stableEdges(prev, [e('svc:a->b'), e('own:c->b', 'edge-owner')])).toBe(prev);
    const readier = [e('svc:a->b', 'edge-service'), e('own:c->b', 'edge-owner')];
    expect(stableEdges(prev, readier)).toBe(readier);
    const fewer = [e('svc:a->b')];
    expect(stableEdges(prev, fewer)).toBe(fewer);
  });
});
