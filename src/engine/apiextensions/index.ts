import type { Controller, ControllerContext } from '../controllers/controller';
import { BehaviourController } from './behaviour/controller';
import { CRDEstablishingController } from './controllers/establishing';
import { CRDFinalizer } from './controllers/finalizer';
import { CRDNamingController } from './controllers/naming';
import { CRDServingController } from './controllers/serving';

/**
 * apiextensions.k8s.io: CustomResourceDefinitions and the custom resources they define, as the
 * API server's apiextensions part runs them, plus behaviour-as-data controllers for lessons
 * (README.md).
 */

export { customResourceDefinitionStrategy } from './crd/strategy';
export { validateCRD, validateCRDUpdate } from './crd/validation';
export { customResourceStrategy } from './customresource/strategy';
export { modelFor, type CustomResourceModel } from './customresource/model';
export {
  crdFor,
  printerColumnsFor,
  printerColumnsForResource,
  publishedSchema,
  publishedSchemaForResource,
} from './published';
export { validateValue } from './schema/validate';
export { toFieldErrors } from './schema/errors';
export { prune } from './schema/prune';
export { applyDefaults } from './schema/defaults';
export { findCondition, isConditionTrue } from './conditions';
export { preferredVersion, compareKubeAwareVersions } from './versions';
export {
  CLEANUP_FINALIZER,
  CRD_RESOURCE,
  type CRD,
  type Schema,
} from './types';
export { BEHAVIOUR_LABEL, BEHAVIOUR_KEY } from './behaviour/spec';
export { BehaviourController, CRDEstablishingController, CRDFinalizer, CRDNamingController, CRDServingController };

/**
 * The controllers, in the order the control plane should run them: serving first, so that the
 * CRD strategy is in place before anything is created and restores first after a snapshot.
 */
export function apiExtensionsControllers(ctx: ControllerContext): Controller[] {
  return [new CRDServingController(ctx), new CRDNamingController(ctx), new CRDEstablishingController(ctx), new CRDFinalizer(ctx), new BehaviourController(ctx)];
}
