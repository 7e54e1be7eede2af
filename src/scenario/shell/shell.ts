import type { Outcome } from '../expect';
import { ShellSyntaxError } from '../shellwords';
import { echo, FILTERS } from './filters';
import { type List, type Part, parseLine, type SimpleCommand, type Word } from './parse';

type Stream = 'stdout' | 'stderr';

/** What a command of the shell gets besides its words. */
export interface CommandContext {
  /** The text piped or redirected into it (undefined: nothing, as from a terminal with no input). */
  stdin?: string;
  /**
   * Set when the command's output goes straight to the terminal (the last command of a pipeline,
   * not redirected): pass every piece of output on as it is produced. The outcome still carries it.
   */
  onOutput?(stream: Stream, text: string): void;
  /** Started with `&`: a command that runs until stopped (port-forward) returns once started. */
  background?: boolean;
}

/** A program the shell does not implement itself (kubectl, sim, curl): words in, outcome out. */
export type ExternalCommand = (words: string[], ctx: CommandContext) => Promise<Outcome> | Outcome;

/** The learner's own files (their home folder), for `>`, `<`, `cat` and `ls`. */
export interface LocalFiles {
  read(path: string): string | undefined;
  /** Write a file; returns an error text (`Permission denied`) or undefined. */
  write(path: string, text: string): string | undefined;
  /** Names in a folder, or undefined when it is no folder. */
  list?(path: string): string[] | undefined;
}

export interface ShellOptions {
  commands: Record<string, ExternalCommand>;
  files?: LocalFiles;
  /** Variables set before the first line (HOME, USER…). */
  vars?: Record<string, string>;
}

export interface RunOptions {
  /** What the first command of each pipeline reads (`kubectl apply -f -`). */
  stdin?: string;
  /** The terminal's output, in order, as it is produced. */
  onOutput?(stream: Stream, text: string): void;
}

const done = (stdout = '', stderr = '', exitCode = 0): Outcome => ({
  stdout,
  stderr,
  exitCode,
});
const DEV_NULL = '/dev/null';

/** Split what an unquoted expansion produced into fields, as bash does with the default IFS. */
function appendSplit(fields: string[], open: { v: boolean }, value: string): void {
  const pieces = value.split(/[ \t\n]+/);
  pieces.forEach((piece, i) => {
    if (i > 0) open.v = false;
    if (!piece) return;
    if (open.v) fields[fields.length - 1] += piece;
    else fields.push(piece);
    open.v = true;
  });
  if (value && /[ \t\n]$/.test(value)) open.v = false;
}

