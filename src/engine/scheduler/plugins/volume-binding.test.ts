import type { PersistentVolume, PersistentVolumeClaim, Volume } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { staticListers } from '../listers';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonUnboundImmediate, volumeBinding } from './volume-binding';

const pvc = (name: string, o: { cls?: string; volume?: string; deleting?: boolean; size?: string } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', ...(o.deleting ? { deletionTimestamp: '2025-01-06T09:00:00Z' } : {}) },
  spec: { storageClassName: o.cls, volumeName: o.volume, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } } },
  status: { phase: o.volume ? 'Bound' : 'Pending' },
});
const sc = (name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'rancher.io/local-path'): StorageClass => ({
  metadata: { name },
  provisioner,
  volumeBindingMode: mode,
});
const pv = (name: string, host?: string, o: { cls?: string; size?: string } = {}): PersistentVolume => ({
  metadata: { name },
  spec: {
    capacity: { storage: o.size ?? '1Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: o.cls,
    nodeAffinity: host
      ? { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }] } }
      : undefined,
  },
});
const claimVolume = (claimName: string): Volume => ({ name: 'data', persistentVolumeClaim: { claimName } });

describe('VolumeBinding', () => {
  const cases: {
    name: string;
    volumes?: Volume[];
    claims?: PersistentVolumeClaim[];
    classes?: StorageClass[];
    volumesPV?: PersistentVolume[];
    preFilter?: string;
    skip?: boolean;
    filter?: Record<string, string | undefined>;
  }[] = [
    { name: 'a pod without claims is skipped', skip: true },
    { name: 'a pod with only non-claim volumes is skipped', volumes: [{ name: 'tmp', emptyDir: {} }], skip: true },
    { name: 'a missing claim', volumes: [claimVolume('data')], preFilter: 'persistentvolumeclaim "data" not found' },
    { name: 'a claim being deleted', volumes: [claimVolume('data')], claims: [pvc('data', { deleting: true })], preFilter: 'persistentvolumeclaim "data" is being deleted' },
    {
      name: 'an unbound claim of an Immediate class',
      volumes: [claimVolume('data')],
      claims: [pvc('data', { cls: 'fast' })],
      classes: [sc('fast', 'Immediate')],
      preFilter: ErrReasonUnboundImmediate,
    },
    { name: 'an unbound claim without a class is immediate', volumes: [claimVolume('data')], claims: [pvc('data')], preFilter: ErrReasonUnboundImmediate },
    {
      name: 'an unbound WaitForFirstConsumer claim is fine anywhere (provisioned for the chosen node)',
      volumes: [claimVolume('data')],
      claims: [pvc('data', { cls: 'standard' })],
      classes: [sc('standard', 'WaitForFirstConsumer')],
      filter: { n1: undefined, n2: undefined },
    },
    {
      name: 'a bound claim whose volume lives on one node',
      volumes: [claimVolume('data')],
      claims: [pvc('data', { cls: 'standard', volume: 'pv1' })],
      classes: [sc('standard', 'WaitForFirstConsumer')],
      volumesPV: [pv('pv1', 'n1', { cls: 'standard' })],
      filter: { n1: undefined, n2: ErrReasonNodeConflict },
    },
    {
      name: 'WaitForFirstConsumer without a provisioner needs a matching local volume on the node',
      volumes: [claimVolume('data')],
      claims: [pvc('data', { cls: 'local' })],
      classes: [sc('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner')],
      volumesPV: [pv('pv1', 'n2', { cls: 'local' }), pv('small', 'n1', { cls: 'local', size: '100Mi' })],
      filter: { n1: ErrReasonBindConflict, n2: undefined },
    },
    {
      name: 'a generic ephemeral volume waits for its claim',
      volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }],
      preFilter: 'waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const listers = staticListers({ persistentVolumeClaims: c.claims, storageClasses: c.classes, persistentVolumes: c.volumesPV });
      const cache = buildCache([makeNode('n1'), makeNode('n2')], [], listers);
      const pod = info(makePod('p', { spec: { volumes: c.volumes } }));
      const st = state();
      const pre = volumeBinding.preFilter?.(st, pod, cache);
      if (c.skip) expect(pre?.status?.code).toBe('Skip');
      if (c.preFilter) expect(pre?.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [c.preFilter] });
      for (const [node, want] of Object.entries(c.filter ?? {})) {
        expect(pre).toBeUndefined();
        const s = volumeBinding.filter?.(st, pod, nodeOf(cache, node), cache);
        expect({ node, reason: s?.reasons[0] }).toEqual({ node, reason: want });
      }
    });
  }
});
