import { isSidecar, killContainer, takeStopTurn } from './containers';
import type { KubeletCore } from './core';
import type { MachineState, PodRuntime } from './state';

/**
 * The order a pod's containers stop in when it has sidecars (the kubelet's terminationOrdering):
 * every running container gets its Killing event at once; the regular containers get the stop
 * signal at once, each sidecar only after all regular containers and every sidecar defined after
 * it have exited — so sidecars stop in the reverse of their definition order — or when the grace
 * period has run out waiting.
 */
export function killPodContainers(core: KubeletCore, m: MachineState, rt: PodRuntime, graceMs: number): void {
  const sidecars = new Set((rt.pod.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  for (const c of Object.values(rt.containers)) {
    c.pulling = undefined;
    if (c.state === 'running') killContainer(core, m, rt, c, graceMs, `Stopping container ${c.name}`, false, sidecars.has(c.name));
  }
  advanceStopOrder(core, m, rt);
}

/** Give the next sidecar its turn to stop, if the containers it waits for have exited. */
export function advanceStopOrder(core: KubeletCore, m: MachineState, rt: PodRuntime): void {
  const spec = rt.pod.spec;
  if ((spec?.containers ?? []).some((c) => rt.containers[c.name]?.state === 'running')) return;
  const sidecars = (spec?.initContainers ?? []).filter(isSidecar);
  for (let i = sidecars.length - 1; i >= 0; i--) {
    const c = rt.containers[sidecars[i].name];
    if (c?.state !== 'running') continue;
    // The last running sidecar is next; the ones defined before it wait until it has gone.
    takeStopTurn(core, m, rt, c);
    return;
  }
}
