import type { KObject, Stored } from '../../api/types';
import type { ApiServer } from '../apiserver';
import type { ResourceType } from '../registry';
import type { UserInfo } from '../types';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  resource: ResourceType;
  subresource?: string;
  namespace: string;
  name: string;
  /** The object being written; mutating plugins change it in place. Absent for DELETE. */
  object?: KObject;
  oldObject?: Stored;
  user: UserInfo;
  dryRun: boolean;
  /** Warnings for the client (kubectl prints each as `Warning: …`); plugins push onto it. */
  warnings: string[];
}

/**
 * An admission plugin as the API server chains them: `admit` may change the object (mutating
 * phase, in chain order), `validate` may only reject by throwing a StatusError.
 */
export interface AdmissionPlugin {
  name: string;
  admit?(req: AdmissionRequest, api: ApiServer): void;
  validate?(req: AdmissionRequest, api: ApiServer): void;
}
