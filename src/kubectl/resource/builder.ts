import type { KObject, Stored } from '../../engine/api/types';
import { parseSelector } from '../../engine/api/labels';
import type { ResourceType } from '../../engine/apiserver/registry';
import type { Ctx } from '../command';
import { ErrorList } from '../errors';
import { readManifests } from '../manifest/read';
import { expandCategory, mappingFor, mappingForObject } from './mapping';

export interface BuildOptions {
  /** Namespace to use for namespaced targets; ignored with allNamespaces. */
  namespace: string;
  /** -n was given: objects from files must be in it. */
  explicitNamespace?: boolean;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** `--all`: select everything of the given types. */
  selectAll?: boolean;
  /** A bare type (`get pods`) lists everything of that type. */
  allowEmptySelector?: boolean;
  singleResourceType?: boolean;
  filenames?: string[];
  recursive?: boolean;
  validate?: boolean;
}

export type Target =
  | { by: 'name'; rt: ResourceType; namespace: string; name: string }
  | { by: 'selector'; rt: ResourceType; namespace: string | undefined; labelSelector: string; fieldSelector: string }
  | { by: 'file'; rt: ResourceType; namespace: string; name: string; object: KObject; source: string };

export interface Built {
  targets: Target[];
  /** One object was named (`get pod x`, `-f one-file.yaml`): print it alone, not as a list. */
  singleItemImplied: boolean;
  /** Problems reading files; kubectl reports them after doing the rest. */
  errors: Error[];
}

const MISSING_RESOURCE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** `a,b,c x` → `a/x b/x c/x`. */
function normalizeMultipleTypes(args: string[]): string[] {
  if (args.length < 2) return args;
  const types = splitTypes(args[0]);
  if (types.length < 2) return args;
  return types.flatMap((t) => args.slice(1).map((n) => `${t}/${n}`));
}

function splitTypes(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/**
 * What kubectl's resource builder makes of `TYPE[,TYPE…] [NAME…]`, `TYPE/NAME…`, `-f`, `-l`,
 * `--field-selector` and `--all`: the things to visit, or an error as kubectl words it.
 */
export function buildTargets(ctx: Ctx, rawArgs: readonly string[], opts: BuildOptions): Built {
  const registry = ctx.cluster.registry;
  const errors: Error[] = [];
  const args = normalizeMultipleTypes([...rawArgs]);
  const tuples: { type: string; name: string }[] = [];
  let types: string[] = [];
  let names: string[] = [];
  let labelSelector = opts.labelSelector || undefined;
  const fieldSelector = opts.fieldSelector || undefined;

  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== args.length) {
      throw new Error(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2) throw new Error('arguments in resource/name form may not have more than one slash');
      if (!seg[0] || !seg[1] || splitTypes(seg[0]).length !== 1) {
        throw new Error('arguments in resource/name form must have a single resource and name');
      }
      tuples.push({ type: seg[0], name: seg[1] });
    }
  } else if (args.length) {
    const expanded = args[0]
      .split(',')
      .map((w) => {
        const cat = expandCategory(registry, w);
        return cat ? cat.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural)).join(',') : w;
      })
      .join(',');
    types = splitTypes(expanded);
    names = args.slice(1);
    if (args.length === 1 && labelSelector === undefined && opts.allowEmptySelector) labelSelector = '';
  }

  if (opts.selectAll) {
    if (labelSelector || fieldSelector) throw new Error("setting 'all' parameter but found a non empty selector. ");
    labelSelector = '';
  }

  const targets: Target[] = [];
  const filenames = opts.filenames ?? [];
  if (filenames.length) {
    if (types.length) throw new Error('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (names.length) throw new Error('name cannot be provided when a path is specified');
    if (tuples.length) throw new Error('resource/name arguments cannot be provided when a path is specified');
    const read = readManifests(ctx.env, filenames, !!opts.recursive, opts.validate ?? true);
    // -l with files keeps the objects whose labels match (kubectl filters what it read).
    const selector = labelSelector ? parseSelector(labelSelector) : undefined;
    for (const { object, source } of read.objects) {
      if (selector && !selector.matches(object.metadata?.labels)) continue;
      try {
        const rt = mappingForObject(registry, object, source);
        targets.push({ by: 'file', rt, namespace: fileNamespace(rt, object, opts), name: object.metadata?.name ?? '', object, source });
      } catch (e) {
        errors.push(e as Error);
      }
    }
    errors.push(...read.errors);
    const single = filenames.length === 1 && filenames[0] !== '-' && !ctx.env.listDir?.(filenames[0]);
    return { targets, singleItemImplied: single && targets.length === 1, errors };
  }

  if (labelSelector !== undefined || fieldSelector !== undefined) {
    if (names.length) throw new Error('name cannot be provided when a selector is specified');
    if (tuples.length) throw new Error('selectors and the all flag cannot be used when passing resource/name arguments');
    if (!types.length) throw new Error('at least one resource must be specified to use a selector');
    for (const rt of uniqueMappings(ctx, types, opts)) {
      targets.push({
        by: 'selector',
        rt,
        namespace: rt.namespaced && !opts.allNamespaces ? opts.namespace : undefined,
        labelSelector: labelSelector ?? '',
        fieldSelector: fieldSelector ?? '',
      });
    }
    return { targets, singleItemImplied: false, errors };
  }

  if (tuples.length) {
    if (types.length) throw new Error('you may not specify individual resources and bulk resources in the same call');
    const seen = new Map<string, ResourceType>();
    for (const t of tuples) if (!seen.has(t.type)) seen.set(t.type, mappingFor(registry, t.type));
    if (opts.singleResourceType && new Set(seen.values()).size > 1) throw new Error('you may only specify a single resource type');
    for (const t of tuples) {
      const rt = seen.get(t.type) as ResourceType;
      targets.push({ by: 'name', rt, namespace: nameNamespace(rt, opts), name: t.name });
    }
    return { targets, singleItemImplied: tuples.length === 1, errors };
  }

  if (names.length) {
    if (types.length > 1) throw new Error('you must specify only one resource');
    const rt = uniqueMappings(ctx, types, opts)[0];
    for (const name of names) targets.push({ by: 'name', rt, namespace: nameNamespace(rt, opts), name });
    return { targets, singleItemImplied: names.length === 1, errors };
  }

  if (types.length) {
    for (const t of types) mappingFor(registry, t);
    throw new Error('resource(s) were provided, but no name was specified');
  }
  throw new Error(MISSING_RESOURCE);
}

