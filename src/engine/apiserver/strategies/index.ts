import type { Strategy } from '../strategy';
import { controllerRevisionStrategy, daemonSetStrategy, deploymentStrategy, replicaSetStrategy, statefulSetStrategy } from './apps';
import { cronJobStrategy, jobStrategy } from './batch';
import { coreStrategies } from './core';
import { otherStrategies } from './others';

/**
 * Every kind's API strategy, keyed by resource (`pods`, `apps/deployments`, `batch/jobs` …: the
 * group and plural, or the plural alone for the core group).
 */

export { validateObjectMeta, validateObjectMetaUpdate } from './meta';
export { parseCronSchedule, type CronSchedule } from './cron';
export { qosClass } from './qos';
export {
  defaultPodSpec,
  defaultPodTemplateSpec,
  validatePodSpec,
  validatePodTemplateSpec,
} from './pod';

export const strategies: Record<string, Strategy> = {
  ...coreStrategies,
  'apps/deployments': deploymentStrategy as Strategy,
  'apps/replicasets': replicaSetStrategy as Strategy,
  'apps/statefulsets': statefulSetStrategy as Strategy,
  'apps/daemonsets': daemonSetStrategy as Strategy,
  'apps/controllerrevisions': controllerRevisionStrategy as Strategy,
  'batch/jobs': jobStrategy as Strategy,
  'batch/cronjobs': cronJobStrategy as Strategy,
  ...otherStrategies,
};

/** Kinds without a strategy of their own (custom resources among them) get none: no defaults, no extra rules. */
const EMPTY: Strategy = {};

export function strategyFor(resourceKey: string): Strategy {
  return strategies[resourceKey] ?? EMPTY;
}
