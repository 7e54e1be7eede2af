export {
  NODE_MONITOR_GRACE_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_MS,
  NodeLifecycleController,
} from './controller';
export { PodGCController } from './podgc';
export { TaintEvictionController } from './tainteviction';
