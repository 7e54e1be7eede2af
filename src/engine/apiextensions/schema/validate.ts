import { goFloat } from '../../apiserver/patch/goformat';
import { goQuote } from '../../api/names';
import { deepEqual } from '../../apiserver/apiserver';
import { isObject, type Schema } from '../types';
import { formatValid, supportedFormat } from './formats';
import { compileGoRegexp } from './regex';

/**
 * Validation of a value against a CRD's OpenAPI schema, as Kubernetes' OpenAPI validator does
 * it: the same checks in the same order, each producing the same error text
 * (`spec.replicas in body should be less than or equal to 10`). Errors come back raw, with the
 * name, value and code the API server turns into field errors (see ./errors.ts).
 *
 * Numbers follow the server's JSON decoding: a whole number is an int64, anything else a float64.
 * Properties are visited in sorted order, where the real validator's order is random.
 */

export type ErrorCode =
  | 'invalidType'
  | 'required'
  | 'tooLong'
  | 'tooShort'
  | 'pattern'
  | 'enum'
  | 'multipleOf'
  | 'max'
  | 'min'
  | 'unique'
  | 'maxItems'
  | 'minItems'
  | 'tooFewProperties'
  | 'tooManyProperties'
  | 'unallowedProperty'
  | 'multipleOfMustBePositive';

export interface SchemaError {
  /** A validation error carries a code; composite ones (anyOf, oneOf …) have none. */
  code?: ErrorCode;
  /** The validator's path: `spec.replicas`, `.spec` for a missing top-level field, '' at the root. */
  name: string;
  value?: unknown;
  /** The limit that was crossed (maxLength, maxItems, maxProperties). */
  valid?: number;
  /** The allowed values of an enum. */
  values?: unknown[];
  message: string;
}

const IN = 'body';

/** The schema's types as the validator sees them (int-or-string means both). */
function typesOf(s: Schema): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return typeof s.type === 'string' && s.type ? [s.type] : [];
}

type Kind = 'null' | 'string' | 'int' | 'float' | 'bool' | 'array' | 'object';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** The JSON type and format the validator infers for a decoded value. */
function schemaInfo(k: Kind): [string, string] {
  switch (k) {
    case 'string':
      return ['string', ''];
    case 'int':
      return ['integer', 'int64'];
    case 'float':
      return ['number', 'float64'];
    case 'bool':
      return ['boolean', ''];
    case 'array':
      return ['array', ''];
    default:
      return ['object', ''];
  }
}

function invalidType(name: string, typeName: string, value: unknown): SchemaError {
  const prefix = `${name} in ${IN} must be of type ${typeName}`;
  const message = typeof value === 'string' ? `${prefix}: ${goQuote(value)}` : prefix;
  return { code: 'invalidType', name, value, message };
}

export function validateValue(schema: Schema | undefined, data: unknown, path = ''): SchemaError[] {
  if (!schema) return [];
  const kind = kindOf(data);
  const errs: SchemaError[] = [];
  if (kind === 'null') {
    errs.push(...typeValidator(schema, data, kind, path));
    errs.push(...enumValidator(schema, data, path));
    return errs;
  }
  errs.push(...typeValidator(schema, data, kind, path));
  errs.push(...schemaPropsValidator(schema, data, path));
  if (kind === 'string') errs.push(...stringValidator(schema, data as string, path));
  if (kind === 'string' && supportedFormat(schema.format)) errs.push(...formatValidator(schema, data as string, path));
  if (kind === 'int' || kind === 'float') errs.push(...numberValidator(schema, data as number, kind, path));
  if (kind === 'array') errs.push(...sliceValidator(schema, data as unknown[], path));
  errs.push(...enumValidator(schema, data, path));
  if (kind === 'object') errs.push(...objectValidator(schema, data as Record<string, unknown>, path));
  return errs;
}

function typeValidator(s: Schema, data: unknown, kind: Kind, path: string): SchemaError[] {
  const types = typesOf(s);
  const format = supportedFormat(s.format);
  if (!types.length && !format) return [];
  if (kind === 'null') {
    if (types.length && !types.includes('null') && !s.nullable) return [invalidType(path, types.join(','), 'null')];
    return [];
  }
  const [schType, inferredFormat] = schemaInfo(kind);
  const isFloatInt = schType === 'number' && isJSONInteger(data as number) && types.includes('integer');
  const isIntFloat = schType === 'integer' && types.includes('number');
  if (kind !== 'string' && kind !== 'array' && format && !(types.includes(schType) || inferredFormat === format || isFloatInt || isIntFloat)) {
    return [invalidType(path, format, inferredFormat)];
  }
  if (!(types.includes('number') || types.includes('integer')) && format && (kind === 'string' || kind === 'array')) return [];
  if (!(types.includes(schType) || isFloatInt || isIntFloat)) return [invalidType(path, types.join(','), schType)];
  return [];
}

