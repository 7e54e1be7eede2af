import { describe, expect, it } from 'vitest';
import { describeCommand, yamlCommand } from './commands';

describe('inspector commands', () => {
  it('are what a learner would type', () => {
    expect(describeCommand({ resource: 'pods', kind: 'Pod', namespace: 'default', name: 'web-1' })).toBe('kubectl describe pod web-1 -n default');
    expect(describeCommand({ resource: 'nodes', kind: 'Node', name: 'worker-1' })).toBe('kubectl describe node worker-1');
    expect(yamlCommand({ resource: 'apps/deployments', kind: 'Deployment', namespace: 'kube-system', name: 'coredns' })).toBe('kubectl get deployment coredns -n kube-system -o yaml');
  });
});
