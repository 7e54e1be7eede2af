import type { Container, EphemeralContainer, Node, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import { writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { fatal, usageError } from '../errors';
import { help } from '../help/debug';
import { kubeletOf } from './pods';

const LEGACY_WARNING =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";
/** How long kubectl debug waits for the debug container to run before attaching (simulated). */
const WAIT_MS = 60_000;
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];

/** utilrand.String(5), from the cluster's seeded stream. */
function suffix(ctx: Ctx): string {
  return ctx.cluster.random.stream('kubectl').chars(5, 'bcdfghjklmnpqrstvwxz2456789');
}

/** The command after `--`: the container's args (`--arguments-only`) or its command. */
function commandOf(ctx: Ctx): { command?: string[]; args?: string[] } {
  const dash = ctx.flags.argsLenAtDash;
  if (dash < 0) return {};
  const words = ctx.args.slice(dash);
  if (!words.length) return {};
  return ctx.flags.bool('arguments-only') ? { args: words } : { command: words };
}

function envOf(ctx: Ctx): { name: string; value: string }[] | undefined {
  const env = ctx.flags.strings('env').map((e) => {
    const i = e.indexOf('=');
    return { name: i < 0 ? e : e.slice(0, i), value: i < 0 ? '' : e.slice(i + 1) };
  });
  return env.length ? env : undefined;
}

/** The debug container kubectl builds (legacy profile: no securityContext changes). */
function debugContainer(ctx: Ctx, name: string): Container {
  const f = ctx.flags;
  const c: Container = { name, image: f.string('image'), ...commandOf(ctx) };
  const pull = f.string('image-pull-policy');
  if (pull) c.imagePullPolicy = pull;
  const env = envOf(ctx);
  if (env) c.env = env;
  if (f.bool('stdin')) c.stdin = true;
  if (f.bool('tty')) c.tty = true;
  c.terminationMessagePolicy = 'File';
  return c;
}

/** Let simulated time pass until the container runs (or gave up), as kubectl's wait for the pod does. */
async function waitRunning(ctx: Ctx, namespace: string, pod: string, container: string, ephemeral: boolean): Promise<void> {
  for (let waited = 0; waited < WAIT_MS; waited += 1000) {
    const p = ctx.api.get(ctx.api.resource('pods'), namespace, pod) as Stored<Pod>;
    const statuses = ephemeral ? p.status?.ephemeralContainerStatuses : p.status?.containerStatuses;
    const s = statuses?.find((x) => x.name === container);
    if (s?.state?.running) return;
    if (s?.state?.terminated) throw fatal(`container ${container} terminated`);
    await ctx.env.sleep(1000);
  }
}

/** `-it`: hand the running debug container's shell to the terminal, when there is one. */
async function attach(ctx: Ctx, namespace: string, pod: string, container: string, ephemeral: boolean): Promise<void> {
  if (!ctx.flags.bool('stdin') && !ctx.flags.bool('attach')) return;
  await waitRunning(ctx, namespace, pod, container, ephemeral);
  ctx.io.err(PROMPT_HINT);
  const kubelet = kubeletOf(ctx);
  if (!ctx.env.openTerminal || !kubelet.shellSession || !ctx.flags.bool('tty')) return;
  try {
    const shell = kubelet.shellSession(namespace, pod, container, 'sh');
    ctx.env.openTerminal({ input: (line) => shell.run(line), close: () => shell.close() });
  } catch {
    // No shell in the image: kubectl's attach shows nothing more.
  }
}

async function debugPod(ctx: Ctx, pod: Stored<Pod>): Promise<void> {
  const f = ctx.flags;
  const namespace = pod.metadata.namespace ?? ctx.namespace;
  let name = f.string('container');
  if (!name) {
    name = `debugger-${suffix(ctx)}`;
    if (!f.bool('quiet')) ctx.io.err(`Defaulting debug container name to ${name}.\n`);
  }
  const target = f.string('target');
  const ec: EphemeralContainer = { ...debugContainer(ctx, name), ...(target ? { targetContainerName: target } : {}) };
  const next = structuredClone(pod);
  next.spec = { ...next.spec, containers: next.spec?.containers ?? [], ephemeralContainers: [...(pod.spec?.ephemeralContainers ?? []), ec] };
  ctx.api.updateEphemeralContainers(namespace, pod.metadata.name, next, writeOptions(ctx));
  await attach(ctx, namespace, pod.metadata.name, name, true);
}

/** `--copy-to`: a copy of the pod, without what would tie it to the original, plus the debug container. */
async function debugCopy(ctx: Ctx, pod: Stored<Pod>): Promise<void> {
  const f = ctx.flags;
  const namespace = pod.metadata.namespace ?? ctx.namespace;
  const spec = structuredClone(pod.spec ?? { containers: [] });
  delete spec.ephemeralContainers;
  if (!f.bool('same-node')) delete spec.nodeName;
  if (!f.bool('keep-init-containers')) delete spec.initContainers;
  for (const c of spec.containers) {
    if (!f.bool('keep-liveness')) delete c.livenessProbe;
    if (!f.bool('keep-readiness')) delete c.readinessProbe;
    if (!f.bool('keep-startup')) delete c.startupProbe;
  }
  for (const pair of f.strings('set-image')) {
    const i = pair.indexOf('=');
    const [cname, image] = [pair.slice(0, i), pair.slice(i + 1)];
    for (const c of spec.containers) if (cname === '*' || c.name === cname) c.image = image;
  }
  let attachTo = '';
  if (f.string('image')) {
    let name = f.string('container');
    if (!name) {
      name = `debugger-${suffix(ctx)}`;
      if (!f.bool('quiet')) ctx.io.err(`Defaulting debug container name to ${name}.\n`);
    }
    const existing = spec.containers.findIndex((c) => c.name === name);
    if (existing >= 0) spec.containers[existing] = { ...spec.containers[existing], ...debugContainer(ctx, name) };
    else spec.containers.push(debugContainer(ctx, name));
    attachTo = name;
  }
  if (f.bool('share-processes')) spec.shareProcessNamespace = true;
  const copy: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: f.string('copy-to'),
      namespace,
      ...(f.bool('keep-labels') && pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
      ...(f.bool('keep-annotations') && pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
    },
    spec,
  };
  if (f.bool('replace')) ctx.api.delete(ctx.api.resource('pods'), namespace, pod.metadata.name, writeOptions(ctx));
  ctx.api.create(ctx.api.resource('pods'), namespace, copy, writeOptions(ctx));
  if (attachTo) await attach(ctx, namespace, copy.metadata?.name ?? '', attachTo, false);
}

/** `debug node/NAME`: a pod on that node in its host namespaces, with its root file system at /host. */
async function debugNode(ctx: Ctx, node: Stored<Node>): Promise<void> {
  const nodeName = node.metadata.name;
  const name = `node-debugger-${nodeName}-${suffix(ctx)}`.slice(0, 63);
  const container = debugContainer(ctx, ctx.flags.string('container') || 'debugger');
  container.volumeMounts = [{ mountPath: '/host', name: 'host-root' }];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ctx.namespace },
    spec: {
      containers: [container],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
      volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
    },
  };
  const created = ctx.api.create(ctx.api.resource('pods'), ctx.namespace, pod, writeOptions(ctx)) as Stored<Pod>;
  ctx.io.out(`Creating debugging pod ${created.metadata.name} with container ${container.name} on node ${nodeName}.\n`);
  await attach(ctx, ctx.namespace, created.metadata.name, container.name, false);
}

