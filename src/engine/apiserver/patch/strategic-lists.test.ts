import { describe, expect, it } from 'vitest';
import { dedupeScalars } from './strategic-lists';

describe('dedupeScalars', () => {
  it('moves the last element into the place of a repeat, as the server does', () => {
    expect(dedupeScalars(['a', 'a', 'b', 'c'])).toEqual(['a', 'c', 'b']);
    expect(dedupeScalars([1, 2, 3])).toEqual([1, 2, 3]);
  });
});
