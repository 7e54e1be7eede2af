import type { FieldError } from '../../api/status';
import { fe } from '../../apiserver/strategies/errors';
import { isObject, isSchema, type Schema } from '../types';
import { compileGoRegexp } from './regex';

/**
 * Structural schemas (apiextensions' schema package): every level says its type (or preserves
 * unknown fields, or is int-or-string); allOf/anyOf/oneOf/not may only constrain values, not
 * declare types, defaults or descriptions of their own; nothing is specified in value
 * validations that the structural part does not also specify. A v1 CustomResourceDefinition
 * must have one, and these are the messages it gets when it does not.
 */

type Level = 'root' | 'item' | 'field';

const key = (path: string, k: string) => `${path}[${k}]`;

function props(s: Schema): [string, Schema][] {
  if (!isObject(s.properties)) return [];
  return Object.keys(s.properties)
    .sort()
    .map((k) => [k, (s.properties as Record<string, Schema>)[k] ?? {}]);
}

function itemSchema(s: Schema): Schema | undefined {
  return isObject(s.items) ? (s.items as Schema) : undefined;
}

function additionalSchema(s: Schema): Schema | undefined {
  return isObject(s.additionalProperties) ? (s.additionalProperties as Schema) : undefined;
}

function list<T>(v: T[] | undefined): T[] {
  return Array.isArray(v) ? v : [];
}

/** NewStructural's refusals: constructs a structural schema cannot represent at all. */
export function structuralInitError(s: Schema | undefined): string | undefined {
  if (!isSchema(s)) return undefined;
  const own = unsupportedField(s);
  if (own) return own;
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
  }
  for (const sub of [...list(s.allOf), ...list(s.anyOf), ...list(s.oneOf), ...(isObject(s.not) ? [s.not as Schema] : [])]) {
    const e = structuralInitError(sub);
    if (e) return e;
  }
  if (Array.isArray(s.items)) return "OpenAPIV3Schema 'items' must be a schema, but is an array";
  const item = itemSchema(s);
  if (item) {
    const e = structuralInitError(item);
    if (e) return e;
  }
  for (const [, p] of props(s)) {
    const e = structuralInitError(p);
    if (e) return e;
  }
  const ap = additionalSchema(s);
  return ap ? structuralInitError(ap) : undefined;
}

function unsupportedField(s: Schema): string | undefined {
  if (s.id) return "OpenAPIV3Schema 'id' is not supported";
  if (s.$schema) return "OpenAPIV3Schema 'schema' is not supported";
  if (s.$ref) return "OpenAPIV3Schema '$ref' is not supported";
  if (isObject(s.patternProperties) && Object.keys(s.patternProperties).length) return "OpenAPIV3Schema 'patternProperties' is not supported";
  if (isObject(s.dependencies) && Object.keys(s.dependencies).length) return "OpenAPIV3Schema 'dependencies' is not supported";
  if (s.additionalItems !== undefined && s.additionalItems !== null) return "OpenAPIV3Schema 'additionalItems' is not supported";
  if (isObject(s.definitions) && Object.keys(s.definitions).length) return "OpenAPIV3Schema 'definitions' is not supported";
  return undefined;
}

