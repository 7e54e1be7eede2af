import { describe, expect, it } from 'vitest';
import { diffResult, editableYaml, isConflict, liveGetCommand } from './live';

const LIVE = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: "2025-01-06T09:04:00Z"
  generation: 1
  labels:
    app: web
  managedFields:
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    manager: kubectl-create
    operation: Update
  name: web
  namespace: default
  resourceVersion: "812"
  uid: 7d0c2b1e-0000-4000-8000-000000000001
spec:
  replicas: 1
status:
  availableReplicas: 1
  replicas: 1
`;

describe('editing a live object', () => {
  it('leaves out managedFields and status, keeps resourceVersion for conflict detection', () => {
    const text = editableYaml(LIVE);
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('status:');
    expect(text).toContain('resourceVersion: "812"');
    expect(text).toContain('replicas: 1');
    expect(text.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
  });

  it('reads the object with the command a learner would type', () => {
    expect(liveGetCommand({ kind: 'Deployment', name: 'web', namespace: 'shop' })).toBe('kubectl get deployment web -n shop -o yaml');
    expect(liveGetCommand({ kind: 'Node', name: 'worker-1' })).toBe('kubectl get node worker-1 -o yaml');
  });

  it('recognises the API server’s conflict and kubectl diff’s exit status', () => {
    expect(isConflict('Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again')).toBe(true);
    expect(isConflict('Error from server (NotFound): deployments.apps "web" not found')).toBe(false);
    expect([0, 1, 2].map(diffResult)).toEqual(['same', 'different', 'error']);
  });
});
