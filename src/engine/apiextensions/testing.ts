import { clone } from '../api/types';
import { controllerHarness } from '../controllers/harness';
import type { Controller, ControllerContext } from '../controllers/controller';
import { BehaviourController } from './behaviour/controller';
import { CRDEstablishingController } from './controllers/establishing';
import { CRDFinalizer } from './controllers/finalizer';
import { CRDNamingController } from './controllers/naming';
import { CRDServingController } from './controllers/serving';
import type { CRD } from './types';

/** The CronTab CustomResourceDefinition of the Kubernetes docs, with validation, defaults and printer columns. */
export function cronTabCRD(): CRD {
  return clone({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    cronSpec: {
                      type: 'string',
                      pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$',
                      default: '5 0 * * *',
                    },
                    image: { type: 'string' },
                    replicas: {
                      type: 'integer',
                      minimum: 1,
                      maximum: 10,
                      default: 1,
                    },
                  },
                },
              },
            },
          },
          additionalPrinterColumns: [
            {
              name: 'Spec',
              type: 'string',
              description: 'The cron spec defining the interval a CronJob is run',
              jsonPath: '.spec.cronSpec',
            },
            {
              name: 'Replicas',
              type: 'integer',
              description: 'The number of jobs launched by the CronJob',
              jsonPath: '.spec.replicas',
            },
            {
              name: 'Age',
              type: 'date',
              jsonPath: '.metadata.creationTimestamp',
            },
          ],
        },
      ],
      scope: 'Namespaced',
      names: {
        plural: 'crontabs',
        singular: 'crontab',
        kind: 'CronTab',
        shortNames: ['ct'],
      },
    },
  } as CRD);
}

/** A control plane with the apiextensions controllers (plus extra ones a test names) and a default namespace. */
export function apiExtensionsHarness(...extra: ((ctx: ControllerContext) => Controller)[]) {
  const h = controllerHarness(
    (ctx) => new CRDServingController(ctx),
    (ctx) => new CRDNamingController(ctx),
    (ctx) => new CRDEstablishingController(ctx),
    (ctx) => new CRDFinalizer(ctx),
    (ctx) => new BehaviourController(ctx),
    ...extra,
  );
  for (const name of ['default', 'kube-system'])
    h.api.create('namespaces', '', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  h.settle();
  return h;
}
