import type { Cluster } from '../engine/sim/cluster';
import { runSim } from '../engine/sim/commands';
import { defaultKubeConfig, type KubeConfig, runKubectl } from '../kubectl';
import type { Outcome } from './expect';
import { ShellSyntaxError, shellWords } from './shellwords';

/** Where `kubectl -f` reads files from: the disk in the CLI, a virtual folder in the browser. */
export interface FileSource {
  readFile(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  /** Resolve a path written in a command against the session's base folder. */
  resolve(path: string): string;
}

export interface SessionOptions {
  files?: FileSource;
  config?: KubeConfig;
  /**
   * How commands that wait (rollout status, delete --wait, drain) let time pass. Headless, time
   * is simply advanced; in the browser the clock runs and this waits for it.
   */
  sleep?: (ms: number) => Promise<void>;
}

/** A cluster with a kubectl context: what a terminal, a lesson or a scenario talks to. */
export class Session {
  config: KubeConfig;
  private readonly files?: FileSource;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly cluster: Cluster,
    opts: SessionOptions = {},
  ) {
    this.config = opts.config ?? defaultKubeConfig();
    this.files = opts.files;
    this.sleep =
      opts.sleep ??
      (async (ms) => {
        cluster.advance(ms);
      });
  }

  /** Run kubectl with a command line split as a POSIX shell would, or with ready words. */
  async kubectl(args: string | string[], stdin?: string): Promise<Outcome> {
    let argv: string[];
    try {
      argv = typeof args === 'string' ? shellWords(args) : args;
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `error: ${e.message}`, exitCode: 1 };
      throw e;
    }
    if (argv[0] === 'kubectl') argv = argv.slice(1);
    const files = this.files;
    const result = await runKubectl(argv, {
      cluster: this.cluster,
      stdin,
      config: this.config,
      readFile: files ? (p) => files.readFile(files.resolve(p)) : undefined,
      listDir: files ? (p) => files.listDir(files.resolve(p)) : undefined,
      sleep: this.sleep,
    });
    this.cluster.settle();
    return result;
  }

  sim(args: string | string[]): Outcome {
    let argv: string[];
    try {
      argv = typeof args === 'string' ? shellWords(args) : args;
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `error: ${e.message}`, exitCode: 1 };
      throw e;
    }
    return runSim(this.cluster, argv);
  }
}