export const debugCommand: Command = {
  name: 'debug',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const profile = f.string('profile');
    if (!PROFILES.includes(profile)) throw fatal(`unknown profile: ${profile}`);
    const dash = f.argsLenAtDash;
    const targets = dash < 0 ? ctx.args : ctx.args.slice(0, dash);
    const copyTo = f.string('copy-to');
    if (!copyTo && !f.string('image')) throw fatal('you must specify --image when not using --copy-to.');
    if (copyTo && !f.string('image') && !f.strings('set-image').length && dash < 0) throw fatal('you must specify --image, --set-image or command arguments.');
    if (!targets.length && !f.strings('filename').length) throw usageError(ctx.path, 'either filename or resource/name is required');
    if (f.string('target')) {
      ctx.io.err(
        `Targeting container "${f.string('target')}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`,
      );
    }
    if (profile === 'legacy') ctx.io.err(LEGACY_WARNING);
    for (const t of targets) {
      const slash = t.indexOf('/');
      const type = slash < 0 ? 'pods' : t.slice(0, slash).toLowerCase();
      const objName = slash < 0 ? t : t.slice(slash + 1);
      if (['node', 'nodes', 'no'].includes(type)) {
        await debugNode(ctx, ctx.api.get(ctx.api.resource('nodes'), '', objName) as Stored<Node>);
        continue;
      }
      if (!['pod', 'pods', 'po'].includes(type)) throw fatal(`objects of type ${type} are not supported by kubectl debug`);
      const pod = ctx.api.get(ctx.api.resource('pods'), ctx.namespace, objName) as Stored<Pod>;
      if (copyTo) await debugCopy(ctx, pod);
      else await debugPod(ctx, pod);
    }
  },
};