/**
 * The terminal's command line interpreter: enough of bash for the one-liners of the Kubernetes
 * docs. Quotes, `\` continuations, `$VAR`/`${VAR}`/`${VAR:-x}`, `VAR=x`, `export`, `$(…)`,
 * `;` `&&` `||`, pipes into text tools (grep, head, tail, wc, sort, uniq, cut, awk, base64, tr,
 * xargs), and `>`/`<`/`2>&1` redirections into the learner's home folder. Headless: it only
 * calls the commands it is given.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  lastExit = 0;

  constructor(private readonly opts: ShellOptions) {
    for (const [k, v] of Object.entries(opts.vars ?? {})) this.vars.set(k, v);
  }

  /** Run one line (or several, joined by newlines) and return everything it printed. */
  async run(line: string, run: RunOptions = {}): Promise<Outcome> {
    let list: List;
    try {
      list = parseLine(line);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      const text = `bash: ${e.message}\n`;
      run.onOutput?.('stderr', text);
      this.lastExit = 2;
      return done('', text, 2);
    }
    const total = done();
    for (const item of list) {
      if (item.op === '&&' && this.lastExit !== 0) continue;
      if (item.op === '||' && this.lastExit === 0) continue;
      const out = await this.pipeline(item.pipeline, run, item.background);
      total.stdout += out.stdout;
      total.stderr += out.stderr;
      this.lastExit = out.exitCode;
    }
    total.exitCode = this.lastExit;
    return total;
  }

  private async pipeline(pipeline: SimpleCommand[], run: RunOptions, background = false): Promise<Outcome> {
    let input = run.stdin;
    let stderr = '';
    let last = done();
    for (const [i, cmd] of pipeline.entries()) {
      const live = i === pipeline.length - 1 ? run.onOutput : undefined;
      last = await this.simple(cmd, input, live, background, (text) => {
        stderr += text;
        // Errors of the commands before the last reach the terminal as they end.
        if (!live) run.onOutput?.('stderr', text);
      });
      input = last.stdout;
      if (i < pipeline.length - 1 && last.stderr) {
        stderr += last.stderr;
        run.onOutput?.('stderr', last.stderr);
      }
    }
    return {
      stdout: last.stdout,
      stderr: stderr + last.stderr,
      exitCode: last.exitCode,
    };
  }

  /**
   * Run one command. `live`: it is the last of its pipeline, so its output goes to the terminal
   * (unless redirected). Errors of commands before the last go to `earlyErr`.
   */
  private async simple(
    cmd: SimpleCommand,
    stdin: string | undefined,
    live: RunOptions['onOutput'],
    background: boolean,
    earlyErr: (text: string) => void,
  ): Promise<Outcome> {
    const errs: string[] = [];
    let words: string[];
    const assigns: [string, string][] = [];
    let substExit: number | undefined;
    const expand = async (w: Word) => {
      const r = await this.expand(w);
      for (const e of r.stderr) errs.push(e);
      if (r.exit !== undefined) substExit = r.exit;
      return r.fields;
    };
    try {
      for (const a of cmd.assigns) assigns.push([a.name, (await expand(a.value)).join(' ')]);
      words = [];
      for (const w of cmd.words) words.push(...(await expand(w)));
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      return this.finish(done('', `bash: ${e.message}\n`, 1), live, errs, earlyErr);
    }
    if (!words.length) {
      for (const [k, v] of assigns) this.vars.set(k, v);
    }
    // Redirections: where stdout and stderr go, and what stdin is.
    let stdoutTo: string | undefined;
    let stdoutAppend = false;
    let stderrTo: string | undefined;
    let stderrToStdout = false;
    let stdoutToStderr = false;
    for (const r of cmd.redirects) {
      const target = (await expand(r.target)).join(' ');
      if (r.op === '<<') stdin = target;
      else if (r.op === '<') {
        const text = target === DEV_NULL ? '' : this.opts.files?.read(target);
        if (text === undefined) return this.finish(done('', `bash: ${target}: No such file or directory\n`, 1), live, errs, earlyErr);
        stdin = text;
      } else if (r.op === '>&') {
        if (r.fd === 2 && target === '1') stderrToStdout = true;
        else if (r.fd === 1 && target === '2') stdoutToStderr = true;
      } else if (r.fd === 2) stderrTo = target;
      else {
        stdoutTo = target;
        stdoutAppend = r.op === '>>';
      }
    }
    const redirected = stdoutTo !== undefined || stdoutToStderr || stderrTo !== undefined || stderrToStdout;
    let out: Outcome;
    if (!words.length) out = done('', '', substExit ?? 0);
    else
      out = await this.command(words, {
        stdin,
        onOutput: redirected ? undefined : live,
        background,
      });
    // Apply redirections to what the command printed.
    if (stderrToStdout) out = { ...out, stdout: out.stdout + out.stderr, stderr: '' };
    if (stdoutToStderr) out = { ...out, stderr: out.stderr + out.stdout, stdout: '' };
    if (stderrTo !== undefined) {
      const error = stderrTo === DEV_NULL ? undefined : this.write(stderrTo, out.stderr, false);
      out = { ...out, stderr: error ?? '' };
    }
    if (stdoutTo !== undefined) {
      const error = stdoutTo === DEV_NULL ? undefined : this.write(stdoutTo, out.stdout, stdoutAppend);
      out = error ? { stdout: '', stderr: out.stderr + error, exitCode: 1 } : { ...out, stdout: '' };
    }
    const streamedAlready = !redirected && live && !!words.length && this.isExternal(words[0]);
    return this.finish(out, streamedAlready ? undefined : live, errs, earlyErr);
  }

  /** Report a command's outcome: expansion errors first, then its output to the terminal. */
  private finish(out: Outcome, live: RunOptions['onOutput'], errs: string[], earlyErr: (text: string) => void): Outcome {
    for (const e of errs) earlyErr(e);
    if (live) {
      if (out.stdout) live('stdout', out.stdout);
      if (out.stderr) live('stderr', out.stderr);
    }
    return out;
  }

  private write(path: string, text: string, append: boolean): string | undefined {
    const files = this.opts.files;
    if (!files) return `bash: ${path}: Read-only file system\n`;
    const error = files.write(path, append ? (files.read(path) ?? '') + text : text);
    return error ? `bash: ${path}: ${error}\n` : undefined;
  }

  private isExternal(name: string): boolean {
    return !(name in BUILTIN_NAMES) && !Object.hasOwn(FILTERS, name) && Object.hasOwn(this.opts.commands, name);
  }

  /** Run a command by name: a builtin, a text tool, or a program the shell was given. */
  async command(words: string[], ctx: CommandContext): Promise<Outcome> {
    const [name, ...args] = words;
    const stdin = ctx.stdin ?? '';
    switch (name) {
      case 'export':
      case 'readonly':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
          else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a) && a !== '-p') return done('', `bash: export: \`${a}': not a valid identifier\n`, 1);
        }
        return done();
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return done();
      case 'cat':
        return this.cat(args, stdin);
      case 'ls':
        return this.ls(args);
      case 'xargs':
        return this.xargs(args, stdin);
      case 'echo':
        return echo(args, stdin);
    }
    if (Object.hasOwn(FILTERS, name)) return FILTERS[name](args, stdin);
    if (Object.hasOwn(this.opts.commands, name)) return this.opts.commands[name](words, ctx);
    return done('', `bash: ${name}: command not found\n`, 127);
  }

  private cat(args: string[], stdin: string): Outcome {
    if (!args.length) return done(stdin);
    let stdout = '';
    let stderr = '';
    for (const a of args) {
      const text = a === '-' ? stdin : this.opts.files?.read(a);
      if (text === undefined) stderr += `cat: ${a}: ${this.opts.files?.list?.(a) ? 'Is a directory' : 'No such file or directory'}\n`;
      else stdout += text;
    }
    return done(stdout, stderr, stderr ? 1 : 0);
  }

  private ls(args: string[]): Outcome {
    const paths = args.filter((a) => !a.startsWith('-'));
    if (!paths.length) paths.push('.');
    let stdout = '';
    let stderr = '';
    for (const p of paths) {
      const names = this.opts.files?.list?.(p);
      if (names) stdout += names.length ? `${[...names].sort().join('\n')}\n` : '';
      else if (this.opts.files?.read(p) !== undefined) stdout += `${p}\n`;
      else stderr += `ls: cannot access '${p}': No such file or directory\n`;
    }
    return done(stdout, stderr, stderr ? 2 : 0);
  }

  /** `xargs [-n N] [-I R] [-r] command…`: the words read from stdin become arguments. */
  private async xargs(args: string[], stdin: string): Promise<Outcome> {
    let perCall = Infinity;
    let replace: string | undefined;
    let noRunIfEmpty = false;
    let i = 0;
    for (; i < args.length && args[i].startsWith('-'); i++) {
      const a = args[i];
      if (a === '-n') perCall = Number(args[++i]);
      else if (/^-n\d+$/.test(a)) perCall = Number(a.slice(2));
      else if (a === '-I') replace = args[++i];
      else if (a.startsWith('-I')) replace = a.slice(2);
      else if (a === '-r' || a === '--no-run-if-empty') noRunIfEmpty = true;
      else if (a === '-0' || a === '-t') continue;
      else return done('', `xargs: invalid option -- '${a.replace(/^-+/, '')}'\n`, 1);
    }
    if (!Number.isFinite(perCall) && perCall !== Infinity) return done('', 'xargs: invalid number "NaN" for -n option\n', 1);
    const command = args.slice(i).length ? args.slice(i) : ['echo'];
    const calls: string[][] = [];
    if (replace !== undefined) {
      const r = replace;
      for (const line of stdin.split('\n').filter((l) => l.trim())) calls.push(command.map((w) => w.split(r).join(line.trim())));
    } else {
      const items = stdin.split(/\s+/).filter(Boolean);
      if (!items.length) {
        if (!noRunIfEmpty) calls.push(command);
      } else {
        const n = perCall === Infinity ? items.length : Math.max(1, perCall);
        for (let k = 0; k < items.length; k += n) calls.push([...command, ...items.slice(k, k + n)]);
      }
    }
    const total = done();
    for (const words of calls) {
      const out = await this.command(words, {});
      total.stdout += out.stdout;
      total.stderr += out.stderr;
      // xargs exits 123 when any invocation failed, 127 when the command was not found.
      if (out.exitCode === 127) return { ...total, exitCode: 127 };
      if (out.exitCode !== 0) total.exitCode = 123;
    }
    return total;
  }

  /** A word's fields after variable and command substitution and splitting. */
  private async expand(word: Word): Promise<{ fields: string[]; stderr: string[]; exit?: number }> {
    const fields: string[] = [];
    const open = { v: false };
    const stderr: string[] = [];
    let exit: number | undefined;
    let quotedSeen = false;
    const add = (text: string, quoted: boolean) => {
      if (quoted) {
        quotedSeen = true;
        if (open.v) fields[fields.length - 1] += text;
        else fields.push(text);
        open.v = true;
      } else appendSplit(fields, open, text);
    };
    const value = async (p: Part): Promise<string> => {
      if (p.t === 'lit') return p.s;
      if (p.t === 'var') {
        const v = this.variable(p.name);
        if (!v && p.fallback) return (await this.expand(p.fallback)).fields.join(' ');
        return v;
      }
      const child = new Shell(this.opts);
      for (const [k, v] of this.vars) child.vars.set(k, v);
      const out = await child.run(p.src);
      if (out.stderr) stderr.push(out.stderr);
      exit = out.exitCode;
      return out.stdout.replace(/\n+$/, '');
    };
    for (const p of word) {
      const v = await value(p);
      if (p.t === 'lit' && !p.quoted) {
        // Literal text was split by the parser already: it joins the current field.
        if (open.v) fields[fields.length - 1] += v;
        else if (v) fields.push(v);
        if (v) open.v = true;
      } else add(v, p.quoted);
    }
    if (!fields.length && quotedSeen) fields.push('');
    return { fields, stderr, exit };
  }

  private variable(name: string): string {
    if (name === '?') return String(this.lastExit);
    if (name === '$') return '4242';
    if (name === '#') return '0';
    if (name === '0') return 'bash';
    return this.vars.get(name) ?? '';
  }
}

const BUILTIN_NAMES: Record<string, true> = {
  export: true,
  readonly: true,
  unset: true,
  cat: true,
  ls: true,
  xargs: true,
  echo: true,
};
