/**
 * `$(( … ))` arithmetic: integers, + - * / % **, comparisons, && ||, ! ~, parentheses,
 * variables by bare name, and `=`/`+=` assignments, as ash and dash evaluate it.
 */
export class ArithError extends Error {}

type Vars = {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
};

export function evalArith(src: string, vars: Vars): number {
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|\/=|[-+*/%()<>!~=&|^?:,]/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const take = () => toks[i++];
  const num = (name: string): number => {
    const v = vars.get(name);
    if (v === undefined || v === '') return 0;
    const n = Number.parseInt(v, 10);
    if (Number.isNaN(n)) throw new ArithError(`arithmetic syntax error`);
    return n;
  };

  function primary(): number {
    const t = take();
    if (t === undefined) throw new ArithError('arithmetic syntax error');
    if (t === '(') {
      const v = comma();
      if (take() !== ')') throw new ArithError('arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === '~') return ~primary();
    if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if (op === '=' || op === '+=' || op === '-=' || op === '*=' || op === '/=') {
        take();
        const rhs = assign();
        const cur = num(t);
        const v = op === '=' ? rhs : op === '+=' ? cur + rhs : op === '-=' ? cur - rhs : op === '*=' ? cur * rhs : Math.trunc(cur / rhs);
        vars.set(t, String(v));
        return v;
      }
      return num(t);
    }
    throw new ArithError('arithmetic syntax error');
  }
  function power(): number {
    const b = primary();
    if (peek() === '**') {
      take();
      return b ** power();
    }
    return b;
  }
  function mul(): number {
    let v = power();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = take();
      const r = power();
      if ((op === '/' || op === '%') && r === 0) throw new ArithError('divide by zero');
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  }
  function add(): number {
    let v = mul();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + mul() : v - mul();
    return v;
  }
  function shift(): number {
    let v = add();
    while (peek() === '<<' || peek() === '>>') v = take() === '<<' ? v << add() : v >> add();
    return v;
  }
  function rel(): number {
    let v = shift();
    while (['<', '>', '<=', '>='].includes(peek() ?? '')) {
      const op = take();
      const r = shift();
      v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : v >= r);
    }
    return v;
  }
  function eq(): number {
    let v = rel();
    while (peek() === '==' || peek() === '!=') v = Number(take() === '==' ? v === rel() : v !== rel());
    return v;
  }
  function band(): number {
    let v = eq();
    while (peek() === '&') {
      take();
      v &= eq();
    }
    return v;
  }
  function bxor(): number {
    let v = band();
    while (peek() === '^') {
      take();
      v ^= band();
    }
    return v;
  }
  function bor(): number {
    let v = bxor();
    while (peek() === '|') {
      take();
      v |= bxor();
    }
    return v;
  }
  function land(): number {
    let v = bor();
    while (peek() === '&&') {
      take();
      const r = bor();
      v = Number(!!v && !!r);
    }
    return v;
  }
  function lor(): number {
    let v = land();
    while (peek() === '||') {
      take();
      const r = land();
      v = Number(!!v || !!r);
    }
    return v;
  }
  function ternary(): number {
    const c = lor();
    if (peek() === '?') {
      take();
      const a = assign();
      if (take() !== ':') throw new ArithError('arithmetic syntax error');
      const b = assign();
      return c ? a : b;
    }
    return c;
  }
  function assign(): number {
    return ternary();
  }
  function comma(): number {
    let v = assign();
    while (peek() === ',') {
      take();
      v = assign();
    }
    return v;
  }
  if (toks.length === 0) return 0;
  const v = comma();
  if (i < toks.length) throw new ArithError('arithmetic syntax error');
  return v;
}
