import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { compareGoStrings, goQuote, goStringSlice, isQualifiedName, isValidLabelValue } from './names';

/**
 * Label selectors: the string grammar (`kubectl -l`, `?labelSelector=`) and metav1.LabelSelector
 * (workload `spec.selector`). Error texts follow the API server's, since kubectl shows them.
 */

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** As given: the parser hands them over sorted and de-duplicated, matchExpressions do not. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | null | undefined;

export interface Selector {
  matches(labels: Labels): boolean;
  /** True when the selector does not restrict anything. */
  empty(): boolean;
  toString(): string;
  readonly requirements: readonly Requirement[];
  /** False only for the selector of a null LabelSelector, which selects nothing. */
  readonly selectable: boolean;
  add(...requirements: Requirement[]): Selector;
  /** The single value a selector demands for `key` (`key=v`, `key==v` or `key in (v)`). */
  requiresExactMatch(key: string): string | undefined;
}

export class SelectorParseError extends Error {
  override name = 'SelectorParseError';
}

const binaryOperators: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validOperators: readonly Operator[] = [...binaryOperators, 'exists', '!'];

// ---------------------------------------------------------------------------------------------
// Requirements.

function has(labels: Labels, key: string): boolean {
  return labels != null && Object.hasOwn(labels, key);
}

const int64Pattern = /^[+-]?[0-9]+$/;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): undefined when Go would return an error. */
function parseInt64(s: string): bigint | undefined {
  if (!int64Pattern.test(s)) return undefined;
  const v = BigInt(s);
  return v < int64Min || v > int64Max ? undefined : v;
}

function invalid(path: string, badValue: string, detail: string): string {
  return `${path}: Invalid value: ${badValue}: ${detail}`;
}

/** An aggregate of field errors prints alone when single, otherwise bracketed. */
function aggregate(errs: string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}

function labelKeyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, goQuote(key), errs.join('; ')) : undefined;
}

/**
 * Builds a validated requirement (NewRequirement). Throws {@link SelectorParseError} with the
 * aggregated field errors. `null` values stand for a Go nil list, which errors print differently
 * from an empty one (`[]string(nil)` vs `[]string{}`).
 */
export function newRequirement(
  key: string,
  operator: Operator,
  valuesOrNil: readonly string[] | null = [],
): Requirement {
  const values = valuesOrNil ?? [];
  const shown = goStringSlice(valuesOrNil);
  const errs: string[] = [];
  const keyErr = labelKeyError(key, 'key');
  if (keyErr) errs.push(keyErr);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        errs.push(invalid('values', shown, "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        errs.push(invalid('values', shown, 'exact-match compatibility requires one single value'));
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        errs.push(
          invalid('values', shown, 'values set must be empty for exists and does not exist'),
        );
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        errs.push(
          invalid('values', shown, "for 'Gt', 'Lt' operators, exactly one value is required"),
        );
      }
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(
        `operator: Unsupported value: ${goQuote(String(operator))}: supported values: ${validOperators.map(goQuote).join(', ')}`,
      );
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), msgs.join('; ')));
  });
  const message = aggregate(errs);
  if (message !== undefined) throw new SelectorParseError(message);
  return { key, operator, values: [...values] };
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes((labels as Record<string, string>)[r.key]);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes((labels as Record<string, string>)[r.key]);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key)) return false;
      const actual = parseInt64((labels as Record<string, string>)[r.key]);
      if (actual === undefined || r.values.length !== 1) return false;
      const wanted = parseInt64(r.values[0]);
      if (wanted === undefined) return false;
      return r.operator === 'gt' ? actual > wanted : actual < wanted;
    }
    default:
      return false;
  }
}

