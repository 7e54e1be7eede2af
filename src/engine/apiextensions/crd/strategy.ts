import { isCreate } from '../../apiserver/strategies/common';
import type { Strategy } from '../../apiserver/strategy';
import { setCondition } from '../conditions';
import { CLEANUP_FINALIZER, type CRD, isObject } from '../types';
import { storageVersion } from '../versions';
import { validateCRD, validateCRDUpdate, validateNames } from './validation';

/**
 * The API server's strategy for CustomResourceDefinitions: v1 defaults, a status the server
 * owns (reset on create, kept on update), storedVersions that remember every storage version,
 * and the validation in ./validation.ts.
 */

/** SetDefaults_CustomResourceDefinitionSpec. */
function defaults(crd: CRD): void {
  if (!isObject(crd.spec)) return;
  const names = isObject(crd.spec.names) ? crd.spec.names : undefined;
  if (names) {
    if (!names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  if (!isObject(crd.spec.conversion)) crd.spec.conversion = { strategy: 'None' };
  const service = crd.spec.conversion.webhook?.clientConfig?.service;
  if (isObject(service) && service.port === undefined) service.port = 443;
}

function rememberStorageVersion(crd: CRD): void {
  const storage = storageVersion(crd)?.name;
  if (!storage) return;
  const status = crd.status ?? {};
  crd.status = status;
  const stored = Array.isArray(status.storedVersions) ? status.storedVersions : [];
  if (!stored.includes(storage)) status.storedVersions = [...stored, storage];
}

export const customResourceDefinitionStrategy: Strategy<CRD> = {
  generation: true,
  statusSubresource: true,
  defaults,
  prepareForCreate(crd) {
    // The status is the server's: whatever the client sent is replaced.
    crd.status = {
      acceptedNames: { kind: '', plural: '' },
      conditions: null,
      storedVersions: [],
    };
    rememberStorageVersion(crd);
  },
  prepareForUpdate(crd) {
    rememberStorageVersion(crd);
  },
  // As the CRD registry's Delete: the first delete adds the cleanup finalizer and says so.
  prepareForDelete(crd, ctx) {
    const meta = crd.metadata ?? {};
    crd.metadata = meta;
    const finalizers = meta.finalizers ?? [];
    if (!finalizers.includes(CLEANUP_FINALIZER)) meta.finalizers = [...finalizers, CLEANUP_FINALIZER];
    setCondition(
      crd,
      {
        type: 'Terminating',
        status: 'True',
        reason: 'InstanceDeletionPending',
        message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
      },
      ctx.timestamp,
    );
  },
  validate: (crd) => validateCRD(crd, isCreate(crd)),
  validateUpdate: (crd, old) => validateCRDUpdate(crd, old),
  validateStatusUpdate: (crd) => validateNames(crd.status?.acceptedNames, 'status.acceptedNames'),
};
