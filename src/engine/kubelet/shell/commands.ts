import { formatDate, unixDate } from '../format';
import type { ShellHost } from './host';
import { busyboxNslookup } from './nslookup';

/** What one command did. `sleepMs` asks the shell to block; `exec` replaces the shell by an image program. */
export interface CmdResult {
  status: number;
  out?: string;
  err?: string;
  sleepMs?: number;
  exec?: string[];
  exit?: boolean;
}

export interface CmdContext {
  host: ShellHost;
  stdin: string;
  cwd: string;
  /** The shell's variables (exported ones are the environment). */
  vars: Record<string, string>;
  exported: Record<string, true>;
  setCwd(dir: string): void;
  /** Synchronous mode (exec, probes, `$( … )`): sleeps do not block. */
  sync: boolean;
}

/** Commands every image with a shell has (busybox applets or coreutils). */
const CORE = [
  'echo',
  'printf',
  'sleep',
  'true',
  'false',
  ':',
  'exit',
  'touch',
  'rm',
  'cat',
  'test',
  '[',
  'env',
  'printenv',
  'export',
  'unset',
  'mkdir',
  'ls',
  'readlink',
  'date',
  'hostname',
  'whoami',
  'id',
  'pwd',
  'cd',
  'wc',
  'head',
  'tail',
  'grep',
  'seq',
  'expr',
  'cp',
  'mv',
  'uname',
  'kill',
  'wait',
  'basename',
  'dirname',
  'sort',
  'tr',
  'exec',
  'sh',
  'ps',
  'set',
  'read',
  'rmdir',
  'yes',
  'uptime',
  'df',
  'free',
  'nproc',
  'timeout',
  'tee',
];
const BUSYBOX_ONLY = ['wget', 'nslookup', 'nc', 'ping', 'ash'];
const GNU_ONLY = ['bash', 'dash'];

export function hasCommand(userland: 'busybox' | 'gnu', name: string): boolean {
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  return CORE.includes(base) || (userland === 'busybox' ? BUSYBOX_ONLY : GNU_ONLY).includes(base);
}

export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] as number;
  return Math.round(Number(m[1]) * unit);
}

function lines(text: string): string[] {
  if (!text) return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    const c = s[++i];
    if (c === 'n') out += '\n';
    else if (c === 't') out += '\t';
    else if (c === '\\') out += '\\';
    else if (c === 'c') return { text: out, stop: true };
    else if (c === 'r') out += '\r';
    else if (c === 'e') out += '\x1b';
    else if (c === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1)) as RegExpExecArray;
      out += String.fromCharCode(Number.parseInt(m[0] || '0', 8));
      i += m[0].length;
    } else out += `\\${c ?? ''}`;
  }
  return { text: out, stop: false };
}

