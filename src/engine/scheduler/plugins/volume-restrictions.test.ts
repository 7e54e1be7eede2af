import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { staticListers } from '../listers';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonReadWriteOncePodConflict, volumeRestrictions } from './volume-restrictions';

const claim = (name: string, mode: 'ReadWriteOnce' | 'ReadWriteOncePod'): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default' },
  spec: { accessModes: [mode], volumeName: `pv-${name}` },
});
const usesClaim = (claimName: string) => ({ volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] });

describe('VolumeRestrictions', () => {
  const cases = [
    { name: 'no claims: skipped', podClaim: undefined, holder: undefined, mode: 'ReadWriteOncePod' as const, want: 'Skip' },
    { name: 'a ReadWriteOncePod claim nobody uses: skipped', podClaim: 'a', holder: undefined, mode: 'ReadWriteOncePod' as const, want: 'Skip' },
    { name: 'a ReadWriteOncePod claim another pod uses', podClaim: 'a', holder: 'a', mode: 'ReadWriteOncePod' as const, want: ErrReasonReadWriteOncePodConflict },
    { name: 'a ReadWriteOnce claim may be shared', podClaim: 'a', holder: 'a', mode: 'ReadWriteOnce' as const, want: 'Skip' },
    { name: 'a missing claim', podClaim: 'missing', holder: undefined, mode: 'ReadWriteOncePod' as const, want: 'persistentvolumeclaim "missing" not found' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const listers = staticListers({ persistentVolumeClaims: [claim('a', c.mode)] });
      const existing = c.holder ? [makePod('holder', { node: 'n1', spec: usesClaim(c.holder) })] : [];
      const cache = buildCache([makeNode('n1'), makeNode('n2')], existing, listers);
      const pod = info(makePod('p', { spec: c.podClaim ? usesClaim(c.podClaim) : {} }));
      const st = state();
      const pre = volumeRestrictions.preFilter?.(st, pod, cache);
      if (c.want === 'Skip') return expect(pre?.status?.code).toBe('Skip');
      if (pre?.status) return expect(pre.status.reasons).toEqual([c.want]);
      // The conflict is cluster-wide: every node says so, and preemption may free the claim.
      for (const n of ['n1', 'n2']) expect(volumeRestrictions.filter?.(st, pod, nodeOf(cache, n), cache)).toEqual({ code: 'Unschedulable', reasons: [c.want] });
    });
  }
});
