import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonUnschedulable, nodeUnschedulable } from './node-unschedulable';

describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'does not schedule a pod to an unschedulable node', unschedulable: true, tolerations: undefined, want: ErrReasonUnschedulable },
    { name: 'schedules a pod to a normal node', unschedulable: false, tolerations: undefined, want: undefined },
    {
      name: 'schedules a pod tolerating the unschedulable taint to an unschedulable node',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      want: undefined,
    },
    {
      name: 'a toleration with operator Exists and no key tolerates it too',
      unschedulable: true,
      tolerations: [{ operator: 'Exists' }],
      want: undefined,
    },
    {
      name: 'a toleration for another effect does not',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }],
      want: ErrReasonUnschedulable,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = buildCache([makeNode('n1', { unschedulable: c.unschedulable })]);
      const pod = info(makePod('p', { spec: { tolerations: c.tolerations } }));
      const s = nodeUnschedulable.filter?.(state(), pod, nodeOf(cache, 'n1'), cache);
      if (c.want === undefined) expect(s).toBeUndefined();
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [c.want] });
    });
  }
});
