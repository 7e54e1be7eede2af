import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/sim/cluster';
import { Session } from '../session';

/**
 * Terminal lines against a real sandbox cluster: the shell, kubectl, the home folder and
 * port forwards together. Expected texts are bash's, coreutils' and kubectl v1.32's.
 */
describe('Session.run: terminal lines', () => {
  let session: Session;
  beforeAll(async () => {
    session = new Session(Cluster.create({ seed: 7 }));
    await session.run('kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80');
    await session.run('kubectl expose deployment web --port=8080 --target-port=80');
    await session.run('kubectl create secret generic s --from-literal=password=s3cr3t');
    session.cluster.advance(60_000);
  }, 60_000);

  it.each([
    ["kubectl get secret s -o jsonpath='{.data.password}' | base64 -d", 's3cr3t'],
    ['kubectl get pods -l app=web --no-headers | wc -l', '2\n'],
    ['kubectl get pods -l app=web -o name | cut -d/ -f1 | uniq', 'pod\n'],
    ['k get deploy web -o jsonpath={.spec.replicas}; echo', '2\n'],
    ["kubectl get ns --no-headers | awk '{print $1}' | grep -c kube-", '3\n'],
  ])('%s', async (line, stdout) => {
    expect((await session.run(line)).stdout).toBe(stdout);
  });

  it('POD=$(…); kubectl logs $POD reads the first pod’s log', async () => {
    const out = await session.run("POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'); kubectl get pod $POD -o name");
    expect(out.stdout).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('sleep lets simulated time pass', async () => {
    const before = session.cluster.now();
    expect(await session.run('sleep 1m 30')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(session.cluster.now() - before).toBe(90_000);
    expect((await session.run('sleep soon')).stderr).toBe('sleep: invalid time interval ‘soon’\n');
  });

  it('a here-document applies a manifest pasted with the command', async () => {
    const out = await session.run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted\ndata:\n  home: $HOME\nEOF');
    expect(out.stdout).toBe('configmap/pasted created\n');
    expect((await session.run("kubectl get cm pasted -o jsonpath='{.data.home}'")).stdout).toBe('/home/learner');
  });

  it('an unknown command is bash’s error with exit 127', async () => {
    expect(await session.run('vim web.yaml')).toEqual({ stdout: '', stderr: 'bash: vim: command not found\n', exitCode: 127 });
  });

  it('a manifest saved with > is what kubectl apply -f reads back', async () => {
    await session.run('kubectl create configmap cfg --from-literal=a=1 --dry-run=client -o yaml > cfg.yaml');
    expect(session.home.read('cfg.yaml')).toContain('kind: ConfigMap');
    expect((await session.run('kubectl apply -f cfg.yaml')).stdout).toBe('configmap/cfg created\n');
    expect((await session.run('ls')).stdout).toBe('cfg.yaml\n');
  });

  it('xargs feeds names to another kubectl', async () => {
    await session.run('kubectl create configmap x1; kubectl create configmap x2');
    const out = await session.run("kubectl get cm -o name | grep 'configmap/x' | xargs kubectl delete");
    expect(out.stdout).toBe('configmap "x1" deleted\nconfigmap "x2" deleted\n');
  });

  it('port-forward to a service reaches a pod; curl on localhost goes through it', async () => {
    const pf = await session.run('kubectl port-forward svc/web 8080:8080 &');
    // The service's port 8080 targets the containers' port 80.
    expect(pf).toEqual({ stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', stderr: '', exitCode: 0 });
    const out = await session.run('curl -s localhost:8080');
    expect(out.stdout).toMatch(/^Handling connection for 8080\n[\s\S]*<title>Welcome to nginx!<\/title>/);
    // The same port cannot be taken twice.
    const again = await session.run('kubectl port-forward deploy/web 8080:80');
    expect(again.stderr).toBe(
      'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n',
    );
  });

  it('a port nothing listens on in the pod: the forward accepts, curl gets an empty reply', async () => {
    await session.run('kubectl port-forward deploy/web 9090:9999');
    const out = await session.run('curl localhost:9090');
    expect(out.exitCode).toBe(52);
    expect(out.stderr).toMatch(/an error occurred forwarding 9090 -> 9999[\s\S]*curl: \(52\) Empty reply from server\n$/);
  });

  it('port-forward errors as kubectl words them', async () => {
    expect((await session.run('kubectl port-forward svc/web')).stderr).toBe(
      "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
    );
    expect((await session.run('kubectl port-forward svc/web 9000:81')).stderr).toBe('error: Service web does not have a service port 81\n');
    expect((await session.run('kubectl port-forward svc/web 9000:http')).stderr).toBe("error: Service 'web' does not have a named port 'http'\n");
  });

  it('a foreground port-forward runs until interrupted, then stops listening', async () => {
    let stop = () => {};
    const interrupted = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const seen: string[] = [];
    const running = session.run('kubectl port-forward deploy/web :80', { onOutput: (_s, t) => seen.push(t), waitForInterrupt: () => interrupted });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.join('')).toMatch(/^Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:\1 -> 80\n$/);
    const port = Number(/:(\d+) ->/.exec(seen[0])?.[1]);
    expect(session.forwards.find('localhost', port)).toBeDefined();
    stop();
    await running;
    expect(session.forwards.find('localhost', port)).toBeUndefined();
  });
});
