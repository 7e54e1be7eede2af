import type { EngineSnapshot } from './engine';

/** One moment the sandbox can go back to. */
export interface Moment {
  /** Simulated time of the snapshot (ms since the epoch). */
  at: number;
  snapshot: EngineSnapshot;
}

export interface HistoryOptions {
  /** Simulated time between two kept moments. */
  intervalMs?: number;
  /** How many moments are kept at most (memory stays bounded): older ones are thinned out to make room. */
  capacity?: number;
}

/**
 * The ring of earlier moments of the cluster: a snapshot every `intervalMs` of simulated time,
 * at most `capacity` of them. Time travel shows one of them read-only, or continues from it.
 */
export class History {
  readonly intervalMs: number;
  readonly capacity: number;
  private moments: Moment[] = [];

  constructor(opts: HistoryOptions = {}) {
    // A snapshot of a 100-pod cluster takes ~50 ms and ~2 MB: one a simulated minute, 48 at most.
    this.intervalMs = opts.intervalMs ?? 60_000;
    this.capacity = opts.capacity ?? 48;
  }

  /** Keep a snapshot of `now` when the last one is at least an interval old (`take` runs only then). */
  maybeRecord(now: number, take: () => EngineSnapshot): boolean {
    const last = this.moments.at(-1);
    if (last && now - last.at < this.intervalMs && now >= last.at) return false;
    // Time never runs backwards in one cluster: an older `now` means a new cluster (reset).
    if (last && now < last.at) this.moments = [];
    this.moments.push({ at: now, snapshot: take() });
    this.thin();
    return true;
  }

  /**
   * Over capacity, every other moment of the older half goes: recent history stays dense, older
   * history sparser, and the first moment (the cluster's start) always stays.
   */
  private thin(): void {
    while (this.moments.length > this.capacity) {
      const half = Math.floor(this.moments.length / 2);
      const older = this.moments.slice(0, half).filter((_, i) => i % 2 === 0);
      this.moments = [...older, ...this.moments.slice(half)];
    }
  }

  /** Keep a snapshot of `now` whatever the interval (before travelling, so "now" is a moment too). */
  record(now: number, take: () => EngineSnapshot): boolean {
    const last = this.moments.at(-1);
    if (last && now <= last.at) this.moments = this.moments.filter((m) => m.at < now);
    this.moments.push({ at: now, snapshot: take() });
    this.thin();
    return true;
  }

  /** The latest moment at or before `at` (or the oldest kept, if `at` is earlier than all). */
  at(at: number): Moment | undefined {
    let found: Moment | undefined;
    for (const m of this.moments) if (m.at <= at) found = m;
    return found ?? this.moments[0];
  }

  /** Continuing from a moment: the moments after it belong to a future that no longer happens. */
  truncateAfter(at: number): void {
    this.moments = this.moments.filter((m) => m.at <= at);
  }

  clear(): void {
    this.moments = [];
  }

  times(): number[] {
    return this.moments.map((m) => m.at);
  }
}

/** kubectl verbs that only read (allowed while looking at the past). */
const READ_VERBS = new Set(['get', 'describe', 'explain', 'logs', 'top', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events', 'auth', 'help', 'completion', 'options']);
/** kubectl's global flags that take the next word as their value (`-n kube-system get pods`). */
const GLOBAL_WITH_VALUE = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--request-timeout', '--as', '-v']);
const READ_SIM = new Set(['status', 'help', undefined]);

/**
 * Why a command line cannot run while the sandbox shows an earlier moment (undefined: it can).
 * `words` is the line split as the shell does; kubectl's own flags before the verb are skipped.
 */
export function refuseInPast(words: string[], shownAt: string): string | undefined {
  const message = `error: the cluster is shown as it was at ${shownAt} (time travel) and is read-only; return to now, or branch from here to change it\n`;
  if (words[0] === 'sim') return READ_SIM.has(words[1]) ? undefined : message;
  const args = words[0] === 'k' || words[0] === 'kubectl' ? words.slice(1) : words;
  let verb: string | undefined;
  for (let i = 0; i < args.length && verb === undefined; i++) {
    if (GLOBAL_WITH_VALUE.has(args[i])) i++;
    else if (!args[i].startsWith('-')) verb = args[i];
  }
  if (verb === 'config') return ['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'].includes(args[args.indexOf('config') + 1] ?? '') ? undefined : message;
  if (verb === 'rollout') return ['history'].includes(args[args.indexOf('rollout') + 1] ?? '') ? undefined : message;
  return verb === undefined || READ_VERBS.has(verb) ? undefined : message;
}
