import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { qosClass } from '../apiserver/strategies/qos';
import { isSidecar } from './containers';
import type { ContainerRuntime, MachineState, PodRuntime, Terminated } from './state';

/**
 * The pod status a kubelet writes (generateAPIPodStatus + the status manager's merge): phase,
 * kubelet-owned conditions, container statuses in their waiting/running/terminated states.
 */
type Ts = (ms: number) => string;

/** Conditions the kubelet owns; others (DisruptionTarget, readiness gates) are kept as they are. */
const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

export function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function terminatedState(t: Terminated, ts: Ts): ContainerState {
  return {
    terminated: {
      exitCode: t.exitCode,
      ...(t.signal ? { signal: t.signal } : {}),
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: ts(t.startedAt),
      finishedAt: ts(t.finishedAt),
      ...(t.containerID ? { containerID: t.containerID } : {}),
    },
  };
}

export function containerStatus(c: ContainerRuntime, spec: Container, ts: Ts): ContainerStatus {
  let state: ContainerState;
  if (c.state === 'running') state = { running: { startedAt: ts(c.startedAt ?? 0) } };
  else if (c.state === 'terminated' && c.terminated) state = terminatedState(c.terminated, ts);
  else
    state = {
      waiting: {
        reason: c.waiting?.reason ?? 'ContainerCreating',
        ...(c.waiting?.message ? { message: c.waiting.message } : {}),
      },
    };
  const everRan = c.imageName !== undefined && (c.containerID !== undefined || c.lastTerminated !== undefined);
  const containerID = c.state !== 'waiting' ? c.containerID : c.lastTerminated?.containerID;
  const status: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.lastTerminated ? terminatedState(c.lastTerminated, ts) : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: everRan ? (c.imageName as string) : (spec.image ?? ''),
    imageID: everRan ? (c.imageID ?? '') : '',
    ...(containerID ? { containerID } : {}),
    started: c.started,
  };
  const mounts = (spec.volumeMounts ?? []).map((vm) =>
    vm.readOnly
      ? {
          name: vm.name,
          mountPath: vm.mountPath,
          readOnly: true,
          recursiveReadOnly: 'Disabled',
        }
      : { name: vm.name, mountPath: vm.mountPath },
  );
  if (mounts.length) (status as { volumeMounts?: unknown }).volumeMounts = mounts;
  return status;
}