/** ValidateStructural: invariants at every level plus completeness, sorted by their text. */
export function validateStructural(path: string, s: Schema): FieldError[] {
  const errs = [...invariants(s, 'root', path), ...completeness(s, path, path)];
  return errs.sort((a, b) => {
    const x = `${a.field}: ${a.detail}`;
    const y = `${b.field}: ${b.detail}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** anyOf: [{type: integer}, {type: string}], the shape int-or-string fields are allowed to use. */
function isIntOrStringAnyOf(anyOf: Schema[] | undefined): boolean {
  const a = list(anyOf);
  const only = (x: Schema, t: string) => isObject(x) && Object.keys(x).length === 1 && x.type === t;
  return a.length === 2 && only(a[0], 'integer') && only(a[1], 'string');
}

function invariants(s: Schema | undefined, lvl: Level, path: string): FieldError[] {
  if (!isSchema(s)) return [];
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  const item = itemSchema(s);
  if (type === 'array' && !item) errs.push(fe.required(`${path}.items`, 'must be specified'));
  if (item) errs.push(...invariants(item, 'item', `${path}.items`));
  for (const [k, p] of props(s)) errs.push(...invariants(p, 'field', key(`${path}.properties`, k)));
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (lvl === 'root') errs.push(fe.forbidden(`${path}.additionalProperties`, 'must not be used at the root'));
    const ap = additionalSchema(s);
    if (ap) errs.push(...invariants(ap, 'field', `${path}.additionalProperties`));
  }
  const intOrString = !!s['x-kubernetes-int-or-string'];
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  const embedded = !!s['x-kubernetes-embedded-resource'];
  if (intOrString && preserve) {
    errs.push(fe.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  if (intOrString && embedded) {
    errs.push(fe.invalid(`${path}.x-kubernetes-embedded-resource`, true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = list(s.allOf).length > 0 && isIntOrStringAnyOf(list(s.allOf)[0]?.anyOf);
  errs.push(...valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, path));
  if (embedded && type !== 'object') {
    if (!type) errs.push(fe.required(`${path}.type`, 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(fe.invalid(`${path}.type`, type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!type && !intOrString && !preserve) {
    const where = lvl === 'root' ? 'at the root' : lvl === 'item' ? 'for specified array items' : 'for specified object fields';
    errs.push(fe.required(`${path}.type`, `must not be empty ${where}`));
  }
  if (embedded && s.additionalProperties !== undefined && s.additionalProperties !== null) {
    errs.push(fe.forbidden(`${path}.additionalProperties`, 'must not be used if x-kubernetes-embedded-resource is set'));
  }
  if (lvl === 'root' && type && type !== 'object') errs.push(fe.invalid(`${path}.type`, type, 'must be object at the root'));
  const checkMetadata = lvl === 'root' || embedded;
  const properties = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
  for (const field of ['kind', 'apiVersion']) {
    const p = properties[field];
    if (isObject(p) && checkMetadata && p.type !== 'string') {
      errs.push(fe.invalid(`${key(`${path}.properties`, field)}.type`, p.type ?? '', 'must be string'));
    }
  }
  if (isObject(properties.metadata)) errs.push(...metadataInvariants(properties.metadata, checkMetadata, lvl, key(`${path}.properties`, 'metadata')));
  if (embedded && !preserve && !props(s).length) {
    errs.push(fe.required(`${path}.properties`, 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

function metadataInvariants(s: Schema, checkMetadata: boolean, lvl: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && s.type !== 'object') errs.push(fe.invalid(`${path}.type`, s.type ?? '', 'must be object'));
  if (lvl === 'root') {
    // Only name and generateName may be constrained: the rest of metadata is ObjectMeta's.
    const names = Object.keys(isObject(s.properties) ? s.properties : {});
    const onlyNames = names.length > 0 && names.every((n) => n === 'name' || n === 'generateName');
    const rest = Object.keys(s).filter(
      (k) => k !== 'type' && k !== 'default' && !(k === 'properties' && (onlyNames || names.length === 0)) && !isZero((s as Record<string, unknown>)[k]),
    );
    if (rest.length) errs.push(fe.forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
  return errs;
}

/** Go's zero values: a field set to one of these is as good as absent. */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function valueValidation(v: Schema, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf)
    list(v.anyOf).forEach((x, i) => {
      errs.push(...nested(x, false, `${path}.anyOf[${i}]`));
    });
  list(v.allOf).forEach((x, i) => {
    errs.push(...nested(x, skipFirstAllOfAnyOf && i === 0, `${path}.allOf[${i}]`));
  });
  list(v.oneOf).forEach((x, i) => {
    errs.push(...nested(x, false, `${path}.oneOf[${i}]`));
  });
  if (isObject(v.not)) errs.push(...nested(v.not as Schema, false, `${path}.not`));
  if (typeof v.pattern === 'string' && v.pattern) {
    const compiled = compileGoRegexp(v.pattern);
    if ('error' in compiled) errs.push(fe.invalid(`${path}.pattern`, v.pattern, `must be a valid regular expression, but isn't: ${compiled.error}`));
  }
  return errs;
}

/** Inside allOf/anyOf/oneOf/not only value validations are allowed. */
function nested(v: Schema, skipAnyOf: boolean, path: string): FieldError[] {
  if (!isSchema(v)) return [];
  const errs = valueValidation(v, skipAnyOf, false, path);
  const item = itemSchema(v);
  if (item) errs.push(...nested(item, false, `${path}.items`));
  for (const [k, p] of props(v)) errs.push(...nested(p, false, key(`${path}.properties`, k)));
  const f = (name: string, why: string) => errs.push(fe.forbidden(`${path}.${name}`, why));
  if (v.type) f('type', 'must be empty to be structural');
  if (v.additionalProperties !== undefined && v.additionalProperties !== null && v.additionalProperties !== false) {
    f('additionalProperties', 'must be undefined to be structural');
  }
  if (v.default !== undefined && v.default !== null) f('default', 'must be undefined to be structural');
  if (v.title) f('title', 'must be empty to be structural');
  if (v.description) f('description', 'must be empty to be structural');
  if (v.nullable) f('nullable', 'must be false to be structural');
  if (v['x-kubernetes-preserve-unknown-fields']) f('x-kubernetes-preserve-unknown-fields', 'must be false to be structural');
  if (v['x-kubernetes-embedded-resource']) f('x-kubernetes-embedded-resource', 'must be false to be structural');
  if (v['x-kubernetes-int-or-string']) f('x-kubernetes-int-or-string', 'must be false to be structural');
  if (list(v['x-kubernetes-list-map-keys']).length) f('x-kubernetes-list-map-keys', 'must be empty to be structural');
  if (v['x-kubernetes-list-type'] !== undefined) f('x-kubernetes-list-type', 'must be undefined to be structural');
  if (v['x-kubernetes-map-type'] !== undefined) f('x-kubernetes-map-type', 'must be undefined to be structural');
  if (list(v['x-kubernetes-validations']).length) f('x-kubernetes-validations', 'must be empty to be structural');
  if (isObject(v.properties) && 'metadata' in v.properties) {
    errs.push(fe.forbidden(key(`${path}.properties`, 'metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

/** Everything value validations mention must exist in the structural part (checked from the root). */
function completeness(s: Schema, sPath: string, vPath: string): FieldError[] {
  return clausesOf(s, vPath).flatMap(([v, p]) => nestedCompleteness(v, s, sPath, p));
}

function clausesOf(v: Schema, vPath: string): [Schema, string][] {
  const clauses: [Schema, string][] = [];
  if (isObject(v.not)) clauses.push([v.not as Schema, `${vPath}.not`]);
  list(v.allOf).forEach((x, i) => {
    clauses.push([x, `${vPath}.allOf[${i}]`]);
  });
  list(v.anyOf).forEach((x, i) => {
    clauses.push([x, `${vPath}.anyOf[${i}]`]);
  });
  list(v.oneOf).forEach((x, i) => {
    clauses.push([x, `${vPath}.oneOf[${i}]`]);
  });
  return clauses;
}

function nestedCompleteness(v: Schema, s: Schema | undefined, sPath: string, vPath: string): FieldError[] {
  if (!isSchema(v)) return [];
  if (!s) return [fe.required(sPath, `because it is defined in ${vPath}`)];
  // v's own clauses constrain the same structural node.
  const errs = clausesOf(v, vPath).flatMap(([c, p]) => nestedCompleteness(c, s, sPath, p));
  const vItem = itemSchema(v);
  if (vItem) errs.push(...nestedCompleteness(vItem, itemSchema(s), `${sPath}.items`, `${vPath}.items`));
  const sProps = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
  for (const [k, p] of props(v)) {
    if (!Object.hasOwn(sProps, k)) {
      errs.push(fe.required(key(`${sPath}.properties`, k), `because it is defined in ${key(`${vPath}.properties`, k)}`));
    } else {
      errs.push(...nestedCompleteness(p, sProps[k], key(`${sPath}.properties`, k), key(`${vPath}.properties`, k)));
    }
  }
  return errs;
}
