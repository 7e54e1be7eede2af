import type { AnyObject, Stored } from '../../engine/api/types';
import type { ResourceType } from '../../engine/apiserver/registry';
import type { Command } from '../command';
import { ErrorList, fatal } from '../errors';
import { help } from '../help/wait';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { relaxedJsonPath } from '../printers/customcolumns';
import { goSprint } from '../printers/gofmt';
import { findJsonPathResults, type JsonPathTemplate, parseJsonPath } from '../printers/jsonpath';
import { pollUntil } from '../poll';
import { buildTargets } from '../resource/builder';

type Check = (obj: AnyObject) => boolean;

/** `--for=jsonpath='{…}'=value` splits at `=` signs that are not `==`. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

function conditionCheck(spec: string): Check {
  const rest = spec.slice('condition='.length);
  const eq = rest.indexOf('=');
  const name = eq < 0 ? rest : rest.slice(0, eq);
  const want = eq < 0 ? 'true' : rest.slice(eq + 1);
  return (obj) => {
    const conditions = ((obj.status as { conditions?: Record<string, unknown>[] })?.conditions ?? []) as Record<string, unknown>[];
    for (const c of conditions) {
      if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
      const generation = obj.metadata?.generation;
      const observed = (c.observedGeneration ?? (obj.status as { observedGeneration?: number })?.observedGeneration) as number | undefined;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return c.status.toLowerCase() === want.toLowerCase();
    }
    return false;
  };
}

function jsonPathCheck(spec: string): Check {
  const parts = splitJsonPathInput(spec.slice('jsonpath='.length));
  if (parts.length < 1 || parts.length > 2) {
    throw new Error("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const expression = relaxedJsonPath(parts[0]);
  if (!expression) throw new Error('jsonpath expression cannot be empty');
  const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
  if (parts.length === 2 && !value) {
    throw new Error("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  let template: JsonPathTemplate;
  try {
    template = parseJsonPath(expression);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  return (obj) => {
    const results = findJsonPathResults(template, JSON.parse(JSON.stringify(obj)), { allowMissingKeys: true });
    if (!results.length || !results[0].length) return false;
    if (results[0].length > 1) throw fatal('given jsonpath expression matches more than one value');
    const found = results[0][0];
    if (found !== null && typeof found === 'object') throw fatal('jsonpath leads to a nested object or list which is not supported');
    if (value === undefined) return true;
    return goSprint(found) === value;
  };
}

interface Waited {
  rt: ResourceType;
  namespace: string;
  name: string;
  uid?: string;
}

export const waitCommand: Command = {
  name: 'wait',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const forCondition = f.string('for');
    const lower = forCondition.toLowerCase();
    let check: Check | undefined;
    if (lower === 'delete' || lower === 'create') check = undefined;
    else if (forCondition.startsWith('condition=')) check = conditionCheck(forCondition);
    else if (forCondition.startsWith('jsonpath=')) check = jsonPathCheck(forCondition);
    else throw new Error(`unrecognized condition: ${JSON.stringify(forCondition)}`);
    const timeout = f.duration('timeout');
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      allNamespaces: f.bool('all-namespaces'),
      labelSelector: f.string('selector'),
      fieldSelector: f.string('field-selector'),
      allowEmptySelector: f.bool('all'),
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });
    // A negative timeout means a week; zero means look once.
    const limit = timeout < 0 ? 7 * 24 * 3600 * 1000 : timeout;
    const find = (w: Waited) => ctx.api.find(w.rt, w.namespace, w.name);

    if (lower === 'create') {
      const ok = await pollUntil(ctx, 500, limit, () => built.targets.every((t) => t.by === 'selector' || find({ rt: t.rt, namespace: t.namespace, name: t.name })));
      if (!ok) throw new Error('timed out waiting for the condition');
    }

    const items: Waited[] = [];
    const errors: unknown[] = [...built.errors];
    for (const t of built.targets) {
      if (t.by === 'selector') {
        for (const o of ctx.api.list(t.rt, t.namespace, { labelSelector: t.labelSelector || undefined, fieldSelector: t.fieldSelector || undefined }).items) {
          items.push({ rt: t.rt, namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid: o.metadata.uid });
        }
        continue;
      }
      const live = find({ rt: t.rt, namespace: t.namespace, name: t.name });
      if (!live) {
        if (lower !== 'delete') {
          try {
            ctx.api.get(t.rt, t.namespace, t.name);
          } catch (e) {
            errors.push(e);
          }
        }
        continue;
      }
      items.push({ rt: t.rt, namespace: t.namespace, name: t.name, uid: live.metadata.uid });
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new ErrorList(errors);
    if (!items.length && lower !== 'delete') throw new Error('no matching resources found');

    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    for (const item of items) {
      let last: Stored | undefined;
      const met = () => {
        const live = find(item);
        if (live) last = live;
        if (lower === 'delete') return !live || live.metadata.uid !== item.uid;
        return !!live && !!check?.(live as AnyObject);
      };
      const ok = await pollUntil(ctx, 1000, limit, met);
      if (!ok) throw new Error(`timed out waiting for the condition on ${item.rt.plural}/${item.name}`);
      if (last) printer.print(last, 'condition met');
    }
  },
};

