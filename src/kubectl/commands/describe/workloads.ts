import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { selectorFromLabelSelector } from '../../../engine/api/labels';
import type { Stored } from '../../../engine/api/types';
import { deepEqual } from '../../../engine/apiserver/apiserver';
import type { Ctx } from '../../command';
import { humanDuration } from '../../printers/duration';
import { formatLabelSelector, formatLabels, selectorString } from '../../printers/labels';
import { controllerOf, describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common';
import { writePodTemplate } from './podtemplate';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

/** metav1.LabelSelectorAsSelector(...).String(): `<none>`-less, `app=web`. */
function selectorText(sel: LabelSelector | undefined): string {
  return selectorString(sel) ?? '';
}

/** Running/Waiting/Succeeded/Failed counts of the pods a controller owns. */
function podStatus(ctx: Ctx, obj: Stored, selector: LabelSelector | undefined): string {
  const sel = selectorFromLabelSelector(selector);
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of ctx.api.list<Pod>('pods', obj.metadata.namespace).items) {
    if (!sel.matches(pod.metadata.labels ?? {})) continue;
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== obj.metadata.uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') running++;
    else if (phase === 'Pending') waiting++;
    else if (phase === 'Succeeded') succeeded++;
    else if (phase === 'Failed') failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function conditionsTable(w: PrefixWriter, conditions: { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function withoutHash(t: unknown): unknown {
  const copy = structuredClone(t ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

const events = (ctx: Ctx, obj: Stored, show: boolean) => (show ? eventsFor(ctx, obj) : undefined);

export function describeDeployment(ctx: Ctx, d: Stored<Deployment>, show: boolean): string {
  const w = new PrefixWriter();
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorText(d.spec?.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec?.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
  writePodTemplate(d.spec?.template, w);
  conditionsTable(w, st.conditions);
  const owned = ctx.api
    .list<ReplicaSet>('apps/replicasets', d.metadata.namespace)
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  // The new ReplicaSet is the one whose template is the Deployment's (pod-template-hash aside).
  const isNew = (rs: ReplicaSet) => deepEqual(withoutHash(rs.spec?.template), withoutHash(d.spec?.template));
  const newRSs = owned.filter(isNew).slice(0, 1);
  const oldRSs = owned.filter((rs) => !newRSs.includes(rs));
  const list = (rss: ReplicaSet[]) =>
    rss.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
  if (oldRSs.length || newRSs.length) {
    w.write(LEVEL_0, `OldReplicaSets:\t${list(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${list(newRSs)}\n`);
  }
  describeEvents(ctx, w, events(ctx, d, show));
  return w.toString();
}

export function describeReplicaSet(ctx: Ctx, rs: Stored<ReplicaSet>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const by = controllerOf(rs);
  if (by) w.write(LEVEL_0, `Controlled By:\t${by}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatus(ctx, rs, rs.spec?.selector)}\n`);
  writePodTemplate(rs.spec?.template, w);
  conditionsTable(w, rs.status?.conditions);
  describeEvents(ctx, w, events(ctx, rs, show));
  return w.toString();
}

export function describeDaemonSet(ctx: Ctx, ds: Stored<DaemonSet>, show: boolean): string {
  const w = new PrefixWriter();
  const st = ds.status;
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorText(ds.spec?.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatus(ctx, ds, ds.spec?.selector)}\n`);
  writePodTemplate(ds.spec?.template, w);
  describeEvents(ctx, w, events(ctx, ds, show));
  return w.toString();
}

export function describeStatefulSet(ctx: Ctx, sts: Stored<StatefulSet>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorText(sts.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${sts.spec?.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${sts.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podStatus(ctx, sts, sts.spec?.selector)}\n`);
  writePodTemplate(sts.spec?.template, w);
  const claims = sts.spec?.volumeClaimTemplates ?? [];
  if (!claims.length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(ctx, w, events(ctx, sts, show));
  return w.toString();
}

export function describeJob(ctx: Ctx, job: Stored<Job>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = job.spec;
  const st = job.status;
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorText(spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const by = controllerOf(job);
  if (by) w.write(LEVEL_0, `Controlled By:\t${by}\n`);
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec?.completions ?? '<unset>'}\n`);
  if (spec?.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st?.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st?.startTime && st.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  }
  if (spec?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st?.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${st?.active ?? 0} Active / ${st?.succeeded ?? 0} Succeeded / ${st?.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${st?.completedIndexes || '<none>'}\n`);
  writePodTemplate(spec?.template, w);
  describeEvents(ctx, w, events(ctx, job, show));
  return w.toString();
}

export function describeCronJob(ctx: Ctx, cj: Stored<CronJob>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = cj.spec;
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${spec?.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec?.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec?.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec?.startingDeadlineSeconds === undefined ? '<unset>' : `${spec.startingDeadlineSeconds}s`}\n`);
  const jt = spec?.jobTemplate.spec;
  w.write(LEVEL_0, `Selector:\t${jt?.selector ? selectorText(jt.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${jt?.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${jt?.completions ?? '<unset>'}\n`);
  if (jt?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  writePodTemplate(jt?.template, w);
  w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active = cj.status?.active ?? [];
  if (!active.length) w.writeLine('<none>');
  else w.write(LEVEL_0, `${active.map((j) => j.name).join(', ')}\n`);
  describeEvents(ctx, w, events(ctx, cj, show));
  return w.toString();
}
