import type { Remote } from 'comlink';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { type FormEvent, useEffect, useState } from 'react';
import { connectSandbox, subscribe } from '../worker/client';
import type { SandboxApi } from '../worker/protocol';
import { nodeRoles, nodeStatus, podReady, podStatus } from './features/cluster/summary';
import { listOf, useCluster } from './state/cluster';

function useSandbox(): Remote<SandboxApi> | undefined {
  const [api, setApi] = useState<Remote<SandboxApi>>();
  const apply = useCluster((s) => s.apply);
  useEffect(() => {
    const remote = connectSandbox();
    let live = true;
    remote
      .start({ seed: 1 })
      .then(() => subscribe(remote, (batch) => live && apply(batch)))
      .then(() => live && setApi(() => remote));
    return () => {
      live = false;
    };
  }, [apply]);
  return api;
}

function SimClock() {
  const now = useCluster((s) => s.now);
  return <span aria-label="simulated time">{now ? new Date(now).toISOString().replace('.000Z', 'Z') : '…'}</span>;
}

function Nodes() {
  const objects = useCluster((s) => s.objects);
  const nodes = listOf<Node>(objects, 'nodes');
  const pods = listOf<Pod>(objects, 'pods');
  return (
    <section aria-labelledby="nodes-title">
      <h2 id="nodes-title">Nodes</h2>
      <table>
        <thead>
          <tr><th>Name</th><th>Status</th><th>Roles</th><th>Pods</th></tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.metadata?.name} data-testid={`node-${n.metadata?.name}`}>
              <td>{n.metadata?.name}</td>
              <td>{nodeStatus(n)}</td>
              <td>{nodeRoles(n)}</td>
              <td>{pods.filter((p) => p.spec?.nodeName === n.metadata?.name).length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Pods() {
  const objects = useCluster((s) => s.objects);
  const pods = listOf<Pod>(objects, 'pods');
  return (
    <section aria-labelledby="pods-title">
      <h2 id="pods-title">Pods</h2>
      <table>
        <thead>
          <tr><th>Namespace</th><th>Name</th><th>Ready</th><th>Status</th><th>Node</th></tr>
        </thead>
        <tbody>
          {pods.map((p) => (
            <tr key={`${p.metadata?.namespace}/${p.metadata?.name}`} data-testid={`pod-${p.metadata?.name}`}>
              <td>{p.metadata?.namespace}</td>
              <td>{p.metadata?.name}</td>
              <td>{podReady(p)}</td>
              <td>{podStatus(p)}</td>
              <td>{p.spec?.nodeName ?? '<none>'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Terminal({ api }: { api?: Remote<SandboxApi> }) {
  const [line, setLine] = useState('');
  const [output, setOutput] = useState<string[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!api || !line.trim()) return;
    const cmd = line.trim();
    setLine('');
    const out = await api.run(cmd);
    setOutput((o) => [...o, `$ ${cmd}`, ...(out.stdout ? [out.stdout.replace(/\n$/, '')] : []), ...(out.stderr ? [out.stderr.replace(/\n$/, '')] : [])].slice(-200));
  };
  return (
    <section aria-labelledby="terminal-title">
      <h2 id="terminal-title">Terminal</h2>
      <pre className="terminal-output" aria-live="polite" data-testid="terminal-output">{output.join('\n')}</pre>
      <form onSubmit={submit}>
        <label htmlFor="command">$</label>
        <input id="command" value={line} onChange={(e) => setLine(e.target.value)} placeholder="kubectl get pods -A" disabled={!api} autoComplete="off" spellCheck={false} />
        <button type="submit" disabled={!api}>Run</button>
      </form>
    </section>
  );
}

export function App() {
  const api = useSandbox();
  return (
    <main>
      <header>
        <h1>kube-sandbox</h1>
        <span className="status">{api ? 'cluster running' : 'starting the cluster…'}</span>
        <SimClock />
      </header>
      <div className="panes">
        <Nodes />
        <Pods />
      </div>
      <Terminal api={api} />
    </main>
  );
}
