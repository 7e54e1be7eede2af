import type { Pod } from 'kubernetes-types/core/v1';
import { parseSelector } from '../../engine/api/labels';
import { isStatusError } from '../../engine/api/status';
import type { Stored } from '../../engine/api/types';
import { type DryRun, dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { ErrorList } from '../errors';
import { formatGoDuration } from '../flags/goparse';
import { help } from '../help/drain';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { FOREVER_MS } from '../poll';
import { cordonOrUncordon, selectNodes } from './nodes';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface Verdict {
  pod: Stored<Pod>;
  delete: boolean;
  reason: 'okay' | 'skip' | 'warning' | 'error';
  message: string;
}

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  podSelector: string;
  gracePeriod: number;
  timeoutMs: number;
  disableEviction: boolean;
  dryRun: DryRun;
  skipWaitForDeleteSeconds: number;
}

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: Stored<Pod>) => p.metadata.ownerReferences?.find((r) => r.controller);

/** The drain filters, in kubectl's order; the first that keeps a pod decides. */
function judge(ctx: Ctx, pod: Stored<Pod>, o: DrainOptions): Verdict {
  const v = (del: boolean, reason: Verdict['reason'], message = ''): Verdict => ({ pod, delete: del, reason, message });
  // skipDeletedFilter
  if (o.skipWaitForDeleteSeconds > 0 && pod.metadata.deletionTimestamp) {
    const since = (ctx.now() - Date.parse(pod.metadata.deletionTimestamp)) / 1000;
    if (Math.floor(since) > o.skipWaitForDeleteSeconds) return v(false, 'skip');
  }
  // daemonSetFilter
  const ref = controllerOf(pod);
  if (ref && ref.kind === 'DaemonSet' && !finished(pod)) {
    const ds = ctx.api.find('apps/daemonsets', pod.metadata.namespace ?? '', ref.name);
    if (!ds) {
      const err = `daemonsets.apps "${ref.name}" not found`;
      if (!o.force) return v(false, 'error', err);
      return v(true, 'warning', err);
    }
    if (!o.ignoreDaemonSets) return v(false, 'error', DAEMONSET_FATAL);
    return v(false, 'warning', DAEMONSET_WARNING);
  }
  // mirrorPodFilter
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return v(false, 'skip');
  // localStorageFilter
  let verdict = v(true, 'okay');
  if ((pod.spec?.volumes ?? []).some((vol) => vol.emptyDir) && !finished(pod)) {
    if (!o.deleteEmptyDirData) return v(false, 'error', LOCAL_STORAGE_FATAL);
    verdict = v(true, 'warning', LOCAL_STORAGE_WARNING);
  }
  // unreplicatedFilter
  if (!finished(pod) && !ref) {
    if (o.force) return v(true, 'warning', UNMANAGED_WARNING);
    return v(false, 'error', UNMANAGED_FATAL);
  }
  return verdict;
}

/** Group pods by message as kubectl's PodDeleteList does (first-seen order here, where Go's map order is random). */
function grouped(verdicts: Verdict[], reason: Verdict['reason']): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const v of verdicts) {
    if (v.reason !== reason) continue;
    const msg = v.message || 'unexpected error';
    groups.set(msg, [...(groups.get(msg) ?? []), `${v.pod.metadata.namespace}/${v.pod.metadata.name}`]);
  }
  return [...groups];
}

function podsForDeletion(ctx: Ctx, node: string, o: DrainOptions): { pods: Stored<Pod>[]; warnings: string; errors: Error[] } {
  const list = ctx.api.list<Pod>('pods', undefined, {
    labelSelector: o.podSelector || undefined,
    fieldSelector: `spec.nodeName=${node}`,
  }).items;
  const verdicts = list.map((p) => judge(ctx, p, o));
  const errors = grouped(verdicts, 'error').map(([msg, pods]) => new Error(`cannot delete ${msg}: ${pods.join(', ')}`));
  const warnings = grouped(verdicts, 'warning')
    .map(([msg, pods]) => `${msg}: ${pods.join(', ')}`)
    .join('; ');
  return { pods: verdicts.filter((v) => v.delete).map((v) => v.pod), warnings, errors };
}

