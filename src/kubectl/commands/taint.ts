import type { Node, Taint } from 'kubernetes-types/core/v1';
import { isQualifiedName, isValidLabelValue } from '../../engine/api/names';
import type { Stored } from '../../engine/api/types';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { ErrorList, usageError } from '../errors';
import { help } from '../help/taint';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';
import { mappingFor } from '../resource/mapping';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `key=value:Effect`, `key:Effect` or `key`, validated as kubectl does. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  const taint: Taint = { key, effect: effect as Taint['effect'] };
  if (value) taint.value = value;
  return taint;
}

/** corev1.Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((a) => matches(a, t))) {
      throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    }
    add.push(t);
  }
  return { add, remove };
}

/** kubectl's reorganizeTaints: new taints first, then the old ones they do not replace, minus removals. */
function reorganize(old: Taint[], add: Taint[], remove: Taint[], overwrite: boolean): { operation: string; taints: Taint[]; errors: Error[] } {
  const taints = [...add];
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: Error[] = [];
  let removed = false;
  let next = taints;
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(r.effect ? matches(t, r) : t.key === r.key));
    removed = next.length !== before;
    if (!removed) errors.push(new Error(`taint "${taintString(r)}" not found`));
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints: next, errors };
}

export const taintCommand: Command = {
  name: 'taint',
  help,
  run(ctx) {
    const f = ctx.flags;
    const dryRun = dryRunOf(ctx);
    const resources: string[] = [];
    const specs: string[] = [];
    for (const s of ctx.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) specs.push(s);
      else if (specs.length) throw new Error(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (resources.length < 1) throw new Error('one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new Error('at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      throw usageError(ctx.path, (e as Error).message);
    }
    const type = resources[0].toLowerCase();
    if (mappingFor(ctx.cluster.registry, type).kind !== 'Node') {
      throw new Error(`invalid resource type ${type}, only node types are supported`);
    }
    const conflicts: string[] = [];
    for (const a of parsed.add) {
      for (const r of parsed.remove) {
        if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect ?? ''}`);
      }
    }
    if (conflicts.length) throw new Error(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = f.bool('all');
    const selector = f.string('selector');
    if (all && selector) throw new Error("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) {
      throw new Error("at least one resource name must be specified since 'all' parameter is not set");
    }

    const built =
      all || selector
        ? buildTargets(ctx, ['node'], { namespace: ctx.namespace, labelSelector: selector, selectAll: all })
        : buildTargets(ctx, resources.slice(1).map((n) => (n.includes('/') ? n : `node/${n}`)), { namespace: ctx.namespace });
    const { visited, errors } = visitTargets(ctx, built);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    const overwrite = f.bool('overwrite');
    for (const v of visited) {
      for (const obj of v.objects) {
        const node = obj as Stored<Node>;
        const old = node.spec?.taints ?? [];
        if (!overwrite) {
          const exists = parsed.add.filter((t) => old.some((o) => matches(o, t))).map((t) => t.key);
          if (exists.length) {
            errors.push(new Error(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
            continue;
          }
        }
        const r = reorganize(old, parsed.add, parsed.remove, overwrite);
        if (r.errors.length) {
          errors.push(r.errors.length === 1 ? r.errors[0] : new ErrorList(r.errors));
          continue;
        }
        let result: Stored = node;
        if (dryRun === 'client') {
          result = { ...node, spec: { ...node.spec, taints: r.taints } } as Stored;
        } else {
          try {
            result = ctx.api.patch('nodes', '', node.metadata.name, 'merge', { spec: { taints: r.taints.length ? r.taints : null } }, writeOptions(ctx, dryRun));
          } catch (e) {
            errors.push(e);
            continue;
          }
        }
        printer.print(result, r.operation, dryRunSuffix(dryRun));
      }
    }
    throwIfAny(errors);
  },
};
