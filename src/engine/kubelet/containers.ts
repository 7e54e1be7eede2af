import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity';
import { formatPod, type KubeletCore } from './core';
import { buildEnv, expandRefs } from './env';
import { emptyFs, MemoryFs } from './fs';
import { lookupImage, type ResolvedImage } from './images';
import { effectiveArgv, renderLog, startProcess } from './programs';
import type { ShellHost } from './shell/host';
import { ShellSyntaxError } from './shell/ast';
import { newVm, runVm } from './shell/vm';
import type { ContainerRuntime, MachineState, PodRuntime } from './state';
import { containerMounts } from './volumes';

/** Lines kept per container log (the real kubelet rotates at 10 MiB; enough for lessons). */
const LOG_LIMIT = 5000;
/** The kubelet never kills with less than this grace (minimumGracePeriodInSeconds). */
const MIN_GRACE_MS = 2000;

export function newContainer(name: string, init: boolean): ContainerRuntime {
  return {
    name,
    init,
    epoch: 0,
    state: 'waiting',
    waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' },
    restartCount: 0,
    ready: false,
    started: false,
    memory: 0,
    listening: [],
    probes: {},
    probeFaults: {},
    fs: emptyFs(),
    logs: [],
    prevLogs: [],
  };
}

/** A restartable init container (`restartPolicy: Always`): a native sidecar. */
export function isSidecar(c: Container): boolean {
  return (c as Container & { restartPolicy?: string }).restartPolicy === 'Always';
}

