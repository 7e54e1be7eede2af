import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { ProbeKind } from '../sim/machines';
import type { KubeletCore } from './core';
import { appendLog, killContainer, shellHost } from './containers';
import { lookupImage } from './images';
import { accessLog, httpRespond } from './programs';
import { quoteArgv, runSync } from './shell/vm';
import type { ContainerRuntime, MachineState, PodRuntime } from './state';

/**
 * The prober: one worker per probe, ticking every periodSeconds from the container's start
 * (with a random phase, as workers start before their containers), skipping ticks inside
 * initialDelaySeconds. Thresholds turn results into readiness, restarts, and Unhealthy events.
 */
const LABEL: Record<ProbeKind, string> = {
  liveness: 'Liveness',
  readiness: 'Readiness',
  startup: 'Startup',
};

export function probeOf(spec: Container, kind: ProbeKind): Probe | undefined {
  return kind === 'liveness' ? spec.livenessProbe : kind === 'readiness' ? spec.readinessProbe : spec.startupProbe;
}

function periodMs(p: Probe): number {
  return Math.max(1, p.periodSeconds ?? 10) * 1000;
}

/** Set up a new container instance's probe workers and its initial started/ready state. */
export function startProbes(core: KubeletCore, rt: PodRuntime, c: ContainerRuntime, spec: Container): void {
  const now = core.now();
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const p = probeOf(spec, kind);
    if (!p) continue;
    c.probes[kind] = { result: kind === 'liveness', successes: 0, failures: 0 };
    const phase = Math.floor(core.stream('probe-phase').next() * periodMs(p));
    core.at(now + phase, 'probe', {
      key: rt.key,
      container: c.name,
      epoch: c.epoch,
      kind,
    });
  }
  if (!spec.startupProbe) {
    c.started = true;
    if (!spec.readinessProbe && (!c.init || c.sidecar)) c.ready = true;
  }
}

/** A kubelet that started again: new probe workers for a running container, keeping its results. */
export function restartProbes(core: KubeletCore, rt: PodRuntime, c: ContainerRuntime, spec: Container): void {
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const p = probeOf(spec, kind);
    if (!p || !c.probes[kind]) continue;
    core.at(core.now() + Math.floor(core.stream('probe-phase').next() * periodMs(p)), 'probe', { key: rt.key, container: c.name, epoch: c.epoch, kind });
  }
}

function resolvePort(port: number | string | undefined, pod: PodRuntime['pod']): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const found = c.ports?.find((p) => p.name === port);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** Who in the pod (shared network namespace) listens on a port. */
function listenerOn(rt: PodRuntime, port: number, protocol = 'TCP'): { c: ContainerRuntime; http?: string } | undefined {
  for (const c of Object.values(rt.containers)) {
    if (c.state !== 'running') continue;
    const l = c.listening.find((x) => x.port === port && x.protocol === protocol);
    if (l) return { c, http: l.http };
  }
  return undefined;
}

/** timeoutSeconds: how long the prober waits for an answer (default 1 s). */
export function timeoutMs(p: Probe): number {
  return Math.max(1, p.timeoutSeconds ?? 1) * 1000;
}

/** Is the container's process hung (`sim hang`)? */
export function isHung(c: ContainerRuntime, now: number): boolean {
  return c.hungUntil === null || (c.hungUntil !== undefined && now < c.hungUntil);
}

/** Does anything answer at this IP (a pod, a node)? Packets to other addresses are dropped. */
function reachable(core: KubeletCore, ip: string): boolean {
  if (ip === 'localhost' || ip.startsWith('127.')) return true;
  if (core.state.ips[ip]) return true;
  return Object.values(core.state.machines).some((x) => x.ip === ip && !x.down);
}

/**
 * One probe attempt: success, and the output the kubelet puts in the Unhealthy event
 * (`errored` when the prober got an error rather than a result: `… probe errored: …`).
 */
