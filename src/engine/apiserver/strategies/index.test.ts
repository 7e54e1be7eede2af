import { describe, expect, it } from 'vitest';
import { builtinResources, resourceKey } from '../registry';
import { strategies, strategyFor } from './index';

describe('strategies', () => {
  it('are keyed by resources the registry serves', () => {
    const keys = new Set(builtinResources.map(resourceKey));
    for (const k of Object.keys(strategies)) expect(keys.has(k), k).toBe(true);
  });

  it('cover the kinds learners work with', () => {
    for (const k of [
      'pods',
      'services',
      'namespaces',
      'apps/deployments',
      'batch/jobs',
      'policy/poddisruptionbudgets',
      'networking.k8s.io/ingresses',
    ]) {
      expect(strategies[k], k).toBeDefined();
    }
  });

  it('fall back to an empty strategy', () => {
    expect(strategyFor('example.com/widgets')).toEqual({});
  });

  it('answer field-name discovery for an empty object', () => {
    for (const [k, s] of Object.entries(strategies)) {
      expect(() => s.fieldValues?.({ metadata: {} }), k).not.toThrow();
    }
  });

  it('declare status subresources only where the registry serves one', () => {
    for (const t of builtinResources) {
      const s = strategyFor(resourceKey(t));
      if (s.statusSubresource) expect(t.subresources, resourceKey(t)).toContain('status');
    }
  });
});
