import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Stored } from '../../../engine/api/types';
import type { Ctx } from '../../command';
import { formatLabels } from '../../printers/labels';
import { describeEvents, eventsFor, goSlice, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, since } from './common';
import { quantityString } from './podtemplate';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './writer';

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
const events = (ctx: Ctx, obj: Stored, show: boolean) => (show ? eventsFor(ctx, obj) : undefined);

/** Access modes as kubectl abbreviates them, always in the order RWO,ROX,RWX,RWOP. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  const out: string[] = [];
  if (have.has('ReadWriteOnce')) out.push('RWO');
  if (have.has('ReadOnlyMany')) out.push('ROX');
  if (have.has('ReadWriteMany')) out.push('RWX');
  if (have.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function writeSource(w: PrefixWriter, spec: PersistentVolume['spec']): void {
  if (spec?.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec?.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly ?? false}\n`);
  } else if (spec?.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else if (spec?.csi) {
    const c = spec.csi;
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver}\n    FSType:\t${c.fsType ?? ''}\n    VolumeHandle:\t${c.volumeHandle}\n    ReadOnly:\t${c.readOnly ?? false}\n`);
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    const keys = Object.keys(c.volumeAttributes ?? {}).sort();
    if (!keys.length) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i) w.write(LEVEL_2, '\t');
      const line = `${k}=${c.volumeAttributes?.[k]}`;
      w.write(LEVEL_2, `${line.length > 140 ? `${line.slice(0, 140)}...` : line}\n`);
    });
  } else w.write(LEVEL_1, '<unknown>\n');
}

function writeNodeAffinity(w: PrefixWriter, pv: PersistentVolume): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  if (!required.nodeSelectorTerms.length) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  required.nodeSelectorTerms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (!reqs.length) w.writeLine('<none>');
    reqs.forEach((req, j) => {
      if (j) w.write(LEVEL_2, '\t');
      let expr = `${req.key} ${req.operator.toLowerCase()}`;
      if (req.values?.length) expr += ` [${req.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

export function describePersistentVolume(ctx: Ctx, pv: Stored<PersistentVolume>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pv.metadata.annotations?.[BETA_CLASS] ?? spec.storageClassName ?? ''}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(ctx, pv.metadata.deletionTimestamp)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
  writeNodeAffinity(w, pv);
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  writeSource(w, spec);
  describeEvents(ctx, w, events(ctx, pv, show));
  return w.toString();
}

/** Pods that mount the claim, then pods that own it (getPodsForPVC). */
function podsUsing(ctx: Ctx, pvc: Stored<PersistentVolumeClaim>): Pod[] {
  const pods = ctx.api.list<Pod>('pods', pvc.metadata.namespace).items;
  const using: Pod[] = [];
  for (const pod of pods) {
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) using.push(pod);
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !using.some((p) => p.metadata?.uid === owner.metadata?.uid)) using.push(owner);
  }
  return using;
}

export function describePersistentVolumeClaim(ctx: Ctx, pvc: Stored<PersistentVolumeClaim>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvc.metadata.annotations?.[BETA_CLASS] ?? spec.storageClassName ?? ''}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(ctx, pvc.metadata.deletionTimestamp)})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(pvc.status?.capacity?.storage) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
  const pods = podsUsing(ctx, pvc)
    .map((p) => p.metadata?.name ?? '')
    .sort();
  w.write(LEVEL_0, 'Used By:\t');
  if (!pods.length) w.writeLine('<none>');
  pods.forEach((name, i) => {
    if (i) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${name}\n`);
  });
  const conditions = pvc.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  describeEvents(ctx, w, events(ctx, pvc, show));
  return w.toString();
}

const boolPtr = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

export function describeStorageClass(ctx: Ctx, sc: Stored<StorageClass>, show: boolean): string {
  const w = new PrefixWriter();
  const a = sc.metadata.annotations ?? {};
  const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (!sc.allowedTopologies.length) w.writeLine('<none>');
    else {
      w.writeLine('');
      sc.allowedTopologies.forEach((term, i) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const reqs = term.matchLabelExpressions ?? [];
        if (!reqs.length) w.writeLine('<none>');
        reqs.forEach((req, j) => {
          if (j) w.write(LEVEL_1, '\t');
          w.write(LEVEL_0, `${req.key} in${req.values.length ? ` [${req.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  describeEvents(ctx, w, events(ctx, sc, show));
  return w.toString();
}
