import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { deepEqual } from '../apiserver/apiserver';
import { isStatusError } from '../api/status';
import type { Stored } from '../api/types';
import { type Cidr, formatIPv4, parseCidr } from '../network/ip';
import { backoffNext, isSidecar, newContainer, startContainer } from './containers';
import { formatPod, jitter, type KubeletCore } from './core';
import { goDuration } from './format';
import { NETWORK_NOT_READY } from './nodestatus';
import { generatePodStatus } from './podstatus';
import { startProbes } from './probes';
import { ensureImage } from './pull';
import type { ContainerRuntime, MachineState, PodRuntime, Terminated } from './state';
import { advanceStopOrder, killPodContainers } from './stoporder';
import { mountVolumes } from './volumes';
import { scheduleVolumeRefresh } from './volumesync';

/**
 * A pod worker (syncPod): admit the pod, set up its sandbox, run init containers in order and
 * then the containers, restart them as the restart policy and the crash back-off say, and
 * terminate gracefully when the pod is deleted.
 */
const POD_WORKER_BACKOFF = 10_000;

export function admitPod(core: KubeletCore, m: MachineState, pod: Stored<Pod>, staticName?: string): PodRuntime {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const rt: PodRuntime = {
    key,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    pod,
    admittedAt: core.now(),
    sandbox: 'pending',
    startTime: core.ts(),
    containers: {},
    volumes: {},
    sharedVolumes: {},
    initDone: !(pod.spec?.initContainers ?? []).length,
    finished: false,
  };
  if (staticName) rt.staticName = staticName;
  for (const c of pod.spec?.initContainers ?? []) {
    rt.containers[c.name] = newContainer(c.name, true);
    if (isSidecar(c)) rt.containers[c.name].sidecar = true;
  }
  for (const c of pod.spec?.containers ?? []) rt.containers[c.name] = newContainer(c.name, false);
  m.pods[key] = rt;
  core.state.podNodes[key] = m.spec.name;
  return rt;
}

/** Ask the pod worker to sync again after `delayMs` (the worker's back-off requeue). */
export function requestResync(core: KubeletCore, rt: PodRuntime, delayMs: number): void {
  const due = core.now() + delayMs;
  if (rt.resyncAt !== undefined && rt.resyncAt > core.now() && rt.resyncAt <= due) return;
  rt.resyncAt = due;
  core.at(due, 'resync', { key: rt.key, epoch: due });
}

/** The range the node IPAM controller gave this machine's Node (what kindnet's host-local IPAM hands out from). */
function nodePodCIDR(core: KubeletCore, m: MachineState): Cidr | undefined {
  const text = core.api.find<Node>('nodes', '', m.spec.name)?.spec?.podCIDR;
  return text ? parseCidr(text) : undefined;
}

function allocateIP(core: KubeletCore, m: MachineState, rt: PodRuntime): void {
  if (rt.pod.spec?.hostNetwork) {
    rt.ip = m.ip;
    return;
  }
  const range = nodePodCIDR(core, m);
  if (!range) return;
  // host-local: .1 is the gateway, the network and broadcast addresses are never handed out.
  const hosts = Math.max(1, 2 ** (32 - range.bits) - 3);
  for (let i = 1; i <= hosts; i++) {
    const n = ((m.lastIP - 2 + i) % hosts) + 2;
    const ip = formatIPv4(range.base + n);
    if (!core.state.ips[ip]) {
      core.state.ips[ip] = rt.key;
      m.lastIP = n;
      rt.ip = ip;
      return;
    }
  }
}

export function stopSandbox(core: KubeletCore, rt: PodRuntime): void {
  if (rt.sandbox === 'stopped') return;
  rt.sandbox = 'stopped';
  rt.sandboxDue = undefined;
  if (rt.ip && core.state.ips[rt.ip] === rt.key) delete core.state.ips[rt.ip];
}