export function probeOnce(
  core: KubeletCore,
  m: MachineState,
  rt: PodRuntime,
  c: ContainerRuntime,
  p: Probe,
  kind: ProbeKind,
): { ok: boolean; output: string; errored?: boolean; timedOut?: boolean } {
  const ip = rt.ip ?? m.ip;
  const fault = c.probeFaults[kind];
  const faulty = fault === null || (fault !== undefined && core.now() < fault);
  if (p.exec) {
    if (faulty) return { ok: false, output: '' };
    const argv = p.exec.command ?? [];
    const image = c.imageName ? lookupImage(c.imageName) : undefined;
    const base = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
    if (image?.spec.userland === 'none' && !image.spec.programs?.includes(base)) {
      // containerd's ExecSync fails: the prober reports an error, not a result.
      const id = core.stream('exec-ids').chars(64, '0123456789abcdef');
      return {
        ok: false,
        errored: true,
        output: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      };
    }
    const isShell = ['sh', 'bash', 'ash', 'dash'].includes(base) && argv[1] === '-c';
    const script = isShell ? (argv[2] ?? '') : quoteArgv(argv);
    let slept = 0;
    const host = { ...shellHost(core, m, rt, c, isShell ? base : 'sh'), slept: (ms: number) => (slept += ms) };
    const vars = c.process?.kind === 'shell' ? c.process.vm.vars : (c.env ?? {});
    const r = runSync(script, { ...vars }, host);
    // ExecProbeTimeout (GA): the runtime's DeadlineExceeded becomes a failed probe with this output.
    if (slept >= timeoutMs(p)) return { ok: false, timedOut: true, output: `command "${argv.join(' ')}" timed out` };
    return {
      ok: r.exitCode === 0,
      output: `${r.stdout}${r.stderr}`.replace(/\s+$/, ''),
    };
  }
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port as number | string, rt.pod) ?? 0;
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = p.httpGet.host ?? ip;
    const path = p.httpGet.path ?? '/';
    const url = `${scheme}://${host}:${port}${path}`;
    if (faulty) return { ok: false, output: 'HTTP probe failed with statuscode: 500' };
    if (p.httpGet.host && !reachable(core, host)) return { ok: false, timedOut: true, output: `Get "${url}": dial tcp ${host}:${port}: i/o timeout (Client.Timeout exceeded while awaiting headers)` };
    const l = listenerOn(rt, port);
    if (!l)
      return {
        ok: false,
        output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`,
      };
    // A hung process still has its socket: the connection is accepted, no answer comes.
    if (isHung(l.c, core.now())) return { ok: false, timedOut: true, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (!l.http) return { ok: false, output: `Get "${url}": EOF` };
    const answer = httpRespond(l.http, path, {
      read: (file) => (l.c.fs ? shellHost(core, m, rt, l.c, 'sh').fs.read(file) : undefined),
      startedAt: l.c.startedAt ?? core.now(),
      now: core.now(),
      podName: rt.name,
      data: l.c.process?.kind === 'program' ? l.c.process.plan.data : undefined,
    });
    const line = accessLog(
      l.http,
      rt.pod.spec?.hostNetwork ? '127.0.0.1' : `10.244.${m.index}.1`,
      path,
      answer.status,
      answer.body.length,
      'kube-probe/1.32',
      core.now(),
    );
    if (line) appendLog(l.c, 'stdout', `${line}\n`, core.now());
    if (answer.status >= 200 && answer.status < 400) return { ok: true, output: '' };
    return {
      ok: false,
      output: `HTTP probe failed with statuscode: ${answer.status}`,
    };
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port as number | string, rt.pod) ?? 0;
    const host = p.tcpSocket.host ?? ip;
    // Nobody answers the SYN: the dial waits out timeoutSeconds. (A hung process does not fail a
    // TCP probe: the kernel completes the handshake from the listen backlog.)
    if (!faulty && p.tcpSocket.host && !reachable(core, host)) return { ok: false, timedOut: true, output: `dial tcp ${host}:${port}: i/o timeout` };
    if (faulty || !listenerOn(rt, port))
      return {
        ok: false,
        output: `dial tcp ${host}:${port}: connect: connection refused`,
      };
    return { ok: true, output: '' };
  }
  if (p.grpc) {
    if (faulty || !listenerOn(rt, p.grpc.port))
      return {
        ok: false,
        output: `timeout: failed to connect service "${ip}:${p.grpc.port}" within 1s`,
      };
    return { ok: true, output: '' };
  }
  return { ok: true, output: '' };
}

/**
 * A probe worker's tick. The worker runs one probe at a time: a probe that waits out its
 * timeoutSeconds reports then (probeDone), ticks that come while it waits are dropped, and — as a
 * Go ticker keeps one — a dropped tick makes the worker probe again as soon as it is free.
 */
export function probeTick(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime, spec: Container, kind: ProbeKind, buffered = false): void {
  const p = probeOf(spec, kind);
  const st = c.probes[kind];
  if (!p || !st || c.state !== 'running') return;
  const now = core.now();
  if (kind === 'startup' && c.started) return; // the startup worker is done
  if (!buffered)
    core.at(now + periodMs(p), 'probe', {
      key: rt.key,
      container: c.name,
      epoch: c.epoch,
      kind,
    });
  if (st.busyUntil !== undefined && now < st.busyUntil) {
    st.dropped = true;
    return;
  }
  if (now - (c.startedAt ?? now) < (p.initialDelaySeconds ?? 0) * 1000) return;
  if (kind !== 'startup' && !c.started) return;
  if (c.killing) return;
  const r = probeOnce(core, m, rt, c, p, kind);
  if (r.timedOut) {
    st.busyUntil = now + timeoutMs(p);
    st.pending = { output: r.output };
    core.at(st.busyUntil, 'probe-done', { key: rt.key, container: c.name, epoch: c.epoch, kind });
    return;
  }
  applyResult(core, m, rt, c, spec, p, kind, r.ok, r.output, r.errored);
}

/** A probe that ran into its timeout reports its failure now. */
export function probeDone(core: KubeletCore, m: MachineState, rt: PodRuntime, c: ContainerRuntime, spec: Container, kind: ProbeKind): void {
  const p = probeOf(spec, kind);
  const st = c.probes[kind];
  if (!p || !st?.pending || c.state !== 'running') return;
  const { output } = st.pending;
  st.pending = undefined;
  st.busyUntil = undefined;
  applyResult(core, m, rt, c, spec, p, kind, false, output);
  if (st.dropped && c.probes[kind] === st) {
    st.dropped = false;
    probeTick(core, m, rt, c, spec, kind, true);
  }
}

function applyResult(
  core: KubeletCore,
  m: MachineState,
  rt: PodRuntime,
  c: ContainerRuntime,
  spec: Container,
  p: Probe,
  kind: ProbeKind,
  ok: boolean,
  output: string,
  errored?: boolean,
): void {
  const st = c.probes[kind];
  if (!st || c.killing) return;
  if (ok) {
    st.failures = 0;
    st.successes++;
    if (!st.result && st.successes >= (kind === 'readiness' ? (p.successThreshold ?? 1) : 1)) {
      st.result = true;
      if (kind === 'startup') {
        c.started = true;
        if (!spec.readinessProbe) c.ready = true;
      }
      if (kind === 'readiness') c.ready = true;
      core.enqueue(rt.key);
    }
    return;
  }
  core.podEvent(m, rt, 'Warning', 'Unhealthy', `${LABEL[kind]} probe ${errored ? 'errored' : 'failed'}: ${output}`, c.name);
  st.successes = 0;
  st.failures++;
  if (st.failures < (p.failureThreshold ?? 3)) return;
  if (kind === 'readiness') {
    if (st.result || c.ready) {
      st.result = false;
      c.ready = false;
      core.enqueue(rt.key);
    }
    return;
  }
  st.result = false;
  const grace = (p.terminationGracePeriodSeconds ?? rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  killContainer(core, m, rt, c, grace, `Container ${c.name} failed ${kind} probe, will be restarted`, true);
  core.enqueue(rt.key);
}
