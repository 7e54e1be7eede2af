import { isStatusError } from '../../api/status';
import type { AnyObject } from '../../api/types';
import { type ResourceType, resourceKey } from '../../apiserver/registry';
import type { Strategy } from '../../apiserver/strategy';
import { Controller, type ControllerContext } from '../../controllers/controller';
import type { Informer } from '../../controllers/informer';
import { isConditionTrue } from '../conditions';
import { customResourceDefinitionStrategy } from '../crd/strategy';
import { type CustomResourceModel, modelFor } from '../customresource/model';
import { readScale, setValueAt } from '../customresource/scale';
import { customResourceStrategy } from '../customresource/strategy';
import { CRD_RESOURCE, type CRD } from '../types';
import { crdInformer } from './crds';
import { servedResourcesChanged } from './served';

/** How often objects of a CRD that vanished without its cleanup are looked at again. */
const RECHECK_MS = 5_000;

interface Served {
  key: string;
  fingerprint: string;
  model: CustomResourceModel;
}

/**
 * What the API server's CRD handler and discovery controller do: an established CRD's resource
 * joins discovery (so kubectl resolves its plural, singular, short names and categories) and is
 * served with a strategy built from its schema; when the CRD is gone, so is the resource.
 *
 * The registry and strategies live outside the object store, so after a snapshot restore they
 * are rebuilt from the CRDs in the store (restoreState).
 */
export class CRDServingController extends Controller {
  private readonly crds: Informer<CRD>;
  private readonly served = new Map<string, Served>();

  constructor(ctx: ControllerContext) {
    super('crd-serving', ctx);
    ctx.api.customStrategies.set(CRD_RESOURCE, customResourceDefinitionStrategy as unknown as Strategy);
    this.crds = crdInformer(ctx);
    this.crds.addHandlers({
      add: (crd) => this.queue.add(crd.metadata.name),
      update: (crd) => this.queue.add(crd.metadata.name),
      delete: (crd) => this.queue.add(crd.metadata.name),
    });
    for (const crd of this.crds.list()) this.queue.add(crd.metadata.name);
  }

  /** The resource an established CRD is served as, if it is. */
  servedResource(crdName: string): ResourceType | undefined {
    return this.served.get(crdName)?.model.resource;
  }

  snapshotState(): null {
    return null;
  }

  restoreState(): void {
    for (const name of [...this.served.keys()]) this.unserve(name);
    for (const crd of this.crds.list()) this.reconcile(crd.metadata.name);
  }

  reconcile(name: string): number | undefined {
    const crd = this.crds.get('', name);
    if (!crd) return this.whenGone(name);
    const model = isConditionTrue(crd, 'Established') ? modelFor(crd) : undefined;
    if (!model) {
      this.unserve(name);
      return undefined;
    }
    const key = resourceKey(model.resource);
    const taken = this.api.registry.get(model.resource.group, model.resource.plural);
    const ours = [...this.served.values()].some((s) => s.key === key);
    // A built-in resource is never replaced by a custom one.
    if (taken && !ours) return undefined;
    const fingerprint = JSON.stringify([model.resource, model.version, crd.spec.scope]);
    const current = this.served.get(name);
    if (current?.fingerprint === fingerprint) return undefined;
    if (current) this.unserve(name);
    this.serve(name, model, key, fingerprint);
    return undefined;
  }

  private serve(name: string, model: CustomResourceModel, key: string, fingerprint: string): void {
    const terminating = () => {
      const live = this.crds.get('', name);
      return !live || isConditionTrue(live, 'Terminating') || !!live.metadata?.deletionTimestamp;
    };
    this.api.registry.add(model.resource);
    this.api.customStrategies.set(key, customResourceStrategy(model, terminating));
    const scale = model.scale;
    if (scale) {
      this.api.customScale.set(key, {
        read: (obj) => readScale(obj, scale),
        write: (obj, replicas) => setValueAt(obj as AnyObject, scale.specReplicasPath, replicas),
      });
    }
    this.served.set(name, { key, fingerprint, model });
    servedResourcesChanged(this.api);
  }

  private unserve(name: string): void {
    const s = this.served.get(name);
    if (!s) return;
    this.api.registry.remove(s.model.resource);
    this.api.customStrategies.delete(s.key);
    this.api.customScale.delete(s.key);
    this.served.delete(name);
    servedResourcesChanged(this.api);
  }

  /**
   * The CRD is gone. Normally its cleanup finalizer removed every object first; if it went
   * without (the finalizer was taken off by hand), its objects are deleted now, and the
   * resource stays served until they are gone.
   */
  private whenGone(name: string): number | undefined {
    const s = this.served.get(name);
    if (!s) return undefined;
    const rt = s.model.resource;
    const left = this.api.store.list(s.key);
    for (const obj of left) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        this.api.delete(rt, obj.metadata.namespace ?? '', obj.metadata.name);
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
    if (this.api.store.count(s.key) > 0) return RECHECK_MS;
    this.unserve(name);
    return undefined;
  }
}
