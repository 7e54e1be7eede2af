import type { Cluster } from '../engine/sim/cluster';
import { runSim } from '../engine/sim/commands';
import { defaultKubeConfig, type KubeConfig, runKubectl } from '../kubectl';
import { PortForwards } from '../kubectl/commands/portforward';
import type { KubectlEnv } from '../kubectl/env';
import type { Outcome } from './expect';
import { localCurl } from './shell/curl';
import { HOME, HomeFolder, normalizePath } from './shell/home';
import { type CommandContext, Shell } from './shell/shell';
import { ShellSyntaxError, shellWords } from './shellwords';

/** Where `kubectl -f` reads files from: the disk in the CLI, a virtual folder in the browser. */
export interface FileSource {
  readFile(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  /** Resolve a path written in a command against the session's base folder. */
  resolve(path: string): string;
  /** Write a file (`kubectl cp` to a local path); an error text, or undefined. Absent: writes stay in memory. */
  writeFile?(path: string, text: string): string | undefined;
}

/** What a terminal gives the commands of a line: streamed output, a shell, an editor, Ctrl-C. */
export type TerminalHooks = Pick<KubectlEnv, 'onOutput' | 'openTerminal' | 'openEditor' | 'waitForInterrupt'>;

export interface SessionOptions {
  files?: FileSource;
  config?: KubeConfig;
  /**
   * How commands that wait (rollout status, delete --wait, drain) let time pass. Headless, time
   * is simply advanced; in the browser the clock runs and this waits for it.
   */
  sleep?: (ms: number) => Promise<void>;
  /** The home folder's files as saved before (path → text). */
  home?: Record<string, string>;
}

/**
 * The hooks one command of a line gets: output streams only when it goes to the terminal, and
 * only a foreground command (not piped, not `&`) waits for Ctrl-C.
 */
function lineHooks(hooks: TerminalHooks, ctx: CommandContext): TerminalHooks {
  const foreground = !!ctx.onOutput && !ctx.background;
  return { ...hooks, onOutput: ctx.onOutput, waitForInterrupt: foreground ? hooks.waitForInterrupt : undefined };
}

/** GNU sleep's arguments (`5`, `0.5`, `2m`, `1h 30s`) in milliseconds; undefined when one is not a time. */
function sleepMs(args: string[]): number | undefined {
  if (!args.length) return undefined;
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  return Math.round(total);
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
    this.home = new HomeFolder(structuredClone(opts.home ?? {}));
    this.files = opts.files;
    this.sleep =
      opts.sleep ??
      (async (ms) => {
        cluster.advance(ms);
      });
  }

  /** Run kubectl with a command line split as a POSIX shell would, or with ready words. */
  /** The learner's own machine: a home folder (where `>`, `kubectl cp` and `-f` meet) and its port forwards. */
  readonly home: HomeFolder;
  readonly forwards = new PortForwards();
  private terminalShell?: Shell;
  /** The hooks of the line running now. */
  private lineOpts: TerminalHooks = {};

  /**
   * Run a terminal line as bash would: pipes, variables, `$(…)`, `&&`, into kubectl (or `k`),
   * `sim`, curl and the text tools. Variables persist between lines.
   */
  async run(line: string, opts: { stdin?: string } & TerminalHooks = {}): Promise<Outcome> {
    this.terminalShell ??= new Shell({
      commands: {
        kubectl: (words, ctx) => this.kubectlWith(words.slice(1), ctx.stdin, lineHooks(this.lineOpts, ctx)),
        k: (words, ctx) => this.kubectlWith(words.slice(1), ctx.stdin, lineHooks(this.lineOpts, ctx)),
        sim: (words) => this.sim(words.slice(1)),
        curl: (words) => localCurl(this.cluster, this.forwards, words),
        // Waiting in the terminal lets simulated time pass, as every wait of the sandbox does.
        sleep: async (words) => {
          const ms = sleepMs(words.slice(1));
          if (ms === undefined) return { stdout: '', stderr: `sleep: invalid time interval ‘${words[1] ?? ''}’\n`, exitCode: 1 };
          await this.sleep(ms);
          return { stdout: '', stderr: '', exitCode: 0 };
        },
      },
      files: {
        read: (p) => this.readLocal(p),
        write: (p, text) => this.writeLocal(p, text),
        list: (p) => this.listLocal(p),
      },
      vars: { HOME, USER: 'learner', PWD: HOME, SHELL: '/bin/bash' },
    });
    this.lineOpts = opts;
    try {
      return await this.terminalShell.run(line, { stdin: opts.stdin, onOutput: opts.onOutput });
    } finally {
      this.lineOpts = {};
      this.cluster.settle();
    }
  }

  private readLocal(path: string): string | undefined {
    const files = this.files;
    return this.home.read(path) ?? (files ? files.readFile(files.resolve(path)) : undefined);
  }

  private listLocal(path: string): string[] | undefined {
    const files = this.files;
    return (files ? files.listDir(files.resolve(path)) : undefined) ?? this.home.list(path);
  }

  /** `parents`: make missing folders first, as kubectl cp's untar does (a shell redirection does not). */
  private writeLocal(path: string, text: string, parents = false): string | undefined {
    const files = this.files;
    if (files?.writeFile) return files.writeFile(files.resolve(path), text);
    if (parents) {
      const p = normalizePath(path);
      this.home.mkdir(p.slice(0, p.lastIndexOf('/')) || '/');
    }
    return this.home.write(path, text);
  }

  private async kubectlWith(argv: string[], stdin: string | undefined, hooks: TerminalHooks): Promise<Outcome> {
    const result = await runKubectl(argv, {
      cluster: this.cluster,
      stdin,
      config: this.config,
      readFile: (p) => this.readLocal(p),
      listDir: (p) => this.listLocal(p),
      writeFile: (p, text) => this.writeLocal(p, text, true),
      portForwards: this.forwards,
      sleep: this.sleep,
      ...hooks,
    });
    this.cluster.settle();
    return result;
  }

  async kubectl(args: string | string[], stdin?: string): Promise<Outcome> {
    let argv: string[];
    try {
      argv = typeof args === 'string' ? shellWords(args) : args;
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `error: ${e.message}`, exitCode: 1 };
      throw e;
    }
    if (argv[0] === 'kubectl') argv = argv.slice(1);
    return this.kubectlWith(argv, stdin, {});
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
