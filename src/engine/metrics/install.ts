import type { KubeletFleet } from '../kubelet/fleet';
import { bindLoad, enforceLoadMemoryLimits } from '../kubelet/usage';
import type { Cluster } from '../sim/cluster';
import { APIServiceAvailabilityController } from './apiservice';
import { LoadGenerator } from './load';
import { MetricsScraper } from './scraper';

/**
 * The resource-usage side of the sandbox: the load generator behind `sim load` (its load counts
 * in every usage figure of the machines), metrics-server's scraping, and the aggregator's
 * availability check that turns metrics.k8s.io on when metrics-server's APIService is Available.
 * None of it does anything until a learner applies load or enables the metrics-server add-on.
 */
export function installMetrics(cluster: Cluster, fleet: KubeletFleet): void {
  const ctx = cluster.context;
  const load = cluster.manager.add(new LoadGenerator(ctx, (now) => enforceLoadMemoryLimits(fleet, now)));
  bindLoad(fleet, load);
  const scraper = cluster.manager.add(new MetricsScraper(ctx, fleet));
  cluster.manager.add(new APIServiceAvailabilityController(ctx, scraper));
}

/** The scraper installed with the control plane (the HPA's metrics client reads through the API instead). */
export function metricsScraper(cluster: Cluster): MetricsScraper | undefined {
  return cluster.manager.get('metrics-server') as MetricsScraper | undefined;
}