export function requirementToString(r: Requirement): string {
  let out = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return out;
    case 'in':
      out += ' in ';
      break;
    case 'notin':
      out += ' notin ';
      break;
    case 'gt':
      out += '>';
      break;
    case 'lt':
      out += '<';
      break;
    default:
      out += r.operator;
  }
  // Values print sorted whatever order they were given in.
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${out}(${values})` : out + values;
}

// ---------------------------------------------------------------------------------------------
// Selectors.

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => compareGoStrings(a.key, b.key));
}

class RequirementsSelector implements Selector {
  readonly selectable = true;
  constructor(readonly requirements: readonly Requirement[]) {}

  matches(labels: Labels): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }

  add(...requirements: Requirement[]): Selector {
    return new RequirementsSelector(sortByKey([...this.requirements, ...requirements]));
  }

  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (!r) return undefined;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) {
      return r.values[0];
    }
    return undefined;
  }
}

class NothingSelector implements Selector {
  readonly selectable = false;
  readonly requirements: readonly Requirement[] = [];
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  add(): Selector {
    return this;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

const everythingSelector: Selector = new RequirementsSelector([]);
const nothingSelector: Selector = new NothingSelector();

export function everything(): Selector {
  return everythingSelector;
}

export function nothing(): Selector {
  return nothingSelector;
}

/** Matches exactly the given labels (no validation, as upstream); empty → everything. */
export function selectorFromSet(labels: Labels): Selector {
  if (!labels) return everythingSelector;
  const reqs = Object.keys(labels).map((key): Requirement => ({ key, operator: '=', values: [labels[key]] }));
  return new RequirementsSelector(sortByKey(reqs));
}

/** Like {@link selectorFromSet} but validates keys and values. */
export function validatedSelectorFromSet(labels: Labels): Selector {
  if (!labels) return everythingSelector;
  const reqs = Object.keys(labels)
    .sort(compareGoStrings)
    .map((key) => newRequirement(key, '=', [labels[key]]));
  return new RequirementsSelector(sortByKey(reqs));
}

/** Whether every label of `subset` is present with the same value in `labels`. */
export function labelsContain(labels: Labels, subset: Labels): boolean {
  if (!subset) return true;
  return Object.keys(subset).every((k) => has(labels, k) && (labels as Record<string, string>)[k] === subset[k]);
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector.

const labelSelectorOperators: Record<string, Operator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: a null selector selects nothing, an empty one everything.
 * Throws {@link SelectorParseError} on an unknown operator or an invalid requirement.
 */
export function selectorFromLabelSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls == null) return nothingSelector;
  const matchLabels = ls.matchLabels ?? {};
  const matchExpressions = ls.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + matchExpressions.length === 0) return everythingSelector;
  const reqs: Requirement[] = [];
  // Upstream walks a Go map here, so which bad label is reported first is unspecified; sort.
  for (const key of labelKeys.sort(compareGoStrings)) reqs.push(newRequirement(key, '=', [matchLabels[key]]));
  for (const expr of matchExpressions) {
    const op = labelSelectorOperators[expr.operator];
    if (!op) throw new SelectorParseError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    // Upstream copies the values with append(nil, ...), so an empty list is a nil one.
    reqs.push(newRequirement(expr.key, op, expr.values?.length ? expr.values : null));
  }
  return new RequirementsSelector(sortByKey(reqs));
}

/** metav1.FormatLabelSelector, as `kubectl describe` prints `Selector:`. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}

/**
 * metav1.LabelSelectorAsMap: matchLabels plus single-value `In` expressions; throws for what
 * a plain map cannot express.
 */
export function labelSelectorAsMap(ls: LabelSelector | null | undefined): Record<string, string> | undefined {
  if (ls == null) return undefined;
  const out: Record<string, string> = { ...(ls.matchLabels ?? {}) };
  for (const expr of ls.matchExpressions ?? []) {
    switch (expr.operator) {
      case 'In':
        if ((expr.values ?? []).length !== 1) {
          throw new SelectorParseError(
            `operator ${goQuote(expr.operator)} without a single value cannot be converted into the old label selector format`,
          );
        }
        out[expr.key] = (expr.values ?? [])[0];
        break;
      case 'NotIn':
      case 'Exists':
      case 'DoesNotExist':
        throw new SelectorParseError(
          `operator ${goQuote(expr.operator)} cannot be converted into the old label selector format`,
        );
      default:
        throw new SelectorParseError(`${goQuote(expr.operator)} is not a valid selector operator`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The string grammar. The lexer and parser follow upstream step by step, because the error
// text depends on exactly which token the parser was looking at when it gave up.

type Token =
  | 'error'
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

const keywordTokens: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

interface ScannedItem {
  tok: Token;
  literal: string;
}

const NUL = '\0';

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  // Upstream reads bytes and uses 0 for "no more input", so a NUL in the text ends a token too.
  private read(): string {
    if (this.pos < this.s.length) return this.s[this.pos++];
    return NUL;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): ScannedItem {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    const keyword = Object.hasOwn(keywordTokens, buffer) ? keywordTokens[buffer] : undefined;
    return { tok: keyword ?? 'identifier', literal: buffer };
  }

  /** The longest operator at this point: `!=` rather than `!`, `==` rather than `=`. */
  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === NUL) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const tok = Object.hasOwn(keywordTokens, buffer) ? keywordTokens[buffer] : undefined;
      if (tok) last = { tok, literal: buffer };
      else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: 'error', literal: `error expected: keyword found '${buffer}'` };
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === NUL) return { tok: 'eos', literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

type ParserContext = 'keyAndOperator' | 'values';

class Parser {
  private items: ScannedItem[] = [];
  private position = 0;

  constructor(text: string) {
    const lexer = new Lexer(text);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.tok === 'eos') break;
    }
  }

  // In a value position `in` and `notin` are plain identifiers: `x in (in,notin)` is valid.
  private lookahead(context: ParserContext): ScannedItem {
    const item = this.items[this.position];
    if (context === 'values' && (item.tok === 'in' || item.tok === 'notin')) {
      return { tok: 'identifier', literal: item.literal };
    }
    return item;
  }

  private consume(context: ParserContext): ScannedItem {
    const item = this.lookahead(context);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead('values');
      switch (tok) {
        case 'identifier':
        case '!': {
          try {
            reqs.push(this.parseRequirement());
          } catch (e) {
            throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
          }
          const next = this.consume('values');
          if (next.tok === 'eos') return reqs;
          if (next.tok === ',') {
            const after = this.lookahead('values');
            if (after.tok !== 'identifier' && after.tok !== '!') {
              throw new SelectorParseError(`found '${after.literal}', expected: identifier after ','`);
            }
            break;
          }
          throw new SelectorParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
        }
        case 'eos':
          return reqs;
        default:
          throw new SelectorParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort(compareGoStrings));
  }

  private parseKeyAndInferOperator(): [string, Operator | undefined] {
    let operator: Operator | undefined;
    let item = this.consume('values');
    if (item.tok === '!') {
      operator = '!';
      item = this.consume('values');
    }
    if (item.tok !== 'identifier') throw new SelectorParseError(`found '${item.literal}', expected: identifier`);
    // Upstream passes a nil field path here, which prints as "<nil>".
    const keyErr = labelKeyError(item.literal, '<nil>');
    if (keyErr) throw new SelectorParseError(keyErr);
    const next = this.lookahead('values').tok;
    if ((next === 'eos' || next === ',') && operator !== '!') operator = 'exists';
    return [item.literal, operator];
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.consume('keyAndOperator');
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new SelectorParseError(`found '${literal}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    let item = this.consume('values');
    if (item.tok !== '(') throw new SelectorParseError(`found '${item.literal}' expected: '('`);
    item = this.lookahead('values');
    switch (item.tok) {
      case 'identifier':
      case ',': {
        const set = this.parseIdentifiersList();
        // Upstream reports the token that opened the list here, not the one it tripped on.
        if (this.consume('values').tok !== ')') throw new SelectorParseError(`found '${item.literal}', expected: ')'`);
        return set;
      }
      case ')':
        this.consume('values');
        return new Set(['']);
      default:
        throw new SelectorParseError(`found '${item.literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const set = new Set<string>();
    for (;;) {
      const item = this.consume('values');
      if (item.tok === 'identifier') {
        set.add(item.literal);
        const next = this.lookahead('values');
        if (next.tok === ',') continue;
        if (next.tok === ')') return set;
        throw new SelectorParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (item.tok === ',') {
        // An empty slot in the list ("(,a)", "(a,)", "(a,,b)") stands for the empty value.
        if (set.size === 0) set.add('');
        const next = this.lookahead('values').tok;
        if (next === ')') {
          set.add('');
          return set;
        }
        if (next === ',') {
          this.consume('values');
          set.add('');
        }
        continue;
      }
      throw new SelectorParseError(`found '${item.literal}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead('values').tok;
    if (next === 'eos' || next === ',') return new Set(['']);
    const item = this.consume('values');
    if (item.tok === 'identifier') return new Set([item.literal]);
    throw new SelectorParseError(`found '${item.literal}', expected: identifier`);
  }
}

/**
 * Parses the selector grammar:
 * `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`, joined by commas.
 * The empty string selects everything.
 */
export function parseSelector(text: string): Selector {
  return new RequirementsSelector(sortByKey(new Parser(text).parse()));
}
