import { ArithError, evalArith } from './arith';
import type { Node, Redir, Word } from './ast';
import { ShellSyntaxError } from './ast';
import { type CmdContext, type CmdResult, resolvePath, runCommand } from './commands';
import type { ShellHost } from './host';
import { parseScript } from './parse';

/**
 * A resumable `sh` interpreter. A script compiles to a flat instruction list (cached by source);
 * the running state — program counter, variables, loop cursors — is plain JSON, so a container
 * sleeping in `sleep 600` survives a snapshot and wakes at the same simulated instant.
 */
type Ins =
  | { o: 'run'; n: Node }
  | { o: 'bg'; n: Node }
  | { o: 'j'; to: number }
  | { o: 'jt'; to: number }
  | { o: 'jf'; to: number }
  | { o: 'not' }
  | { o: 'st'; v: number }
  | { o: 'fi'; name: string; words: Word[] | null }
  | { o: 'fn'; id: number; to: number }
  | { o: 'rpush'; redirs: Redir[] }
  | { o: 'rpop' }
  | {
      o: 'case';
      word: Word;
      arms: { patterns: Word[]; at: number }[];
      end: number;
    };

export interface VmState {
  src: string;
  pc: number;
  status: number;
  vars: Record<string, string>;
  exported: Record<string, true>;
  cwd: string;
  /** for-loop cursors by the instruction index of their `fi`. */
  loops: Record<string, { items: string[]; i: number }>;
  /** Redirections of enclosing groups, innermost last. */
  rstack: Redir[][];
  args: string[];
}

export type VmResult = { kind: 'sleep'; until: number } | { kind: 'exit'; code: number } | { kind: 'exec'; argv: string[] };

const cache = new Map<string, Ins[] | ShellSyntaxError>();

function compile(src: string): Ins[] {
  const hit = cache.get(src);
  if (hit instanceof ShellSyntaxError) throw hit;
  if (hit) return hit;
  let code: Ins[];
  try {
    code = [];
    emit(parseScript(src), code);
  } catch (e) {
    if (e instanceof ShellSyntaxError) cache.set(src, e);
    throw e;
  }
  if (cache.size > 2000) cache.clear();
  cache.set(src, code);
  return code;
}

function emit(n: Node, code: Ins[]): void {
  switch (n.k) {
    case 'simple':
    case 'pipe':
      code.push({ o: 'run', n });
      return;
    case 'list':
      for (const item of n.items) {
        if (item.bg) code.push({ o: 'bg', n: item.node });
        else emit(item.node, code);
      }
      return;
    case 'and':
    case 'or': {
      emit(n.left, code);
      const jump: Ins = n.k === 'and' ? { o: 'jf', to: -1 } : { o: 'jt', to: -1 };
      code.push(jump);
      emit(n.right, code);
      (jump as { to: number }).to = code.length;
      return;
    }
    case 'group':
      if (n.redirs.length) code.push({ o: 'rpush', redirs: n.redirs });
      emit(n.body, code);
      if (n.redirs.length) code.push({ o: 'rpop' });
      return;
    case 'if': {
      if (n.redirs.length) code.push({ o: 'rpush', redirs: n.redirs });
      const ends: { to: number }[] = [];
      for (const b of n.branches) {
        emit(b.cond, code);
        const skip = { o: 'jf' as const, to: -1 };
        code.push(skip);
        emit(b.body, code);
        const end = { o: 'j' as const, to: -1 };
        code.push(end);
        ends.push(end);
        skip.to = code.length;
      }
      if (n.otherwise) emit(n.otherwise, code);
      else code.push({ o: 'st', v: 0 });
      for (const e of ends) e.to = code.length;
      if (n.redirs.length) code.push({ o: 'rpop' });
      return;
    }
    case 'while': {
      if (n.redirs.length) code.push({ o: 'rpush', redirs: n.redirs });
      const top = code.length;
      emit(n.cond, code);
      const exit = { o: n.until ? ('jt' as const) : ('jf' as const), to: -1 };
      code.push(exit);
      emit(n.body, code);
      code.push({ o: 'j', to: top });
      exit.to = code.length;
      code.push({ o: 'st', v: 0 });
      if (n.redirs.length) code.push({ o: 'rpop' });
      return;
    }
    case 'for': {
      if (n.redirs.length) code.push({ o: 'rpush', redirs: n.redirs });
      const id = code.length;
      code.push({ o: 'fi', name: n.name, words: n.words });
      const top = code.length;
      const next = { o: 'fn' as const, id, to: -1 };
      code.push(next);
      emit(n.body, code);
      code.push({ o: 'j', to: top });
      next.to = code.length;
      if (n.redirs.length) code.push({ o: 'rpop' });
      return;
    }
    case 'case': {
      const ins = {
        o: 'case' as const,
        word: n.word,
        arms: [] as { patterns: Word[]; at: number }[],
        end: -1,
      };
      code.push(ins);
      const ends: { to: number }[] = [];
      for (const arm of n.arms) {
        ins.arms.push({ patterns: arm.patterns, at: code.length });
        if (arm.body) emit(arm.body, code);
        else code.push({ o: 'st', v: 0 });
        const end = { o: 'j' as const, to: -1 };
        code.push(end);
        ends.push(end);
      }
      ins.end = code.length;
      for (const e of ends) e.to = code.length;
      return;
    }
  }
}