/** The spec of a container (regular or init) by name. */
export function specOf(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers?.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

export function appendLog(c: ContainerRuntime, stream: 'stdout' | 'stderr', text: string, now: number): void {
  if (!text) return;
  const parts = text.split('\n');
  // A trailing newline ends the last line; a partial line is kept as a line of its own.
  if (parts[parts.length - 1] === '') parts.pop();
  for (const line of parts) c.logs.push([now, stream === 'stdout' ? 0 : 1, line]);
  if (c.logs.length > LOG_LIMIT) c.logs.splice(0, c.logs.length - LOG_LIMIT);
}

function kubeletFiles(pod: Pod, rt: PodRuntime, m: MachineState): Record<string, string> {
  const ip = rt.ip ?? m.ip;
  const hostname = pod.spec?.hostname ?? rt.name;
  const hosts = pod.spec?.hostNetwork
    ? `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${m.ip}\t${m.spec.name}\n`
    : `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${pod.spec?.subdomain ? `${hostname}.${pod.spec.subdomain}.${rt.namespace}.svc.cluster.local\t` : ''}${hostname}\n`;
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst =
    policy === 'ClusterFirst' || (policy === 'ClusterFirstWithHostNet' && pod.spec?.hostNetwork) || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  const resolv =
    clusterFirst && !pod.spec?.hostNetwork
      ? `search ${rt.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`
      : 'nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n';
  return {
    '/etc/hosts': hosts,
    '/etc/hostname': `${hostname}\n`,
    '/etc/resolv.conf': resolv,
  };
}

export function containerFs(core: KubeletCore, pod: Pod, rt: PodRuntime, c: ContainerRuntime): MemoryFs {
  const spec = specOf(pod, c.name);
  const { mounts } = spec ? containerMounts(core, spec, rt, pod) : { mounts: [] };
  return new MemoryFs(c.fs, mounts);
}

/** The container as a shell host: its files, clock, log, and the pod's network view. */
export function shellHost(core: KubeletCore, _m: MachineState, rt: PodRuntime, c: ContainerRuntime, shellName: string, write?: ShellHost['write']): ShellHost {
  const image = c.imageName ? lookupImage(c.imageName) : undefined;
  return {
    now: () => core.now(),
    userland: image?.spec.userland === 'gnu' ? 'gnu' : 'busybox',
    shellName,
    hostname: rt.pod.spec?.hostname ?? rt.name,
    fs: containerFs(core, rt.pod, rt, c),
    isProgram: (name) => !!image?.spec.programs?.includes(name),
    write: write ?? ((stream, text) => appendLog(c, stream, text, core.now())),
    net: core.network(rt),
  };
}

function memoryLimit(spec: Container): number | undefined {
  const raw = spec.resources?.limits?.memory;
  if (raw === undefined) return undefined;
  try {
    return parseQuantity(raw as string).value();
  } catch {
    return undefined;
  }
}

/**
 * Create and start the container (the image is on the machine): Created and Started events,
 * a fresh container ID and writable layer, the process begins. A missing ConfigMap or Secret is
 * a CreateContainerConfigError; a missing binary fails the start (StartError).
 */
export function startContainer(
  core: KubeletCore,
  m: MachineState,
  rt: PodRuntime,
  c: ContainerRuntime,
  spec: Container,
  image: ResolvedImage,
): 'started' | 'config-error' | 'start-error' {
  const pod = rt.pod;
  const envResult = buildEnv(core, pod, rt, m, spec, image.spec);
  if ('error' in envResult) {
    c.waiting = {
      reason: 'CreateContainerConfigError',
      message: envResult.error,
    };
    if (c.state !== 'terminated') c.state = 'waiting';
    core.podEvent(m, rt, 'Warning', 'Failed', `Error: ${envResult.error}`, c.name);
    return 'config-error';
  }
  const env = envResult.env;
  c.env = env;
  // A new instance: the previous exit becomes the last state.
  if (c.state === 'terminated' && c.terminated) c.lastTerminated = c.terminated;
  if (c.containerID !== undefined || c.lastTerminated) c.restartCount++;
  c.terminated = undefined;
  c.waiting = undefined;
  c.epoch++;
  c.containerID = `containerd://${core.stream('container-ids').chars(64, '0123456789abcdef')}`;
  c.imageName = image.name;
  c.imageID = image.imageID;
  c.prevLogs = c.logs;
  c.logs = [];
  c.memory = 0;
  c.listening = [];
  c.probes = {};
  c.ready = false;
  c.started = false;
  const { copies } = containerMounts(core, spec, rt, pod);
  c.fs = emptyFs({
    ...(image.spec.files ?? {}),
    ...kubeletFiles(pod, rt, m),
    ...copies,
  });
  core.podEvent(m, rt, 'Normal', 'Created', `Created container: ${c.name}`, c.name);
  const argv = effectiveArgv(
    image.spec,
    spec.command?.map((a) => expandRefs(a, env)),
    spec.args?.map((a) => expandRefs(a, env)),
  );
  const outcome = startProcess(argv, {
    image: image.spec,
    tag: image.name.slice(image.name.lastIndexOf(':') + 1),
    env,
    podName: rt.name,
    podIP: rt.ip ?? m.ip,
    memoryLimit: memoryLimit(spec),
    stdin: spec.stdin,
  });
  const now = core.now();
  if (outcome.kind === 'notfound') {
    const msg = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${outcome.binary}": executable file not found in $PATH: unknown`;
    core.podEvent(m, rt, 'Warning', 'Failed', `Error: ${msg}`, c.name);
    c.state = 'terminated';
    c.terminated = {
      exitCode: 128,
      reason: 'StartError',
      message: msg,
      startedAt: 0,
      finishedAt: now,
      containerID: c.containerID,
    };
    return 'start-error';
  }
  c.state = 'running';
  c.startedAt = now;
  core.podEvent(m, rt, 'Normal', 'Started', `Started container ${c.name}`, c.name);
  // `sim slow-start`: the process spends this long initialising before it does anything.
  const slow = core.state.slowStarts?.[`pod:${rt.key}`] ?? core.state.slowStarts?.[`image:${c.imageName}`] ?? 0;
  if (outcome.kind === 'shell') {
    c.process = {
      kind: 'shell',
      vm: newVm(outcome.script, env, spec.workingDir ?? image.spec.workdir ?? '/', outcome.args),
      shellName: outcome.shellName,
      wakeAt: now + slow,
    };
  } else {
    c.process = {
      kind: 'program',
      plan: outcome.plan,
      startedAt: now + slow,
      next: 0,
    };
  }
  stepProcess(core, m, rt, c);
  return 'started';
}

function schedule(core: KubeletCore, rt: PodRuntime, c: ContainerRuntime, due: number): void {
  if (Number.isFinite(due)) core.at(due, 'proc', { key: rt.key, container: c.name, epoch: c.epoch });
}

/** Advance the container's process to now: due log lines, ports, exits, shell steps. */
export function stepProcess(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime): void {
  const now = core.now();
  if (c.state !== 'running') return;
  if (c.killing?.turnAt !== undefined && now >= c.killing.turnAt) {
    // A sidecar whose turn never came within the grace period is stopped anyway (waitForTurn times out).
    takeStopTurn(core, m, rt, c);
  }
  if (c.killing && c.killing.turnAt === undefined) {
    if (c.killing.exitAt !== undefined && now >= c.killing.exitAt) {
      processExit(core, rt, c, c.killing.exitCode ?? 137);
      return;
    }
    if (now >= c.killing.deadline) {
      processExit(core, rt, c, 137);
      return;
    }
  }
  const p = c.process;
  if (!p) return;
  if (p.kind === 'shell') {
    if (now < p.wakeAt) {
      schedule(core, rt, c, nextWake(c, p.wakeAt));
      return;
    }
    const host = shellHost(core, m, rt, c, p.shellName);
    let r: ReturnType<typeof runVm>;
    try {
      r = runVm(p.vm, host);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      appendLog(c, 'stderr', `${p.shellName}: ${e.message}\n`, now);
      processExit(core, rt, c, 2);
      return;
    }
    if (r.kind === 'exit') {
      processExit(core, rt, c, r.code);
      return;
    }
    if (r.kind === 'sleep') {
      p.wakeAt = r.until;
      schedule(core, rt, c, nextWake(c, r.until));
      return;
    }
    // exec: the shell is replaced by an image program.
    const image = lookupImage(c.imageName as string) as ResolvedImage;
    const out = startProcess(r.argv, {
      image: image.spec,
      tag: image.name.slice(image.name.lastIndexOf(':') + 1),
      env: p.vm.vars,
      podName: rt.name,
      podIP: rt.ip ?? m.ip,
    });
    if (out.kind === 'program') c.process = { kind: 'program', plan: out.plan, startedAt: now, next: 0 };
    else if (out.kind === 'shell')
      c.process = {
        kind: 'shell',
        vm: newVm(out.script, p.vm.vars, p.vm.cwd, out.args),
        shellName: out.shellName,
        wakeAt: now,
      };
    else {
      appendLog(c, 'stderr', `${p.shellName}: exec: line 1: ${out.binary}: not found\n`, now);
      processExit(core, rt, c, 127);
      return;
    }
    stepProcess(core, m, rt, c);
    return;
  }
  const plan = p.plan;
  while (p.next < plan.events.length && p.startedAt + plan.events[p.next].at <= now) {
    const ev = plan.events[p.next++];
    const at = p.startedAt + ev.at;
    switch (ev.type) {
      case 'log':
        appendLog(c, ev.stream, `${renderLog(ev.text, at, { podIP: rt.ip ?? m.ip, podName: rt.name })}\n`, at);
        break;
      case 'listen':
        if (!c.listening.some((l) => l.port === ev.listener.port && l.protocol === ev.listener.protocol)) c.listening.push(ev.listener);
        break;
      case 'exit': {
        processExit(core, rt, c, ev.code);
        return;
      }
      case 'alloc': {
        c.memory = ev.bytes;
        const spec = specOf(rt.pod, c.name);
        const limit = spec ? memoryLimit(spec) : undefined;
        if (limit !== undefined && ev.bytes > limit) {
          processExit(core, rt, c, 137, 'OOMKilled');
          return;
        }
        break;
      }
      case 'cni':
        if (!m.cni) m.cni = true;
        break;
    }
  }
  const nextEvent = p.next < plan.events.length ? p.startedAt + plan.events[p.next].at : Number.POSITIVE_INFINITY;
  schedule(core, rt, c, nextWake(c, nextEvent));
}

function nextWake(c: ContainerRuntime, due: number): number {
  if (!c.killing) return due;
  if (c.killing.turnAt !== undefined) return Math.min(due, c.killing.turnAt);
  return Math.min(due, c.killing.exitAt ?? c.killing.deadline, c.killing.deadline);
}

/** The container's main process ended with `code`. */
export function processExit(core: KubeletCore, rt: PodRuntime, c: ContainerRuntime, code: number, reason?: string, message?: string): void {
  const now = core.now();
  c.state = 'terminated';
  c.terminated = {
    exitCode: code,
    reason: reason ?? (code === 0 ? 'Completed' : 'Error'),
    ...(message ? { message } : {}),
    startedAt: c.startedAt ?? now,
    finishedAt: now,
    containerID: c.containerID,
  };
  c.process = undefined;
  c.killing = undefined;
  c.listening = [];
  // A regular init container that completed is "ready" (it has done its part).
  c.ready = c.init && !c.sidecar && code === 0 && !reason;
  c.started = false;
  c.probes = {};
  c.epoch++;
  core.enqueue(rt.key);
}

/**
 * Stop the container: the Killing event, the stop signal, and SIGKILL when the grace period
 * runs out. `restart` marks a kill the pod worker follows with a new start (liveness).
 * `awaitTurn` (a sidecar while the pod stops) records the event now but holds the signal until
 * `takeStopTurn` says the containers it serves have stopped, or the grace period has passed.
 */
export function killContainer(
  core: KubeletCore,
  m: MachineState,
  rt: PodRuntime,
  c: ContainerRuntime,
  graceMs: number,
  message: string,
  restart: boolean,
  awaitTurn = false,
): void {
  if (c.state !== 'running' || c.killing) return;
  core.podEvent(m, rt, 'Normal', 'Killing', message, c.name);
  if (awaitTurn && graceMs > 0) {
    const turnAt = core.now() + graceMs;
    c.killing = { deadline: turnAt, turnAt, turnGraceMs: graceMs, restart };
    schedule(core, rt, c, turnAt);
    return;
  }
  sendStop(core, m, rt, c, graceMs);
}

/**
 * A sidecar's turn to stop came (killContainer's waitForTurn returned): the signal goes with what
 * is left of the grace period, counted in whole seconds waited as the kubelet does, and never
 * less than the 2 s minimum.
 */
export function takeStopTurn(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime): void {
  const k = c.killing;
  if (c.state !== 'running' || k?.turnAt === undefined) return;
  const graceMs = k.turnGraceMs ?? 0;
  const waited = Math.floor((core.now() - (k.turnAt - graceMs)) / 1000) * 1000;
  sendStop(core, m, rt, c, graceMs - waited);
}

/** Send the stop signal (SIGTERM, or the image's STOPSIGNAL): the process ends as its program says, or is SIGKILLed at the deadline. */
function sendStop(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime, graceMs: number): void {
  const now = core.now();
  const grace = Math.max(graceMs, MIN_GRACE_MS);
  const killing: NonNullable<ContainerRuntime['killing']> = {
    deadline: now + grace,
    restart: c.killing?.restart ?? false,
  };
  const p = c.process;
  if (p?.kind === 'program' && p.plan.onTerm !== 'ignore') {
    const onTerm = p.plan.onTerm;
    for (const line of onTerm.logs ?? []) appendLog(c, 'stderr', `${renderLog(line, now, { podIP: rt.ip ?? m.ip, podName: rt.name })}\n`, now);
    if (onTerm.afterMs < grace) {
      killing.exitAt = now + onTerm.afterMs;
      killing.exitCode = onTerm.code;
    }
  }
  c.killing = killing;
  schedule(core, rt, c, killing.exitAt ?? killing.deadline);
}

/** `Back-off restarting failed container …` bookkeeping (flowcontrol.Backoff: 10 s doubling to 5 min, reset after 10 min). */
export const CRASH_BACKOFF_INITIAL = 10_000;
export const CRASH_BACKOFF_MAX = 300_000;

export function backoffNext(prev: { lastUpdate: number; delay: number } | undefined, at: number): { lastUpdate: number; delay: number } {
  if (!prev || at - prev.lastUpdate > 2 * CRASH_BACKOFF_MAX) return { lastUpdate: at, delay: CRASH_BACKOFF_INITIAL };
  return { lastUpdate: at, delay: Math.min(prev.delay * 2, CRASH_BACKOFF_MAX) };
}

export { formatPod };