function printf(args: string[]): string {
  const [fmt = '', ...rest] = args;
  let out = '';
  let argi = 0;
  do {
    out += fmt.replace(/%([-0 +#]*\d*(?:\.\d+)?)([sdiufxXoc%])|\\([ntr\\"'0])/g, (m, flags: string, conv: string, esc: string) => {
      if (esc)
        return (
          {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'",
            '0': '\0',
          }[esc] ?? m
        );
      if (conv === '%') return '%';
      const a = rest[argi++] ?? '';
      const width = Number.parseInt(flags.replace(/[^0-9.]/g, '').split('.')[0] || '0', 10);
      let s: string;
      if (conv === 's') s = a;
      else if (conv === 'c') s = a.slice(0, 1);
      else if (conv === 'f') s = (Number(a) || 0).toFixed(/\.(\d+)/.exec(flags)?.[1] ? Number(/\.(\d+)/.exec(flags)?.[1]) : 6);
      else if (conv === 'x' || conv === 'X') s = (Number.parseInt(a, 10) || 0).toString(16);
      else if (conv === 'o') s = (Number.parseInt(a, 10) || 0).toString(8);
      else s = String(Number.parseInt(a, 10) || 0);
      if (conv === 'X') s = s.toUpperCase();
      if (s.length < width) s = flags.includes('-') ? s.padEnd(width) : s.padStart(width, flags.includes('0') && conv !== 's' ? '0' : ' ');
      return s;
    });
  } while (argi > 0 && argi < rest.length);
  return out;
}

/** `test` / `[`: file tests, string and integer comparisons, `!`, `-a`, `-o`. */
function testExpr(args: string[], ctx: CmdContext): number {
  const fs = ctx.host.fs;
  const path = (p: string) => resolvePath(ctx.cwd, p);
  function unary(op: string, a: string): boolean | undefined {
    switch (op) {
      case '-f':
        return fs.stat(path(a)) === 'file';
      case '-d':
        return fs.stat(path(a)) === 'dir';
      case '-e':
      case '-r':
      case '-w':
      case '-x':
        return fs.stat(path(a)) !== undefined;
      case '-s':
        return fs.stat(path(a)) === 'file' && (fs.read(path(a)) ?? '').length > 0;
      case '-z':
        return a.length === 0;
      case '-n':
        return a.length > 0;
      default:
        return undefined;
    }
  }
  function binary(a: string, op: string, b: string): boolean | undefined {
    const ints = () => [Number.parseInt(a, 10), Number.parseInt(b, 10)];
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '-eq':
        return ints()[0] === ints()[1];
      case '-ne':
        return ints()[0] !== ints()[1];
      case '-lt':
        return ints()[0] < ints()[1];
      case '-le':
        return ints()[0] <= ints()[1];
      case '-gt':
        return ints()[0] > ints()[1];
      case '-ge':
        return ints()[0] >= ints()[1];
      default:
        return undefined;
    }
  }
  function evalTerms(a: string[]): boolean {
    const orAt = a.indexOf('-o');
    if (orAt > 0) return evalTerms(a.slice(0, orAt)) || evalTerms(a.slice(orAt + 1));
    const andAt = a.indexOf('-a');
    if (andAt > 0) return evalTerms(a.slice(0, andAt)) && evalTerms(a.slice(andAt + 1));
    if (a[0] === '!') return !evalTerms(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return a[0].length > 0;
    if (a.length === 2) return unary(a[0], a[1]) ?? false;
    if (a.length === 3) return binary(a[0], a[1], a[2]) ?? false;
    return false;
  }
  return evalTerms(args) ? 0 : 1;
}

function grep(args: string[], input: string, ctx: CmdContext): CmdResult {
  let quiet = false;
  let invert = false;
  let ignore = false;
  let count = false;
  const rest: string[] = [];
  for (const a of args) {
    if (/^-[qvic]+$/.test(a)) {
      quiet ||= a.includes('q');
      invert ||= a.includes('v');
      ignore ||= a.includes('i');
      count ||= a.includes('c');
    } else rest.push(a);
  }
  const [pattern, ...files] = rest;
  if (pattern === undefined) return { status: 2, err: 'Usage: grep [-qvic] PATTERN [FILE]...\n' };
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignore ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignore ? 'i' : '');
  }
  let text = input;
  if (files.length) {
    text = '';
    for (const f of files) text += ctx.host.fs.read(resolvePath(ctx.cwd, f)) ?? '';
  }
  const matched = lines(text).filter((l) => re.test(l) !== invert);
  if (quiet) return { status: matched.length ? 0 : 1 };
  if (count) return { status: matched.length ? 0 : 1, out: `${matched.length}\n` };
  return {
    status: matched.length ? 0 : 1,
    out: matched.map((l) => `${l}\n`).join(''),
  };
}