/** swag.IsFloat64AJSONInteger. */
function isJSONInteger(f: number): boolean {
  if (!Number.isFinite(f)) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  const diff = Math.abs(f - g);
  return diff / Math.min(Math.abs(f) + Math.abs(g), Number.MAX_VALUE) < 1e-9;
}

function stringValidator(s: Schema, data: string, path: string): SchemaError[] {
  const length = [...data].length;
  if (typeof s.maxLength === 'number' && length > s.maxLength) {
    return [
      {
        code: 'tooLong',
        name: path,
        value: data,
        valid: s.maxLength,
        message: `${path} in ${IN} should be at most ${s.maxLength} chars long`,
      },
    ];
  }
  if (typeof s.minLength === 'number' && length < s.minLength) {
    return [
      {
        code: 'tooShort',
        name: path,
        value: data,
        valid: s.minLength,
        message: `${path} in ${IN} should be at least ${s.minLength} chars long`,
      },
    ];
  }
  if (typeof s.pattern === 'string' && s.pattern) {
    const compiled = compileGoRegexp(s.pattern);
    if ('error' in compiled) {
      return [
        {
          code: 'pattern',
          name: path,
          value: data,
          message: `${path} in ${IN} should match '${s.pattern}, but pattern is invalid: ${compiled.error}'`,
        },
      ];
    }
    if (!compiled.re.test(data)) {
      return [
        {
          code: 'pattern',
          name: path,
          value: data,
          message: `${path} in ${IN} should match '${s.pattern}'`,
        },
      ];
    }
  }
  return [];
}

function formatValidator(s: Schema, data: string, path: string): SchemaError[] {
  const format = s.format as string;
  return formatValid(format, data) ? [] : [invalidType(path, format, data)];
}

/** `%v` of the bound the validator compares with: an int64 for whole values, else a float64. */
function numberText(n: number, asInt: boolean): string {
  return asInt ? String(Math.trunc(n)) : goFloat(n);
}

function numberValidator(s: Schema, data: number, kind: Kind, path: string): SchemaError[] {
  const errs: SchemaError[] = [];
  const asInt = kind === 'int';
  if (typeof s.multipleOf === 'number') {
    const factor = asInt ? Math.trunc(s.multipleOf) : s.multipleOf;
    if (factor <= 0) {
      errs.push({
        code: 'multipleOfMustBePositive',
        name: path,
        value: factor,
        message: `factor MultipleOf declared for ${path} must be positive: ${numberText(factor, asInt)}`,
      });
    } else {
      const ok = asInt ? data % factor === 0 : isJSONInteger(factor < 1 ? (1 / factor) * data : data / factor);
      if (!ok)
        errs.push({
          code: 'multipleOf',
          name: path,
          value: data,
          message: `${path} in ${IN} should be a multiple of ${numberText(factor, asInt)}`,
        });
    }
  }
  // The real validator reports minimum before maximum, whatever order the schema lists them in.
  if (typeof s.minimum === 'number') {
    const min = asInt ? Math.trunc(s.minimum) : s.minimum;
    const excl = !!s.exclusiveMinimum;
    if ((!excl && data < min) || (excl && data <= min)) {
      errs.push({
        code: 'min',
        name: path,
        value: data,
        message: `${path} in ${IN} should be greater than ${excl ? '' : 'or equal to '}${numberText(min, asInt)}`,
      });
    }
  }
  if (typeof s.maximum === 'number') {
    const max = asInt ? Math.trunc(s.maximum) : s.maximum;
    const excl = !!s.exclusiveMaximum;
    if ((!excl && data > max) || (excl && data >= max)) {
      errs.push({
        code: 'max',
        name: path,
        value: data,
        message: `${path} in ${IN} should be less than ${excl ? '' : 'or equal to '}${numberText(max, asInt)}`,
      });
    }
  }
  return errs;
}

function itemSchema(s: Schema): Schema | undefined {
  return isObject(s.items) ? (s.items as Schema) : undefined;
}

function sliceValidator(s: Schema, data: unknown[], path: string): SchemaError[] {
  const errs: SchemaError[] = [];
  const items = itemSchema(s);
  if (items)
    data.forEach((v, i) => {
      errs.push(...validateValue(items, v, `${path}[${i}]`));
    });
  if (typeof s.minItems === 'number' && data.length < s.minItems) {
    errs.push({
      code: 'minItems',
      name: path,
      value: data.length,
      valid: s.minItems,
      message: `${path} in ${IN} should have at least ${s.minItems} items`,
    });
  }
  if (typeof s.maxItems === 'number' && data.length > s.maxItems) {
    errs.push({
      code: 'maxItems',
      name: path,
      value: data.length,
      valid: s.maxItems,
      message: `${path} in ${IN} should have at most ${s.maxItems} items`,
    });
  }
  if (s.uniqueItems && data.some((v, i) => data.slice(0, i).some((u) => deepEqual(u, v)))) {
    errs.push({
      code: 'unique',
      name: path,
      message: `${path} in ${IN} shouldn't contain duplicates`,
    });
  }
  return errs;
}