/** A new interpreter for `script`, with the container's environment (all exported). */
export function newVm(script: string, env: Record<string, string>, cwd = '/', args: string[] = []): VmState {
  const exported: Record<string, true> = {};
  for (const k of Object.keys(env)) exported[k] = true;
  return {
    src: script,
    pc: 0,
    status: 0,
    vars: { ...env },
    exported,
    cwd,
    loops: {},
    rstack: [],
    args,
  };
}

/** Quote argv words so that the shell reads them back as the same words. */
export function quoteArgv(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function globMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's').test(text);
}

interface RunOpts {
  /** Instructions per step before the shell yields (a loop without sleep must not hang the simulation). */
  budget?: number;
  /** Synchronous: sleeps return at once (exec, probes, command substitution). */
  sync?: boolean;
  stdin?: string;
}

class Runner {
  constructor(
    readonly vm: VmState,
    readonly host: ShellHost,
    readonly sync: boolean,
    readonly stdinDefault: string,
  ) {}

  private varValue(name: string): string | undefined {
    const vm = this.vm;
    switch (name) {
      case '?':
        return String(vm.status);
      case '$':
        return '1';
      case '#':
        return String(vm.args.length);
      case '@':
      case '*':
        return vm.args.join(' ');
      case '0':
        return this.host.shellName;
      case '!':
        return '';
      case 'RANDOM': {
        const n = Number(vm.vars.__rnd ?? '12345');
        const next = (Math.imul(n, 1103515245) + 12345) >>> 0;
        vm.vars.__rnd = String(next);
        return String((next >>> 16) & 0x7fff);
      }
      default:
        if (/^[1-9]$/.test(name)) return vm.args[Number(name) - 1];
        return vm.vars[name];
    }
  }

