/**
 * The fault palette's actions. Each is a command a learner could type in the terminal (a `sim`
 * command or kubectl); the palette runs exactly that line through the worker and shows it.
 */

/** What an action needs to be aimed at. */
export type Target = 'node' | 'pod' | 'zone' | 'none';

export interface FaultAction {
  id: string;
  target: Target;
  /** The `sim` verb the action needs (it is offered only when `sim help` lists it); none for kubectl. */
  simVerb?: string;
  /** The command line for a target (`name` and `namespace` of a pod; the node or zone name as `name`). */
  command(t: { name?: string; namespace?: string; newNode?: string }): string;
}

const ns = (namespace?: string) => (namespace && namespace !== 'default' ? ` -n ${namespace}` : '');

export const FAULTS: FaultAction[] = [
  { id: 'node-down', target: 'node', simVerb: 'node-down', command: (t) => `sim node-down ${t.name}` },
  { id: 'node-up', target: 'node', simVerb: 'node-up', command: (t) => `sim node-up ${t.name}` },
  { id: 'add-node', target: 'none', simVerb: 'add-node', command: (t) => `sim add-node ${t.newNode}` },
  { id: 'remove-node', target: 'node', simVerb: 'remove-node', command: (t) => `sim remove-node ${t.name}` },
  { id: 'drain', target: 'node', command: (t) => `kubectl drain ${t.name} --ignore-daemonsets --delete-emptydir-data` },
  { id: 'uncordon', target: 'node', command: (t) => `kubectl uncordon ${t.name}` },
  { id: 'probe-fail', target: 'pod', simVerb: 'probe-fail', command: (t) => `sim probe-fail ${t.name} --probe liveness${ns(t.namespace)}` },
  { id: 'crash', target: 'pod', simVerb: 'crash', command: (t) => `sim crash ${t.name}${ns(t.namespace)}` },
  { id: 'memory-pressure', target: 'node', simVerb: 'node-pressure', command: (t) => `sim node-pressure ${t.name} memory` },
  { id: 'disk-pressure', target: 'node', simVerb: 'node-pressure', command: (t) => `sim node-pressure ${t.name} disk` },
  { id: 'pressure-off', target: 'node', simVerb: 'node-pressure', command: (t) => `sim node-pressure ${t.name} memory --off` },
  { id: 'oom', target: 'pod', simVerb: 'oom', command: (t) => `sim oom ${t.name}${ns(t.namespace)}` },
  { id: 'kubelet-stop', target: 'node', simVerb: 'kubelet-stop', command: (t) => `sim kubelet-stop ${t.name}` },
  { id: 'kubelet-start', target: 'node', simVerb: 'kubelet-start', command: (t) => `sim kubelet-start ${t.name}` },
  { id: 'registry-down', target: 'none', simVerb: 'registry-down', command: () => 'sim registry-down' },
  { id: 'registry-up', target: 'none', simVerb: 'registry-up', command: () => 'sim registry-up' },
  { id: 'partition', target: 'node', simVerb: 'partition', command: (t) => `sim partition ${t.name}` },
  { id: 'partition-off', target: 'node', simVerb: 'partition', command: (t) => `sim partition ${t.name} --off` },
  { id: 'zone-down', target: 'zone', simVerb: 'zone-down', command: (t) => `sim zone-down ${t.name}` },
  { id: 'zone-up', target: 'zone', simVerb: 'zone-up', command: (t) => `sim zone-up ${t.name}` },
];

/** The `sim` verbs `sim help` lists (lines `  sim VERB …`). */
export function simVerbs(help: string): Set<string> {
  const verbs = new Set<string>();
  for (const m of help.matchAll(/^\s+sim ([a-z][\w-]*)/gm)) verbs.add(m[1]);
  return verbs;
}

/** The usage line `sim help` gives for a verb (shown beside an action), if it lists one. */
export function usageOf(help: string, verb: string): string | undefined {
  const line = help.split('\n').find((l) => new RegExp(`^\\s+sim ${verb}(\\s|$)`).test(l));
  return line?.trim().split(/\s{2,}/)[0];
}

/** A name for a new worker that no machine has yet: `worker-N` after the highest N in use. */
export function nextNodeName(names: string[]): string {
  let n = 0;
  for (const name of names) {
    const m = /^worker-?(\d+)$/.exec(name);
    if (m) n = Math.max(n, Number(m[1]));
  }
  let candidate = `worker-${n + 1}`;
  while (names.includes(candidate)) candidate = `worker-${++n + 1}`;
  return candidate;
}
