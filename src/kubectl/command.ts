import type { ApiServer } from '../engine/apiserver/apiserver';
import type { UserInfo } from '../engine/apiserver/types';
import type { Cluster } from '../engine/sim/cluster';
import type { Flags } from './args';
import type { KubectlEnv } from './env';
import type { FlagSpec } from './flags/spec';

/** One kubectl command (or subcommand); its flags come from its help text. */
export interface Command {
  name: string;
  /** The captured `kubectl … --help` text; its Options section defines the flags. */
  help: string;
  /** Flags the help text does not list (rare). */
  extraFlags?: FlagSpec[];
  subcommands?: Command[];
  /** A group command without run prints its help on stdout instead of stderr (kubectl rollout). */
  helpOnStdout?: boolean;
  /** Flags cobra marks required: checked before run (`required flag(s) "image" not set`). */
  required?: string[];
  /** Absent: the command only groups subcommands and prints its help (to stderr, exit 1) when run. */
  run?(ctx: Ctx): Promise<void> | void;
}

/** Collected output of one invocation. */
export class Output {
  stdout = '';
  stderr = '';
  /** Also hands each piece of output on as it is written (a terminal showing a long wait). */
  constructor(private readonly onOutput?: (stream: 'stdout' | 'stderr', text: string) => void) {}
  out(text: string): void {
    this.stdout += text;
    if (text) this.onOutput?.('stdout', text);
  }
  err(text: string): void {
    this.stderr += text;
    if (text) this.onOutput?.('stderr', text);
  }
}

/** What a running command may use. */
export interface Ctx {
  env: KubectlEnv;
  cluster: Cluster;
  api: ApiServer;
  flags: Flags;
  /** Positional arguments (after the command path). */
  args: string[];
  /** `kubectl get`, `kubectl rollout status`: for usage messages. */
  path: string;
  io: Output;
  /** The namespace from -n, else the context's, else `default`. */
  namespace: string;
  /** Whether -n was given (kubectl's enforceNamespace). */
  explicitNamespace: boolean;
  /** Who the request runs as: the admin, or `--as`. */
  user: UserInfo;
  /** Simulated now, ms since the epoch. */
  now(): number;
}