function ensureSandbox(core: KubeletCore, m: MachineState, rt: PodRuntime): void {
  if (rt.sandboxDue !== undefined) return;
  if (!rt.pod.spec?.hostNetwork && (!m.cni || !nodePodCIDR(core, m))) {
    core.podEvent(m, rt, 'Warning', 'NetworkNotReady', `network is not ready: ${NETWORK_NOT_READY}`);
    requestResync(core, rt, jitter(core, POD_WORKER_BACKOFF, 0.5));
    return;
  }
  const mounted = mountVolumes(core, rt.pod, rt, m);
  if (mounted.error) {
    core.podEvent(m, rt, 'Warning', 'FailedMount', mounted.error);
    requestResync(core, rt, jitter(core, POD_WORKER_BACKOFF, 0.5));
    return;
  }
  const due = core.now() + (rt.pod.spec?.hostNetwork ? 150 : 400) + core.stream('sandboxes').int(600);
  rt.sandboxDue = due;
  core.at(due, 'sandbox', { key: rt.key, epoch: due });
}

/** The sandbox timer fired: the pause container runs and the pod has its IP. */
export function sandboxReady(core: KubeletCore, m: MachineState, rt: PodRuntime, due: number): void {
  if (rt.sandboxDue !== due || rt.sandbox !== 'pending') return;
  rt.sandboxDue = undefined;
  rt.sandbox = 'ready';
  allocateIP(core, m, rt);
  scheduleVolumeRefresh(core, rt);
  core.enqueue(rt.key);
}

function shouldRestart(pod: Pod, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** The container's latest exit, if it has run before. */
function latestExit(c: ContainerRuntime): Terminated | undefined {
  if (c.state === 'terminated') return c.terminated;
  if (c.containerID !== undefined) return c.lastTerminated;
  return undefined;
}

/** Start (or restart) one container, honouring the crash back-off and the image manager. */
function runContainer(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime, spec: Container): void {
  const now = core.now();
  const exit = latestExit(c);
  if (exit && !c.pulling) {
    const bo = c.crashBackoff;
    if (bo && now - exit.finishedAt < bo.delay) {
      core.podEvent(m, rt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(rt)}`, c.name);
      if (c.state === 'terminated') {
        c.lastTerminated = c.terminated;
        c.terminated = undefined;
      }
      c.state = 'waiting';
      c.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${goDuration(bo.delay)} restarting failed container=${c.name} pod=${formatPod(rt)}`,
      };
      requestResync(core, rt, jitter(core, POD_WORKER_BACKOFF, 0.5));
      return;
    }
    if (c.backoffFor !== exit.finishedAt) {
      c.crashBackoff = backoffNext(c.crashBackoff, exit.finishedAt);
      c.backoffFor = exit.finishedAt;
    }
  }
  const img = ensureImage(core, m, rt, c, spec);
  if (img.kind === 'waiting') return;
  if (img.kind === 'failed') {
    // ErrImagePull is followed by a quick sync (the runtime's relist) that finds the back-off.
    requestResync(core, rt, c.waiting?.reason === 'ErrImagePull' ? 1000 : jitter(core, POD_WORKER_BACKOFF, 0.5));
    return;
  }
  const r = startContainer(core, m, rt, c, spec, img.image);
  if (r === 'started' && c.state === 'running') startProbes(core, rt, c, spec);
  else if (r === 'config-error') requestResync(core, rt, jitter(core, POD_WORKER_BACKOFF, 0.5));
  else if (r === 'start-error') core.enqueue(rt.key);
}

