import { describe, expect, it } from 'vitest';
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage';
import { ago, cells, MIN, SOON } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintPersistentVolume,
// TestPrintPersistentVolumeClaim, TestPrintStorageClass). PVC columns: NAME STATUS VOLUME CAPACITY
// ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE [VOLUMEMODE].

const claimRef = { name: 'test', namespace: 'default' };
const pv = (name: string, phase: string, spec: object) => ({
  metadata: { name },
  spec: { claimRef, ...spec },
  status: { phase },
});
const pvRow = (name: string, cap: string, modes: string, phase: string, sc = '', vac = '<unset>') => [
  name,
  cap,
  modes,
  '',
  phase,
  'default/test',
  sc,
  vac,
  '',
  '<unknown>',
];

const pvs: [string, object, string[]][] = [
  [
    'bound',
    pv('test1', 'Bound', { accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }),
    pvRow('test1', '4Gi', 'ROX', 'Bound'),
  ],
  [
    'failed',
    pv('test2', 'Failed', { accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }),
    pvRow('test2', '4Gi', 'ROX', 'Failed'),
  ],
  [
    'pending',
    pv('test3', 'Pending', { accessModes: ['ReadWriteMany'], capacity: { storage: '10Gi' } }),
    pvRow('test3', '10Gi', 'RWX', 'Pending'),
  ],
  [
    'storage class',
    pv('test4', 'Pending', {
      storageClassName: 'my-scn',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    }),
    pvRow('test4', '10Gi', 'RWO', 'Pending', 'my-scn'),
  ],
  [
    'volume attributes class',
    pv('test4', 'Pending', {
      storageClassName: 'my-scn',
      volumeAttributesClassName: 'my-vacn',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    }),
    pvRow('test4', '10Gi', 'RWO', 'Pending', 'my-scn', 'my-vacn'),
  ],
  [
    'available',
    pv('test5', 'Available', {
      storageClassName: 'my-scn',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    }),
    pvRow('test5', '10Gi', 'RWO', 'Available', 'my-scn'),
  ],
  [
    'released',
    pv('test6', 'Released', {
      storageClassName: 'my-scn',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    }),
    pvRow('test6', '10Gi', 'RWO', 'Released', 'my-scn'),
  ],
];

describe('persistent volume columns', () => {
  it.each(pvs)('%s', (_name, obj, expected) => {
    // The upstream cases are printed wide: VOLUMEMODE is <unset> for all of them.
    expect(cells(persistentVolumeColumns, obj, { wide: true })).toEqual([...expected, '<unset>']);
  });
});

const pvc = (name: string, phase: string, spec: object, modes: string[], storage: string) => ({
  metadata: { name },
  spec,
  status: { phase, accessModes: modes, capacity: { storage } },
});

const pvcs: [string, object, string[]][] = [
  [
    'bound',
    pvc('test1', 'Bound', { volumeName: 'my-volume', volumeMode: 'Filesystem' }, ['ReadOnlyMany'], '4Gi'),
    ['test1', 'Bound', 'my-volume', '4Gi', 'ROX', '', '<unset>', '<unknown>', 'Filesystem'],
  ],
  [
    'lost: no volume, so no capacity or access modes',
    pvc('test2', 'Lost', { volumeMode: 'Filesystem' }, ['ReadOnlyMany'], '4Gi'),
    ['test2', 'Lost', '', '', '', '', '<unset>', '<unknown>', 'Filesystem'],
  ],
  [
    'pending',
    pvc('test3', 'Pending', { volumeName: 'my-volume', volumeMode: 'Filesystem' }, ['ReadWriteMany'], '10Gi'),
    ['test3', 'Pending', 'my-volume', '10Gi', 'RWX', '', '<unset>', '<unknown>', 'Filesystem'],
  ],
  [
    'storage class',
    pvc(
      'test4',
      'Pending',
      { volumeName: 'my-volume', storageClassName: 'my-scn', volumeMode: 'Filesystem' },
      ['ReadWriteOnce'],
      '10Gi',
    ),
    ['test4', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', 'Filesystem'],
  ],
  [
    'no volume mode',
    pvc('test5', 'Pending', { volumeName: 'my-volume', storageClassName: 'my-scn' }, ['ReadWriteOnce'], '10Gi'),
    ['test5', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', '<unset>'],
  ],
  [
    'volume attributes class',
    pvc(
      'test5',
      'Pending',
      { volumeName: 'my-volume', storageClassName: 'my-scn', volumeAttributesClassName: 'my-vacn' },
      ['ReadWriteOnce'],
      '10Gi',
    ),
    ['test5', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', 'my-vacn', '<unknown>', '<unset>'],
  ],
];

describe('persistent volume claim columns', () => {
  it.each(pvcs)('%s', (_name, obj, expected) => {
    expect(cells(persistentVolumeClaimColumns, obj, { wide: true })).toEqual(expected);
  });
});

const FIVE_MIN = ago(5 * MIN);
const sc = (name: string, created: string, extra: object) => ({
  metadata: { name, creationTimestamp: created },
  ...extra,
});

const classes: [string, object, string[]][] = [
  [
    'defaults',
    sc('sc1', SOON, { provisioner: 'kubernetes.io/glusterfs' }),
    ['sc1', 'kubernetes.io/glusterfs', 'Delete', 'Immediate', 'false', '0s'],
  ],
  [
    'older',
    sc('sc2', FIVE_MIN, { provisioner: 'kubernetes.io/nfs' }),
    ['sc2', 'kubernetes.io/nfs', 'Delete', 'Immediate', 'false', '5m'],
  ],
  [
    'explicit Delete',
    sc('sc3', FIVE_MIN, { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Delete' }),
    ['sc3', 'kubernetes.io/nfs', 'Delete', 'Immediate', 'false', '5m'],
  ],
  [
    'Retain, Immediate',
    sc('sc4', FIVE_MIN, { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' }),
    ['sc4', 'kubernetes.io/nfs', 'Retain', 'Immediate', 'false', '5m'],
  ],
  [
    'WaitForFirstConsumer',
    sc('sc5', FIVE_MIN, {
      provisioner: 'kubernetes.io/nfs',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    ['sc5', 'kubernetes.io/nfs', 'Retain', 'WaitForFirstConsumer', 'false', '5m'],
  ],
  [
    'expansion allowed',
    sc('sc6', FIVE_MIN, {
      provisioner: 'kubernetes.io/nfs',
      reclaimPolicy: 'Retain',
      allowVolumeExpansion: true,
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    ['sc6', 'kubernetes.io/nfs', 'Retain', 'WaitForFirstConsumer', 'true', '5m'],
  ],
  [
    // The "(default)" suffix comes from the is-default-class annotation (printStorageClass).
    'the default class',
    sc('standard', FIVE_MIN, {
      metadata: {
        name: 'standard',
        creationTimestamp: FIVE_MIN,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '5m'],
  ],
];

describe('storage class columns', () => {
  it.each(classes)('%s', (_name, obj, expected) => {
    expect(cells(storageClassColumns, obj)).toEqual(expected);
  });
});