  /** Expand a word into fields: unquoted expansions split on blanks. */
  expand(word: Word, split = true): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const push = (text: string, quoted: boolean) => {
      if (quoted || !split) {
        cur += text;
        has = true;
        return;
      }
      const pieces = text.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        if (pieces[i]) {
          cur += pieces[i];
          has = true;
        }
      }
    };
    for (const part of word) {
      switch (part.t) {
        case 'lit':
          cur += part.v;
          has ||= part.q || part.v.length > 0;
          break;
        case 'var': {
          let v = this.varValue(part.name);
          if (part.op === '#len') v = String((v ?? '').length);
          else if (part.op) {
            const unset = part.op.startsWith(':') ? !v : v === undefined;
            const arg = () => this.expand(part.arg ?? [], false).join('');
            const op = part.op.replace(':', '');
            if (op === '-' && unset) v = arg();
            else if (op === '=' && unset) {
              v = arg();
              this.vm.vars[part.name] = v;
            } else if (op === '+') v = unset ? '' : arg();
            else if (op === '?' && unset) throw new ShellError(`${this.host.shellName}: ${part.name}: ${arg() || 'parameter not set'}`, 2);
          }
          push(v ?? '', part.q);
          break;
        }
        case 'cmd':
          push(this.substitute(part.src).replace(/\n+$/, ''), part.q);
          break;
        case 'arith':
          try {
            const src = this.expand([{ t: 'lit', v: '', q: true }, ...parseArithWord(part.src)], false).join('');
            push(
              String(
                evalArith(src, {
                  get: (n) => this.vm.vars[n],
                  set: (n, v) => (this.vm.vars[n] = v),
                }),
              ),
              part.q,
            );
          } catch (e) {
            if (e instanceof ArithError) throw new ShellError(`${this.host.shellName}: arithmetic syntax error`, 2);
            throw e;
          }
          break;
      }
    }
    if (has || cur) fields.push(cur);
    return fields;
  }

  /** `$( … )`: run synchronously in a copy of the shell, capture stdout. */
  private substitute(src: string): string {
    let out = '';
    const sub: VmState = {
      ...this.vm,
      src,
      pc: 0,
      loops: {},
      rstack: [],
      vars: { ...this.vm.vars },
      exported: { ...this.vm.exported },
    };
    const host: ShellHost = {
      ...this.host,
      write: (stream, text) => {
        if (stream === 'stdout') out += text;
        else this.host.write('stderr', text);
      },
    };
    try {
      runVm(sub, host, { sync: true, budget: 20_000 });
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.host.write('stderr', `${this.host.shellName}: ${e.message}\n`);
    }
    this.vm.status = sub.status;
    return out;
  }

  /** Where fd 1 and fd 2 go for a command: 'log:stdout', 'log:stderr', a file path, or null (/dev/null). */
  private targets(redirs: Redir[]): {
    out: Target;
    err: Target;
    stdin?: string;
    error?: string;
  } {
    let out: Target = { kind: 'log', stream: 'stdout' };
    let err: Target = { kind: 'log', stream: 'stderr' };
    let stdin: string | undefined;
    for (const r of [...this.vm.rstack.flat(), ...redirs]) {
      const target = this.expand(r.target, false).join('');
      if (r.op === '<') {
        const content = this.host.fs.read(resolvePath(this.vm.cwd, target));
        if (content === undefined) {
          return {
            out,
            err,
            error:
              this.host.userland === 'busybox'
                ? `${this.host.shellName}: can't open ${target}: no such file\n`
                : `${this.host.shellName}: 1: cannot open ${target}: No such file\n`,
          };
        }
        stdin = content;
        continue;
      }
      let t: Target;
      if (r.op === '>&') t = target === '2' ? err : target === '1' ? out : { kind: 'null' };
      else if (target === '/dev/null') t = { kind: 'null' };
      else if (target === '/dev/stdout') t = { kind: 'log', stream: 'stdout' };
      else if (target === '/dev/stderr') t = { kind: 'log', stream: 'stderr' };
      else {
        const path = resolvePath(this.vm.cwd, target);
        // `>` truncates when the redirection is set up, before the command runs.
        const problem = this.host.fs.write(path, '', r.op === '>>');
        if (problem) {
          const bb = this.host.userland === 'busybox';
          const why =
            problem === 'EROFS'
              ? bb
                ? 'Read-only file system'
                : 'Read-only file system'
              : problem === 'EISDIR'
                ? 'Is a directory'
                : bb
                  ? 'nonexistent directory'
                  : 'Directory nonexistent';
          return {
            out,
            err,
            error: bb ? `${this.host.shellName}: can't create ${target}: ${why}\n` : `${this.host.shellName}: 1: cannot create ${target}: ${why}\n`,
          };
        }
        t = { kind: 'file', path };
      }
      if (r.fd === 2) err = t;
      else out = t;
    }
    return { out, err, stdin };
  }

  private deliver(t: Target, text: string): void {
    if (!text) return;
    if (t.kind === 'log') this.host.write(t.stream, text);
    else if (t.kind === 'file') this.host.fs.write(t.path, text, true);
  }

  /** Run a simple command or pipeline; returns a result with status (and sleep/exec/exit). */
  runNode(n: Node, background: boolean): CmdResult {
    if (n.k === 'pipe') {
      let input = this.stdinDefault;
      let last: CmdResult = { status: 0 };
      n.cmds.forEach((cmd, i) => {
        const isLast = i === n.cmds.length - 1;
        last = this.runSimple(cmd, input, !isLast, true);
        input = last.out ?? '';
      });
      const status = n.neg ? (last.status === 0 ? 1 : 0) : last.status;
      return { status, exit: last.exit, exec: last.exec };
    }
    const r = this.runSimple(n, this.stdinDefault, false, background);
    return r;
  }

  /** `capture`: return stdout instead of delivering it (a pipeline stage). `noBlock`: sleeps don't block. */
  private runSimple(n: Node, stdin: string, capture: boolean, noBlock: boolean): CmdResult {
    if (n.k !== 'simple') {
      // A compound command inside a pipeline: run it synchronously with captured output.
      let out = '';
      const sub: VmState = {
        ...this.vm,
        pc: 0,
        loops: {},
        rstack: [],
        src: '',
      };
      const code: Ins[] = [];
      emit(n, code);
      const host: ShellHost = {
        ...this.host,
        write: (s, t) => {
          if (s === 'stdout' && capture) out += t;
          else this.host.write(s, t);
        },
      };
      const r = runCode(sub, code, host, { sync: true, stdin, budget: 20_000 });
      return { status: sub.status, out, exit: r.kind === 'exit' };
    }
    const vm = this.vm;
    let words: string[];
    let assigns: [string, string][];
    try {
      assigns = n.assigns.map(([k, w]) => [k, this.expand(w, false).join('')]);
      words = n.words.flatMap((w) => this.expand(w));
    } catch (e) {
      if (e instanceof ShellError) {
        this.host.write('stderr', `${e.message}\n`);
        return { status: e.status };
      }
      throw e;
    }
    if (!words.length) {
      for (const [k, v] of assigns) vm.vars[k] = v;
      const t = this.targets(n.redirs);
      if (t.error) {
        this.host.write('stderr', t.error);
        return { status: 1 };
      }
      return {
        status: n.assigns.some((a) => a[1].some((p) => p.t === 'cmd')) ? vm.status : 0,
      };
    }
    // `VAR=x cmd`: the assignment is visible to the command (kept afterwards, a harmless simplification).
    for (const [k, v] of assigns) {
      vm.vars[k] = v;
      vm.exported[k] = true;
    }
    const t = this.targets(n.redirs);
    if (t.error) {
      this.host.write('stderr', t.error);
      return { status: 1 };
    }
    // A nested shell (`sh -c '…'`) runs its script in place.
    const base = words[0].slice(words[0].lastIndexOf('/') + 1);
    if (['sh', 'ash', 'bash', 'dash'].includes(base) && words[1] === '-c' && words[2] !== undefined) {
      return this.nested(words[2], words.slice(3), t, capture);
    }
    const ctx: CmdContext = {
      host: this.host,
      stdin: t.stdin ?? stdin,
      cwd: vm.cwd,
      vars: vm.vars,
      exported: vm.exported,
      setCwd: (d) => (vm.cwd = d),
      sync: this.sync || noBlock,
    };
    const r = runCommand(words, ctx);
    if (capture) {
      this.deliver(t.err, r.err ?? '');
      if (t.out.kind === 'log' && t.out.stream === 'stdout') return r;
      this.deliver(t.out, r.out ?? '');
      return { ...r, out: '' };
    }
    this.deliver(t.out, r.out ?? '');
    this.deliver(t.err, r.err ?? '');
    return r;
  }

  private nested(script: string, args: string[], t: { out: Target; err: Target }, capture: boolean): CmdResult {
    let out = '';
    const sub: VmState = {
      ...this.vm,
      src: script,
      pc: 0,
      loops: {},
      rstack: [],
      args,
    };
    const host: ShellHost = {
      ...this.host,
      write: (s, text) => {
        if (s === 'stdout' && capture) out += text;
        else this.deliver(s === 'stdout' ? t.out : t.err, text);
      },
    };
    try {
      const r = runVm(sub, host, { sync: true, budget: 20_000 });
      if (r.kind === 'exec') return { status: 0, exec: r.argv };
      return { status: r.kind === 'exit' ? r.code : 0, out };
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.host.write('stderr', `sh: ${e.message}\n`);
        return { status: 2 };
      }
      throw e;
    }
  }
}

