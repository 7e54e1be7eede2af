import { describe, expect, it } from 'vitest';
import { clampSize } from './layout';

describe('clampSize', () => {
  it('keeps a pane between its minimum and what leaves room for the rest', () => {
    expect(clampSize(100, 280, 1400, 480)).toBe(280);
    expect(clampSize(1000, 280, 1400, 480)).toBe(920);
    expect(clampSize(500.4, 280, 1400, 480)).toBe(500);
  });
});
