import type { Pod } from 'kubernetes-types/core/v1';
import { isEnvVarName } from '../../engine/api/names';
import { parseQuantity } from '../../engine/api/quantity';
import type { AnyObject, Stored } from '../../engine/api/types';
import { mergePatch, schemaFor, strategicMergePatch } from '../../engine/apiserver/patch';
import { type DryRun, dryRunOf, dryRunSuffix, parseKeyValues, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { CmdError, usageError } from '../errors';
import { help } from '../help/run';
import { yamlToJson } from '../manifest/goyaml';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { pollUntil } from '../poll';
import { openShell, pipeToShell, usableTty } from './attach';
import { saveConfig, stripForServer } from './create/subcommand';
import { kubeletOf } from './pods';

/** Docker's reference grammar, as kubectl checks --image before creating anything. */
const IMAGE_REFERENCE =
  /^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;

function restartPolicy(ctx: Ctx, interactive: boolean): string {
  const restart = ctx.flags.string('restart');
  if (!restart) return interactive ? 'OnFailure' : 'Always';
  if (['Always', 'OnFailure', 'Never'].includes(restart)) return restart;
  throw usageError(ctx.path, `invalid restart policy: ${restart}`);
}

function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new Error(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    out[parts[0]] = parseQuantity(parts[1]).toString();
  }
  return out;
}