type Target = { kind: 'log'; stream: 'stdout' | 'stderr' } | { kind: 'file'; path: string } | { kind: 'null' };

class ShellError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `$(( i + 1 ))`: `$i` inside arithmetic is expanded first; bare names are read by the evaluator. */
function parseArithWord(src: string): Word {
  const out: Word = [];
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?#])\}?/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > last) out.push({ t: 'lit', v: src.slice(last, m.index), q: true });
    out.push({ t: 'var', name: m[1], q: true });
    last = re.lastIndex;
  }
  if (last < src.length) out.push({ t: 'lit', v: src.slice(last), q: true });
  return out;
}

/**
 * Run until the script sleeps, exits, or execs an image program. Throws ShellSyntaxError when the
 * script does not parse (the caller reports it as `sh` does and exits 2).
 */
export function runVm(vm: VmState, host: ShellHost, opts: RunOpts = {}): VmResult {
  return runCode(vm, compile(vm.src), host, opts);
}

function runCode(vm: VmState, code: Ins[], host: ShellHost, opts: RunOpts): VmResult {
  const runner = new Runner(vm, host, !!opts.sync, opts.stdin ?? '');
  let budget = opts.budget ?? 5000;
  while (vm.pc < code.length) {
    if (budget-- <= 0) {
      // A busy loop: let simulated time move on before running more of it.
      return opts.sync ? { kind: 'exit', code: vm.status } : { kind: 'sleep', until: host.now() + 100 };
    }
    const ins = code[vm.pc++];
    switch (ins.o) {
      case 'run':
      case 'bg': {
        const r = runner.runNode(ins.n, ins.o === 'bg');
        if (r.exec) return { kind: 'exec', argv: r.exec };
        if (r.exit) return { kind: 'exit', code: r.status < 0 ? vm.status : r.status };
        vm.status = ins.o === 'bg' ? 0 : r.status;
        if (ins.o === 'run' && r.sleepMs && r.sleepMs > 0 && !opts.sync) {
          return {
            kind: 'sleep',
            until: r.sleepMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : host.now() + r.sleepMs,
          };
        }
        break;
      }
      case 'j':
        vm.pc = ins.to;
        break;
      case 'jt':
        if (vm.status === 0) vm.pc = ins.to;
        break;
      case 'jf':
        if (vm.status !== 0) vm.pc = ins.to;
        break;
      case 'not':
        vm.status = vm.status === 0 ? 1 : 0;
        break;
      case 'st':
        vm.status = ins.v;
        break;
      case 'fi': {
        const items = ins.words === null ? [...vm.args] : ins.words.flatMap((w) => runner.expand(w));
        vm.loops[String(vm.pc - 1)] = { items, i: 0 };
        vm.status = 0;
        break;
      }
      case 'fn': {
        const loop = vm.loops[String(ins.id)];
        if (!loop || loop.i >= loop.items.length) {
          delete vm.loops[String(ins.id)];
          vm.pc = ins.to;
        } else {
          vm.vars[(code[ins.id] as { name: string }).name] = loop.items[loop.i++];
        }
        break;
      }
      case 'rpush':
        vm.rstack.push(ins.redirs);
        break;
      case 'rpop':
        vm.rstack.pop();
        break;
      case 'case': {
        const value = runner.expand(ins.word, false).join('');
        const arm = ins.arms.find((a) => a.patterns.some((p) => globMatch(runner.expand(p, false).join(''), value)));
        vm.pc = arm ? arm.at : ins.end;
        vm.status = 0;
        break;
      }
    }
  }
  return { kind: 'exit', code: vm.status };
}

/**
 * Run a command line to completion at once, capturing its output: `kubectl exec`, exec probes.
 * Sleeps return immediately (the caller cannot wait in simulated time).
 */
export function runSync(
  script: string,
  env: Record<string, string>,
  host: Omit<ShellHost, 'write'>,
  cwd = '/',
  stdin = '',
): { stdout: string; stderr: string; exitCode: number; exec?: string[] } {
  let stdout = '';
  let stderr = '';
  const h: ShellHost = {
    ...host,
    write: (s, t) => {
      if (s === 'stdout') stdout += t;
      else stderr += t;
    },
  };
  const vm = newVm(script, env, cwd);
  try {
    const r = runVm(vm, h, { sync: true, budget: 50_000, stdin });
    if (r.kind === 'exec') return { stdout, stderr, exitCode: 0, exec: r.argv };
    return { stdout, stderr, exitCode: r.kind === 'exit' ? r.code : 0 };
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      return {
        stdout,
        stderr: `${stderr}${host.shellName}: ${e.message}\n`,
        exitCode: 2,
      };
    }
    throw e;
  }
}
