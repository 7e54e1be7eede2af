import { compareGoStrings } from './names';

/**
 * Field selectors (`kubectl get --field-selector`, `?fieldSelector=`): `field=value`,
 * `field==value`, `field!=value`, comma-separated. In values, `\`, `,` and `=` are escaped with
 * a backslash. There is no whitespace trimming: `a = b` compares field "a " with " b".
 */

export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

export interface FieldSelector {
  /** A field missing from `fields` compares as the empty string. */
  matches(fields: Readonly<Record<string, string>>): boolean;
  empty(): boolean;
  readonly requirements: readonly FieldRequirement[];
  toString(): string;
  /** The value the selector demands for `field` with `=`, if any (used to index by node). */
  requiresExactMatch(field: string): string | undefined;
}

export class FieldSelectorParseError extends Error {
  override name = 'FieldSelectorParseError';
}

/** Escapes `\`, `,` and `=` so that any literal can be used as a value. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Reverses {@link escapeFieldValue}; unknown escapes and bare `,`/`=` are errors. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      // Upstream prints the rune with %v, which gives its code point number.
      throw new FieldSelectorParseError(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`,
      );
    } else out += c;
  }
  if (inSlash) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; the backslashes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// `==` is tried before `=` so that `a==b` does not leave "=b" as the value.
const termOperators = ['!=', '==', '='] as const;

/** The first operator in the term splits it; the field part cannot be escaped. */
function splitTerm(term: string): [string, (typeof termOperators)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

class RequirementsFieldSelector implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  matches(fields: Readonly<Record<string, string>>): boolean {
    return this.requirements.every((r) => {
      const actual = Object.hasOwn(fields, r.field) ? fields[r.field] : '';
      return r.op === '=' ? actual === r.value : actual !== r.value;
    });
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
  }

  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.op === '=' && r.field === field)?.value;
  }
}

const everythingFields: FieldSelector = new RequirementsFieldSelector([]);

export function everythingFieldSelector(): FieldSelector {
  return everythingFields;
}

/** Parses a field selector; the empty string selects everything. */
export function parseFieldSelector(selector: string): FieldSelector {
  // Terms are sorted as raw text (before unescaping), which fixes the order toString() prints.
  const parts = splitTerms(selector).sort(compareGoStrings);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    const value = unescapeFieldValue(rhs);
    // A term with both sides empty ("=") selects everything upstream, so it is dropped.
    if (field === '' && value === '') continue;
    reqs.push({ field, op: op === '!=' ? '!=' : '=', value });
  }
  return new RequirementsFieldSelector(reqs);
}

/** A selector requiring each field to equal the given value, in sorted field order. */
export function fieldSelectorFromSet(fields: Readonly<Record<string, string>>): FieldSelector {
  const reqs = Object.keys(fields)
    .sort(compareGoStrings)
    .map((field): FieldRequirement => ({ field, op: '=', value: fields[field] }));
  return new RequirementsFieldSelector(reqs);
}

export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return new RequirementsFieldSelector([{ field, op: '=', value }]);
}

export function oneTermNotEqualSelector(field: string, value: string): FieldSelector {
  return new RequirementsFieldSelector([{ field, op: '!=', value }]);
}
