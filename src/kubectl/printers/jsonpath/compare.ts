import { compareGoStrings, GoByte, GoFloat, isGoInt } from '../gofmt';
import { JsonPathError } from './nodes';

/**
 * Filter comparisons as client-go's fork of text/template compares values: only values of
 * the same basic kind compare (an int field against `1.5` is an error, not false).
 */

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string';

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';

function basicKind(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte) return 'uint';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  throw new JsonPathError(BAD_TYPE);
}

function numeric(v: unknown): number {
  if (v instanceof GoFloat || v instanceof GoByte) return v.value;
  return v as number;
}

function equal(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) {
    // Integers compare across signedness; nothing else mixes.
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int')) return numeric(a) === numeric(b);
    throw new JsonPathError(INCOMPATIBLE);
  }
  if (ka === 'string' || ka === 'bool') return a === b;
  return numeric(a) === numeric(b);
}

function less(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) {
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int')) return numeric(a) < numeric(b);
    throw new JsonPathError(INCOMPATIBLE);
  }
  if (ka === 'bool') throw new JsonPathError(BAD_TYPE);
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return numeric(a) < numeric(b);
}

export function compare(operator: string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case '<':
      return less(a, b);
    case '>':
      return !(less(a, b) || equal(a, b));
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>=':
      return !less(a, b);
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}
