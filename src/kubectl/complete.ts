import type { Pod, Service } from 'kubernetes-types/core/v1';
import { Flags } from './args';
import type { Command } from './command';
import { rootCommand } from './commands/root';
import { findCommand, flagSpecsFor, namesOf } from './dispatch';
import type { KubectlEnv } from './env';

/** One suggestion for the terminal: what to insert, and a short hint to show beside it. */
export interface Completion {
  value: string;
  description?: string;
}

const root = rootCommand();

/** Commands whose arguments are `TYPE [NAME…]` or `TYPE/NAME`. */
const TYPE_COMMANDS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'patch', 'scale', 'expose', 'wait', 'explain', 'edit', 'history', 'status', 'undo', 'pause', 'resume', 'restart', 'image', 'env', 'resources', 'autoscale', 'serviceaccount', 'selector', 'subject']);
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain', 'taint']);
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward']);
/** Fixed values of flags, by flag name. */
const FLAG_VALUES: Record<string, string[]> = {
  'image-pull-policy': ['Always', 'IfNotPresent', 'Never'],
  profile: ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'],
  address: ['localhost', '0.0.0.0', '127.0.0.1'],
};
/** Flags whose value is a container of the pod named in the arguments. */
const CONTAINER_FLAGS = new Set(['container', 'target']);

const OUTPUTS = ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'jsonpath-as-json=', 'custom-columns=', 'go-template='];

