import type { KObject, WatchEventType } from '../engine/api/types';
import type { TerminalSession } from '../kubectl';
import type { CommandOutcome, Completion } from './protocol';

/**
 * What the sandbox needs from a cluster and its kubectl session. The worker runs the real engine
 * behind it (real-engine.ts); unit tests of the sandbox's own logic (ticking, batching, saving)
 * use a small stand-in.
 */
export interface Engine {
  now(): number;
  /** When the cluster was created (simulated ms since the epoch). */
  createdAt(): number;
  /** When the next scheduled thing happens in the cluster (a timer), if anything is pending. */
  nextEventAt(): number | undefined;
  advance(ms: number): void;
  list(resource: string): KObject[];
  /** Every write to the store, in order. Returns a function that stops watching. */
  watch(handler: (type: WatchEventType, resource: string, object: KObject) => void): () => void;
  kubectl(words: string[], stdin?: string, hooks?: KubectlHooks): Promise<CommandOutcome>;
  sim(words: string[]): CommandOutcome;
  /**
   * A whole terminal line as bash runs it: pipes, variables, `$(…)`, `;`/`&&`/`||` into
   * kubectl (or `k`), `sim`, curl and text tools; unknown commands are bash's "command not found".
   */
  shell?(line: string, stdin?: string, hooks?: KubectlHooks): Promise<CommandOutcome>;
  /** Completions for the last word of a kubectl command line (`words` without `kubectl`). */
  completeKubectl(words: string[]): Completion[];
  /** Names of the simulated machines (for `sim` completions). */
  machines(): string[];
  /** The kubeconfig's current context (shown in the header). */
  context(): string;
  /** Everything needed to continue exactly where the cluster is now (a structured-cloneable value). */
  snapshot(): EngineSnapshot;
}

/** What a terminal gives kubectl: output as it is produced, and a place for an interactive shell. */
export interface KubectlHooks {
  onOutput?(stream: 'stdout' | 'stderr', text: string): void;
  openTerminal?(session: TerminalSession): void;
  /** Resolves on Ctrl-C: a command that runs until stopped (port-forward) waits on it. */
  waitForInterrupt?(): Promise<void>;
  /** The editor `kubectl edit` opens (see KubectlEnv.openEditor). */
  openEditor?(text: string, fileName: string): Promise<string | undefined>;
}

export interface EngineSnapshot {
  /** Cluster.snapshot() */
  cluster: unknown;
  /** The kubectl session's kubeconfig (namespace and context switches survive a reload). */
  kubeconfig?: unknown;
  /** The learner's home folder (files saved with `>` or `kubectl cp`), path → text. */
  home?: Record<string, string>;
}

export interface EngineFactory {
  create(opts: { seed: number; sleep: (ms: number) => Promise<void> }): Engine;
  restore(snapshot: EngineSnapshot, opts: { sleep: (ms: number) => Promise<void> }): Engine;
}
