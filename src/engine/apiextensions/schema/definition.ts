import type { FieldError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import { fe } from '../../apiserver/strategies/errors';
import { goish } from '../../apiserver/strategies/goish';
import { isObject, type Schema } from '../types';
import { goValueOf, toFieldErrors } from './errors';
import { pruned } from './prune';
import { structuralInitError, validateStructural } from './structural';
import { validateValue } from './validate';

/**
 * Validation of a CRD version's openAPIV3Schema (validateCustomResourceDefinitionValidation):
 * the status-subresource rules for the root, structural-schema rules, defaults that must
 * validate against their own schema and have no unknown fields, and the OpenAPI features
 * Kubernetes does not support. `path` is where the schema's parent sits
 * (`spec.validation` or `spec.versions[1].schema`).
 */
export function validateSchemaDefinition(schema: Schema | undefined, statusEnabled: boolean, path: string): FieldError[] {
  if (!isObject(schema)) return [];
  const root = `${path}.openAPIV3Schema`;
  const errs: FieldError[] = [];
  if (statusEnabled) errs.push(...statusRootRules(schema, root));
  if (schema.nullable) errs.push(fe.forbidden(`${root}.nullable`, 'nullable cannot be true at the root'));
  const initError = structuralInitError(schema);
  let initErrors: FieldError[] = [];
  if (initError) initErrors = [fe.invalid(root, '', initError)];
  else {
    const structural = validateStructural(root, schema);
    if (structural.length) errs.push(...structural);
    else errs.push(...validateDefaults(root, schema, schema, false, true));
  }
  errs.push(...openAPISchemaRules(schema, root, { allowDefaults: true, reason: '', insideMeta: false }, true));
  // NewStructural's refusals repeat what the rules above say; they only show on their own.
  if (!errs.length) errs.push(...initErrors);
  return errs;
}

const ALLOWED_AT_ROOT: [string, string][] = [
  ['Description', 'description'],
  ['Type', 'type'],
  ['Format', 'format'],
  ['Title', 'title'],
  ['Maximum', 'maximum'],
  ['ExclusiveMaximum', 'exclusiveMaximum'],
  ['Minimum', 'minimum'],
  ['ExclusiveMinimum', 'exclusiveMinimum'],
  ['MaxLength', 'maxLength'],
  ['MinLength', 'minLength'],
  ['Pattern', 'pattern'],
  ['MaxItems', 'maxItems'],
  ['MinItems', 'minItems'],
  ['UniqueItems', 'uniqueItems'],
  ['MultipleOf', 'multipleOf'],
  ['Required', 'required'],
  ['Items', 'items'],
  ['Properties', 'properties'],
  ['ExternalDocs', 'externalDocs'],
  ['Example', 'example'],
  ['XPreserveUnknownFields', 'x-kubernetes-preserve-unknown-fields'],
  ['XValidations', 'x-kubernetes-validations'],
];

/** With a status subresource the root may only use fields that survive extracting properties.status. */
function statusRootRules(schema: Schema, root: string): FieldError[] {
  const allowed = new Set(ALLOWED_AT_ROOT.map(([, json]) => json));
  for (const [k, v] of Object.entries(schema)) {
    if (v === undefined || v === null || v === false || v === '') continue;
    if (k === 'type') {
      if (v !== 'object')
        return [fe.invalid(`${root}.type`, v, `only "object" is allowed as the type at the root of the schema if the status subresource is enabled`)];
      continue;
    }
    if (!allowed.has(k)) {
      const names = ALLOWED_AT_ROOT.map(([go]) => go).join(' ');
      return [
        fe.invalid(
          root,
          goish('apiextensions.JSONSchemaProps', schema),
          `only [${names}] fields are allowed at the root of the schema if the status subresource is enabled`,
        ),
      ];
    }
  }
  return [];
}

const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

interface SpecValidator {
  allowDefaults: boolean;
  reason: string;
  insideMeta: boolean;
}

function sortedProps(s: Schema): [string, Schema][] {
  if (!isObject(s.properties)) return [];
  return Object.keys(s.properties)
    .sort()
    .map((k) => [k, (s.properties as Record<string, Schema>)[k]]);
}

/** ValidateCustomResourceDefinitionOpenAPISchema: what Kubernetes' OpenAPI subset allows. */
function openAPISchemaRules(s: Schema | undefined, path: string, v: SpecValidator, isRoot: boolean): FieldError[] {
  if (!isObject(s)) return [];
  const errs: FieldError[] = [...standardRules(s, path, v)];
  if (s.uniqueItems) errs.push(fe.forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const props = sortedProps(s);
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    if (props.length && (s.additionalProperties === false || isObject(s.additionalProperties))) {
      errs.push(fe.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = v.insideMeta
      ? {
          ...v,
          allowDefaults: false,
          reason: 'inside additionalProperties applying to object metadata',
        }
      : v;
    if (isObject(s.additionalProperties)) errs.push(...openAPISchemaRules(s.additionalProperties as Schema, `${path}.additionalProperties`, sub, false));
  }
  for (const [k, p] of props) {
    let sub = v;
    if ((isRoot || s['x-kubernetes-embedded-resource']) && META_FIELDS.has(k)) {
      sub = { ...sub, insideMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, reason: `in top-level ${k}` };
    }
    errs.push(...openAPISchemaRules(p, `${path}.properties[${k}]`, sub, false));
  }
  if (isObject(s.not)) errs.push(...openAPISchemaRules(s.not as Schema, `${path}.not`, v, false));
  for (const clause of ['allOf', 'oneOf', 'anyOf'] as const) {
    (Array.isArray(s[clause]) ? (s[clause] as Schema[]) : []).forEach((x, i) => {
      errs.push(...openAPISchemaRules(x, `${path}.${clause}[${i}]`, v, false));
    });
  }
  if (isObject(s.definitions)) {
    for (const k of Object.keys(s.definitions).sort())
      errs.push(...openAPISchemaRules((s.definitions as Record<string, Schema>)[k], `${path}.definitions[${k}]`, v, false));
  }
  if (isObject(s.items)) errs.push(...openAPISchemaRules(s.items as Schema, `${path}.items`, v, false));
  else if (Array.isArray(s.items))
    s.items.forEach((x, i) => {
      errs.push(...openAPISchemaRules(x, `${path}.items[${i}]`, v, false));
    });
  if (isObject(s.dependencies)) {
    for (const k of Object.keys(s.dependencies).sort()) {
      const dep = (s.dependencies as Record<string, unknown>)[k];
      if (isObject(dep)) errs.push(...openAPISchemaRules(dep as Schema, `${path}.dependencies[${k}]`, v, false));
    }
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(fe.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined'));
  }
  errs.push(...listAndMapTypeRules(s, path));
  errs.push(...validationRuleRules(s, path));
  return errs;
}

function standardRules(s: Schema, path: string, v: SpecValidator): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  if (type && !OPENAPI_V3_TYPES.includes(type)) errs.push(fe.notSupported(`${path}.type`, type, OPENAPI_V3_TYPES));
  if (s.default !== undefined && s.default !== null && !v.allowDefaults) {
    errs.push(fe.forbidden(`${path}.default`, `must not be set${v.reason ? ` ${v.reason}` : ''}`));
  }
  if (s.id) errs.push(fe.forbidden(`${path}.id`, 'id is not supported'));
  if (s.additionalItems !== undefined && s.additionalItems !== null) errs.push(fe.forbidden(`${path}.additionalItems`, 'additionalItems is not supported'));
  if (isObject(s.patternProperties) && Object.keys(s.patternProperties).length)
    errs.push(fe.forbidden(`${path}.patternProperties`, 'patternProperties is not supported'));
  if (isObject(s.definitions) && Object.keys(s.definitions).length) errs.push(fe.forbidden(`${path}.definitions`, 'definitions is not supported'));
  if (s.dependencies !== undefined && s.dependencies !== null) errs.push(fe.forbidden(`${path}.dependencies`, 'dependencies is not supported'));
  if (s.$ref) errs.push(fe.forbidden(`${path}.$ref`, '$ref is not supported'));
  if (type === 'null') errs.push(fe.forbidden(`${path}.type`, 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length) errs.push(fe.forbidden(`${path}.items`, 'items must be a schema object and not an array'));
  if (v.insideMeta && s['x-kubernetes-embedded-resource'])
    errs.push(fe.forbidden(`${path}.x-kubernetes-embedded-resource`, 'must not be used inside of resource meta'));
  return errs;
}

function listAndMapTypeRules(s: Schema, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  const mapType = s['x-kubernetes-map-type'];
  const listType = s['x-kubernetes-list-type'];
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
  const items = isObject(s.items) ? (s.items as Schema) : undefined;
  if (mapType !== undefined && type !== 'object') {
    if (!type) errs.push(fe.required(`${path}.type`, 'must be object if x-kubernetes-map-type is specified'));
    else errs.push(fe.invalid(`${path}.type`, type, 'must be object if x-kubernetes-map-type is specified'));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(fe.notSupported(`${path}.x-kubernetes-map-type`, mapType, ['atomic', 'granular']));
  }
  if (listType !== undefined && type !== 'array') {
    if (!type) errs.push(fe.required(`${path}.type`, 'must be array if x-kubernetes-list-type is specified'));
    else errs.push(fe.invalid(`${path}.type`, type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(
        fe.invalid(`${path}.items.x-kubernetes-list-type`, items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'),
      );
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(
        fe.invalid(
          `${path}.items.x-kubernetes-map-type`,
          items['x-kubernetes-list-type'] ?? null,
          'must be atomic as item of a list with x-kubernetes-list-type=set',
        ),
      );
    }
  }
  if (listType !== undefined && listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
    errs.push(fe.notSupported(`${path}.x-kubernetes-list-type`, listType, ['atomic', 'set', 'map']));
  }
  if (keys.length) {
    if (listType === undefined) errs.push(fe.required(`${path}.x-kubernetes-list-type`, 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(fe.invalid(`${path}.x-kubernetes-list-type`, listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') {
    if (!keys.length) errs.push(fe.required(`${path}.x-kubernetes-list-map-keys`, 'must not be empty if x-kubernetes-list-type is map'));
    if (s.items === undefined || s.items === null) errs.push(fe.required(`${path}.items`, 'must have a schema if x-kubernetes-list-type is map'));
    if (Array.isArray(s.items)) errs.push(fe.invalid(`${path}.items`, s.items, 'must only have a single schema if x-kubernetes-list-type is map'));
    if (items && items.type !== 'object')
      errs.push(fe.invalid(`${path}.items.type`, items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    if (items && items.type === 'object') {
      const seen = new Set<string>();
      const itemProps = isObject(items.properties) ? (items.properties as Record<string, Schema>) : {};
      for (const k of keys) {
        const p = itemProps[k];
        if (p) {
          if (p.type === 'array' || p.type === 'object') {
            errs.push(fe.invalid(`${path}.items.properties[${k}].type`, items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else errs.push(fe.invalid(`${path}.x-kubernetes-list-map-keys`, keys, 'entries must all be names of item properties'));
        if (seen.has(k)) errs.push(fe.invalid(`${path}.x-kubernetes-list-map-keys`, keys, 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }
  // Items of set and map lists are compared, so they may not be null; map keys must exist.
  if (items && (listType === 'set' || listType === 'map')) {
    if (items.nullable) errs.push(fe.forbidden(`${path}.items.nullable`, `cannot be nullable when x-kubernetes-list-type is ${listType}`));
    if (listType === 'map') {
      const required = new Set(Array.isArray(items.required) ? items.required : []);
      const itemProps = isObject(items.properties) ? (items.properties as Record<string, Schema>) : {};
      for (const k of keys) {
        const p = itemProps[k];
        if (!p) continue;
        if (!required.has(k) && p.default === undefined) {
          errs.push(
            fe.required(
              `${path}.items.properties[${k}].default`,
              'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
            ),
          );
        }
        if (p.nullable)
          errs.push(fe.forbidden(`${path}.items.properties[${k}].nullable`, 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
  return errs;
}

/** The static checks on x-kubernetes-validations (the CEL rules themselves are not evaluated here). */
function validationRuleRules(s: Schema, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : [];
  rules.forEach((rule, i) => {
    const at = `${path}.x-kubernetes-validations[${i}]`;
    const r = (rule?.rule ?? '').trim();
    const msg = (rule?.message ?? '').trim();
    if (!r) errs.push(fe.required(`${at}.rule`, 'rule is not specified'));
    else if (rule.message && !msg) errs.push(fe.invalid(`${at}.message`, rule.message, 'message must be non-empty if specified'));
    else if (/[\n\r]/.test(msg)) errs.push(fe.invalid(`${at}.message`, rule.message, 'message must not contain line breaks'));
    else if (/[\n\r]/.test(r) && !msg) errs.push(fe.required(`${at}.message`, 'message must be specified if rule contains line breaks'));
    if (rule?.messageExpression && !rule.messageExpression.trim())
      errs.push(fe.required(`${at}.messageExpression`, 'messageExpression must be non-empty if specified'));
    const reasons = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
    if (rule?.reason !== undefined && !reasons.includes(rule.reason)) errs.push(fe.notSupported(`${at}.reason`, rule.reason, reasons));
  });
  return errs;
}

/**
 * Defaults must validate against the schema they sit in and must not carry fields pruning
 * would drop (ValidateDefaults). The root is treated as an embedded resource.
 */
function validateDefaults(path: string, s: Schema | undefined, _root: Schema, insideMeta: boolean, isRoot: boolean): FieldError[] {
  if (!isObject(s)) return [];
  const errs: FieldError[] = [];
  const embedded = isRoot || !!s['x-kubernetes-embedded-resource'];
  const inMeta = embedded ? false : insideMeta;
  if (s.default !== undefined && s.default !== null) {
    const at = `${path}.default`;
    if (!inMeta && !deepEqual(pruned(s.default, s), s.default)) errs.push(fe.invalid(at, goValueOf(s.default), 'must not have unknown fields'));
    errs.push(...toFieldErrors(validateValue(s, s.default, ''), at));
  }
  if (isObject(s.items)) errs.push(...validateDefaults(`${path}.items`, s.items as Schema, _root, inMeta, false));
  for (const [k, p] of sortedProps(s)) {
    const sub = embedded && META_FIELDS.has(k) ? true : inMeta;
    errs.push(...validateDefaults(`${path}.properties[${k}]`, p, _root, sub, false));
  }
  return errs;
}