/** Run one command (not a shell keyword) with expanded arguments. */
export function runCommand(argv: string[], ctx: CmdContext): CmdResult {
  const [name0, ...args] = argv;
  const name = name0.includes('/') ? name0.slice(name0.lastIndexOf('/') + 1) : name0;
  const host = ctx.host;
  const bb = host.userland === 'busybox';
  const fs = host.fs;
  const p = (x: string) => resolvePath(ctx.cwd, x);
  const sh = host.shellName;
  // A program of the image (nginx, redis-server …) takes over the process, as `exec` would.
  if (host.isProgram(name) && !hasCommand(host.userland, name)) return { status: 0, exec: argv };
  if (!hasCommand(host.userland, name) && name !== 'exec') {
    return {
      status: 127,
      err: sh === 'bash' ? `${sh}: line 1: ${name0}: command not found\n` : bb ? `${sh}: ${name0}: not found\n` : `${sh}: 1: ${name0}: not found\n`,
    };
  }
  switch (name) {
    case 'true':
    case ':':
    case 'wait':
    case 'set':
      return { status: 0 };
    case 'false':
      return { status: 1 };
    case 'exit': {
      const code = args[0] === undefined ? undefined : Number.parseInt(args[0], 10);
      return {
        status: code === undefined || Number.isNaN(code) ? -1 : code & 255,
        exit: true,
      };
    }
    case 'exec':
      if (!args.length) return { status: 0 };
      return runCommand(args, ctx).exec ? { status: 0, exec: args } : { ...runCommand(args, ctx), exit: true };
    case 'echo': {
      let newline = true;
      let escapes = false;
      let i = 0;
      while (i < args.length && /^-[neE]+$/.test(args[i])) {
        if (args[i].includes('n')) newline = false;
        if (args[i].includes('e')) escapes = true;
        i++;
      }
      let text = args.slice(i).join(' ');
      if (escapes || !bb) {
        // dash's echo always interprets escapes; busybox only with -e.
        const r = echoEscapes(text);
        text = r.text;
        if (r.stop) newline = false;
      }
      return { status: 0, out: newline ? `${text}\n` : text };
    }
    case 'printf':
      return { status: 0, out: printf(args) };
    case 'sleep': {
      if (!args.length)
        return {
          status: 1,
          err: bb ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\n',
        };
      let total = 0;
      for (const a of args) {
        const ms = sleepMs(a);
        if (ms === undefined)
          return {
            status: 1,
            err: bb ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`,
          };
        total += ms;
      }
      if (ctx.sync) ctx.host.slept?.(total);
      return { status: 0, sleepMs: ctx.sync ? 0 : total };
    }
    case 'touch':
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const path = p(a);
        if (fs.stat(path) === 'file') continue;
        const e = fs.write(path, '', true);
        if (e === 'ENOENT')
          return {
            status: 1,
            err: bb ? `touch: ${a}: No such file or directory\n` : `touch: cannot touch '${a}': No such file or directory\n`,
          };
        if (e === 'EROFS')
          return {
            status: 1,
            err: bb ? `touch: ${a}: Read-only file system\n` : `touch: cannot touch '${a}': Read-only file system\n`,
          };
      }
      return { status: 0 };
    case 'rm': {
      const flags = args.filter((a) => a.startsWith('-')).join('');
      const force = flags.includes('f');
      const recursive = /[rR]/.test(flags);
      let status = 0;
      let err = '';
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const e = fs.remove(p(a), recursive);
        if (e === 'ENOENT' && !force) {
          status = 1;
          err += bb ? `rm: can't remove '${a}': No such file or directory\n` : `rm: cannot remove '${a}': No such file or directory\n`;
        } else if (e === 'EISDIR') {
          status = 1;
          err += bb ? `rm: '${a}' is a directory\n` : `rm: cannot remove '${a}': Is a directory\n`;
        } else if (e === 'EROFS') {
          status = 1;
          err += bb ? `rm: can't remove '${a}': Read-only file system\n` : `rm: cannot remove '${a}': Read-only file system\n`;
        }
      }
      return { status, err };
    }
    case 'rmdir':
      for (const a of args) fs.remove(p(a), false);
      return { status: 0 };
    case 'cat': {
      const files = args.filter((a) => a !== '-' && !/^-[a-zA-Z]+$/.test(a));
      if (!files.length) return { status: 0, out: ctx.stdin };
      let out = '';
      let err = '';
      let status = 0;
      for (const f of files) {
        const st = fs.stat(p(f));
        const content = st === 'file' ? fs.read(p(f)) : undefined;
        if (st === 'dir') {
          status = 1;
          err += bb ? `cat: read error: Is a directory\n` : `cat: ${f}: Is a directory\n`;
        } else if (content === undefined) {
          status = 1;
          err += bb ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`;
        } else out += content;
      }
      return { status, out, err };
    }
    case 'tee': {
      const append = args.includes('-a');
      for (const f of args.filter((a) => !a.startsWith('-'))) fs.write(p(f), ctx.stdin, append);
      return { status: 0, out: ctx.stdin };
    }
    case 'test':
      return { status: testExpr(args, ctx) };
    case '[': {
      if (args[args.length - 1] !== ']') return { status: 2, err: `${sh}: missing ]\n` };
      return { status: testExpr(args.slice(0, -1), ctx) };
    }
    case 'env':
    case 'printenv': {
      const env = Object.keys(ctx.exported)
        .filter((k) => ctx.vars[k] !== undefined)
        .map((k) => [k, ctx.vars[k]] as const);
      if (name === 'printenv' && args.length) {
        const vals = args.map((a) => ctx.vars[a]).filter((v) => v !== undefined && ctx.exported[args[0]]);
        return {
          status: vals.length === args.length ? 0 : 1,
          out: vals.map((v) => `${v}\n`).join(''),
        };
      }
      return { status: 0, out: env.map(([k, v]) => `${k}=${v}\n`).join('') };
    }
    case 'export':
      for (const a of args) {
        const eq = a.indexOf('=');
        const k = eq < 0 ? a : a.slice(0, eq);
        if (eq >= 0) ctx.vars[k] = a.slice(eq + 1);
        ctx.exported[k] = true;
      }
      return { status: 0 };
    case 'unset':
      for (const a of args) {
        delete ctx.vars[a];
        delete ctx.exported[a];
      }
      return { status: 0 };
    case 'mkdir': {
      const parents = args.some((a) => /^-[a-z]*p/.test(a));
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const e = fs.mkdir(p(a), parents);
        if (e === 'EEXIST')
          return {
            status: 1,
            err: bb ? `mkdir: can't create directory '${a}': File exists\n` : `mkdir: cannot create directory '${a}': File exists\n`,
          };
        if (e === 'ENOENT')
          return {
            status: 1,
            err: bb
              ? `mkdir: can't create directory '${a}': No such file or directory\n`
              : `mkdir: cannot create directory '${a}': No such file or directory\n`,
          };
        if (e === 'EROFS')
          return {
            status: 1,
            err: bb ? `mkdir: can't create directory '${a}': Read-only file system\n` : `mkdir: cannot create directory '${a}': Read-only file system\n`,
          };
      }
      return { status: 0 };
    }
    case 'ls': {
      const flags = args.filter((a) => a.startsWith('-')).join('');
      const targets = args.filter((a) => !a.startsWith('-'));
      if (!targets.length) targets.push('.');
      let out = '';
      let err = '';
      let status = 0;
      for (const t of targets) {
        const st = fs.stat(p(t));
        if (!st) {
          status = bb ? 1 : 2;
          err += bb ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`;
          continue;
        }
        const names = st === 'dir' ? fs.list(p(t)).filter((n) => flags.includes('a') || !n.startsWith('.')) : [t];
        if (targets.length > 1 && st === 'dir') out += `${t}:\n`;
        if (flags.includes('l')) {
          for (const n of names) {
            const full = st === 'dir' ? `${p(t)}/${n}`.replace('//', '/') : p(t);
            const link = fs.readlink?.(full);
            const isDir = !link && fs.stat(full) === 'dir';
            const size = link ? link.length : isDir ? 4096 : (fs.read(full) ?? '').length;
            const mode = link ? 'lrwxrwxrwx' : isDir ? 'drwxr-xr-x' : '-rw-r--r--';
            out += `${mode}    1 root     root    ${String(size).padStart(9)} ${formatDate(host.now(), '%b %e %H:%M')} ${n}${link ? ` -> ${link}` : ''}\n`;
          }
        } else out += names.map((n) => `${n}\n`).join('');
      }
      return { status, out, err };
    }
    case 'readlink': {
      // readlink prints a link's target (-f: the path with every link followed); nothing, status 1, otherwise.
      const follow = args.some((a) => /^-[a-zA-Z]*[fe]/.test(a));
      let out = '';
      let status = 0;
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const target = follow ? (fs.stat(p(a)) ? (fs.resolve?.(p(a)) ?? p(a)) : undefined) : fs.readlink?.(p(a));
        if (target === undefined) status = 1;
        else out += `${target}\n`;
      }
      return { status, out };
    }
    case 'date': {
      const fmt = args.find((a) => a.startsWith('+'));
      return {
        status: 0,
        out: `${fmt ? formatDate(host.now(), fmt.slice(1)) : unixDate(host.now())}\n`,
      };
    }
    case 'hostname':
      return { status: 0, out: `${host.hostname}\n` };
    case 'whoami':
      return { status: 0, out: 'root\n' };
    case 'id':
      return {
        status: 0,
        out: bb ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n',
      };
    case 'pwd':
      return { status: 0, out: `${ctx.cwd}\n` };
    case 'cd': {
      const dir = p(args[0] ?? ctx.vars.HOME ?? '/');
      if (fs.stat(dir) !== 'dir')
        return {
          status: 2,
          err: bb ? `${sh}: cd: can't cd to ${args[0]}: No such file or directory\n` : `${sh}: 1: cd: can't cd to ${args[0]}\n`,
        };
      ctx.setCwd(dir);
      return { status: 0 };
    }
    case 'uname':
      return {
        status: 0,
        out: args.includes('-a')
          ? `Linux ${host.hostname} 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n`
          : args.includes('-r')
            ? '6.8.0-51-generic\n'
            : 'Linux\n',
      };
    case 'nproc':
      return { status: 0, out: '2\n' };
    case 'uptime':
      return {
        status: 0,
        out: ` ${formatDate(host.now(), '%H:%M:%S')} up 1 day,  2:13,  0 users,  load average: 0.21, 0.18, 0.16\n`,
      };
    case 'wc': {
      const text = args.filter((a) => !a.startsWith('-')).length
        ? args
            .filter((a) => !a.startsWith('-'))
            .map((f) => fs.read(p(f)) ?? '')
            .join('')
        : ctx.stdin;
      const l = (text.match(/\n/g) ?? []).length;
      const w = text.split(/\s+/).filter(Boolean).length;
      const c = text.length;
      if (args.includes('-l')) return { status: 0, out: `${l}\n` };
      if (args.includes('-w')) return { status: 0, out: `${w}\n` };
      if (args.includes('-c')) return { status: 0, out: `${c}\n` };
      return {
        status: 0,
        out: `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(c).padStart(7)}\n`,
      };
    }
    case 'head':
    case 'tail': {
      let n = 10;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-n') n = Number.parseInt(args[++i] ?? '10', 10);
        else if (/^-\d+$/.test(args[i])) n = Number.parseInt(args[i].slice(1), 10);
        else if (/^-n\d+$/.test(args[i])) n = Number.parseInt(args[i].slice(2), 10);
        else if (args[i] === '-f') {
          // `tail -f` follows forever: the shell blocks.
          if (ctx.sync) ctx.host.slept?.(Number.POSITIVE_INFINITY);
          return {
            status: 0,
            sleepMs: ctx.sync ? 0 : Number.POSITIVE_INFINITY,
          };
        } else files.push(args[i]);
      }
      const text = files.length ? files.map((f) => fs.read(p(f)) ?? '').join('') : ctx.stdin;
      const ls = lines(text);
      const pick = name === 'head' ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n));
      return { status: 0, out: pick.map((l) => `${l}\n`).join('') };
    }
    case 'grep':
      return grep(args, ctx.stdin, ctx);
    case 'sort': {
      const ls = lines(args.filter((a) => !a.startsWith('-')).length ? (fs.read(p(args.filter((a) => !a.startsWith('-'))[0])) ?? '') : ctx.stdin).sort();
      if (args.includes('-r')) ls.reverse();
      return { status: 0, out: ls.map((l) => `${l}\n`).join('') };
    }
    case 'tr': {
      const [from = '', to = ''] = args.filter((a) => !a.startsWith('-'));
      let out = '';
      for (const ch of ctx.stdin) {
        const i = from.indexOf(ch);
        if (args.includes('-d')) out += i >= 0 ? '' : ch;
        else out += i >= 0 ? (to[Math.min(i, to.length - 1)] ?? '') : ch;
      }
      return { status: 0, out };
    }
    case 'seq': {
      const nums = args.map((a) => Number(a));
      const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
      let out = '';
      if (step !== 0) for (let v = first; step > 0 ? v <= last : v >= last; v += step) out += `${v}\n`;
      return { status: 0, out };
    }
    case 'expr': {
      if (args.length === 3) {
        const [a, op, b] = args;
        const x = Number.parseInt(a, 10);
        const y = Number.parseInt(b, 10);
        let v: number;
        switch (op) {
          case '+':
            v = x + y;
            break;
          case '-':
            v = x - y;
            break;
          case '*':
            v = x * y;
            break;
          case '/':
            v = Math.trunc(x / y);
            break;
          case '%':
            v = x % y;
            break;
          case '=':
            v = Number(a === b);
            break;
          case '!=':
            v = Number(a !== b);
            break;
          case '<':
            v = Number(x < y);
            break;
          case '>':
            v = Number(x > y);
            break;
          default:
            return { status: 2, err: 'expr: syntax error\n' };
        }
        return { status: v === 0 ? 1 : 0, out: `${v}\n` };
      }
      return { status: args[0] ? 0 : 1, out: `${args[0] ?? ''}\n` };
    }
    case 'cp':
    case 'mv': {
      const files = args.filter((a) => !a.startsWith('-'));
      if (files.length < 2) return { status: 1, err: `${name}: missing file operand\n` };
      const dest = files[files.length - 1];
      for (const src of files.slice(0, -1)) {
        const content = fs.read(p(src));
        if (content === undefined)
          return {
            status: 1,
            err: bb ? `${name}: can't stat '${src}': No such file or directory\n` : `${name}: cannot stat '${src}': No such file or directory\n`,
          };
        const target = fs.stat(p(dest)) === 'dir' ? `${p(dest)}/${src.slice(src.lastIndexOf('/') + 1)}` : p(dest);
        fs.write(target, content, false);
        if (name === 'mv') fs.remove(p(src), false);
      }
      return { status: 0 };
    }
    case 'basename':
      return {
        status: 0,
        out: `${(args[0] ?? '').replace(/\/+$/, '').split('/').pop()}\n`,
      };
    case 'dirname': {
      const a = (args[0] ?? '').replace(/\/+$/, '');
      const i = a.lastIndexOf('/');
      return {
        status: 0,
        out: `${i < 0 ? '.' : i === 0 ? '/' : a.slice(0, i)}\n`,
      };
    }
    case 'kill':
      return { status: 0 };
    case 'yes':
      return { status: 0, out: `${args[0] ?? 'y'}\n`.repeat(1000) };
    case 'read':
      return { status: 1 };
    case 'ps':
      return {
        status: 0,
        out: bb ? 'PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n' : '    PID TTY          TIME CMD\n      1 ?        00:00:00 sh\n',
      };
    case 'df':
      return {
        status: 0,
        out: 'Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay              102625208  23418952  74099604  24% /\n',
      };
    case 'free':
      return {
        status: 0,
        out: '              total        used        free      shared  buff/cache   available\nMem:        4194304      612340     2871204        1432      710760     3581964\nSwap:             0           0           0\n',
      };
    case 'timeout':
      return args.length > 1 ? runCommand(args.slice(1), ctx) : { status: 1 };
    case 'sh':
    case 'ash':
    case 'bash':
    case 'dash':
      // A nested shell is handled by the interpreter (it re-enters with the script); bare `sh` without a script reads nothing.
      return { status: 0 };
    case 'nslookup':
      return busyboxNslookup(args, ctx) ?? nslookup(args, ctx);
    case 'wget':
      return wget(args, ctx);
    case 'nc':
      return { status: 1, err: 'nc: bad address\n' };
    case 'ping':
      return { status: 1, err: `ping: permission denied (are you root?)\n` };
    default:
      return { status: 127, err: `${sh}: ${name0}: not found\n` };
  }
}

