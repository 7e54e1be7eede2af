import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { describeStorageError, indexedDbStore } from './persist';

describe('indexedDbStore', () => {
  it('saves, loads and clears the current sandbox', async () => {
    const store = indexedDbStore('test-persist');
    expect(await store.load()).toBeUndefined();
    await store.save({ engine: { cluster: { a: 1 }, kubeconfig: { b: 2 } }, speed: 2, simTime: 10, savedAt: 20 });
    expect(await store.load()).toEqual({ id: 'current', format: 1, engine: { cluster: { a: 1 }, kubeconfig: { b: 2 } }, speed: 2, simTime: 10, savedAt: 20 });
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('explains storage errors in words', () => {
    expect(describeStorageError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toMatch(/quota/);
    expect(describeStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toMatch(/quota/);
    expect(describeStorageError(new Error('disk on fire'))).toBe('disk on fire');
  });
});
