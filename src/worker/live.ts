import type { TerminalSession } from '../kubectl';
import type { ShellReply } from './protocol';

/** Why a waiting command stopped: the learner pressed Ctrl-C. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

interface Wait {
  until: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * Sleeps of a command run from the terminal: each ends when the running simulated clock reaches
 * its time, so `get -w` or `rollout status` show changes as they happen rather than all at once.
 * A paused clock keeps them waiting; Ctrl-C ends them all.
 */
export class ClockWaits {
  private waits: Wait[] = [];

  wait(now: number, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waits.push({ until: now + Math.max(0, ms), resolve, reject });
    });
  }

  /** Let go of every wait whose time has come. */
  release(now: number): void {
    if (!this.waits.length) return;
    const due = this.waits.filter((w) => w.until <= now);
    if (!due.length) return;
    this.waits = this.waits.filter((w) => w.until > now);
    for (const w of due) w.resolve();
  }

  interrupt(): void {
    const all = this.waits;
    this.waits = [];
    for (const w of all) w.reject(new Interrupted());
  }

  get size(): number {
    return this.waits.length;
  }
}

const BASH = /(^|\/)bash$/;

/**
 * The prompt a container's shell shows, as its image's defaults print it: busybox and alpine's
 * `sh` show `CWD # ` for root, bash on Debian images `root@HOSTNAME:CWD# `.
 */
export function shellPrompt(shell: string, hostname: string, cwd: string): string {
  if (BASH.test(shell)) return `root@${hostname}:${cwd}# `;
  return `${cwd} # `;
}

/**
 * An open `kubectl exec -it POD -- sh`: lines go to the container's shell model, and the
 * prompt follows the working directory (read with `pwd` after each line).
 */
export class ShellTerminal {
  private cwd = '/';
  private readonly hostname: string;

  constructor(
    private readonly session: TerminalSession,
    private readonly shell: string,
  ) {
    this.hostname = this.quiet('hostname') || 'localhost';
    this.cwd = this.quiet('pwd') || '/';
  }

  prompt(): string {
    return shellPrompt(this.shell, this.hostname, this.cwd);
  }

  input(line: string): ShellReply {
    const r = this.session.input(line);
    if (r.closed) return { ...r, prompt: '' };
    const cwd = this.quiet('pwd');
    if (cwd) this.cwd = cwd;
    return {
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      closed: false,
      prompt: this.prompt(),
    };
  }

  close(): void {
    this.session.close();
  }

  /** Run a line the learner did not type, for its first line of output. */
  private quiet(line: string): string {
    try {
      const r = this.session.input(line);
      return r.closed ? '' : r.stdout.trim().split('\n')[0];
    } catch {
      return '';
    }
  }
}
