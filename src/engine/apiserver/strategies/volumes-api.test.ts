import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createErrors, created, updateErrors } from './test-helpers';

// PersistentVolume(Claim) defaults (pkg/apis/core/v1/defaults.go) and validation.

const pvc = (spec: PersistentVolumeClaim['spec'] = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

describe('PersistentVolumeClaim', () => {
  it('defaults volumeMode and starts Pending', () => {
    const c = created('persistentvolumeclaims', pvc());
    expect(c.spec?.volumeMode).toBe('Filesystem');
    expect(c.status).toEqual({ phase: 'Pending' });
    expect(createErrors('persistentvolumeclaims', pvc())).toEqual([]);
  });

  it.each<[string, PersistentVolumeClaim['spec'], string[]]>([
    ['no access modes', { accessModes: [] }, ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['no storage request', { resources: { requests: {} } }, ['spec.resources[storage]: Required value']],
    [
      'a zero storage request',
      { resources: { requests: { storage: '0' } } },
      ['spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    ],
    [
      'an unknown access mode',
      { accessModes: ['ReadWriteSometimes'] },
      [
        'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      ],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('persistentvolumeclaims', pvc(spec))).toEqual(want);
  });

  it('is immutable after creation except for a bound claim growing', () => {
    const old = created('persistentvolumeclaims', pvc());
    const errs = updateErrors('persistentvolumeclaims', old, pvc({ accessModes: ['ReadWriteMany'] }));
    expect(errs).toHaveLength(1);
    expect(
      errs[0].startsWith(
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n',
      ),
    ).toBe(true);
    const bound = { ...old, status: { phase: 'Bound', capacity: { storage: '1Gi' } } } as PersistentVolumeClaim;
    expect(updateErrors('persistentvolumeclaims', bound, pvc({ resources: { requests: { storage: '2Gi' } } }))).toEqual([]);
  });
});

describe('PersistentVolume', () => {
  const pv = (spec: PersistentVolume['spec'] = {}): PersistentVolume => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv-1' },
    spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' }, ...spec },
  });

  it('defaults reclaim policy, volume mode and phase', () => {
    const p = created('persistentvolumes', pv());
    expect(p.spec).toMatchObject({
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
      hostPath: { path: '/mnt/data', type: '' },
    });
    expect(p.status).toEqual({ phase: 'Pending' });
    expect(createErrors('persistentvolumes', pv(), false)).toEqual([]);
  });

  it('needs a source and a capacity', () => {
    expect(createErrors('persistentvolumes', pv({ hostPath: undefined }), false)).toEqual([
      'spec: Required value: must specify a volume type',
    ]);
    expect(createErrors('persistentvolumes', pv({ capacity: {} }), false)).toEqual([
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: {}: supported values: "storage"',
    ]);
  });

  it('keeps its source immutable', () => {
    const old = created('persistentvolumes', pv());
    expect(updateErrors('persistentvolumes', old, pv({ hostPath: { path: '/mnt/other' } }), false)[0]).toMatch(
      /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/,
    );
  });
});
