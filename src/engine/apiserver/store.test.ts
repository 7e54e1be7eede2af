import { describe, expect, it } from 'vitest';
import type { Stored, WatchEvent } from '../api/types';
import { ExpiredError, ObjectStore } from './store';

function obj(store: ObjectStore, ns: string, name: string): Stored {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, uid: `${ns}-${name}`, resourceVersion: store.nextResourceVersion(), creationTimestamp: 'x' },
  };
}

describe('ObjectStore', () => {
  it('lists in namespace then name order, as etcd keys sort', () => {
    const s = new ObjectStore();
    for (const [ns, n] of [['b', 'z'], ['a', 'y'], ['b', 'a'], ['a', 'b']]) s.put('configmaps', obj(s, ns, n), 'ADDED');
    expect(s.list('configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/b', 'a/y', 'b/a', 'b/z']);
    expect(s.list('configmaps', 'b').map((o) => o.metadata.name)).toEqual(['a', 'z']);
    expect(s.count('configmaps')).toBe(4);
  });

  it('freezes what it stores', () => {
    const s = new ObjectStore(true);
    const stored = s.put('configmaps', obj(s, 'a', 'x'), 'ADDED');
    expect(Object.isFrozen(stored.metadata)).toBe(true);
  });

  it('tells watchers every write in order, and replays from a resourceVersion', () => {
    const s = new ObjectStore();
    const seen: string[] = [];
    s.watch('configmaps', (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const a = s.put('configmaps', obj(s, 'n', 'a'), 'ADDED');
    const rvAfterA = Number(a.metadata.resourceVersion);
    s.put('configmaps', obj(s, 'n', 'b'), 'ADDED');
    s.remove('configmaps', obj(s, 'n', 'a'));
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
    const replay: WatchEvent[] = [];
    s.watch('configmaps', (e) => replay.push(e), rvAfterA);
    expect(replay.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b', 'DELETED a']);
  });

  it('refuses to resume from a version older than its history', () => {
    const s = new ObjectStore(false);
    for (let i = 0; i < 9000; i++) s.put('configmaps', obj(s, 'n', `c${i}`), 'ADDED');
    expect(() => s.watch('configmaps', () => {}, 1)).toThrow(ExpiredError);
  });

  it('snapshot and restore keep objects and the version counter', () => {
    const s = new ObjectStore();
    s.put('configmaps', obj(s, 'n', 'a'), 'ADDED');
    const t = new ObjectStore();
    t.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(t.get('configmaps', 'n', 'a')?.metadata.uid).toBe('n-a');
    expect(t.resourceVersion()).toBe(s.resourceVersion());
  });
});
