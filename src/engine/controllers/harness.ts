import { ApiServer } from '../apiserver/apiserver';
import { EventRecorder } from '../apiserver/events';
import { ResourceRegistry } from '../apiserver/registry';
import { ObjectStore } from '../apiserver/store';
import { Clock } from '../sim/clock';
import { Random } from '../sim/random';
import type { Controller, ControllerContext } from './controller';
import { InformerFactory } from './informer';
import { ControllerManager } from './manager';

/**
 * A control plane with only the controllers a test names: for testing one controller against the
 * real API server without the rest of the cluster.
 */
export function controllerHarness(...make: ((ctx: ControllerContext) => Controller)[]) {
  const clock = new Clock(Date.UTC(2025, 0, 6, 9));
  const api = new ApiServer(new ResourceRegistry(), new ObjectStore(), clock, new Random(1));
  const ctx: ControllerContext = { api, clock, random: api.random, informers: new InformerFactory(api), events: new EventRecorder(api) };
  const manager = new ControllerManager();
  const controllers = make.map((m) => manager.add(m(ctx)));
  const settle = () => manager.settle();
  const advance = (ms: number) => {
    const end = clock.now() + ms;
    settle();
    while (clock.runNext(end)) settle();
    clock.moveTo(end);
  };
  /** Reconcile every key a controller could own again, and report whether anything was written. */
  const writesOnResync = (c: Controller, keys: string[]): boolean => {
    const before = api.store.resourceVersion();
    for (const k of keys) c.reconcile(k);
    settle();
    return api.store.resourceVersion() !== before;
  };
  return { api, clock, ctx, manager, controllers, settle, advance, writesOnResync };
}
