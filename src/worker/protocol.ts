import type { KObject, WatchEventType } from '../engine/api/types';

/** One change the UI cache applies: an object of a resource was added, modified or deleted. */
export interface ObjectChange {
  type: WatchEventType;
  /** The resource key: `pods`, `apps/deployments` … */
  resource: string;
  object: KObject;
}

/**
 * What the worker sends the page: at most one batch per frame. The first batch after subscribing
 * is a `reset` carrying every object; later batches carry only changes (diffs, not snapshots).
 */
export interface WatchBatch {
  now: number;
  reset?: boolean;
  changes: ObjectChange[];
}

export interface CommandOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ClockState {
  now: number;
  /** Simulated seconds per wall second; 0 when paused. */
  speed: number;
}

/** The typed surface the page calls in the worker (through comlink). */
export interface SandboxApi {
  start(opts: { seed?: number; speed?: number }): Promise<ClockState>;
  /** A command line as typed in the terminal: `kubectl …` (or just `get pods`) or `sim …`. */
  run(line: string, stdin?: string): Promise<CommandOutcome>;
  subscribe(listener: (batch: WatchBatch) => void): Promise<void>;
  setSpeed(speed: number): Promise<ClockState>;
  advance(ms: number): Promise<ClockState>;
  clock(): Promise<ClockState>;
}
