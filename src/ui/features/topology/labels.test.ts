import { describe, expect, it } from 'vitest';
import { matchesSelector, selectsMap } from './labels';

describe('label selectors', () => {
  it('a Service selector needs every pair; an empty one selects nothing', () => {
    expect(selectsMap({ app: 'web' }, { app: 'web', tier: 'fe' })).toBe(true);
    expect(selectsMap({ app: 'web', tier: 'be' }, { app: 'web', tier: 'fe' })).toBe(false);
    expect(selectsMap({}, { app: 'web' })).toBe(false);
    expect(selectsMap(undefined, { app: 'web' })).toBe(false);
  });
  it('LabelSelector with expressions', () => {
    const labels = { app: 'web', env: 'prod' };
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(matchesSelector(undefined, labels)).toBe(false);
  });
});
