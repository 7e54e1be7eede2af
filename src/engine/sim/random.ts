/**
 * Named, seeded random streams. Each use (uids, name suffixes, IPs, jitter, tie-breaks) draws
 * from its own stream, so adding draws in one place does not shift the history of another.
 * The generator is sfc32: small, fast, and its state is four numbers a snapshot can hold.
 */
export class RandomStream {
  // The state as four fields rather than an array: next() runs millions of times at scale.
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(s: [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = s;
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.a >>> 0;
    const b = this.b >>> 0;
    const c = this.c >>> 0;
    const d = this.d >>> 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string {
    // One flat string from character codes: appending a character at a time leaves a chain of
    // n string pieces behind (a container ID holds 64 of them for as long as it lives).
    const codes: number[] = new Array(n);
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    return String.fromCharCode.apply(null, codes);
  }

  /** A version-4 UUID, as the API server gives every object. */
  uuid(): string {
    // 32 hex digits drawn in order, then the variant digit; digit 12 is the version. Built as
    // character codes in one buffer: a UUID per object is made for every write that creates one.
    const codes = UUID_CODES;
    let at = 0;
    for (let i = 0; i < 32; i++) {
      const digit = HEX_CODES[this.int(16)];
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[at++] = DASH;
      codes[at++] = i === 12 ? FOUR : digit;
    }
    codes[19] = VARIANT_CODES[this.int(4)];
    return String.fromCharCode.apply(null, codes);
  }

  state(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const VARIANT_CODES = [...'89ab'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);
const UUID_CODES: number[] = new Array(36).fill(0);

export type RandomState = Record<string, [number, number, number, number]>;

/** FNV-1a, 32 bit: mixes a seed and a stream name into a starting state. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      const base = fnv1a(`${this.seed}:${name}`);
      s = new RandomStream([base, fnv1a(`${name}:${this.seed}`), 0x9e3779b9 ^ this.seed, 1]);
      for (let i = 0; i < 12; i++) s.next(); // warm up, as sfc32 recommends
      this.streams.set(name, s);
    }
    return s;
  }

  snapshot(): RandomState {
    const out: RandomState = {};
    for (const [name, s] of [...this.streams].sort(([a], [b]) => a.localeCompare(b))) out[name] = s.state();
    return out;
  }

  restore(state: RandomState): void {
    this.streams.clear();
    for (const [name, s] of Object.entries(state)) this.streams.set(name, new RandomStream([...s]));
  }
}