/** The short descriptions kubectl lists for subcommands in its help (`Available Commands:`). */
function shortDescriptions(cmd: Command): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of cmd.help.split('\n')) {
    const m = /^ {2}([a-z][\w-]*)\s{2,}(.+)$/.exec(line);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

function byPrefix(values: Completion[], prefix: string): Completion[] {
  return values.filter((c) => c.value.startsWith(prefix));
}

function namespaceOf(env: KubectlEnv, words: string[]): string {
  const i = words.findIndex((w) => w === '-n' || w === '--namespace');
  if (i >= 0 && words[i + 1]) return words[i + 1];
  const eq = words.find((w) => w.startsWith('--namespace=') || (w.startsWith('-n') && w.length > 2));
  if (eq) return eq.startsWith('--') ? eq.slice(12) : eq.slice(2).replace(/^=/, '');
  const ctx = env.config.contexts.find((c) => c.name === env.config['current-context']);
  return ctx?.context.namespace || 'default';
}

function objectNames(env: KubectlEnv, type: string, namespace: string): string[] {
  const rt = env.cluster.registry.resolve(type);
  if (!rt) return [];
  try {
    return env.cluster.api.list(rt, rt.namespaced ? namespace : undefined).items.map((o) => o.metadata.name);
  } catch {
    return [];
  }
}

function resourceWords(env: KubectlEnv): Completion[] {
  const out: Completion[] = [];
  for (const rt of env.cluster.registry.all()) {
    if (!rt.verbs.includes('get')) continue;
    out.push({ value: rt.plural, description: rt.kind });
    for (const s of rt.shortNames) out.push({ value: s, description: rt.kind });
  }
  return out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * Suggestions for the word being typed. `words` are the words after `kubectl`; the last one is
 * the (possibly empty) word under the cursor.
 */
export function completeKubectl(words: readonly string[], env: KubectlEnv): Completion[] {
  const done = words.slice(0, -1);
  const partial = words[words.length - 1] ?? '';
  const { cmd, argv } = findCommand(root, done);
  const flags = new Flags(flagSpecsFor(cmd));

  // A value for the flag just before the cursor.
  const prev = done[done.length - 1];
  if (prev?.startsWith('-') && !prev.includes('=')) {
    const spec = prev.startsWith('--') ? flags.spec(prev.slice(2)) : flags.specByShort(prev.slice(1));
    if (spec && spec.noOptDefVal === undefined) {
      if (spec.name === 'namespace') return byPrefix(objectNames(env, 'namespaces', '').map((n) => ({ value: n })), partial);
      if (spec.name === 'output') return byPrefix(OUTPUTS.map((o) => ({ value: o })), partial);
      if (spec.name === 'context') return byPrefix(env.config.contexts.map((c) => ({ value: c.name })), partial);
      if (FLAG_VALUES[spec.name]) return byPrefix(FLAG_VALUES[spec.name].map((value) => ({ value })), partial);
      if (CONTAINER_FLAGS.has(spec.name)) return byPrefix(containerNames(env, done, namespaceOf(env, done)), partial);
      return [];
    }
  }

  if (partial.startsWith('-')) {
    const out: Completion[] = [];
    for (const s of flagSpecsFor(cmd)) {
      out.push({ value: `--${s.name}` });
      if (s.short) out.push({ value: `-${s.short}` });
    }
    return byPrefix(out, partial);
  }

  const positional = new Flags(flagSpecsFor(cmd));
  try {
    positional.parse(argv);
  } catch {
    return [];
  }
  const args = positional.args;
  if (cmd.subcommands?.length && args.length === 0) {
    const descriptions = shortDescriptions(cmd);
    return byPrefix(
      cmd.subcommands.flatMap((s) => namesOf(s).slice(0, 1).map((n) => ({ value: n, description: descriptions.get(n) }))),
      partial,
    );
  }
  const namespace = namespaceOf(env, done);
  if (NODE_COMMANDS.has(cmd.name) && (cmd.name !== 'taint' || args.length <= 1)) {
    if (cmd.name === 'taint' && args.length === 0) return byPrefix([{ value: 'nodes' }, { value: 'node' }], partial);
    return byPrefix(objectNames(env, 'nodes', '').map((n) => ({ value: n })), partial);
  }
  if ((cmd.name === 'port-forward' || cmd.name === 'debug') && partial.includes('/')) {
    // TYPE/NAME: port-forward takes workloads and services, debug takes pods and nodes.
    const type = partial.slice(0, partial.indexOf('/'));
    const ns = ['node', 'nodes', 'no'].includes(type) ? '' : namespace;
    return byPrefix(objectNames(env, type, ns).map((n) => ({ value: `${type}/${n}` })), partial);
  }
  if (cmd.name === 'port-forward' && args.length >= 1) return byPrefix(targetPorts(env, args[0], namespace), partial);
  if (cmd.name === 'debug' && args.length === 0) {
    return byPrefix([...objectNames(env, 'pods', namespace).map((n) => ({ value: n })), { value: 'node/' }], partial);
  }
  if (cmd.name === 'cp' && args.length <= 1 && !partial.includes(':')) {
    // A remote path is POD:PATH; a local one is completed by the shell.
    return byPrefix(objectNames(env, 'pods', namespace).map((n) => ({ value: `${n}:` })), partial);
  }
  if (POD_COMMANDS.has(cmd.name) && args.length === 0) {
    return byPrefix(objectNames(env, 'pods', namespace).map((n) => ({ value: n })), partial);
  }
  if ((cmd.name === 'approve' || cmd.name === 'deny') && done.includes('certificate')) {
    return byPrefix(objectNames(env, 'certificatesigningrequests', '').map((n) => ({ value: n })), partial);
  }
  if (cmd.name === 'token' && args.length === 0) {
    return byPrefix(objectNames(env, 'serviceaccounts', namespace).map((n) => ({ value: n })), partial);
  }
  if (cmd.name === 'use-context' || cmd.name === 'delete-context' || cmd.name === 'rename-context') {
    return byPrefix(env.config.contexts.map((c) => ({ value: c.name })), partial);
  }
  if (TYPE_COMMANDS.has(cmd.name)) {
    if (partial.includes('/')) {
      const type = partial.slice(0, partial.indexOf('/'));
      return byPrefix(objectNames(env, type, namespace).map((n) => ({ value: `${type}/${n}` })), partial);
    }
    if (args.length === 0) return byPrefix(resourceWords(env), partial);
    if (cmd.name !== 'explain' && !args[0].includes('/') && !args[0].includes(',')) {
      return byPrefix(objectNames(env, args[0], namespace).map((n) => ({ value: n })), partial);
    }
  }
  return [];
}

/** The pod a POD or TYPE/NAME argument names, if it is a pod that exists. */
function podNamed(env: KubectlEnv, arg: string, namespace: string): Pod | undefined {
  const slash = arg.indexOf('/');
  if (slash >= 0 && !['pod', 'pods', 'po'].includes(arg.slice(0, slash))) return undefined;
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  return env.cluster.store.get('pods', namespace, name) as Pod | undefined;
}

/** Containers of the first pod among the arguments (for -c and --target). */
function containerNames(env: KubectlEnv, done: string[], namespace: string): Completion[] {
  for (const w of done) {
    if (w.startsWith('-')) continue;
    const pod = podNamed(env, w.split(':')[0], namespace);
    if (pod) return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => ({ value: c.name }));
  }
  return [];
}

/** The ports a forward target listens on: a service's ports, or the containers' declared ports. */
function targetPorts(env: KubectlEnv, target: string, namespace: string): Completion[] {
  const slash = target.indexOf('/');
  const type = slash < 0 ? '' : target.slice(0, slash);
  const name = slash < 0 ? target : target.slice(slash + 1);
  if (['svc', 'service', 'services'].includes(type)) {
    const svc = env.cluster.store.get('services', namespace, name) as Service | undefined;
    return (svc?.spec?.ports ?? []).map((p) => ({ value: String(p.port), description: p.name }));
  }
  let spec: { containers?: { ports?: { containerPort: number; name?: string }[] }[] } | undefined;
  if (!type || ['pod', 'pods', 'po'].includes(type)) spec = podNamed(env, target, namespace)?.spec;
  else {
    const rt = env.cluster.registry.resolve(type);
    const obj = rt ? (env.cluster.store.get(rt.group ? `${rt.group}/${rt.plural}` : rt.plural, namespace, name) as { spec?: { template?: { spec?: typeof spec } } } | undefined) : undefined;
    spec = obj?.spec?.template?.spec;
  }
  return (spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ value: String(p.containerPort), description: p.name })));
}

/** Every top-level command with its one-line description, for a command palette. */
export function kubectlCommands(): Completion[] {
  const descriptions = shortDescriptions(root);
  return (root.subcommands ?? []).map((c) => ({ value: c.name, description: descriptions.get(c.name) }));
}