function enumValidator(s: Schema, data: unknown, path: string): SchemaError[] {
  if (!Array.isArray(s.enum) || !s.enum.length) return [];
  if (data !== null && data !== undefined && s.enum.some((e) => e !== null && e !== undefined && deepEqual(e, data))) return [];
  const message = `${path} in ${IN} should be one of ${goSliceV(s.enum)}`;
  return [{ code: 'enum', name: path, value: data, values: s.enum, message }];
}

/** `%v` of a []interface{} of enum values: `[a b 1]`. */
function goSliceV(values: unknown[]): string {
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return '<nil>';
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return goFloat(v);
    if (Array.isArray(v)) return `[${v.map(one).join(' ')}]`;
    if (isObject(v)) {
      return `map[${Object.keys(v)
        .sort()
        .map((k) => `${k}:${one(v[k])}`)
        .join(' ')}]`;
    }
    return String(v);
  };
  return `[${values.map(one).join(' ')}]`;
}

function objectValidator(s: Schema, data: Record<string, unknown>, path: string): SchemaError[] {
  const errs: SchemaError[] = [];
  const keys = Object.keys(data).filter((k) => data[k] !== undefined);
  const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
    errs.push({
      code: 'tooFewProperties',
      name: path,
      value: keys.length,
      valid: s.minProperties,
      message: `${path} in ${IN} should have at least ${s.minProperties} properties`,
    });
  }
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) {
    errs.push({
      code: 'tooManyProperties',
      name: path,
      value: keys.length,
      valid: s.maxProperties,
      message: `${path} in ${IN} should have at most ${s.maxProperties} properties`,
    });
  }
  const additional = s.additionalProperties;
  for (const k of [...keys].sort()) {
    if (k in props) continue;
    if (additional === false) {
      errs.push({
        code: 'unallowedProperty',
        name: path,
        value: k,
        message: `${path}.${k} in ${IN} is a forbidden property`,
      });
    } else if (isObject(additional)) {
      errs.push(...validateValue(additional as Schema, data[k], `${path}.${k}`));
    }
  }
  for (const name of Object.keys(props).sort()) {
    if (data[name] === undefined) continue;
    errs.push(...validateValue(props[name], data[name], path ? `${path}.${name}` : name));
  }
  for (const k of Array.isArray(s.required) ? s.required : []) {
    if (data[k] === undefined)
      errs.push({
        code: 'required',
        name: `${path}.${k}`,
        message: `${path}.${k} in ${IN} is required`,
      });
  }
  return errs;
}

/** allOf, anyOf, oneOf and not: their failures are plain errors, not field validations. */
function schemaPropsValidator(s: Schema, data: unknown, path: string): SchemaError[] {
  const errs: SchemaError[] = [];
  const quoted = goQuote(path);
  const anyOf = Array.isArray(s.anyOf) ? s.anyOf : [];
  if (anyOf.length) {
    const results = anyOf.map((sub) => validateValue(sub, data, path));
    if (!results.some((r) => r.length === 0)) {
      errs.push({
        name: path,
        message: `${quoted} must validate at least one schema (anyOf)`,
      });
      errs.push(...best(results));
    }
  }
  const oneOf = Array.isArray(s.oneOf) ? s.oneOf : [];
  if (oneOf.length) {
    const results = oneOf.map((sub) => validateValue(sub, data, path));
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== 1) {
      const more = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errs.push({
        name: path,
        message: `${quoted} must validate one and only one schema (oneOf). ${more}`,
      });
      if (valid === 0) errs.push(...best(results));
    }
  }
  const allOf = Array.isArray(s.allOf) ? s.allOf : [];
  if (allOf.length) {
    const results = allOf.map((sub) => validateValue(sub, data, path));
    const valid = results.filter((r) => r.length === 0).length;
    for (const r of results) errs.push(...r);
    if (valid !== allOf.length) {
      errs.push({
        name: path,
        message: `${quoted} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`,
      });
    }
  }
  if (isObject(s.not) && validateValue(s.not as Schema, data, path).length === 0) {
    errs.push({
      name: path,
      message: `${quoted} must not validate the schema (not)`,
    });
  }
  return errs;
}

/** The failed alternative that came closest (fewest errors), whose errors are reported too. */
function best(results: SchemaError[][]): SchemaError[] {
  return results.reduce((a, b) => (b.length < a.length ? b : a));
}