/** The pod `kubectl run` generates (kubectl's run-pod/v1 generator). */
function generatePod(ctx: Ctx, name: string, args: string[], restart: string): AnyObject {
  const f = ctx.flags;
  const labels = f.string('labels') ? parseKeyValues(f.string('labels')) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of f.strings('annotations')) {
    const i = a.indexOf('=');
    if (i <= 0) throw new Error(`invalid annotations format: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const container: Record<string, unknown> = {};
  if (args.length) container[f.bool('command') ? 'command' : 'args'] = args;
  const env = f.strings('env').map((e) => {
    const i = e.indexOf('=');
    const key = i < 0 ? '' : e.slice(0, i);
    if (i < 0 || !key || isEnvVarName(key).length) throw new Error(`invalid env: ${e}`);
    return { name: key, value: e.slice(i + 1) };
  });
  if (env.length) container.env = env;
  container.image = f.string('image');
  if (f.string('image-pull-policy')) container.imagePullPolicy = f.string('image-pull-policy');
  container.name = name;
  const port = f.string('port');
  if (port) {
    if (!/^-?\d+$/.test(port)) throw new Error(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  const resources: Record<string, unknown> = {};
  const limits = f.spec('limits') ? resourceList(f.string('limits')) : undefined;
  const requests = f.spec('requests') ? resourceList(f.string('requests')) : undefined;
  if (limits) resources.limits = limits;
  if (requests) resources.requests = requests;
  container.resources = resources;
  if (f.bool('privileged')) container.securityContext = { privileged: true };
  if (f.bool('stdin')) {
    container.stdin = true;
    if (!f.bool('leave-stdin-open')) container.stdinOnce = true;
  }
  if (f.bool('tty')) container.tty = true;
  const spec: Record<string, unknown> = { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      creationTimestamp: null as unknown as string,
      labels,
      name,
    },
    spec,
    status: {},
  };
}

/** --overrides: a JSON (or YAML) patch on the generated object, merge or strategic. */
function applyOverrides(ctx: Ctx, obj: AnyObject): AnyObject {
  const text = ctx.flags.string('overrides');
  if (!text) return obj;
  const patch = yamlToJson(text);
  const type = ctx.flags.string('override-type');
  if (type === 'json') throw new Error('--override-type=json is not supported in this sandbox');
  if (type === 'strategic') {
    const schema = schemaFor('v1', 'Pod');
    if (schema) return strategicMergePatch(obj, patch, schema) as AnyObject;
  }
  return mergePatch(obj, patch) as AnyObject;
}

function createObject(ctx: Ctx, resource: string, obj: AnyObject, dryRun: DryRun): Stored | AnyObject {
  if (ctx.flags.bool('save-config')) saveConfig(obj);
  let result: AnyObject = obj;
  if (dryRun !== 'client') {
    result = ctx.api.create(resource, ctx.namespace, stripForServer(obj), writeOptions(ctx, dryRun)) as AnyObject;
  } else if (ctx.explicitNamespace) {
    result = { ...obj, metadata: { ...obj.metadata, namespace: ctx.namespace } };
  }
  return result;
}

export const runCommand: Command = {
  name: 'run',
  help,
  required: ['image'],
  async run(ctx) {
    const f = ctx.flags;
    const args = ctx.args;
    if (args.length === 0 || f.argsLenAtDash === 0) throw usageError(ctx.path, 'NAME is required for run');
    const image = f.string('image');
    if (!image) throw new Error('--image is required');
    if (!IMAGE_REFERENCE.test(image)) throw new Error(`Invalid image name "${image}": invalid reference format`);
    const interactive = f.bool('stdin');
    const tty = f.bool('tty');
    const attach = f.changed('attach') ? f.bool('attach') : interactive;
    if (tty && !interactive) throw usageError(ctx.path, '-i/--stdin is required for containers with -t/--tty=true');
    if (f.bool('expose') && !f.string('port')) throw usageError(ctx.path, '--port must be set when exposing a service');
    const restart = restartPolicy(ctx, interactive);
    const remove = f.bool('rm');
    if (!attach && remove) throw usageError(ctx.path, '--rm should only be used for attached containers');
    const dryRun = dryRunOf(ctx);
    if (attach && dryRun !== 'none') {
      throw usageError(ctx.path, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    const pullPolicy = f.string('image-pull-policy');
    if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
      throw new Error(`invalid image pull policy: ${pullPolicy}`);
    }

    const name = args[0];
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    const pod = applyOverrides(ctx, generatePod(ctx, name, args.slice(1), restart));
    const created = createObject(ctx, 'pods', pod, dryRun);

    if (f.bool('expose')) {
      const svc: AnyObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { creationTimestamp: null as unknown as string, name },
        spec: { ports: [{ port: Number(f.string('port')), protocol: 'TCP', targetPort: Number(f.string('port')) }], selector: (pod.metadata?.labels ?? {}) as Record<string, string> },
        status: { loadBalancer: {} },
      };
      printer.print(createObject(ctx, 'services', svc, dryRun), 'created', dryRunSuffix(dryRun), dryRun === 'client');
    }

    if (!attach) {
      printer.print(created, 'created', dryRunSuffix(dryRun), dryRun === 'client');
      return;
    }
    await attachTo(ctx, name, restart, remove, tty);
  },
};

/**
 * `kubectl run -i/--attach`: once the container runs, a shell waiting on stdin goes to the
 * terminal (when there is one that can drive it); on its exit the pod is deleted with --rm.
 * Otherwise it waits for the container to run its command, shows what it printed, and with
 * --rm deletes the pod.
 */
async function attachTo(ctx: Ctx, name: string, restart: string, remove: boolean, tty: boolean): Promise<void> {
  const ns = ctx.namespace;
  const get = () => ctx.api.find<Pod>('pods', ns, name);
  const finished = (p: Pod | undefined) => {
    if (!p) return true;
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return true;
    const st = p.status?.containerStatuses?.[0];
    return restart === 'Always' && !!(st?.lastState?.terminated || st?.state?.terminated);
  };
  const timeout = ctx.flags.duration('pod-running-timeout');
  const started = await pollUntil(ctx, 1000, timeout, () => {
    const p = get();
    const st = p?.status?.containerStatuses?.[0];
    return !p || !!st?.state?.running || !!st?.state?.terminated || finished(p);
  });
  if (!started) throw new Error('timed out waiting for the condition');
  const quiet = ctx.flags.bool('quiet');
  const running = get();
  const usedTty = running ? usableTty(ctx, running, name, tty, quiet) : tty;
  if (usedTty && !quiet) ctx.io.err("If you don't see a command prompt, try pressing enter.\n");
  if (running?.status?.containerStatuses?.[0]?.state?.running && ctx.flags.bool('stdin')) {
    const deleteAfter = () => {
      if (!remove) return '';
      try {
        ctx.api.delete('pods', ns, name, writeOptions(ctx));
      } catch {
        // Already gone: nothing to say.
        return '';
      }
      return quiet ? '' : `pod "${name}" deleted\n`;
    };
    if (openShell(ctx, running, name, { tty: usedTty, quiet, onEnd: deleteAfter })) return;
    const piped = ctx.env.openTerminal ? undefined : pipeToShell(ctx, running, name, ctx.env.stdin ?? '');
    if (piped) {
      ctx.io.out(piped.stdout);
      ctx.io.err(piped.stderr);
      ctx.io.out(deleteAfter());
      return;
    }
  }
  await pollUntil(ctx, 1000, 0, () => finished(get()));
  const pod = get();
  let failure: CmdError | undefined;
  if (pod) {
    try {
      ctx.io.out(kubeletOf(ctx).logs(ns, name, undefined, {}));
    } catch {
      // nothing was printed
    }
    if (pod.status?.phase === 'Failed') {
      const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
      if (!term || term.exitCode === 0) failure = new CmdError(`error: pod ${ns}/${name} failed with unknown exit code`);
      else failure = new CmdError(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`, term.exitCode);
    }
  }
  if (remove && pod) {
    ctx.api.delete('pods', ns, name, writeOptions(ctx));
    if (!ctx.flags.bool('quiet')) ctx.io.out(`pod "${name}" deleted\n`);
  }
  if (failure) throw failure;
}