function uniqueMappings(ctx: Ctx, types: string[], opts: BuildOptions): ResourceType[] {
  if (types.length > 1 && opts.singleResourceType) throw new Error('you may only specify a single resource type');
  const out: ResourceType[] = [];
  for (const t of types) {
    const rt = mappingFor(ctx.cluster.registry, t);
    if (!out.includes(rt)) out.push(rt);
  }
  return out;
}

function nameNamespace(rt: ResourceType, opts: BuildOptions): string {
  if (!rt.namespaced) return '';
  if (opts.allNamespaces) throw new Error('a resource cannot be retrieved by name across all namespaces');
  return opts.namespace;
}

function fileNamespace(rt: ResourceType, obj: KObject, opts: BuildOptions): string {
  if (!rt.namespaced) return '';
  const own = obj.metadata?.namespace;
  if (own && opts.explicitNamespace && own !== opts.namespace) {
    throw new Error(
      `the namespace from the provided object "${own}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own || opts.namespace;
}

/** What visiting one target found. */
export interface Visited {
  target: Target;
  objects: Stored[];
}

/**
 * Fetch every target from the API (kubectl's visitors with ContinueOnError): objects by name,
 * lists by selector, and the live copies of objects named in files. Failures are collected.
 */
export function visitTargets(ctx: Ctx, built: Built): { visited: Visited[]; errors: unknown[] } {
  const visited: Visited[] = [];
  const errors: unknown[] = [...built.errors];
  for (const target of built.targets) {
    try {
      if (target.by === 'selector') {
        const list = ctx.api.list(target.rt, target.namespace, {
          labelSelector: target.labelSelector || undefined,
          fieldSelector: target.fieldSelector || undefined,
        });
        visited.push({ target, objects: list.items });
      } else {
        visited.push({ target, objects: [ctx.api.get(target.rt, target.namespace, target.name)] });
      }
    } catch (e) {
      errors.push(e);
    }
  }
  return { visited, errors };
}

/** Throw the collected errors the way kubectl reports them (one per line). */
export function throwIfAny(errors: unknown[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ErrorList(errors);
}
