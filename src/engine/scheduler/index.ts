export { installScheduler, schedulerOf } from './install';
export { Scheduler, type SchedulerOptions, numFeasibleNodesToFind } from './scheduler';
export type { DecisionRecord, NodeVerdict, PreemptionRecord, ReasonCount } from './decisions';
export type { PluginScore } from './framework';
export { fitErrorMessage } from './fiterror';
