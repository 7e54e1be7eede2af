import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { AnyObject, Stored } from '../../../engine/api/types';
import { createTwoWayMergePatch, schemaFor } from '../../../engine/apiserver/patch';
import { apiVersionOf, builtinResources, type ResourceType } from '../../../engine/apiserver/registry';
import { dryRunOf, dryRunSuffix, writeOptions } from '../../cmdutil';
import type { Ctx } from '../../command';
import { parseFormat } from '../../output/format';
import { ObjectPrinter } from '../../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../../resource/builder';

/** The pod spec inside a workload (UpdatePodSpecForObject), or undefined for kinds without one. */
export function podSpecOf(obj: AnyObject): PodSpec | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (obj.kind) {
    case 'Pod':
      return spec as unknown as PodSpec;
    case 'CronJob':
      return ((spec?.jobTemplate as AnyObject)?.spec as { template?: { spec?: PodSpec } })?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'Job':
      return (spec?.template as { spec?: PodSpec } | undefined)?.spec;
    default:
      return undefined;
  }
}

/** `%T` of the object kubectl decoded: a typed Go struct for built-in kinds. */
export function goType(rt: ResourceType): string {
  return builtinResources.some((b) => b.group === rt.group && b.plural === rt.plural) ? `*${rt.version}.${rt.kind}` : '*unstructured.Unstructured';
}

/**
 * How kubectl names an object in these errors (Info.ObjectName): the resource and name when it
 * came from the server, the lower-case kind (with its group) when it was only read from a file.
 */
export function objectName(rt: ResourceType, obj: AnyObject, local: boolean): string {
  const name = obj.metadata?.name ?? '';
  if (!local) return `${rt.plural}/${name}`;
  return rt.group ? `${rt.kind.toLowerCase()}.${rt.group}/${name}\n` : `${rt.kind.toLowerCase()}/${name}`;
}

export const LOCAL_RESOURCE_ERROR = `you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

export interface SetSpec {
  /** `image updated`, `serviceaccount updated`, … */
  operation: string;
  /** Change the object in place; a returned error is reported as `error: <object> <message>`. */
  mutate(obj: AnyObject, rt: ResourceType): Error | undefined;
  /** Errors of the change itself, reported as they are (set image's missing containers). */
  extraErrors?: Error[];
  /** Objects the change leaves as they were print nothing (most set subcommands). */
  skipUnchanged?: boolean;
  /** How a failed patch is worded. */
  patchFailure(message: string): string;
  /** Failures of mutate are reported without the object's name (set selector). */
  bareErrors?: boolean;
  /** With --local, resource arguments are ignored instead of refused (set env, set serviceaccount). */
  localIgnoresArgs?: boolean;
  /** Only look (set env --list): nothing is sent and nothing else is reported. */
  listOnly?: boolean;
  /** Checks kubectl makes after finding the objects. */
  validate?(objects: { obj: AnyObject; rt: ResourceType }[]): void;
}

/**
 * What the set subcommands share: select objects (or read them with --local), change them,
 * send a strategic patch of the difference and print `kind/name <operation>`.
 */
export function runSet(ctx: Ctx, resources: string[], spec: SetSpec): void {
  const f = ctx.flags;
  const dryRun = dryRunOf(ctx);
  const local = f.spec('local') ? f.bool('local') : false;
  const all = f.spec('all') ? f.bool('all') : false;
  if (local && dryRun === 'server') throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (local && resources.length && !spec.localIgnoresArgs) throw new Error(LOCAL_RESOURCE_ERROR);
  const built = buildTargets(ctx, local ? [] : resources, {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace,
    labelSelector: f.spec('selector') ? f.string('selector') : '',
    allowEmptySelector: all,
    filenames: f.strings('filename'),
    recursive: f.spec('recursive') ? f.bool('recursive') : false,
  });
  const visited = local
    ? { visited: built.targets.map((t) => ({ target: t, objects: [(t as { object: Stored }).object] })), errors: built.errors as unknown[] }
    : visitTargets(ctx, built);
  // kubectl reads every object before it checks the rest of the request.
  throwIfAny(visited.errors);
  const found = visited.visited.flatMap((v) => v.objects.map((obj) => ({ obj: obj as AnyObject, rt: v.target.rt })));
  spec.validate?.(found);
  // All changes are computed first (kubectl's CalculatePatches), then sent one by one.
  const changes = found.map(({ obj, rt }) => {
    const next = structuredClone(obj) as Stored & AnyObject;
    const failed = spec.mutate(next, rt);
    const schema = schemaFor(apiVersionOf(rt), rt.kind);
    const patch = failed || !schema ? {} : createTwoWayMergePatch(obj, next, schema);
    return { obj, rt, next, failed, patch };
  });
  if (spec.listOnly) return;
  const errors: unknown[] = [...(spec.extraErrors ?? [])];
  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  for (const { obj, rt, next, failed, patch } of changes) {
    if (failed) {
      errors.push(spec.bareErrors ? failed : new Error(`error: ${objectName(rt, obj, local)} ${failed.message}\n`));
      continue;
    }
    if (spec.skipUnchanged && JSON.stringify(patch) === '{}') continue;
    if (local || dryRun === 'client') {
      printer.print(next, spec.operation, dryRunSuffix(dryRun));
      continue;
    }
    try {
      const actual = ctx.api.patch(rt, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '', 'strategic', patch, writeOptions(ctx, dryRun));
      printer.print(actual, spec.operation, dryRunSuffix(dryRun));
    } catch (e) {
      errors.push(new Error(spec.patchFailure((e as Error).message)));
    }
  }
  throwIfAny(errors);
}

/** A set subcommand that changes the pod spec of workloads (UpdatePodSpecForObject). */
export function podSpecChange(operation: string, change: (spec: PodSpec) => Error[], patchFailure: SetSpec['patchFailure']): SetSpec {
  const extraErrors: Error[] = [];
  return {
    operation,
    skipUnchanged: true,
    extraErrors,
    patchFailure,
    mutate(obj, rt) {
      const spec = podSpecOf(obj);
      if (!spec) return new Error(`the object is not a pod or does not have a pod template: ${goType(rt)}`);
      extraErrors.push(...change(spec));
      return undefined;
    },
  };
}

export const allContainers = (spec: PodSpec): Container[] => [...(spec.initContainers ?? []), ...spec.containers];

/** --containers: a shell pattern (Go's path.Match) over container names; containers before init containers. */
export function selectContainers(spec: PodSpec, pattern: string): Container[] {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return [...spec.containers, ...(spec.initContainers ?? [])].filter((c) => re.test(c.name));
}