/** One pass of the pod worker over the runtime state. Idempotent: a settled pod does nothing. */
export function syncPod(core: KubeletCore, m: MachineState, rt: PodRuntime): void {
  if (rt.finished || m.poweredOff) return;
  if (rt.terminating) {
    advanceStopOrder(core, m, rt);
    return;
  }
  if (rt.sandbox === 'pending') {
    ensureSandbox(core, m, rt);
    return;
  }
  if (rt.sandbox !== 'ready') return;
  const pod = rt.pod;
  const sidecars = (pod.spec?.initContainers ?? []).filter(isSidecar);
  if (!rt.initDone) {
    for (const ic of pod.spec?.initContainers ?? []) {
      if (!rt.containers[ic.name]) rt.containers[ic.name] = newContainer(ic.name, true);
      const c = rt.containers[ic.name];
      if (isSidecar(ic)) {
        // A sidecar (restartable init container) must have started before the next one runs.
        if (c.state !== 'running') runContainer(core, m, rt, c, ic);
        if (c.state === 'running' && c.started) continue;
        return;
      }
      const exit = latestExit(c);
      if (c.state === 'terminated' && c.terminated?.exitCode === 0) continue;
      if (c.state === 'running') return;
      if (exit && exit.exitCode !== 0 && (pod.spec?.restartPolicy ?? 'Always') === 'Never') {
        finish(core, rt);
        return;
      }
      runContainer(core, m, rt, c, ic);
      return;
    }
    rt.initDone = true;
  }
  let active = false;
  for (const sc of pod.spec?.containers ?? []) {
    if (!rt.containers[sc.name]) rt.containers[sc.name] = newContainer(sc.name, false);
    const c = rt.containers[sc.name];
    if (c.state === 'running') {
      active = true;
      continue;
    }
    const exit = latestExit(c);
    if (exit && !shouldRestart(pod, exit.exitCode)) continue;
    active = true;
    runContainer(core, m, rt, c, sc);
  }
  // Ephemeral containers (kubectl debug) start once, once the pod runs, and are never restarted.
  for (const ec of pod.spec?.ephemeralContainers ?? []) {
    if (!rt.containers[ec.name]) rt.containers[ec.name] = newContainer(ec.name, false);
    const c = rt.containers[ec.name];
    if (c.state === 'waiting' && !latestExit(c) && c.containerID === undefined) runContainer(core, m, rt, c, ec as Container);
  }
  if (active) {
    // Sidecars are kept running for as long as the pod's containers run.
    for (const ic of sidecars) {
      const c = rt.containers[ic.name];
      if (c && c.state !== 'running') runContainer(core, m, rt, c, ic);
    }
    return;
  }
  // The containers are done and none restarts (computePodActions' KillPod): the sidecars are
  // stopped, last defined first, and once they have all exited the pod is finished.
  killPodContainers(core, m, rt, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
  if (sidecars.every((ic) => rt.containers[ic.name]?.state !== 'running')) finish(core, rt);
}

/** Every container is done and none restarts: the pod reached its terminal phase. */
function finish(core: KubeletCore, rt: PodRuntime): void {
  rt.finished = true;
  for (const c of Object.values(rt.containers)) {
    c.pulling = undefined;
    if (c.state === 'waiting' && c.lastTerminated) {
      c.state = 'terminated';
      c.terminated = c.lastTerminated;
      c.lastTerminated = undefined;
      c.waiting = undefined;
    }
  }
  stopSandbox(core, rt);
}

/** The pod got a deletionTimestamp: stop every container within the grace period. */
export function beginTermination(core: KubeletCore, m: MachineState, rt: PodRuntime, graceMs: number): void {
  if (rt.terminating) return;
  rt.terminating = { since: core.now(), graceMs };
  killPodContainers(core, m, rt, graceMs);
}

export function allStopped(rt: PodRuntime): boolean {
  return Object.values(rt.containers).every((c) => c.state !== 'running');
}

/** Termination finished: containers are gone, the sandbox too. */
export function finishTermination(core: KubeletCore, rt: PodRuntime): void {
  rt.finished = true;
  for (const c of Object.values(rt.containers)) {
    if (c.state === 'waiting' && c.lastTerminated) {
      c.state = 'terminated';
      c.terminated = c.lastTerminated;
      c.lastTerminated = undefined;
      c.waiting = undefined;
    }
  }
  stopSandbox(core, rt);
}

/** Forget a pod's runtime entirely (its API object is gone). */
export function forgetPod(core: KubeletCore, m: MachineState, rt: PodRuntime): void {
  stopSandbox(core, rt);
  for (const c of Object.values(rt.containers)) c.epoch++;
  delete m.pods[rt.key];
  if (core.state.podNodes[rt.key] === m.spec.name) delete core.state.podNodes[rt.key];
}

/** Write the pod status if it changed (the status manager). */
export function writeStatus(core: KubeletCore, m: MachineState, rt: PodRuntime, apiPod: Stored<Pod>): void {
  const status = generatePodStatus(apiPod, rt, m, (ms) => core.ts(ms), core.ts());
  if (deepEqual(status, apiPod.status)) return;
  try {
    // The status is built afresh for this write and not kept: it is handed over, not copied.
    core.api.updateStatus<Pod>('pods', rt.namespace, { ...apiPod, status }, { owned: true });
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return;
    throw e;
  }
}
