import { describe, expect, it } from 'vitest';
import { shownIndex } from './state';

describe('shownIndex', () => {
  it('is the moment shown, or the last (now) when none is', () => {
    expect(shownIndex([10, 20, 30])).toBe(2);
    expect(shownIndex([10, 20, 30], 20)).toBe(1);
    expect(shownIndex([10, 20, 30], 25)).toBe(2);
    expect(shownIndex([])).toBe(-1);
  });
});
