import type { Pod } from 'kubernetes-types/core/v1';
import type { Ingress, IngressClass, IngressLoadBalancerIngress } from 'kubernetes-types/networking/v1';
import { clone, type Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import { type Informer, splitKey } from '../controllers/informer';
import { handles } from './ingress';
import { controllerClassOf } from './ingress-serve';
import { isIPv4 } from './ip';

const SOURCE = { component: 'nginx-ingress-controller' };
const CONTROLLER_INDEX = 'ingress-nginx:controller';

function flagOf(args: readonly string[], name: string): string | undefined {
  for (const a of args) if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function running(p: Pod): boolean {
  return p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp;
}

function ready(p: Pod): boolean {
  return running(p) && !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * What the ingress-nginx controller pods write back to the API: each running controller records
 * a `Sync` event ("Scheduled for sync") for every Ingress of its class it sees added or changed
 * (its own status write included, hence the usual "x2"), and the leader (the first ready pod by
 * name) publishes the address in status.loadBalancer: `--publish-status-address` (kind's manifest
 * says `localhost`), else the addresses of the nodes its pods run on.
 */
export class IngressStatusController extends Controller {
  private readonly ingresses: Informer<Ingress>;
  private readonly classes: Informer<IngressClass>;
  private readonly pods: Informer<Pod>;
  /** `pod uid|ingress key` → the Ingress resourceVersion that pod last announced a sync for. */
  private synced: Record<string, string> = {};

  constructor(ctx: ControllerContext) {
    super('ingress-nginx-status', ctx);
    this.ingresses = ctx.informers.for<Ingress>('networking.k8s.io/ingresses');
    this.classes = ctx.informers.for<IngressClass>('networking.k8s.io/ingressclasses');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(CONTROLLER_INDEX, (p) => (controllerClassOf(p) ? ['controller'] : []));
    const one = (i: Stored<Ingress>) => this.queue.add(`${i.metadata.namespace}/${i.metadata.name}`);
    const all = () => {
      for (const i of this.ingresses.list()) one(i);
    };
    this.ingresses.addHandlers({ add: one, update: one, delete: one });
    this.classes.addHandlers({ add: all, update: all, delete: all });
    const pod = (p: Stored<Pod>) => {
      if (controllerClassOf(p)) all();
    };
    this.pods.addHandlers({ add: pod, update: pod, delete: pod });
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const ing = this.ingresses.get(ns, name);
    if (!ing) {
      for (const k of Object.keys(this.synced)) if (k.endsWith(`|${key}`)) delete this.synced[k];
      return;
    }
    const classes = this.classes.list();
    const controllers = this.pods
      .byIndex(CONTROLLER_INDEX, 'controller')
      .filter(running)
      .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
    for (const pod of controllers) {
      const cc = controllerClassOf(pod);
      if (!cc || !handles(ing, classes, cc)) continue;
      const k = `${pod.metadata.uid}|${key}`;
      if (this.synced[k] === ing.metadata.resourceVersion) continue;
      this.synced[k] = ing.metadata.resourceVersion ?? '';
      this.ctx.events.event(ing, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
    }
    const leader = controllers.find((p) => {
      const cc = controllerClassOf(p);
      return ready(p) && !!cc && handles(ing, classes, cc);
    });
    if (!leader) return;
    const want = this.addresses(leader, controllers);
    const have = ing.status?.loadBalancer?.ingress ?? [];
    if (JSON.stringify(have) === JSON.stringify(want)) return;
    const next = clone(ing);
    next.status = { ...next.status, loadBalancer: want.length ? { ingress: want } : {} };
    this.api.updateStatus<Ingress>('networking.k8s.io/ingresses', ns, next);
  }

  /** The addresses the leader publishes. */
  private addresses(leader: Pod, controllers: Pod[]): IngressLoadBalancerIngress[] {
    const cc = controllerClassOf(leader);
    const published = cc ? flagOf(cc.args, 'publish-status-address') : undefined;
    if (published) {
      return published
        .split(',')
        .filter(Boolean)
        .map((a) => (isIPv4(a) ? { ip: a } : { hostname: a }));
    }
    const ips = new Set<string>();
    for (const p of controllers) if (ready(p) && p.status?.hostIP) ips.add(p.status.hostIP);
    return [...ips].sort().map((ip) => ({ ip }));
  }

  snapshotState(): Record<string, string> {
    return { ...this.synced };
  }

  restoreState(state: unknown): void {
    this.synced = { ...((state as Record<string, string>) ?? {}) };
  }
}