/** utilerrors.Aggregate's Error(): one message alone, several as `[a, b]`. */
function aggregateText(errors: Error[]): string {
  return errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`;
}

interface Eviction {
  pod: Stored<Pod>;
  state: 'evict' | 'wait' | 'done';
  nextAttempt: number;
  error?: Error;
}

/**
 * Evict (or delete) pods concurrently as kubectl does: each eviction is retried every 5 s while
 * a PodDisruptionBudget refuses it (429), then kubectl polls every second until the pod is gone.
 * Time passes through env.sleep; the global --timeout bounds everything.
 */
async function evictPods(ctx: Ctx, pods: Stored<Pod>[], o: DrainOptions, printer: ObjectPrinter): Promise<Error[]> {
  const start = ctx.now();
  const limit = o.timeoutMs > 0 ? o.timeoutMs : FOREVER_MS;
  const timeoutText = o.timeoutMs > 0 ? formatGoDuration(o.timeoutMs) : '2562047h47m16.854775807s';
  const deleteOptions = o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {};
  const jobs: Eviction[] = pods.map((pod) => ({ pod, state: 'evict', nextAttempt: start }));
  const gone = (p: Stored<Pod>) => {
    const live = ctx.api.find<Pod>('pods', p.metadata.namespace ?? '', p.metadata.name);
    return !live || live.metadata.uid !== p.metadata.uid;
  };
  for (;;) {
    const now = ctx.now();
    const expired = now - start >= limit;
    for (const job of jobs) {
      const { pod } = job;
      const name = pod.metadata.name;
      const ns = pod.metadata.namespace ?? '';
      if (job.state === 'evict' && job.nextAttempt <= now) {
        ctx.io.out(`evicting pod ${ns}/${name}${o.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
        if (expired) {
          job.state = 'done';
          job.error = new Error(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeoutText}`);
          continue;
        }
        try {
          if (o.disableEviction) ctx.api.delete('pods', ns, name, { ...deleteOptions, ...writeOptions(ctx, o.dryRun) });
          else ctx.api.evict(ns, name, { deleteOptions }, writeOptions(ctx, o.dryRun));
          job.state = o.dryRun === 'server' ? 'done' : 'wait';
        } catch (e) {
          if (isStatusError(e, 'NotFound')) job.state = 'done';
          else if (isStatusError(e, 'TooManyRequests')) {
            ctx.io.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${(e as Error).message}\n`);
            job.nextAttempt = now + 5000;
          } else {
            job.state = 'done';
            job.error = new Error(`error when evicting pods/"${name}" -n "${ns}": ${(e as Error).message}`);
          }
        }
      }
      if (job.state === 'wait') {
        if (gone(pod)) {
          job.state = 'done';
          printer.print(pod, o.disableEviction ? 'deleted' : 'evicted');
        } else if (expired) {
          job.state = 'done';
          job.error = new Error(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: context deadline exceeded`);
        }
      }
    }
    if (jobs.every((j) => j.state === 'done')) break;
    const wakeups = jobs.filter((j) => j.state === 'evict').map((j) => j.nextAttempt - now);
    const step = Math.max(1, Math.min(1000, ...wakeups.filter((w) => w > 0)));
    await ctx.env.sleep(Math.min(step, Math.max(1, start + limit - now)));
  }
  return jobs.flatMap((j) => (j.error ? [j.error] : []));
}

export const drainCommand: Command = {
  name: 'drain',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const nodes = selectNodes(ctx, 'drain NODE');
    const dryRun = dryRunOf(ctx);
    if (f.string('pod-selector')) {
      try {
        parseSelector(f.string('pod-selector'));
      } catch {
        throw new Error('--pod-selector=<pod_selector> must be a valid label selector');
      }
    }
    const o: DrainOptions = {
      force: f.bool('force'),
      ignoreDaemonSets: f.bool('ignore-daemonsets'),
      deleteEmptyDirData: f.bool('delete-emptydir-data'),
      podSelector: f.string('pod-selector'),
      gracePeriod: f.int('grace-period'),
      timeoutMs: f.duration('timeout'),
      disableEviction: f.bool('disable-eviction'),
      dryRun,
      skipWaitForDeleteSeconds: f.int('skip-wait-for-delete-timeout'),
    };
    cordonOrUncordon(ctx, nodes, true, dryRun);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    const fatal: Error[][] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const name = node.metadata.name;
      const errs = await drainOne(ctx, name, o, printer);
      if (!errs.length) {
        printer.print(node, 'drained', dryRunSuffix(dryRun));
        continue;
      }
      ctx.io.err(`error: unable to drain node "${name}" due to error: ${aggregateText(errs)}, continuing command...\n`);
      fatal.push(errs);
      remaining.push(name);
    }
    if (remaining.length) {
      ctx.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
      // One aggregate per node inside an aggregate: a single node's errors print one per line, unprefixed.
      throw new ErrorList(fatal.map((errs) => new ErrorList(errs)));
    }
  },
};

async function drainOne(ctx: Ctx, node: string, o: DrainOptions, printer: ObjectPrinter): Promise<Error[]> {
  const list = podsForDeletion(ctx, node, o);
  if (list.errors.length) return list.errors;
  if (list.warnings) ctx.io.err(`Warning: ${list.warnings}\n`);
  if (o.dryRun === 'client') {
    for (const p of list.pods) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return [];
  }
  if (!list.pods.length) return [];
  const errors = await evictPods(ctx, list.pods, o, printer);
  if (errors.length) {
    const pending = podsForDeletion(ctx, node, o);
    if (pending.pods.length) {
      ctx.io.err(`There are pending pods in node "${node}" when an error occurred: ${aggregateText(errors)}\n`);
      for (const p of pending.pods) ctx.io.err(`pod/${p.metadata.name}\n`);
    }
  }
  return errors;
}
