import { methodNotAllowed } from '../../api/status';
import { type AnyObject, clone, type KObject } from '../../api/types';
import type { Strategy } from '../../apiserver/strategy';
import { fe } from '../../apiserver/strategies/errors';
import { applyDefaults, pruneNonNullableNullsWithoutDefaults } from '../schema/defaults';
import { toFieldErrors } from '../schema/errors';
import { validateListTypes } from '../schema/listtype';
import { coerceObjectMeta, prune } from '../schema/prune';
import { validateValue } from '../schema/validate';
import { isObject } from '../types';
import type { CustomResourceModel } from './model';
import { validateScaleSpec, validateScaleStatus, valueAt } from './scale';

/**
 * The API server's treatment of one custom resource, built from its CRD: every object it takes
 * is pruned to the schema, nulls it may not hold are dropped, defaults are filled in; then it is
 * validated against the schema with the real server's messages. With a status subresource the
 * main resource ignores status and /status validates only status (against properties.status).
 */
export type CustomResourceStrategy = Strategy & {
  /**
   * The fields of `obj` the schema does not know (`spec.colour`), which decoding drops. With
   * field validation Strict the real server refuses the request instead
   * (`CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.colour"`);
   * with Warn kubectl prints `Warning: unknown field "spec.colour"`.
   */
  unknownFields(obj: KObject): string[];
};

export function customResourceStrategy(model: CustomResourceModel, terminating: () => boolean): CustomResourceStrategy {
  const schema = model.schema;
  const decode = (obj: AnyObject) => {
    coerceObjectMeta(obj);
    if (!schema) return;
    prune(obj, schema, true);
    pruneNonNullableNullsWithoutDefaults(obj, schema);
    applyDefaults(obj, schema);
  };
  return {
    // Kubernetes bumps a custom object's generation on any change outside metadata. The API
    // server here compares everything but metadata and status; with a status subresource the
    // two agree (status cannot change through the main resource).
    generation: true,
    statusSubresource: model.status,
    nameValidation: 'subdomain',
    defaults: (obj) => decode(obj as AnyObject),
    prepareForCreate(obj) {
      if (terminating()) {
        throw methodNotAllowed('create not allowed while custom resource definition is terminating');
      }
      if (model.status) delete (obj as AnyObject).status;
    },
    validate(obj) {
      const o = obj as AnyObject;
      const errs = typeMetaErrors(o, model);
      if (errs.length) return errs;
      errs.push(...toFieldErrors(validateValue(schema, o)));
      errs.push(...validateScaleSpec(o, model.scale));
      errs.push(...validateScaleStatus(o, model.scale));
      errs.push(...validateListTypes('', schema, o));
      return errs;
    },
    validateStatusUpdate(obj) {
      const o = obj as AnyObject;
      // The status body is decoded like any other: pruned and defaulted before it is checked.
      if (isObject(o.status) && model.statusSchema) {
        prune(o.status, model.statusSchema, false);
        pruneNonNullableNullsWithoutDefaults(o.status, model.statusSchema);
        applyDefaults(o.status, model.statusSchema);
      } else if (o.status !== undefined && schema && !schema['x-kubernetes-preserve-unknown-fields']) {
        const wrapper = { status: o.status };
        prune(wrapper, schema, false);
        if (wrapper.status === undefined) delete o.status;
      }
      const errs = typeMetaErrors(o, model);
      if (errs.length) return errs;
      if (o.status !== undefined) errs.push(...toFieldErrors(validateValue(model.statusSchema, o.status), 'status'));
      errs.push(...validateScaleStatus(o, model.scale));
      return errs;
    },
    unknownFields(obj) {
      const copy = clone(obj) as AnyObject;
      const meta = isObject(copy.metadata) ? Object.keys(copy.metadata) : [];
      coerceObjectMeta(copy);
      const dropped = meta.filter((k) => !(k in (copy.metadata as object))).map((k) => `metadata.${k}`);
      return [...dropped, ...(schema ? prune(copy, schema, true) : [])].sort();
    },
    fieldValues(obj: KObject) {
      const values: Record<string, string> = {};
      for (const path of model.selectableFields) {
        const { value } = valueAt(obj, path);
        values[path] = value === undefined || value === null ? '' : String(value);
      }
      return values;
    },
  };
}

function typeMetaErrors(obj: AnyObject, model: CustomResourceModel) {
  const rt = model.resource;
  const want = `${rt.group}/${rt.version}`;
  const errs = [];
  if (obj.kind !== rt.kind) errs.push(fe.invalid('kind', obj.kind ?? '', `must be ${rt.kind}`));
  if (obj.apiVersion !== want) errs.push(fe.invalid('apiVersion', obj.apiVersion ?? '', `must be ${want}`));
  return errs;
}
