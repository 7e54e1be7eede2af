import { GoParseError, parseGoBool, parseGoDuration, parseGoInt } from './flags/goparse';
import { type FlagSpec, flagTitle } from './flags/spec';

/** A flag problem; the dispatcher adds `See 'kubectl X --help' for usage.` as cobra does. */
export class FlagError extends Error {}

type Value = boolean | number | string | string[] | Record<string, string>;

/**
 * Parsed flags and arguments with pflag's semantics: flags anywhere among the arguments,
 * `--flag=value`, `--flag value`, `-n ns`, `-nns`, `-n=ns`, grouped short booleans (`-it`),
 * repeated list flags, and `--` ending the flags.
 */
export class Flags {
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byShort = new Map<string, FlagSpec>();
  private readonly values = new Map<string, Value>();
  private readonly set = new Set<string>();
  /** Positional arguments in order. */
  args: string[] = [];
  /** How many positional arguments came before `--` (-1 when there was none), as cobra's ArgsLenAtDash. */
  argsLenAtDash = -1;

  constructor(specs: readonly FlagSpec[]) {
    // The first definition of a name wins: a command's own flags shadow the global ones.
    for (const s of specs) {
      if (this.byName.has(s.name)) continue;
      this.byName.set(s.name, s);
      if (s.short && !this.byShort.has(s.short)) this.byShort.set(s.short, s);
    }
  }

  spec(name: string): FlagSpec | undefined {
    return this.byName.get(name);
  }

  specByShort(short: string): FlagSpec | undefined {
    return this.byShort.get(short);
  }

  /** Parse argv; throws FlagError with pflag's message on the first bad flag. */
  parse(argv: readonly string[]): this {
    const rest = [...argv];
    while (rest.length) {
      const s = rest.shift() as string;
      if (s === '--') {
        this.argsLenAtDash = this.args.length;
        this.args.push(...rest);
        break;
      }
      if (s.startsWith('--')) this.parseLong(s, rest);
      else if (s.startsWith('-') && s.length > 1) this.parseShorts(s.slice(1), rest);
      else this.args.push(s);
    }
    return this;
  }

  private parseLong(arg: string, rest: string[]): void {
    const body = arg.slice(2);
    if (body === '' || body.startsWith('-') || body.startsWith('=')) throw new FlagError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = normalize(eq < 0 ? body : body.slice(0, eq));
    const spec = this.byName.get(name);
    if (!spec) throw new FlagError(`unknown flag: --${name}`);
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (spec.noOptDefVal !== undefined) value = spec.noOptDefVal;
    else if (rest.length) value = rest.shift() as string;
    else throw new FlagError(`flag needs an argument: ${arg}`);
    this.assign(spec, value);
  }

  private parseShorts(shorthands: string, rest: string[]): void {
    let s = shorthands;
    while (s.length) {
      const c = s[0];
      const spec = this.byShort.get(c);
      if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${s}`);
      let value: string;
      if (s.length > 2 && s[1] === '=') {
        value = s.slice(2);
        s = '';
      } else if (spec.noOptDefVal !== undefined) {
        value = spec.noOptDefVal;
        s = s.slice(1);
      } else if (s.length > 1) {
        value = s.slice(1);
        s = '';
      } else if (rest.length) {
        value = rest.shift() as string;
        s = '';
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${s}`);
      }
      this.assign(spec, value);
    }
  }

  private assign(spec: FlagSpec, raw: string): void {
    const first = !this.set.has(spec.name);
    this.set.add(spec.name);
    try {
      switch (spec.kind) {
        case 'bool':
          this.values.set(spec.name, parseGoBool(raw));
          break;
        case 'int':
          this.values.set(spec.name, parseGoInt(raw));
          break;
        case 'duration':
          this.values.set(spec.name, parseGoDuration(raw));
          break;
        case 'string':
          this.values.set(spec.name, raw);
          break;
        case 'array':
        case 'slice': {
          const add = spec.kind === 'slice' ? splitCsv(raw) : [raw];
          const old = first ? [] : ((this.values.get(spec.name) as string[]) ?? []);
          this.values.set(spec.name, [...old, ...add]);
          break;
        }
        case 'map': {
          const old = first ? {} : ((this.values.get(spec.name) as Record<string, string>) ?? {});
          const next = { ...old };
          for (const pair of splitCsv(raw)) {
            const i = pair.indexOf('=');
            if (i < 0) throw new GoParseError(`${pair} must be formatted as key=value`);
            next[pair.slice(0, i)] = pair.slice(i + 1);
          }
          this.values.set(spec.name, next);
          break;
        }
      }
    } catch (e) {
      if (e instanceof GoParseError) {
        throw new FlagError(`invalid argument "${raw}" for "${flagTitle(spec)}" flag: ${e.message}`);
      }
      throw e;
    }
  }

  /** Whether the user gave the flag (cobra's Flags().Changed). */
  changed(name: string): boolean {
    return this.set.has(name);
  }

  bool(name: string): boolean {
    if (this.values.has(name)) return this.values.get(name) as boolean;
    return this.spec(name)?.defaultText === 'true';
  }

  string(name: string): string {
    if (this.values.has(name)) return this.values.get(name) as string;
    return this.spec(name)?.defaultText ?? '';
  }

  int(name: string): number {
    if (this.values.has(name)) return this.values.get(name) as number;
    const d = this.spec(name)?.defaultText;
    return d ? Number(d) : 0;
  }

  /** A duration flag's value in milliseconds. */
  duration(name: string): number {
    if (this.values.has(name)) return this.values.get(name) as number;
    const d = this.spec(name)?.defaultText;
    return d ? parseGoDuration(d) : 0;
  }

  strings(name: string): string[] {
    if (this.values.has(name)) return this.values.get(name) as string[];
    const d = this.spec(name)?.defaultText;
    return d ? d.split(',') : [];
  }

  map(name: string): Record<string, string> {
    return (this.values.get(name) as Record<string, string>) ?? {};
  }
}

/** kubectl accepts `--all_namespaces` for `--all-namespaces`. */
function normalize(name: string): string {
  return name.replace(/_/g, '-');
}

/** How a string slice flag splits one value: comma-separated, with CSV quoting. */
export function splitCsv(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
