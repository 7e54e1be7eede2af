import type { Service } from 'kubernetes-types/core/v1';
import { clone, type Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import { type Informer, splitKey } from '../controllers/informer';
import { formatIPv4, parseIPv4 } from './ip';

/** The address pool of the simulated load-balancer provider: a slice of the kind Docker network. */
export const LB_POOL_FIRST = '172.18.255.200';
export const LB_POOL_LAST = '172.18.255.250';
export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** How long the provider takes to bring a load balancer up: EXTERNAL-IP is `<pending>` meanwhile. */
export const LB_PROVISION_MS = 1000;
/** The service controller retries a failed sync with backoff starting at 5 s. */
const RETRY_MS = 5000;

const SOURCE = { component: 'service-controller' };

function ingressIPs(s: Service): string[] {
  return (s.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
}

function inPool(ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && n >= (parseIPv4(LB_POOL_FIRST) as number) && n <= (parseIPv4(LB_POOL_LAST) as number);
}

/**
 * The cloud provider's service controller with a local load-balancer provider behind it: a
 * LoadBalancer Service (with no loadBalancerClass) gets the cleanup finalizer, then an address
 * from the pool in status.loadBalancer.ingress; when it stops being one, or is deleted, the
 * address is released and the finalizer removed. The events are the service controller's.
 */
export class ServiceLBController extends Controller {
  private readonly services: Informer<Service>;
  /** Services whose load balancer is being brought up, with when it is ready (ms). */
  private provisioning: Record<string, number> = {};

  constructor(ctx: ControllerContext) {
    super('service-lb-controller', ctx);
    this.services = ctx.informers.for<Service>('services');
    this.services.addIndex('service-lb:ingress', (s) => ingressIPs(s));
    const enqueue = (s: Stored<Service>) => {
      if (s.spec?.type === 'LoadBalancer' || s.metadata.finalizers?.includes(LB_FINALIZER)) this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    };
    this.services.addHandlers({ add: enqueue, update: enqueue });
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const svc = this.services.get(ns, name);
    if (!svc) {
      delete this.provisioning[key];
      return;
    }
    const owned = svc.metadata.finalizers?.includes(LB_FINALIZER) ?? false;
    const wanted = svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass && !svc.metadata.deletionTimestamp;
    if (!wanted) {
      delete this.provisioning[key];
      if (owned) this.release(svc);
      return;
    }
    const current = ingressIPs(svc);
    if (owned && current.length === 1 && inPool(current[0]) && this.holder(current[0]) === key) return;
    const now = this.ctx.clock.now();
    if (!owned) {
      this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      const next = clone(svc);
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), LB_FINALIZER];
      this.api.update('services', ns, next);
    }
    // The provider's call takes a moment; the status is written when it returns.
    this.provisioning[key] ??= now + LB_PROVISION_MS;
    if (now < this.provisioning[key]) return this.provisioning[key] - now;
    delete this.provisioning[key];
    const ip = this.allocate(svc, key);
    if (!ip) {
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${LB_POOL_FIRST}-${LB_POOL_LAST}`);
      return RETRY_MS;
    }
    this.api.updateStatus<Service>('services', ns, { ...clone(svc), status: { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } });
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    return;
  }

  snapshotState(): Record<string, number> {
    return { ...this.provisioning };
  }

  restoreState(state: unknown): void {
    this.provisioning = { ...((state as Record<string, number>) ?? {}) };
  }

  /** The Service holding an address first (by name), so a duplicate after a restore is resolved one way. */
  private holder(ip: string): string | undefined {
    const keys = this.services
      .byIndex('service-lb:ingress', ip)
      .filter((s) => s.metadata.finalizers?.includes(LB_FINALIZER))
      .map((s) => `${s.metadata.namespace}/${s.metadata.name}`)
      .sort();
    return keys[0];
  }

  /** spec.loadBalancerIP when it is in the pool and free, else the lowest free address. */
  private allocate(svc: Service, key: string): string | undefined {
    const free = (ip: string) => this.services.byIndex('service-lb:ingress', ip).every((s) => `${s.metadata.namespace}/${s.metadata.name}` === key);
    const asked = svc.spec?.loadBalancerIP;
    if (asked) return inPool(asked) && free(asked) ? asked : undefined;
    const first = parseIPv4(LB_POOL_FIRST) as number;
    const last = parseIPv4(LB_POOL_LAST) as number;
    for (let n = first; n <= last; n++) {
      const ip = formatIPv4(n);
      if (free(ip)) return ip;
    }
    return undefined;
  }

  private release(svc: Stored<Service>): void {
    const ns = svc.metadata.namespace ?? '';
    this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    if (ingressIPs(svc).length) {
      this.api.updateStatus<Service>('services', ns, { ...clone(svc), status: { ...svc.status, loadBalancer: {} } });
    }
    const latest = this.services.get(ns, svc.metadata.name) ?? svc;
    const next = clone(latest);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER);
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    this.api.update('services', ns, next);
    this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  }

  private event(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(svc, type, reason, message, SOURCE);
  }
}
