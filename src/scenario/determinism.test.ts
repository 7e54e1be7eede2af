import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/sim/cluster';
import { parseScenario } from './parse';
import { runScenario } from './run';
import { Session } from './session';
import { transcript } from './transcript';
import type { Step } from './types';

/** A scenario that exercises names, IPs, scheduling, restarts and node loss: everything seeded. */
const SOURCE = `
name: a busy history
cluster: {seed: 42}
steps:
  - kubectl: create deployment web --image=nginx --replicas=3
  - kubectl: expose deployment web --port=80
  - kubectl: run crasher --image=busybox -- sh -c "sleep 5; exit 3"
  - advance: 40s
  - kubectl: get pods -o wide
  - sim: node-down worker-2
  - advance: 90s
  - kubectl: get nodes
  - kubectl: scale deployment web --replicas=5
  - advance: 6m
  - kubectl: get pods -o wide
  - kubectl: get events --sort-by=.metadata.name
  - kubectl: get deploy,rs,svc,endpoints -o yaml
`;

async function runSteps(session: Session, steps: Step[]): Promise<string[]> {
  const out: string[] = [];
  for (const step of steps) {
    if (step.kind === 'advance') {
      session.cluster.advance(step.ms);
      out.push(`advance ${step.text}`);
    } else if (step.kind === 'kubectl' || step.kind === 'sim') {
      const r = step.kind === 'kubectl' ? await session.kubectl(step.args) : session.sim(step.args);
      out.push(`${step.kind} ${step.args}\n${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    }
  }
  return out;
}

describe('one seed gives one history', () => {
  const scenario = parseScenario(SOURCE, 'busy.yaml');

  it('the same scenario twice prints byte-identical transcripts', async () => {
    const a = await runScenario(scenario);
    const b = await runScenario(scenario);
    expect(a.passed).toBe(true);
    expect(transcript(scenario, b)).toBe(transcript(scenario, a));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('another seed gives another history (names and IPs come from the seed)', async () => {
    const other = await runScenario({ ...scenario, seed: 43 });
    const a = await runScenario(scenario);
    expect(JSON.stringify(other.steps.map((s) => s.stdout))).not.toBe(JSON.stringify(a.steps.map((s) => s.stdout)));
  });

  it('half a run, a snapshot through JSON, a fresh engine, the rest: the same output as without the break', async () => {
    const half = 6;
    const whole = await runSteps(new Session(Cluster.create({ seed: 42 })), scenario.steps);

    const first = new Session(Cluster.create({ seed: 42 }));
    const before = await runSteps(first, scenario.steps.slice(0, half));
    const saved = JSON.parse(JSON.stringify({ cluster: first.cluster.snapshot(), config: first.config }));
    const second = new Session(Cluster.fromSnapshot(saved.cluster), { config: saved.config });
    const after = await runSteps(second, scenario.steps.slice(half));

    expect([...before, ...after]).toEqual(whole);
  });
});
