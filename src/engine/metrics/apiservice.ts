import type { Endpoints, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { resourceKey } from '../apiserver/registry';
import { Controller, type ControllerContext } from '../controllers/controller';
import type { Informer } from '../controllers/informer';
import { nodeMetricsResource, podMetricsResource } from './api';
import { METRICS_API_SERVICE, NODE_METRICS, POD_METRICS } from './resources';
import type { MetricsScraper } from './scraper';

/** apiregistration.k8s.io/v1 APIService (kubernetes-types has no types for the aggregator's group). */
interface APIServiceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

interface APIService {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    group?: string;
    version?: string;
    service?: { name?: string; namespace?: string; port?: number };
  };
  status?: { conditions?: APIServiceCondition[] };
}

type Check = Pick<APIServiceCondition, 'status' | 'reason' | 'message'>;

/**
 * kube-aggregator's availability check for APIServices backed by a Service (metrics-server's
 * `v1beta1.metrics.k8s.io`): Available is True once the Service has a ready endpoint on its
 * port, with the aggregator's reasons and messages otherwise. While the metrics APIService is
 * Available, the API server serves metrics.k8s.io (discovery lists it, get and list answer);
 * when it is not, the group is gone, as kubectl top finds on a cluster without metrics-server.
 */
export class APIServiceAvailabilityController extends Controller {
  private readonly apiServices: Informer<APIService>;
  private readonly services: Informer<Service>;
  private readonly endpoints: Informer<Endpoints>;
  private serving = false;

  constructor(
    ctx: ControllerContext,
    private readonly scraper: MetricsScraper,
  ) {
    super('apiservice-availability', ctx);
    this.apiServices = ctx.informers.for<APIService>('apiregistration.k8s.io/apiservices');
    this.services = ctx.informers.for<Service>('services');
    this.endpoints = ctx.informers.for<Endpoints>('endpoints');
    this.apiServices.addHandlers({
      add: (a) => this.queue.add(a.metadata.name),
      update: (a) => this.queue.add(a.metadata.name),
      delete: (a) => this.queue.add(a.metadata.name),
    });
    const byService = (o: Service | Endpoints) => {
      for (const a of this.apiServices.list()) {
        const ref = a.spec?.service;
        if (ref && ref.namespace === o.metadata?.namespace && ref.name === o.metadata?.name) this.queue.add(a.metadata.name);
      }
    };
    for (const inf of [this.services, this.endpoints] as Informer<Service | Endpoints>[]) {
      inf.addHandlers({ add: byService, update: byService, delete: byService });
    }
    for (const a of this.apiServices.list()) this.queue.add(a.metadata.name);
  }

  snapshotState(): null {
    return null;
  }

  /** The registry lives outside the store: after a restore, serve again what the APIService says. */
  restoreState(): void {
    this.setServing(false);
    this.reconcile(METRICS_API_SERVICE);
  }

  reconcile(name: string): void {
    const a = this.apiServices.get('', name);
    if (!a) {
      if (name === METRICS_API_SERVICE) this.setServing(false);
      return;
    }
    const check = this.check(a);
    const current = a.status?.conditions?.find((c) => c.type === 'Available');
    if (current?.status !== check.status || current?.reason !== check.reason || current?.message !== check.message) {
      const condition: APIServiceCondition = {
        type: 'Available',
        ...check,
        lastTransitionTime: current?.status === check.status && current.lastTransitionTime ? current.lastTransitionTime : this.ctx.clock.timestamp(),
      };
      const others = (a.status?.conditions ?? []).filter((c) => c.type !== 'Available');
      this.api.updateStatus<APIService>('apiregistration.k8s.io/apiservices', '', { ...a, status: { ...a.status, conditions: [...others, condition] } });
    }
    if (name === METRICS_API_SERVICE) this.setServing(check.status === 'True' && a.spec?.group === 'metrics.k8s.io' && a.spec?.version === 'v1beta1');
  }

  private check(a: Stored<APIService>): Check {
    const ref = a.spec?.service;
    if (!ref) return { status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
    const svc = this.services.get(ref.namespace ?? '', ref.name ?? '');
    if (!svc) return { status: 'False', reason: 'ServiceNotFound', message: `service/${ref.name} in "${ref.namespace}" is not present` };
    const port = ref.port ?? 443;
    const sp = svc.spec?.ports?.find((p) => p.port === port);
    if (!sp) return { status: 'False', reason: 'ServicePortError', message: `service/${ref.name} in "${ref.namespace}" is not listening on port ${port}` };
    const ep = this.endpoints.get(ref.namespace ?? '', ref.name ?? '');
    if (!ep) return { status: 'False', reason: 'MissingEndpoints', message: `cannot find endpoints for service/${ref.name} in "${ref.namespace}"` };
    const ready = (ep.subsets ?? []).some((s) => (s.addresses?.length ?? 0) > 0 && s.ports?.some((p) => (p.name ?? '') === (sp.name ?? '')));
    if (!ready) {
      return {
        status: 'False',
        reason: 'MissingEndpoints',
        message: `endpoints for service/${ref.name} in "${ref.namespace}" have no addresses with port name "${sp.name ?? ''}"`,
      };
    }
    return { status: 'True', reason: 'Passed', message: 'all checks passed' };
  }

  private setServing(on: boolean): void {
    if (on === this.serving) return;
    this.serving = on;
    const api = this.api;
    if (on) {
      api.registry.add(NODE_METRICS);
      api.registry.add(POD_METRICS);
      const informers = this.ctx.informers;
      api.aggregated.set(resourceKey(NODE_METRICS), nodeMetricsResource(this.scraper, informers.for<Node>('nodes'), this.ctx.clock));
      api.aggregated.set(resourceKey(POD_METRICS), podMetricsResource(this.scraper, informers.for<Pod>('pods'), this.ctx.clock));
    } else {
      api.registry.remove(NODE_METRICS);
      api.registry.remove(POD_METRICS);
      api.aggregated.delete(resourceKey(NODE_METRICS));
      api.aggregated.delete(resourceKey(POD_METRICS));
    }
  }
}
