import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { AnyObject, KObject, Stored, WatchEvent } from '../../engine/api/types';
import type { ResourceType } from '../../engine/apiserver/registry';
import { deepEqual } from '../../engine/apiserver/apiserver';
import { type DryRun, dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { ErrorList } from '../errors';
import { help } from '../help/rollout';
import { help as historyHelp } from '../help/rollout-history';
import { help as pauseHelp } from '../help/rollout-pause';
import { help as restartHelp } from '../help/rollout-restart';
import { help as resumeHelp } from '../help/rollout-resume';
import { help as statusHelp } from '../help/rollout-status';
import { help as undoHelp } from '../help/rollout-undo';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { FOREVER_MS } from '../poll';
import { tabwrite } from '../printers/tabwriter';
import { buildTargets, type Visited, visitTargets } from '../resource/builder';
import { describePodTemplate } from './describe/podtemplate';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

/** The objects a rollout subcommand works on (`deployment/x`, `deploy x`, `-l`, `-f`). */
function rolloutTargets(ctx: Ctx): Visited[] {
  const f = ctx.flags;
  const filenames = f.strings('filename');
  if (!ctx.args.length && !filenames.length && !f.string('kustomize') && !f.string('selector')) {
    throw new Error('required resource not specified');
  }
  const built = buildTargets(ctx, ctx.args, {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace,
    labelSelector: f.string('selector'),
    allowEmptySelector: true,
    filenames,
    recursive: f.bool('recursive'),
  });
  const { visited, errors } = visitTargets(ctx, built);
  if (errors.length) throw errors.length === 1 ? errors[0] : new ErrorList(errors);
  return visited;
}

const groupKind = (rt: ResourceType) => (rt.group ? `${rt.kind}.${rt.group}` : rt.kind);
const resourceString = (rt: ResourceType) => (rt.group ? `${rt.plural}.${rt.group}` : rt.plural);

/** The rollout status line for one object and whether the rollout is done (kubectl's status viewers). */
export function rolloutStatus(obj: KObject, revision: number): { text: string; done: boolean } {
  if (obj.kind === 'Deployment') {
    const d = obj as Deployment;
    const name = d.metadata?.name;
    if (revision > 0) {
      const current = Number(d.metadata?.annotations?.[REVISION] ?? 0);
      if (current !== revision) throw new Error(`desired revision (${revision}) is different from the running revision (${current})`);
    }
    const st = d.status ?? {};
    if ((d.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
      const progressing = st.conditions?.find((c) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') throw new Error(`deployment "${name}" exceeded its progress deadline`);
      const replicas = d.spec?.replicas;
      const updated = st.updatedReplicas ?? 0;
      if (replicas !== undefined && updated < replicas) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
      }
      if ((st.replicas ?? 0) > updated) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
      }
      if ((st.availableReplicas ?? 0) < updated) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
      }
      return { text: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (obj.kind === 'DaemonSet') {
    const ds = obj as DaemonSet;
    const name = ds.metadata?.name;
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new Error('rollout status is only available for RollingUpdate strategy type');
    const st = ds.status;
    if ((ds.metadata?.generation ?? 0) <= (st?.observedGeneration ?? 0)) {
      if ((st?.updatedNumberScheduled ?? 0) < (st?.desiredNumberScheduled ?? 0)) {
        return { text: `Waiting for daemon set "${name}" rollout to finish: ${st?.updatedNumberScheduled ?? 0} out of ${st?.desiredNumberScheduled ?? 0} new pods have been updated...\n`, done: false };
      }
      if ((st?.numberAvailable ?? 0) < (st?.desiredNumberScheduled ?? 0)) {
        return { text: `Waiting for daemon set "${name}" rollout to finish: ${st?.numberAvailable ?? 0} of ${st?.desiredNumberScheduled ?? 0} updated pods are available...\n`, done: false };
      }
      return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (obj.kind === 'StatefulSet') {
    const sts = obj as StatefulSet;
    const strategy = sts.spec?.updateStrategy;
    if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new Error('rollout status is only available for RollingUpdate strategy type');
    const st = sts.status;
    if (!st?.observedGeneration || (sts.metadata?.generation ?? 0) > st.observedGeneration) {
      return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
    }
    const replicas = sts.spec?.replicas;
    if (replicas !== undefined && (st.readyReplicas ?? 0) < replicas) {
      return { text: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    }
    if (strategy?.rollingUpdate) {
      const partition = strategy.rollingUpdate.partition;
      if (replicas !== undefined && partition !== undefined && (st.updatedReplicas ?? 0) < replicas - partition) {
        return { text: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
      }
      return { text: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
    }
    if (st.updateRevision !== st.currentRevision) {
      return { text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
    }
    return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
  }
  throw new Error(`no status viewer has been implemented for ${obj.kind}`);
}

const statusCommand: Command = {
  name: 'status',
  help: statusHelp,
  async run(ctx) {
    const f = ctx.flags;
    const visited = rolloutTargets(ctx);
    const revision = f.int('revision');
    const timeout = f.duration('timeout');
    let found = false;
    for (const v of visited) {
      for (const obj of v.objects) {
        found = true;
        if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw new Error(`no status viewer has been implemented for ${groupKind(v.target.rt)}`);
        await watchStatus(ctx, v.target.rt, obj, revision, f.bool('watch'), timeout);
      }
    }
    if (!found) ctx.io.err(`No resources found in ${ctx.namespace} namespace.\n`);
  },
};

/** Print the status on every watch event of the object until the rollout is done (or, without --watch, once). */
async function watchStatus(ctx: Ctx, rt: ResourceType, obj: Stored, revision: number, watch: boolean, timeoutMs: number): Promise<void> {
  const events: WatchEvent[] = [];
  const stop = ctx.api.watch(rt, obj.metadata.namespace, { fieldSelector: `metadata.name=${obj.metadata.name}` }, (e) => events.push(e));
  const start = ctx.now();
  const limit = timeoutMs > 0 ? timeoutMs : FOREVER_MS;
  try {
    for (;;) {
      while (events.length) {
        const e = events.shift() as WatchEvent;
        if (e.type === 'DELETED') throw new Error('object has been deleted');
        const { text, done } = rolloutStatus(e.object, revision);
        ctx.io.out(text);
        if (done || !watch) return;
      }
      if (ctx.now() - start >= limit) throw new Error('timed out waiting for the condition');
      await ctx.env.sleep(Math.min(1000, start + limit - ctx.now()));
    }
  } finally {
    stop();
  }
}

/** The ReplicaSets a Deployment owns, with their revision numbers. */
function deploymentReplicaSets(ctx: Ctx, d: Stored): { rs: Stored<ReplicaSet>; revision: number }[] {
  return ctx.api
    .list<ReplicaSet>('apps/replicasets', d.metadata.namespace)
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .map((rs) => ({ rs, revision: Number(rs.metadata.annotations?.[REVISION] ?? Number.NaN) }))
    .filter((x) => !Number.isNaN(x.revision));
}

interface Revision {
  revision: number;
  template: NonNullable<Deployment['spec']>['template'];
  changeCause?: string;
  object: Stored;
}

/** A workload's revisions: ReplicaSets for Deployments, ControllerRevisions for DaemonSets and StatefulSets. */
function historyOf(ctx: Ctx, rt: ResourceType, obj: Stored): Revision[] {
  if (obj.kind === 'Deployment') {
    return deploymentReplicaSets(ctx, obj).map(({ rs, revision }) => ({
      revision,
      template: structuredClone(rs.spec?.template ?? {}),
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE],
      object: rs,
    }));
  }
  if (obj.kind === 'DaemonSet' || obj.kind === 'StatefulSet') {
    return ctx.api
      .list('apps/controllerrevisions', obj.metadata.namespace)
      .items.filter((cr) => cr.metadata.ownerReferences?.some((r) => r.controller && r.uid === obj.metadata.uid))
      .map((cr) => {
        const data = (cr as AnyObject).data as { spec?: { template?: Revision['template'] } } | undefined;
        return {
          revision: Number((cr as AnyObject).revision ?? 0),
          template: structuredClone(data?.spec?.template ?? {}),
          changeCause: cr.metadata.annotations?.[CHANGE_CAUSE],
          object: cr,
        };
      });
  }
  throw new Error(`no history viewer has been implemented for ${groupKind(rt)}`);
}

const historyCommand: Command = {
  name: 'history',
  help: historyHelp,
  run(ctx) {
    const revision = ctx.flags.int('revision');
    const format = parseFormat(ctx);
    for (const v of rolloutTargets(ctx)) {
      for (const obj of v.objects) {
        const history = historyOf(ctx, v.target.rt, obj).sort((a, b) => a.revision - b.revision);
        if (format.type !== 'default') {
          const printer = new ObjectPrinter(ctx, format);
          const chosen = revision > 0 ? history.filter((h) => h.revision === revision) : history;
          for (const h of chosen) printer.print(h.object, '');
          continue;
        }
        let text: string;
        if (!history.length) text = 'No rollout history found.';
        else if (revision > 0) {
          const h = history.find((x) => x.revision === revision);
          if (!h) throw new Error('unable to find the specified revision');
          text = describePodTemplate({ ...h.template, metadata: { ...h.template?.metadata, annotations: { ...(h.template?.metadata?.annotations ?? {}), ...(h.changeCause ? { [CHANGE_CAUSE]: h.changeCause } : {}) } } });
        } else {
          let rows = 'REVISION\tCHANGE-CAUSE\n';
          for (const h of history) rows += `${h.revision}\t${h.changeCause || '<none>'}\n`;
          text = tabwrite(rows, { minWidth: 0, padding: 2 });
        }
        const withRevision = revision > 0 ? `with revision #${revision}` : '';
        new ObjectPrinter(ctx, format).print(obj, `${withRevision}\n${text}`);
      }
    }
  },
};

function withoutHash(t: unknown): unknown {
  const copy = structuredClone(t) as { metadata?: { labels?: Record<string, string> } };
  if (copy?.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/**
 * DaemonSets and StatefulSets roll back to a ControllerRevision: its data is the patch that puts
 * the old template back. Returns what kubectl prints after the object's name.
 */
function rollbackByRevision(ctx: Ctx, rt: ResourceType, obj: Stored, toRevision: number, dryRun: DryRun): string {
  const notFound = () => new Error(`unable to find specified revision ${toRevision} in history`);
  if (toRevision < 0) throw notFound();
  const history = historyOf(ctx, rt, obj).sort((a, b) => a.revision - b.revision);
  if (toRevision === 0 && history.length <= 1) throw new Error('no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (!target) throw notFound();
  const data = structuredClone((target.object as AnyObject).data ?? {}) as { spec?: { template?: Record<string, unknown> } };
  const template = { ...(data.spec?.template ?? {}) };
  delete template.$patch;
  if (dryRun === 'client') return `will roll back to ${describePodTemplate(template)}`;
  const current = (obj as AnyObject).spec as { template?: unknown } | undefined;
  if (deepEqual(template, current?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    ctx.api.patch(rt, obj.metadata.namespace ?? '', obj.metadata.name, 'json', [{ op: 'replace', path: '/spec/template', value: template }], writeOptions(ctx, dryRun));
  } catch (e) {
    throw new Error(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

const undoCommand: Command = {
  name: 'undo',
  help: undoHelp,
  run(ctx) {
    const toRevision = ctx.flags.int('to-revision');
    const dryRun = dryRunOf(ctx);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    for (const v of rolloutTargets(ctx)) {
      for (const obj of v.objects) {
        if (obj.kind === 'DaemonSet' || obj.kind === 'StatefulSet') {
          printer.print(obj, rollbackByRevision(ctx, v.target.rt, obj, toRevision, dryRun), dryRunSuffix(dryRun));
          continue;
        }
        if (obj.kind !== 'Deployment') throw new Error(`no rollbacker has been implemented for ${groupKind(v.target.rt)}`);
        if (toRevision < 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
        const d = obj as Stored<Deployment>;
        const all = deploymentReplicaSets(ctx, d).sort((a, b) => b.revision - a.revision);
        let target: Stored<ReplicaSet> | undefined;
        if (toRevision > 0) {
          target = all.find((x) => x.revision === toRevision)?.rs;
          if (!target) throw new Error(`unable to find specified revision ${toRevision} in history`);
        } else {
          target = all[1]?.rs;
          if (!target) throw new Error(`no rollout history found for deployment "${d.metadata.name}"`);
        }
        const revision = toRevision || all[1].revision;
        if (dryRun === 'client') {
          printer.print(obj, describePodTemplate(target.spec?.template ?? {}), dryRunSuffix(dryRun));
          continue;
        }
        if (d.spec?.paused) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
        if (deepEqual(withoutHash(target.spec?.template), withoutHash(d.spec?.template))) {
          printer.print(obj, `skipped rollback (current template already matches revision ${revision})`, dryRunSuffix(dryRun));
          continue;
        }
        const template = withoutHash(target.spec?.template);
        const annotations: Record<string, string> = {};
        for (const [k, val] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = val;
        for (const [k, val] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = val;
        try {
          ctx.api.patch(
            v.target.rt,
            d.metadata.namespace ?? '',
            d.metadata.name,
            'json',
            [
              { op: 'replace', path: '/spec/template', value: template },
              { op: 'replace', path: '/metadata/annotations', value: annotations },
            ],
            writeOptions(ctx, dryRun),
          );
        } catch (e) {
          throw new Error(`failed restoring revision ${revision}: ${(e as Error).message}`);
        }
        printer.print(obj, 'rolled back', dryRunSuffix(dryRun));
      }
    }
  },
};

/** pause, resume and restart: a patch to each object, `already …` when it changes nothing. */
function patchingCommand(name: 'pause' | 'resume' | 'restart', text: string): Command {
  return {
    name,
    help: text,
    run(ctx) {
      const printer = new ObjectPrinter(ctx, parseFormat(ctx));
      const errors: Error[] = [];
      for (const v of rolloutTargets(ctx)) {
        for (const obj of v.objects) {
          const rt = v.target.rt;
          const o = obj as Stored & AnyObject;
          const spec = (o.spec ?? {}) as { paused?: boolean };
          let patch: Record<string, unknown> | undefined;
          if (name === 'restart') {
            if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind)) {
              errors.push(new Error(`error: ${resourceString(rt)} "${o.metadata.name}" restarting is not supported`));
              continue;
            }
            if (o.kind === 'Deployment' && spec.paused) {
              errors.push(new Error(`error: ${resourceString(rt)} "${o.metadata.name}" can't restart paused deployment (run rollout resume first)`));
              continue;
            }
            patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': ctx.cluster.clock.timestamp() } } } } };
          } else {
            if (o.kind !== 'Deployment') {
              errors.push(new Error(`error: ${resourceString(rt)} "${o.metadata.name}" ${name === 'pause' ? 'pausing' : 'resuming'} is not supported`));
              continue;
            }
            const want = name === 'pause';
            if (!!spec.paused === want) {
              printer.print(o, `already ${name === 'pause' ? 'paused' : 'resumed'}`);
              continue;
            }
            patch = { spec: { paused: want ? true : null } };
          }
          try {
            const result = ctx.api.patch(rt, o.metadata.namespace ?? '', o.metadata.name, 'strategic', patch, writeOptions(ctx));
            printer.print(result, name === 'pause' ? 'paused' : name === 'resume' ? 'resumed' : 'restarted');
          } catch (e) {
            errors.push(new Error(`failed to patch: ${(e as Error).message}`));
          }
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new ErrorList(errors);
    },
  };
}

export const rolloutCommand: Command = {
  name: 'rollout',
  help,
  helpOnStdout: true,
  subcommands: [
    historyCommand,
    patchingCommand('pause', pauseHelp),
    patchingCommand('restart', restartHelp),
    patchingCommand('resume', resumeHelp),
    statusCommand,
    undoCommand,
  ],
};

