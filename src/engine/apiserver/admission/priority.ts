import type { Pod } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { forbidden } from '../../api/status';
import type { AdmissionPlugin } from './types';

/**
 * The Priority admission plugin: a pod's priorityClassName becomes spec.priority and
 * preemptionPolicy; without a class, the global default class applies, or priority 0.
 */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(req, api) {
    if (req.operation !== 'CREATE' || req.resource.kind !== 'Pod' || req.subresource) return;
    const pod = req.object as Pod;
    const spec = pod.spec;
    if (!spec) return;
    const classes = api.list<PriorityClass>('scheduling.k8s.io/priorityclasses').items;
    let cls: PriorityClass | undefined;
    if (spec.priorityClassName) {
      cls = classes.find((c) => c.metadata?.name === spec.priorityClassName);
      if (!cls) {
        throw forbidden(
          `pods "${pod.metadata?.name || pod.metadata?.generateName || ''}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`,
        );
      }
    } else {
      cls = classes.find((c) => c.globalDefault);
      if (cls) spec.priorityClassName = cls.metadata?.name;
    }
    const value = cls?.value ?? 0;
    if (spec.priority !== undefined && spec.priority !== value) {
      throw forbidden(
        `pods "${pod.metadata?.name || ''}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      );
    }
    spec.priority = value;
    spec.preemptionPolicy = spec.preemptionPolicy ?? cls?.preemptionPolicy ?? 'PreemptLowerPriority';
  },
};
