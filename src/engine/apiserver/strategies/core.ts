import type { Strategy } from '../strategy';
import { eventStrategy, namespaceStrategy, nodeStrategy } from './cluster';
import { configMapStrategy, secretStrategy, serviceAccountStrategy } from './config';
import { podStrategy } from './pod';
import { resourceQuotaStrategy, limitRangeStrategy } from './quota';
import { podTemplateStrategy, replicationControllerStrategy } from './replicationcontroller';
import { endpointsStrategy, serviceStrategy } from './service';
import { persistentVolumeClaimStrategy, persistentVolumeStrategy } from './volumes-api';

export {
  configMapStrategy,
  endpointsStrategy,
  eventStrategy,
  limitRangeStrategy,
  namespaceStrategy,
  nodeStrategy,
  persistentVolumeClaimStrategy,
  persistentVolumeStrategy,
  podTemplateStrategy,
  replicationControllerStrategy,
  resourceQuotaStrategy,
  secretStrategy,
  serviceAccountStrategy,
  serviceStrategy,
};

/** The core group's strategies, by resource. */
export const coreStrategies: Record<string, Strategy> = {
  pods: podStrategy as Strategy,
  namespaces: namespaceStrategy as Strategy,
  services: serviceStrategy as Strategy,
  endpoints: endpointsStrategy as Strategy,
  configmaps: configMapStrategy as Strategy,
  secrets: secretStrategy as Strategy,
  serviceaccounts: serviceAccountStrategy as Strategy,
  nodes: nodeStrategy as Strategy,
  events: eventStrategy as Strategy,
  persistentvolumes: persistentVolumeStrategy as Strategy,
  persistentvolumeclaims: persistentVolumeClaimStrategy as Strategy,
  resourcequotas: resourceQuotaStrategy as Strategy,
  limitranges: limitRangeStrategy as Strategy,
  podtemplates: podTemplateStrategy as Strategy,
  replicationcontrollers: replicationControllerStrategy as Strategy,
};
