import type { CustomResourceColumnDefinition } from 'kubernetes-types/apiextensions/v1';
import { isDNS1035Label, isDNS1123Subdomain } from '../../api/names';
import type { FieldError } from '../../api/status';
import { fe, GoText } from '../../apiserver/strategies/errors';
import { goish } from '../../apiserver/strategies/goish';
import { isConditionTrue } from '../conditions';
import { validateSchemaDefinition } from '../schema/definition';
import { type CRD, type CRDNames, type CRDVersion, isObject, type Schema, type Subresources } from '../types';
import { anyStatusEnabled, internalView, subresourcesFor, versionsOf } from './view';

/**
 * ValidateCustomResourceDefinition (and its update form) with the API server's field paths and
 * messages. ObjectMeta is validated generically by the API server before this runs.
 */

const SCOPES = ['Cluster', 'Namespaced'];
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const CONVERSION_REVIEW_VERSIONS = ['v1', 'v1beta1'];
const MAX_SELECTABLE_FIELDS = 8;
export const API_APPROVAL_ANNOTATION = 'api-approved.kubernetes.io';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateCRD(crd: CRD, creating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const spec = isObject(crd.spec) ? crd.spec : ({} as CRD['spec']);
  const plural = str(spec.names?.plural);
  const group = str(spec.group);
  if (creating && crd.metadata?.name !== `${plural}.${group}`) {
    errs.push(fe.invalid('metadata.name', crd.metadata?.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  }
  errs.push(...validateSpec(crd));
  errs.push(...validateNames(crd.status?.acceptedNames, 'status.acceptedNames'));
  errs.push(...validateStoredVersions(crd.status?.storedVersions, versionsOf(crd)));
  errs.push(...validateAPIApproval(crd));
  if ((spec as { preserveUnknownFields?: boolean }).preserveUnknownFields === true) {
    errs.push(
      fe.invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'),
    );
  }
  return errs;
}

/** What an update may not change: group and plural always, scope and kind once established. */
export function validateCRDUpdate(crd: CRD, old: CRD): FieldError[] {
  const errs: FieldError[] = [];
  const immutable = (next: unknown, prev: unknown, path: string) => {
    if (next !== prev) errs.push(fe.invalid(path, next ?? '', 'field is immutable'));
  };
  if (isConditionTrue(old, 'Established')) {
    immutable(crd.spec?.scope, old.spec?.scope, 'spec.scope');
    immutable(crd.spec?.names?.kind, old.spec?.names?.kind, 'spec.names.kind');
  }
  immutable(crd.spec?.group, old.spec?.group, 'spec.group');
  immutable(crd.spec?.names?.plural, old.spec?.names?.plural, 'spec.names.plural');
  return errs;
}

function versionsValue(versions: CRDVersion[]): GoText {
  return new GoText(
    `[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => goish('apiextensions.CustomResourceDefinitionVersion', v).text).join(', ')}}`,
  );
}

function validateSpec(crd: CRD): FieldError[] {
  const errs: FieldError[] = [];
  const spec = crd.spec ?? ({} as CRD['spec']);
  const group = str(spec.group);
  if (!group) errs.push(fe.required('spec.group'));
  else if (isDNS1123Subdomain(group).length) errs.push(fe.invalid('spec.group', group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(fe.invalid('spec.group', group, 'should be a domain with at least one dot'));

  const scope = str(spec.scope);
  if (!scope) errs.push(fe.required('spec.scope'));
  else if (!SCOPES.includes(scope)) errs.push(fe.notSupported('spec.scope', scope, SCOPES));

  const versions = versionsOf(crd);
  const view = internalView(crd);
  if (!(view.schema.shared && view.schema.top)) {
    versions.forEach((v, i) => {
      if (!isObject(v.schema?.openAPIV3Schema)) errs.push(fe.required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
    });
  }

  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    if (v.storage) storage++;
    const name = str(v.name);
    if (seen.has(name)) unique = false;
    seen.add(name);
    const nameErrs = isDNS1035Label(name);
    if (nameErrs.length) errs.push(fe.invalid(`spec.versions[${i}].name`, name, nameErrs.join(',')));
    errs.push(...validateVersion(v, i, view, subresourcesFor(view, i)));
  });
  if (!unique) errs.push(fe.invalid('spec.versions', versionsValue(versions), 'must contain unique version names'));
  if (storage !== 1) errs.push(fe.invalid('spec.versions', versionsValue(versions), 'must have exactly one version marked as storage version'));
  // The internal form carries the first version's name as spec.version, and checks it again.
  if (versions.length) {
    const first = str(versions[0].name);
    const firstErrs = isDNS1035Label(first);
    if (firstErrs.length) errs.push(fe.invalid('spec.version', first, firstErrs.join(',')));
  }

  const names = spec.names ?? ({} as CRDNames);
  if (!str(names.plural)) errs.push(fe.required('spec.names.plural'));
  if (!str(names.singular)) errs.push(fe.required('spec.names.singular'));
  if (!str(names.kind)) errs.push(fe.required('spec.names.kind'));
  if (!str(names.listKind)) errs.push(fe.required('spec.names.listKind'));
  errs.push(...validateNames(names, 'spec.names'));

  if (view.schema.shared) errs.push(...validateSchemaDefinition(view.schema.top, anyStatusEnabled(crd), 'spec.validation'));
  if (view.subresources.shared) errs.push(...validateSubresources(view.subresources.top, 'spec.subresources'));
  if (view.columns.shared)
    (view.columns.top ?? []).forEach((c, i) => {
      errs.push(...validateColumn(c, `spec.additionalPrinterColumns[${i}]`));
    });
  if (view.selectableFields.shared && view.selectableFields.top) {
    errs.push(...validateSelectableFields(view.selectableFields.top, view.schema.shared ? view.schema.top : undefined, 'spec.selectableFields'));
  }
  errs.push(...validateConversion(spec.conversion as Record<string, unknown> | undefined));
  return errs;
}

function validateVersion(v: CRDVersion, i: number, view: ReturnType<typeof internalView>, subresources: Subresources | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const path = `spec.versions[${i}]`;
  if (!v.deprecated && v.deprecationWarning !== undefined) {
    errs.push(fe.invalid(`${path}.deprecationWarning`, v.deprecationWarning, 'can only be set for deprecated versions'));
  } else if (typeof v.deprecationWarning === 'string') {
    if (v.deprecationWarning.length > 256) errs.push(fe.invalid(`${path}.deprecationWarning`, v.deprecationWarning, 'must be <= 256 characters long'));
    if (!v.deprecationWarning.length) errs.push(fe.invalid(`${path}.deprecationWarning`, v.deprecationWarning, 'must not be an empty string'));
  }
  const schema = view.schema.each[i];
  if (!view.schema.shared && schema) errs.push(...validateSchemaDefinition(schema, !!subresources?.status, `${path}.schema`));
  if (!view.subresources.shared) errs.push(...validateSubresources(view.subresources.each[i], `${path}.subresources`));
  if (!view.columns.shared)
    (view.columns.each[i] ?? []).forEach((c, j) => {
      errs.push(...validateColumn(c, `${path}.additionalPrinterColumns[${j}]`));
    });
  const fields = view.selectableFields.each[i];
  if (!view.selectableFields.shared && fields) {
    const own = view.schema.shared ? view.schema.top : schema;
    if (!own) errs.push(fe.invalid(`${path}.selectableFields`, '', 'selectableFields may only be set when version.schema.openAPIV3Schema is not included'));
    else errs.push(...validateSelectableFields(fields, own, `${path}.selectableFields`));
  }
  return errs;
}

/** Plural, singular, short names and categories are DNS-1035 labels; kinds may have mixed case. */
export function validateNames(names: CRDNames | undefined, path: string): FieldError[] {
  if (!isObject(names)) return [];
  const errs: FieldError[] = [];
  const label = (value: string, at: string, mixedCase = false) => {
    const problems = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (value && problems.length)
      errs.push(fe.invalid(at, value, `${mixedCase ? 'may have mixed case, but should otherwise match: ' : ''}${problems.join(',')}`));
  };
  label(str(names.plural), `${path}.plural`);
  label(str(names.singular), `${path}.singular`);
  label(str(names.kind), `${path}.kind`, true);
  label(str(names.listKind), `${path}.listKind`, true);
  (Array.isArray(names.shortNames) ? names.shortNames : []).forEach((s, i) => {
    const problems = isDNS1035Label(str(s));
    if (problems.length) errs.push(fe.invalid(`${path}.shortNames[${i}]`, s, problems.join(',')));
  });
  if (names.kind && names.kind === names.listKind) errs.push(fe.invalid(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  (Array.isArray(names.categories) ? names.categories : []).forEach((c, i) => {
    const problems = isDNS1035Label(str(c));
    if (problems.length) errs.push(fe.invalid(`${path}.categories[${i}]`, c, problems.join(',')));
  });
  return errs;
}

function validateColumn(col: CustomResourceColumnDefinition, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(col?.name)) errs.push(fe.required(`${path}.name`));
  const type = str(col?.type);
  if (!type) errs.push(fe.required(`${path}.type`, `must be one of ${COLUMN_TYPES.join(',')}`));
  else if (!COLUMN_TYPES.includes(type)) errs.push(fe.invalid(`${path}.type`, type, `must be one of ${COLUMN_TYPES.join(',')}`));
  const format = str(col?.format);
  if (format && !COLUMN_FORMATS.includes(format)) errs.push(fe.invalid(`${path}.format`, format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  const jsonPath = str(col?.jsonPath);
  if (!jsonPath) errs.push(fe.required(`${path}.JSONPath`));
  else errs.push(...validateSimpleJSONPath(jsonPath, `${path}.JSONPath`));
  return errs;
}

function validateSimpleJSONPath(s: string, path: string): FieldError[] {
  if (!s) return [fe.invalid(path, s, 'must not be empty')];
  if (s[0] !== '.') return [fe.invalid(path, s, 'must be a simple json path starting with .')];
  return [];
}

function validateSubresources(sub: Subresources | undefined, path: string): FieldError[] {
  const scale = sub?.scale;
  if (!isObject(scale)) return [];
  const errs: FieldError[] = [];
  const check = (value: string, field: string, prefixes: string[], why: string) => {
    const at = `${path}.scale.${field}`;
    if (!value) return;
    const simple = validateSimpleJSONPath(value, at);
    if (simple.length) errs.push(...simple);
    else if (!prefixes.some((p) => value.startsWith(p))) errs.push(fe.invalid(at, value, why));
  };
  const spec = str(scale.specReplicasPath);
  if (!spec) errs.push(fe.required(`${path}.scale.specReplicasPath`));
  else check(spec, 'specReplicasPath', ['.spec.'], 'should be a json path under .spec');
  const status = str(scale.statusReplicasPath);
  if (!status) errs.push(fe.required(`${path}.scale.statusReplicasPath`));
  else check(status, 'statusReplicasPath', ['.status.'], 'should be a json path under .status');
  check(str(scale.labelSelectorPath), 'labelSelectorPath', ['.spec.', '.status.'], 'should be a json path under either .spec or .status');
  return errs;
}

/** A selectable field names a string, boolean or integer field of the schema, outside metadata. */
function validateSelectableFields(fields: { jsonPath: string }[], schema: Schema | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = `${path}[${i}].jsonPath`;
    const jsonPath = str(f?.jsonPath);
    if (!jsonPath) {
      errs.push(fe.required(at));
      return;
    }
    const parts = jsonPath.replace(/^\./, '').split('.');
    let node: Schema | undefined = schema;
    for (const p of parts) node = isObject(node?.properties) ? (node.properties as Record<string, Schema>)[p] : undefined;
    if (!node) {
      errs.push(fe.invalid(at, jsonPath, `is an invalid path: does not refer to a valid field`));
      return;
    }
    if (parts[0] === 'metadata') errs.push(fe.invalid(at, jsonPath, 'must not point to fields in metadata'));
    if (!['string', 'boolean', 'integer'].includes(str(node.type))) {
      errs.push(fe.invalid(at, jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    if (seen.has(parts.join('.'))) errs.push(fe.duplicate(at, jsonPath));
    seen.add(parts.join('.'));
  });
  if (seen.size > MAX_SELECTABLE_FIELDS) errs.push(fe.tooMany(path, seen.size, MAX_SELECTABLE_FIELDS));
  return errs;
}

/** In the internal form the webhook's settings sit directly under spec.conversion. */
function validateConversion(conversion: Record<string, unknown> | undefined): FieldError[] {
  if (!isObject(conversion)) return [];
  const errs: FieldError[] = [];
  const strategy = str(conversion.strategy);
  const webhook = isObject(conversion.webhook) ? conversion.webhook : undefined;
  const clientConfig = isObject(webhook?.clientConfig) ? (webhook?.clientConfig as Record<string, unknown>) : undefined;
  const reviewVersions = Array.isArray(webhook?.conversionReviewVersions) ? (webhook?.conversionReviewVersions as string[]) : [];
  if (!strategy) errs.push(fe.required('spec.conversion.strategy'));
  else if (strategy !== 'None' && strategy !== 'Webhook') errs.push(fe.notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook') {
    if (!clientConfig) errs.push(fe.required('spec.conversion.webhookClientConfig', 'required when strategy is set to Webhook'));
    else if ((clientConfig.url === undefined) === (clientConfig.service === undefined)) {
      errs.push(fe.required('spec.conversion.webhookClientConfig', 'exactly one of url or service is required'));
    }
    if (!reviewVersions.length) errs.push(fe.required('spec.conversion.conversionReviewVersions'));
    else {
      const seen = new Set<string>();
      reviewVersions.forEach((v, i) => {
        const at = `spec.conversion.conversionReviewVersions[${i}]`;
        if (seen.has(v)) {
          errs.push(fe.invalid(at, v, 'duplicate version'));
          return;
        }
        seen.add(v);
        for (const m of isDNS1035Label(str(v))) errs.push(fe.invalid(at, v, m));
      });
      if (!reviewVersions.some((v) => CONVERSION_REVIEW_VERSIONS.includes(v))) {
        errs.push(
          fe.invalid('spec.conversion.conversionReviewVersions', reviewVersions, `must include at least one of ${CONVERSION_REVIEW_VERSIONS.join(', ')}`),
        );
      }
    }
  } else {
    if (clientConfig) errs.push(fe.forbidden('spec.conversion.webhookClientConfig', 'should not be set when strategy is not set to Webhook'));
    if (reviewVersions.length) errs.push(fe.forbidden('spec.conversion.conversionReviewVersions', 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

function validateStoredVersions(stored: string[] | undefined, versions: CRDVersion[]): FieldError[] {
  const path = 'status.storedVersions';
  const list = Array.isArray(stored) ? stored : [];
  const shown = new GoText(list.length ? `[]string{${list.map((s) => JSON.stringify(s)).join(', ')}}` : '[]string(nil)');
  if (!list.length) return [fe.invalid(path, shown, 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(list.map((v, i) => [v, i]));
  for (const v of versions) {
    if (v.storage && !remaining.has(v.name)) errs.push(fe.invalid(path, shown, `must have the storage version ${v.name}`));
    remaining.delete(v.name);
  }
  for (const [v, i] of remaining) errs.push(fe.invalid(`${path}[${i}]`, v, 'must appear in spec.versions'));
  return errs;
}

/** Groups under k8s.io and kubernetes.io belong to the Kubernetes project and need an approval. */
function validateAPIApproval(crd: CRD): FieldError[] {
  const group = str(crd.spec?.group);
  const protectedGroup = group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!protectedGroup) return [];
  const path = `metadata.annotations[${API_APPROVAL_ANNOTATION}]`;
  const value = crd.metadata?.annotations?.[API_APPROVAL_ANNOTATION] ?? '';
  if (!value) {
    return [
      fe.required(
        path,
        `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`,
      ),
    ];
  }
  if (value.startsWith('unapproved') || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/\s]+/.test(value)) return [];
  return [
    fe.invalid(
      path,
      value,
      `protected groups must have approval annotation "${API_APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
    ),
  ];
}
