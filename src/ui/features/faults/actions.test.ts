import { describe, expect, it } from 'vitest';
import { FAULTS, nextNodeName, simVerbs, usageOf } from './actions';

const HELP = `Simulation commands:
  sim advance DURATION                      move simulated time forward (e.g. 30s, 5m, 1m30s)
  sim node-down NODE                        the machine stops answering
  sim add-node NAME [--cpu N] [--memory Q] [--zone Z] [--labels k=v,...]
                                            a new worker joins and registers itself
  sim crash POD [--container C] [--exit-code N] [-n NAMESPACE]
                                            the container's process exits now (default exit code 1)
  sim status                                simulated time, seed and object counts`;

const byId = (id: string) => {
  const f = FAULTS.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
};

describe('fault actions', () => {
  it('are the command lines a learner would type', () => {
    expect(byId('node-down').command({ name: 'worker-1' })).toBe('sim node-down worker-1');
    expect(byId('crash').command({ name: 'web-1', namespace: 'shop' })).toBe('sim crash web-1 -n shop');
    expect(byId('crash').command({ name: 'web-1', namespace: 'default' })).toBe('sim crash web-1');
    expect(byId('drain').command({ name: 'worker-2' })).toBe('kubectl drain worker-2 --ignore-daemonsets --delete-emptydir-data');
    expect(byId('add-node').command({ newNode: 'worker-4' })).toBe('sim add-node worker-4');
    expect(byId('zone-down').command({ name: 'zone-b' })).toBe('sim zone-down zone-b');
    expect(byId('partition-off').command({ name: 'worker-1' })).toBe('sim partition worker-1 --off');
    expect(byId('oom').command({ name: 'db-0', namespace: 'shop' })).toBe('sim oom db-0 -n shop');
  });

  it('each has words in English and Japanese', async () => {
    const { en, ja } = await import('../../i18n/messages');
    for (const f of FAULTS)
      for (const key of [`fault.${f.id}`, `fault.${f.id}.about`]) {
        expect(en).toHaveProperty([key]);
        expect(ja).toHaveProperty([key]);
      }
  });

  it('knows which sim verbs exist from sim help', () => {
    const verbs = simVerbs(HELP);
    expect([...verbs].sort()).toEqual(['add-node', 'advance', 'crash', 'node-down', 'status']);
    expect(usageOf(HELP, 'crash')).toBe('sim crash POD [--container C] [--exit-code N] [-n NAMESPACE]');
    expect(usageOf(HELP, 'node-up')).toBeUndefined();
  });

  it('names a new node after the existing workers', () => {
    expect(nextNodeName(['control-plane', 'worker-1', 'worker-3'])).toBe('worker-4');
    expect(nextNodeName([])).toBe('worker-1');
  });
});