function nslookup(args: string[], ctx: CmdContext): CmdResult {
  const name = args.find((a) => !a.startsWith('-'));
  const net = ctx.host.net;
  if (!name)
    return {
      status: 1,
      err: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
    };
  const server = net?.nameserver() ?? '10.96.0.10';
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const answer = net?.resolve(name);
  if (!answer)
    return {
      status: 1,
      out: head,
      err: `** server can't find ${name.includes('.') ? name : `${name}.cluster.local`}: NXDOMAIN\n\n`,
    };
  return {
    status: 0,
    out: `${head}${answer.ips.map((ip) => `Name:\t${answer.fqdn}\nAddress: ${ip}\n`).join('')}\n`,
  };
}

function wget(argv: string[], ctx: CmdContext): CmdResult {
  // `--header 'Host: x'` (or --header=…): the one header the network model reads; its value is no URL.
  let hostHeader: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const h = argv[i] === '--header' ? argv[++i] : argv[i].startsWith('--header=') ? argv[i].slice(9) : undefined;
    if (h === undefined) args.push(argv[i]);
    else if (/^\s*host\s*:/i.test(h)) hostHeader = h.slice(h.indexOf(':') + 1).trim();
  }
  const url = args.find((a) => /^https?:\/\//.test(a) || (!a.startsWith('-') && a.includes('.')) || (!a.startsWith('-') && a.includes(':')));
  const quiet = args.some((a) => /^-[a-zA-Z]*q/.test(a));
  const toStdout =
    args.includes('-O-') || args.includes('-qO-') || (args.includes('-O') && args[args.indexOf('-O') + 1] === '-') || args.some((a) => /^-q?O-$/.test(a));
  if (!url)
    return {
      status: 1,
      err: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n',
    };
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { status: 1, err: `wget: bad address '${url}'\n` };
  const host = m[2];
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  const path = m[4] ?? '/';
  const net = ctx.host.net;
  const resolved = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : net?.resolve(host)?.ips[0];
  if (!resolved || !net)
    return {
      status: 1,
      err: `wget: bad address '${host}${m[3] ? `:${m[3]}` : ''}'\n`,
    };
  const answer = net.httpGet(resolved, port, path, hostHeader);
  const connecting = quiet ? '' : `Connecting to ${host}${m[3] ? `:${m[3]}` : ''} (${resolved}:${port})\n`;
  if (typeof answer === 'string') {
    return {
      status: 1,
      err: `${connecting}wget: can't connect to remote host (${resolved}): ${answer === 'connection refused' ? 'Connection refused' : 'Connection timed out'}\n`,
    };
  }
  if (answer.status >= 400)
    return {
      status: 1,
      err: `${connecting}wget: server returned error: HTTP/1.1 ${answer.status} ${answer.status === 404 ? 'Not Found' : 'Error'}\n`,
    };
  if (toStdout)
    return {
      status: 0,
      out: answer.body,
      err: quiet
        ? ''
        : `${connecting}writing to stdout\n-                    100% |********************************|   ${answer.body.length}  0:00:00 ETA\nwritten to stdout\n`,
    };
  const file = path === '/' ? 'index.html' : path.slice(path.lastIndexOf('/') + 1);
  ctx.host.fs.write(resolvePath(ctx.cwd, file), answer.body, false);
  return {
    status: 0,
    err: quiet
      ? ''
      : `${connecting}saving to '${file}'\n${file}           100% |********************************|   ${answer.body.length}  0:00:00 ETA\n'${file}' saved\n`,
  };
}

export { lines as splitLines };
