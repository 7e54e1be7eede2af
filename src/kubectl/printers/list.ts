import type { KObject } from '../../engine/api/types';

/**
 * The List kubectl builds when it prints several objects (or a list request) as JSON,
 * YAML or JSONPath. Each item keeps its own apiVersion and kind.
 */
export function listOf(items: readonly KObject[]): KObject & { items: KObject[] } {
  return {
    apiVersion: 'v1',
    items: [...items],
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}