/** getPhase: what the containers' states say about the pod. */
export function podPhase(pod: Pod, rt: PodRuntime, podIsTerminal: boolean): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const spec = pod.spec;
  const policy = spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const ic of spec?.initContainers ?? []) {
    const c = rt.containers[ic.name];
    if (isSidecar(ic)) {
      if (!c?.started) pendingInit++;
      continue;
    }
    if (!c) {
      pendingInit++;
      continue;
    }
    if (c.state === 'running') pendingInit++;
    else if (c.state === 'terminated') {
      if (c.terminated?.exitCode !== 0) failedInit++;
    } else if (c.lastTerminated) {
      if (c.lastTerminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let anyStarted = false;
  for (const sc of spec?.containers ?? []) {
    const c = rt.containers[sc.name];
    if (!c) {
      unknown++;
      continue;
    }
    if (c.state === 'running') {
      running++;
      anyStarted = true;
    } else if (c.state === 'terminated') {
      stopped++;
      anyStarted = true;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) {
      stopped++;
      anyStarted = true;
    } else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, status: string, reason?: string, message?: string): PodCondition {
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function kubeletConditions(pod: Pod, rt: PodRuntime, statuses: ContainerStatus[], initStatuses: ContainerStatus[], phase: string): PodCondition[] {
  const spec = pod.spec;
  const out: PodCondition[] = [condition('PodReadyToStartContainers', rt.sandbox === 'ready' ? 'True' : 'False')];
  // Initialized
  const incomplete = (spec?.initContainers ?? [])
    .filter((ic) => {
      const st = initStatuses.find((s) => s.name === ic.name);
      return isSidecar(ic) ? !st?.started : !st?.ready;
    })
    .map((ic) => ic.name);
  const unknownInit = (spec?.initContainers ?? []).filter((ic) => !rt.containers[ic.name]).map((ic) => ic.name);
  const anyRegularStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (phase === 'Succeeded' && !unknownInit.length) out.push(condition('Initialized', 'True', 'PodCompleted'));
  else if (anyRegularStarted || !incomplete.length) out.push(condition('Initialized', 'True'));
  else {
    const known = incomplete.filter((n) => !unknownInit.includes(n));
    const msgs = [
      ...(unknownInit.length ? [`containers with unknown status: ${goList(unknownInit)}`] : []),
      ...(known.length ? [`containers with incomplete status: ${goList(known)}`] : []),
    ];
    out.push(condition('Initialized', 'False', 'ContainersNotInitialized', msgs.join(', ')));
  }
  // ContainersReady, then Ready (which also needs the readiness gates).
  let containersReady: PodCondition;
  if (phase === 'Succeeded' || phase === 'Failed') {
    containersReady = condition('ContainersReady', 'False', phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed');
  } else {
    const sidecars = (spec?.initContainers ?? []).filter(isSidecar);
    const unknown = [...sidecars, ...(spec?.containers ?? [])].filter((c) => !rt.containers[c.name]).map((c) => c.name);
    const unready = [...initStatuses.filter((s) => sidecars.some((c) => c.name === s.name)), ...statuses]
      .filter((s) => !s.ready && rt.containers[s.name])
      .map((s) => s.name);
    const msgs = [
      ...(unknown.length ? [`containers with unknown status: ${goList(unknown)}`] : []),
      ...(unready.length ? [`containers with unready status: ${goList(unready)}`] : []),
    ];
    containersReady = msgs.length ? condition('ContainersReady', 'False', 'ContainersNotReady', msgs.join(', ')) : condition('ContainersReady', 'True');
  }
  let ready: PodCondition;
  if (containersReady.status !== 'True') ready = { ...containersReady, type: 'Ready' };
  else {
    const gateMsgs: string[] = [];
    for (const g of spec?.readinessGates ?? []) {
      const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
      if (!c) gateMsgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
      else if (c.status !== 'True') gateMsgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
    }
    ready = gateMsgs.length ? condition('Ready', 'False', 'ReadinessGatesNotReady', gateMsgs.join(', ')) : condition('Ready', 'True');
  }
  out.push(ready, containersReady, condition('PodScheduled', 'True'));
  return out;
}

/** The status the kubelet would write now, merged over the pod's current API status. */
export function generatePodStatus(pod: Pod, rt: PodRuntime, m: MachineState, ts: Ts, nowTs: string): PodStatus {
  const spec = pod.spec;
  const initStatuses = (spec?.initContainers ?? []).filter((c) => rt.containers[c.name]).map((c) => containerStatus(rt.containers[c.name], c, ts));
  const statuses = (spec?.containers ?? []).map((c) =>
    rt.containers[c.name]
      ? containerStatus(rt.containers[c.name], c, ts)
      : ({
          name: c.name,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
          ready: false,
          restartCount: 0,
          image: c.image ?? '',
          imageID: '',
          started: false,
        } as ContainerStatus),
  );
  // Init containers the kubelet has not reached yet still get a waiting status (PodInitializing).
  const allInit = (spec?.initContainers ?? []).map(
    (c) =>
      initStatuses.find((s) => s.name === c.name) ??
      ({
        name: c.name,
        state: { waiting: { reason: 'PodInitializing' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: c.image ?? '',
        imageID: '',
        started: false,
      } as ContainerStatus),
  );
  const podIsTerminal = rt.finished;
  // An evicted pod is Failed once its containers have stopped, whatever they exited with.
  const phase = rt.evicted && rt.finished ? 'Failed' : podPhase(pod, rt, podIsTerminal);
  // A pod with init containers shows PodInitializing for containers not created yet (hasInitContainers).
  if ((spec?.initContainers ?? []).length) {
    for (const s of statuses) {
      if (s.state?.waiting?.reason === 'ContainerCreating' && !s.state.waiting.message) s.state = { waiting: { reason: 'PodInitializing' } };
    }
  }
  const generated = kubeletConditions(pod, rt, statuses, allInit, phase);
  // mergePodStatus: a pod whose containers may still run (a Job pod's sidecars being stopped) does
  // not turn Succeeded/Failed yet; it keeps its phase until the pod worker has stopped everything.
  const oldPhase = pod.status?.phase;
  const holdPhase = (phase === 'Succeeded' || phase === 'Failed') && !rt.finished && oldPhase !== 'Succeeded' && oldPhase !== 'Failed';
  const old = pod.status?.conditions ?? [];
  const conditions: PodCondition[] = old.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  if (rt.evicted && !conditions.some((c) => c.type === 'DisruptionTarget')) {
    conditions.unshift({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: nowTs,
      reason: 'TerminationByKubelet',
      message: rt.evicted,
    });
  }
  for (const c of generated) {
    const prev = old.find((o) => o.type === c.type);
    conditions.push({
      type: c.type,
      status: c.status,
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : nowTs,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    });
  }
  const status: PodStatus = {
    phase: holdPhase ? (oldPhase ?? 'Pending') : phase,
    conditions,
    ...(rt.evicted && rt.finished
      ? { message: rt.evicted, reason: 'Evicted' }
      : {
          ...(pod.status?.message ? { message: pod.status.message } : {}),
          ...(pod.status?.reason ? { reason: pod.status.reason } : {}),
        }),
    ...(pod.status?.nominatedNodeName ? { nominatedNodeName: pod.status.nominatedNodeName } : {}),
    hostIP: m.ip,
    hostIPs: [{ ip: m.ip }],
    ...(rt.ip ? { podIP: rt.ip, podIPs: [{ ip: rt.ip }] } : {}),
    startTime: rt.startTime,
    ...(allInit.length ? { initContainerStatuses: allInit } : {}),
    containerStatuses: statuses,
    qosClass: qosClass(pod),
  };
  const ephemeral = (spec?.ephemeralContainers ?? []).filter((c) => rt.containers[c.name]);
  // Probes never run for ephemeral containers, so they are never ready.
  if (ephemeral.length) status.ephemeralContainerStatuses = ephemeral.map((c) => ({ ...containerStatus(rt.containers[c.name], c as Container, ts), ready: false }));
  return status;
}
