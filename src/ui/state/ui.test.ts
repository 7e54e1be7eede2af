import { describe, expect, it } from 'vitest';
import { kubectlResource, resourceOfKind } from './ui';

describe('resource names', () => {
  it('kubectl resource words from cache keys', () => {
    expect(kubectlResource('pods')).toBe('pods');
    expect(kubectlResource('apps/deployments')).toBe('deployments.apps');
    expect(kubectlResource('batch/jobs')).toBe('jobs.batch');
  });
  it('kinds to cache keys', () => {
    expect(resourceOfKind('ReplicaSet')).toBe('apps/replicasets');
    expect(resourceOfKind('Lease')).toBeUndefined();
  });
});
