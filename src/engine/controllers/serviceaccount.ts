import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { Controller, type ControllerContext } from './controller';
import { splitKey } from './informer';

/**
 * Keeps a `default` ServiceAccount in every active namespace (the service account controller)
 * and publishes the cluster CA as the `kube-root-ca.crt` ConfigMap (the root CA publisher).
 */
export class ServiceAccountController extends Controller {
  constructor(ctx: ControllerContext) {
    super('serviceaccount', ctx);
    const enqueue = (ns: { metadata: { name: string } }) => this.queue.add(ns.metadata.name);
    ctx.informers.for<Namespace>('namespaces').addHandlers({ add: enqueue, update: enqueue });
    ctx.informers.for<ServiceAccount>('serviceaccounts').addHandlers({
      delete: (sa) => sa.metadata.name === 'default' && this.queue.add(sa.metadata.namespace ?? ''),
    });
  }

  reconcile(name: string): void {
    const ns = this.ctx.informers.for<Namespace>('namespaces').get('', name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (!this.ctx.informers.for<ServiceAccount>('serviceaccounts').get(name, 'default')) {
      this.api.create<ServiceAccount>('serviceaccounts', name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    }
  }
}

export class RootCAPublisher extends Controller {
  constructor(ctx: ControllerContext) {
    super('root-ca-cert-publisher', ctx);
    ctx.informers.for<Namespace>('namespaces').addHandlers({
      add: (ns) => this.queue.add(ns.metadata.name),
      update: (ns) => this.queue.add(ns.metadata.name),
    });
    const onMap = (cm: { metadata: { name: string; namespace?: string } }) =>
      cm.metadata.name === 'kube-root-ca.crt' && this.queue.add(cm.metadata.namespace ?? '');
    ctx.informers.for<ConfigMap>('configmaps').addHandlers({ update: onMap, delete: onMap });
  }

  reconcile(key: string): void {
    const [, name] = splitKey(key);
    const ns = this.ctx.informers.for<Namespace>('namespaces').get('', name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const want = { 'ca.crt': clusterCA(this.ctx.random.seed) };
    const existing = this.ctx.informers.for<ConfigMap>('configmaps').get(name, 'kube-root-ca.crt');
    if (!existing) {
      this.api.create<ConfigMap>('configmaps', name, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': DESCRIPTION } },
        data: want,
      });
    } else if (existing.data?.['ca.crt'] !== want['ca.crt']) {
      this.api.update<ConfigMap>('configmaps', name, { ...existing, data: want });
    }
  }
}

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A PEM-shaped CA certificate, stable for a seed (the sandbox has no real PKI). */
export function clusterCA(seed: number): string {
  let x = (seed * 2654435761) >>> 0;
  let body = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 1024; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    body += chars[x % 64];
  }
  const lines = ['MIIDBTCCAe2gAwIBAgII', body].join('').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
