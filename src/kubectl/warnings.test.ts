import { describe, expect, it } from 'vitest';
import { Sandbox } from './testing/harness';

// The warning text is the Pod Security admission plugin's; the "Warning: " prefix, stderr, the
// one-per-distinct-text rule and `error: 1 warning received` are kubectl's warning writer and
// --warnings-as-errors (kubectl v1.32).
const RESTRICTED =
  'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n';

async function warnNamespace() {
  const s = new Sandbox();
  await s.run('create namespace psa');
  await s.run('label namespace psa pod-security.kubernetes.io/warn=restricted');
  return s;
}

describe('server warnings in kubectl', () => {
  it('prints the Pod Security warning on stderr for run, create, apply, set and patch; the object is still written', async () => {
    const s = await warnNamespace();
    expect(await s.run('run nginx --image=nginx -n psa')).toMatchObject({ stdout: 'pod/nginx created\n', stderr: RESTRICTED, exitCode: 0 });
    expect(await s.run('create deployment nginx --image=nginx -n psa')).toMatchObject({ stdout: 'deployment.apps/nginx created\n', stderr: RESTRICTED, exitCode: 0 });
    expect((await s.run('set image deployment/nginx nginx=nginx:1.27 -n psa')).stderr).toBe(RESTRICTED);
    expect((await s.run('patch deployment nginx -n psa -p {"metadata":{"labels":{"x":"y"}}}')).stderr).toBe(RESTRICTED);
    const applied = await s.run(
      'apply -f -',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: applied, namespace: psa}\nspec:\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n',
    );
    expect(applied).toMatchObject({ stdout: 'deployment.apps/applied created\n', stderr: RESTRICTED });
  });

  it('does not warn for a scale (a subresource) nor in a namespace without the label', async () => {
    const s = await warnNamespace();
    await s.run('create deployment nginx --image=nginx -n psa');
    expect(await s.run('scale deployment nginx --replicas=2 -n psa')).toMatchObject({ stdout: 'deployment.apps/nginx scaled\n', stderr: '', exitCode: 0 });
    expect((await s.run('run nginx --image=nginx')).stderr).toBe('');
  });

  it('--warnings-as-errors fails the command after the write', async () => {
    const s = await warnNamespace();
    expect(await s.run('run nginx --image=nginx -n psa --warnings-as-errors')).toMatchObject({ stdout: 'pod/nginx created\n', stderr: `${RESTRICTED}error: 1 warning received\n`, exitCode: 1 });
    expect((await s.run('get pod nginx -n psa -o name')).stdout).toBe('pod/nginx\n');
    expect(await s.run('run quiet --image=nginx --warnings-as-errors')).toMatchObject({ stderr: '', exitCode: 0 });
  });
});
