import type { ConfigMap, Container, EnvVar, EnvVarSource, Secret } from 'kubernetes-types/core/v1';
import type { AnyObject } from '../../../engine/api/types';
import type { Command, Ctx } from '../../command';
import { help as envHelp } from '../../help/set-env';
import { buildTargets, throwIfAny, visitTargets } from '../../resource/builder';
import { goType, podSpecOf, runSet, selectContainers } from './run';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** validation.IsEnvVarName. */
function envNameErrors(name: string): string[] {
  const errs = ENV_NAME.test(name) ? [] : [ENV_NAME_MESSAGE];
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** Resources first, then `KEY=value` / `KEY-` arguments (SplitEnvironmentFromResources). */
function splitArgs(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const a of args) {
    const isEnv = /^.+=/s.test(a) || a.endsWith('-');
    if (isEnv) envArgs.push(a);
    else if (envArgs.length) return undefined;
    else resources.push(a);
  }
  return { resources, envArgs };
}

/** The `KEY=value` lines of an env file given as `-` (blank lines and # comments skipped). */
function readEnvFile(text: string): EnvVar[] {
  const out: EnvVar[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`invalid environment variable: ${line}`);
    out.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
  }
  return out;
}

function parseEnv(specs: string[], stdin: string | undefined): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const set = new Set<string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      if (stdin === undefined) throw new Error("when '-' is used, STDIN must be open");
      env.push(...readEnvFile(stdin));
    } else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      const errs = envNameErrors(name);
      if (errs.length) throw new Error(`"${name}" is not a valid key name: ${errs.join(';')}`);
      set.add(name);
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown environment variable: ${spec}`);
  }
  if (remove.some((r) => set.has(r))) throw new Error('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** Existing variables keep their place (updated or removed); new ones follow (updateEnv). */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function refString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ''}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ''}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : '';
    return `resource field ${prefix}${from.resourceFieldRef.resource}`;
  }
  return 'invalid valueFrom';
}

/** --resolve: the value a reference points at, for the kinds of reference that can be read. */
function resolveRef(ctx: Ctx, namespace: string, from: EnvVarSource, obj: AnyObject): string {
  if (from.configMapKeyRef) {
    const cm = ctx.api.get<ConfigMap>('configmaps', namespace, from.configMapKeyRef.name ?? '');
    const value = cm.data?.[from.configMapKeyRef.key];
    if (value === undefined) throw new Error(`key ${from.configMapKeyRef.key} not found in config map ${from.configMapKeyRef.name}`);
    return value;
  }
  if (from.secretKeyRef) {
    const secret = ctx.api.get<Secret>('secrets', namespace, from.secretKeyRef.name ?? '');
    const value = secret.data?.[from.secretKeyRef.key];
    if (value === undefined) throw new Error(`key ${from.secretKeyRef.key} not found in secret ${from.secretKeyRef.name}`);
    return atob(value);
  }
  if (from.fieldRef) {
    let cur: unknown = obj;
    for (const part of from.fieldRef.fieldPath.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[part];
    return cur === undefined ? '' : String(cur);
  }
  throw new Error('invalid valueFrom');
}

/** Variables referring to every key of a ConfigMap or Secret named by --from. */
function envFromSource(ctx: Ctx, from: string, keys: string[], warn: (s: string) => void): EnvVar[] {
  const built = buildTargets(ctx, [from], { namespace: ctx.namespace, explicitNamespace: ctx.explicitNamespace, filenames: ctx.flags.strings('filename') });
  const { visited, errors } = visitTargets(ctx, built);
  throwIfAny(errors);
  const toName = (key: string) => {
    const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
    if (name !== key) warn(`Warning: key ${key} transferred to ${name}\n`);
    return name;
  };
  const env: EnvVar[] = [];
  for (const { objects } of visited) {
    for (const o of objects as AnyObject[]) {
      const name = o.metadata?.name ?? '';
      // kubectl walks the keys in Go map order (random); they are taken sorted here.
      const data = Object.keys((o.data as Record<string, string> | undefined) ?? {}).sort();
      for (const key of data.filter((k) => !keys.length || keys.includes(k))) {
        if (o.kind === 'Secret') env.push({ name: toName(key), valueFrom: { secretKeyRef: { name, key } } });
        else if (o.kind === 'ConfigMap') env.push({ name: toName(key), valueFrom: { configMapKeyRef: { name, key } } });
        else throw new Error('unsupported resource specified in --from');
      }
    }
  }
  return env;
}

export const envCommand: Command = {
  name: 'env',
  help: envHelp,
  run(ctx) {
    const f = ctx.flags;
    if (f.bool('all') && f.string('selector')) throw new Error('cannot set --all and --selector at the same time');
    const split = splitArgs(ctx.args);
    if (!split) throw new Error(`all resources must be specified before environment changes: ${ctx.args.join(' ')}`);
    const { resources, envArgs } = split;
    const list = f.bool('list');
    const from = f.string('from');
    const keys = f.strings('keys');
    if (f.bool('local') && f.string('dry-run') === 'server') throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!f.strings('filename').length && !resources.length) throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (list && f.string('output')) throw new Error('--list and --output may not be specified together');
    if (keys.length && !from) throw new Error('when specifying --keys, a configmap or secret must be provided with --from');

    const parsed = parseEnv([...f.strings('env'), ...envArgs], ctx.env.stdin);
    const env = [...parsed.env];
    if (from) env.push(...envFromSource(ctx, from, keys, (s) => ctx.io.err(s)));
    const prefix = f.string('prefix');
    if (prefix) for (const e of env) e.name = `${prefix}${e.name}`;
    const pattern = f.string('containers');
    const overwrite = f.bool('overwrite');
    const resolve = f.bool('resolve');

    runSet(ctx, resources, {
      operation: 'env updated',
      skipUnchanged: true,
      localIgnoresArgs: true,
      listOnly: list,
      patchFailure: (m) => `failed to patch env update to pod template: ${m}`,
      mutate(obj, rt) {
        const spec = podSpecOf(obj);
        if (!spec) return new Error(`the object is not a pod or does not have a pod template: ${goType(rt)}`);
        const name = obj.metadata?.name ?? '';
        const containers: Container[] = selectContainers(spec, pattern);
        if (!containers.length) {
          ctx.io.err(`Warning: ${obj.kind}/${name} does not have any containers matching "${pattern}"\n`);
          return undefined;
        }
        const resolveErrors = new Map<string, string[]>();
        for (const c of containers) {
          if (!overwrite) {
            for (const e of env) {
              const current = c.env?.find((x) => x.name === e.name);
              if (current && current.value !== e.value) return new Error(`'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
            }
          }
          const updated = updateEnv(c.env ?? [], env, parsed.remove);
          if (updated.length) c.env = updated;
          else delete c.env;
          if (!list) continue;
          ctx.io.out(`# ${obj.kind} ${name}, container ${c.name}\n`);
          for (const e of updated) {
            if (!e.valueFrom) {
              ctx.io.out(`${e.name}=${e.value ?? ''}\n`);
              continue;
            }
            if (resolve) {
              try {
                ctx.io.out(`${e.name}=${resolveRef(ctx, obj.metadata?.namespace ?? ctx.namespace, e.valueFrom, obj)}\n`);
                continue;
              } catch (err) {
                const text = (err as Error).message;
                resolveErrors.set(text, [...(resolveErrors.get(text) ?? []), e.name]);
              }
            }
            ctx.io.out(`# ${e.name} from ${refString(e.valueFrom)}\n`);
          }
          const lines = [...resolveErrors].map(([text, vars]) => `error retrieving reference for ${vars.sort().join(', ')}: ${text}`).sort();
          for (const line of lines) ctx.io.err(`${line}\n`);
        }
        return undefined;
      },
    });
  },
};
