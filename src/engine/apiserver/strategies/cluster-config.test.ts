import { describe, expect, it } from 'vitest';
import { createErrors, created, updateErrors } from './test-helpers';

// pkg/apis/storage (StorageClass), pkg/apis/scheduling (PriorityClass), pkg/apis/coordination (Lease).

describe('StorageClass', () => {
  const sc = (extra: Record<string, unknown> = {}) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard' },
    provisioner: 'rancher.io/local-path',
    ...extra,
  });

  it('defaults reclaim policy and binding mode', () => {
    expect(created('storage.k8s.io/storageclasses', sc())).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(createErrors('storage.k8s.io/storageclasses', sc(), false)).toEqual([]);
  });

  it('requires a provisioner', () => {
    expect(createErrors('storage.k8s.io/storageclasses', sc({ provisioner: '' }), false)).toEqual(['provisioner: Required value']);
  });

  it('forbids changing parameters and provisioner', () => {
    const old = created('storage.k8s.io/storageclasses', sc({ parameters: { type: 'ssd' } }));
    expect(updateErrors('storage.k8s.io/storageclasses', old, sc({ parameters: { type: 'hdd' } }), false)).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
    ]);
  });
});

describe('PriorityClass', () => {
  const pc = (name: string, value: number) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value });

  it('defaults the preemption policy', () => {
    expect(created('scheduling.k8s.io/priorityclasses', pc('high', 1000))).toMatchObject({ preemptionPolicy: 'PreemptLowerPriority' });
  });

  it.each([
    ['high', 2_000_000_000, ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [
      'system-custom',
      10,
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-custom is not a known system priority class",
      ],
    ],
    ['system-node-critical', 2_000_001_000, []],
  ] as const)('%s with %d', (name, value, want) => {
    expect(createErrors('scheduling.k8s.io/priorityclasses', pc(name, value), false)).toEqual(want);
  });

  it('keeps its value', () => {
    expect(
      updateErrors('scheduling.k8s.io/priorityclasses', created('scheduling.k8s.io/priorityclasses', pc('high', 1)), pc('high', 2), false),
    ).toEqual(['value: Forbidden: may not be changed in an update.']);
  });
});

describe('Lease', () => {
  it('needs a positive duration', () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease' },
      spec: { leaseDurationSeconds: 0 },
    };
    expect(createErrors('coordination.k8s.io/leases', lease)).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    ]);
  });
});
