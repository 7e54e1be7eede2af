import type { Plugin } from './plugin';

/** State a plugin may need to copy for a what-if run (preemption, nominated pods). */
export interface StateData {
  clone?(): StateData;
}

/**
 * Per-cycle scratch space shared by one pod's extension points (framework.CycleState):
 * PreFilter writes what Filter reads, PreScore what Score reads.
 */
export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter returned Skip: their Filter (and PreFilter extensions) do not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score does not run. */
  readonly skipScore = new Set<string>();
  /** The filters left to run once PreFilter has decided which to skip (filled by the framework). */
  filterPlugins?: readonly Plugin[];

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone ? v.clone() : v);
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    c.filterPlugins = this.filterPlugins;
    return c;
  }
}
