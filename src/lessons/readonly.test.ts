import { describe, expect, it } from 'vitest';
import { notReadOnly } from './readonly';

describe('notReadOnly', () => {
  it('allows commands that only read', () => {
    for (const ok of ['get pods -A', 'kubectl get pdb web-pdb -o jsonpath={.status.disruptionsAllowed}', 'describe node worker-1', 'logs web-1', 'events', 'auth can-i get pods', 'rollout history deploy/web', 'config view', 'explain pods']) {
      expect(notReadOnly(ok), ok).toBeUndefined();
    }
  });

  it('refuses anything that writes, waits or reads files', () => {
    for (const bad of ['delete pod web', 'apply -f x.yaml', 'scale deploy web --replicas=1', 'config set-context --current --namespace=x', 'config use-context other', 'rollout status deploy/web', 'rollout undo deploy/web', 'get pods -w', 'get -f pod.yaml', 'logs -f web', 'wait --for=condition=Ready pod/x', 'drain worker-2', 'exec web -- rm -rf /', '--namespace kube-system delete pods --all', '']) {
      expect(notReadOnly(bad), bad).toBeDefined();
    }
  });
});
