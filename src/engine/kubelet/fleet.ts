import type { ConfigMap, PersistentVolumeClaim, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { type ApiServer, deepEqual } from '../apiserver/apiserver';
import { badRequest, isStatusError, notFound, StatusError } from '../api/status';
import { clone, type KObject, type Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import { type Informer, splitKey } from '../controllers/informer';
import type { Timer } from '../sim/clock';
import type { MachineFleet, MachineSpec, PressureKind, ProbeKind } from '../sim/machines';
import { processExit, shellHost, specOf, stepProcess } from './containers';
import { type KubeletCore, TIMER_TARGET, type TimerData } from './core';
import { rfc3339Nano } from './format';
import { preloadedImages } from './images';
import { defaultNetwork, request } from './network';
import { admissionRejection, evictionPass, setPressureFault } from './eviction';
import { qosClass } from '../apiserver/strategies/qos';
import { ensureMirror, heartbeat, isMirrorPod, mirrorName, registerNode, scheduleHeartbeat } from './node';
import { storeImage } from './pull';
import { admitPod, allStopped, beginTermination, finishTermination, forgetPod, sandboxReady, syncPod, writeStatus } from './podworker';
import { probeDone, probeOf, probeTick, restartProbes } from './probes';
import { normalized, parseImageRef } from './imageref';
import { registryDomain } from './pull';
import type { HttpAnswer, ShellNet } from './shell/host';
import { ShellSyntaxError } from './shell/ast';
import { newVm, quoteArgv, runSync, runVm } from './shell/vm';
import type { ContainerRuntime, KubeletState, LogLine, MachineState, PodRuntime } from './state';
import { powerOff, powerOn } from './reboot';
import { refreshVolumes } from './volumesync';
import { lookupImage } from './images';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ShellSession {
  /** Run one command line; `closed` is true once the shell exited (or its container stopped). */
  run(line: string): ExecResult & { closed: boolean };
  close(): void;
}

export interface LogOptions {
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** An error kubectl prints as `error: <message>` (not a Status from the API server). */
export class KubeletClientError extends Error {}

/**
 * Every simulated machine and its kubelet, as one controller keyed by pod (`ns/name`): pod
 * workers, the container runtime, probes, image pulls, node registration and heartbeats, and the
 * faults the `sim` commands inject. All state is JSON in `state`; timers are data routed here.
 */
export class KubeletFleet extends Controller implements MachineFleet, KubeletCore {
  state: KubeletState = {
    machines: {},
    nextIndex: 0,
    podNodes: {},
    ips: {},
    volumeData: {},
    requireCni: true,
  };
  readonly pods: Informer<Pod>;
  readonly configMaps: Informer<ConfigMap>;
  readonly secrets: Informer<Secret>;
  readonly services: Informer<Service>;
  readonly claims: Informer<PersistentVolumeClaim>;
  /** The pod whose status this kubelet is writing right now (see onPod). */
  private writingStatusOf: string | undefined;
  private networkFactory: ((core: KubeletCore, rt: PodRuntime) => ShellNet) | undefined = defaultNetwork;

  constructor(ctx: ControllerContext) {
    super('kubelet', ctx);
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex('spec.nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.configMaps = ctx.informers.for<ConfigMap>('configmaps');
    this.secrets = ctx.informers.for<Secret>('secrets');
    this.services = ctx.informers.for<Service>('services');
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.pods.addHandlers({
      add: (p) => this.onPod(p),
      update: (p, old) => {
        // Status-only changes (our own writes, controllers' conditions) need no sync.
        if (p.metadata.uid !== old.metadata.uid || p.metadata.deletionTimestamp !== old.metadata.deletionTimestamp || !deepEqual(p.spec, old.spec))
          this.onPod(p);
        else this.seeStatus(p);
      },
      delete: (p) => this.onPod(p),
    });
    ctx.clock.handle(TIMER_TARGET, (t) => this.onTimer(t));
  }

  private onPod(p: Stored<Pod>): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    // The kubelet's own status write is no news to its pod worker (upstream's pod config ignores
    // status-only changes); a sync right after it would find nothing to do.
    if (key === this.writingStatusOf) return;
    if (this.state.podNodes[key] || (p.spec?.nodeName && this.state.machines[p.spec.nodeName])) this.queue.add(key);
  }

  /**
   * A status-only change: the runtime's copy of the pod moves to it (the spec is the same), so
   * that it does not keep the version before, with its whole old status, alive for every pod.
   */
  private seeStatus(p: Stored<Pod>): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const node = this.state.podNodes[key];
    const rt = node === undefined ? undefined : this.state.machines[node]?.pods[key];
    if (rt && rt.uid === p.metadata.uid) rt.pod = p;
  }

  // ---- KubeletCore ----

  override get api(): ApiServer {
    return this.ctx.api;
  }

  get clock() {
    return this.ctx.clock;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  ts(ms?: number): string {
    return this.ctx.clock.timestamp(ms);
  }

  stream(name: string) {
    return this.ctx.random.stream(name);
  }

  at(due: number, event: string, data: TimerData): void {
    this.ctx.clock.at(due, TIMER_TARGET, event, data);
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  podEvent(m: MachineState, rt: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    if (m.down || m.removed) return;
    const pod = this.pods.get(rt.namespace, rt.name);
    const obj: KObject =
      pod && pod.metadata.uid === rt.uid
        ? pod
        : {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: rt.name, namespace: rt.namespace, uid: rt.uid },
          };
    const init = !!container && !!rt.pod.spec?.initContainers?.some((c) => c.name === container);
    const fieldPath = container ? `${init ? 'spec.initContainers' : 'spec.containers'}{${container}}` : undefined;
    this.ctx.events.event(obj, type, reason, message, { component: 'kubelet', host: m.spec.name }, fieldPath);
  }

  nodeEvent(m: MachineState, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (m.down || m.removed) return;
    // The kubelet refers to its node by name, with the name as UID.
    const ref: KObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: m.spec.name, uid: m.spec.name },
    };
    this.ctx.events.event(ref, type, reason, message, {
      component: 'kubelet',
      host: m.spec.name,
    });
  }

  network(rt: PodRuntime): ShellNet | undefined {
    return this.networkFactory?.(this, rt);
  }

  /** Replace the default in-kubelet network view (the network model calls this). */
  setNetwork(factory: ((core: KubeletCore, rt: PodRuntime) => ShellNet) | undefined): void {
    this.networkFactory = factory;
  }

  // ---- timers ----

  private runtime(key: string | undefined): { m: MachineState; rt: PodRuntime } | undefined {
    if (!key) return undefined;
    const node = this.state.podNodes[key];
    const m = node ? this.state.machines[node] : undefined;
    const rt = m?.pods[key];
    return m && rt && !m.removed ? { m, rt } : undefined;
  }

  private onTimer(t: Timer): void {
    const d = (t.data ?? {}) as TimerData;
    if (t.event === 'register' || t.event === 'heartbeat') {
      const m = d.node ? this.state.machines[d.node] : undefined;
      if (!m || m.removed || m.kubeletStopped || d.epoch !== m.heartbeatEpoch) return;
      if (t.event === 'register') registerNode(this, m);
      else {
        // The eviction manager's housekeeping runs on the same 10 s beat, before the status it reports.
        evictionPass(this, this, m);
        heartbeat(this, m);
      }
      return;
    }
    const found = this.runtime(d.key);
    if (!found) return;
    const { m, rt } = found;
    if (t.event === 'volumes') {
      refreshVolumes(this, m, rt, d.epoch as number);
      return;
    }
    // A stopped kubelet runs no pod workers or probes; the containers' own processes go on.
    if (m.kubeletStopped && t.event !== 'proc') return;
    switch (t.event) {
      case 'sandbox':
        sandboxReady(this, m, rt, d.epoch as number);
        return;
      case 'pulled':
        this.enqueue(rt.key);
        return;
      case 'resync':
        if (rt.resyncAt !== d.epoch) return;
        rt.resyncAt = undefined;
        this.enqueue(rt.key);
        return;
      case 'proc': {
        const c = rt.containers[d.container ?? ''];
        if (c && c.epoch === d.epoch) stepProcess(this, m, rt, c);
        return;
      }
      case 'probe': {
        const c = rt.containers[d.container ?? ''];
        const spec = specOf(rt.pod, d.container ?? '');
        if (c && spec && c.epoch === d.epoch) probeTick(this, m, rt, c, spec, d.kind as ProbeKind);
        return;
      }
      case 'probe-done': {
        const c = rt.containers[d.container ?? ''];
        const spec = specOf(rt.pod, d.container ?? '');
        if (c && spec && c.epoch === d.epoch) probeDone(this, m, rt, c, spec, d.kind as ProbeKind);
        return;
      }
    }
  }

  // ---- the pod worker ----

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const apiPod = this.pods.get(ns, name);
    let found = this.runtime(key);
    // A pod that was deleted and recreated under the same name: the old one's containers go.
    if (found && apiPod && apiPod.metadata.uid !== found.rt.uid && !found.rt.staticName && !found.m.down) {
      forgetPod(this, found.m, found.rt);
      found = undefined;
    }
    if (!found) {
      if (!apiPod?.spec?.nodeName) return;
      const m = this.state.machines[apiPod.spec.nodeName];
      if (!m || m.removed || m.down || m.kubeletStopped || !m.registered) return;
      const phase = apiPod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      let staticName: string | undefined;
      if (isMirrorPod(apiPod)) {
        staticName = Object.keys(m.staticPods).find((s) => mirrorName(m.staticPods[s], m.spec.name) === name);
        if (!staticName) {
          // A mirror pod without a manifest on this machine: the kubelet removes it.
          this.deleteNow(apiPod);
          return;
        }
      }
      if (apiPod.metadata.deletionTimestamp && !staticName) {
        // Deleted before it ever ran here: nothing to stop.
        this.deleteNow(apiPod);
        return;
      }
      const rejected = staticName ? undefined : admissionRejection(m, apiPod);
      if (rejected) {
        this.rejectPod(m, apiPod, 'Evicted', rejected);
        return;
      }
      found = { m, rt: admitPod(this, m, apiPod, staticName) };
    }
    const { m, rt } = found;
    if (m.kubeletStopped) return;
    if (m.down) {
      // Cut off from the API server, the kubelet keeps running what it has.
      syncPod(this, m, rt);
      return;
    }
    if (!apiPod || apiPod.metadata.uid !== rt.uid) {
      if (rt.staticName) {
        if (apiPod && isMirrorPod(apiPod)) rt.uid = apiPod.metadata.uid;
        else {
          ensureMirror(this, m, rt.staticName);
          syncPod(this, m, rt);
          return;
        }
      } else {
        forgetPod(this, m, rt);
        return;
      }
    }
    const pod = apiPod as Stored<Pod>;
    rt.pod = pod;
    if (pod.metadata.deletionTimestamp) {
      if (rt.staticName) {
        // Deleting a mirror pod does not stop a static pod: the kubelet recreates the mirror.
        this.deleteNow(pod);
        return;
      }
      beginTermination(this, m, rt, (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000);
    }
    syncPod(this, m, rt);
    if (rt.terminating && !rt.finished && allStopped(rt)) finishTermination(this, rt);
    this.writingStatusOf = key;
    try {
      writeStatus(this, m, rt, pod);
    } finally {
      this.writingStatusOf = undefined;
    }
    // An evicted pod stays, Failed, until someone deletes it (PodGC past its threshold).
    if (rt.terminating && rt.finished && (!rt.evicted || pod.metadata.deletionTimestamp)) {
      this.deleteNow(pod);
      forgetPod(this, m, rt);
    }
  }

  /** rejectPod: the pod is refused at admission — a Warning event and phase Failed. */
  private rejectPod(m: MachineState, pod: Stored<Pod>, reason: string, message: string): void {
    this.ctx.events.event(pod, 'Warning', reason, message, { component: 'kubelet', host: m.spec.name });
    try {
      this.api.updateStatus<Pod>('pods', pod.metadata.namespace ?? 'default', {
        ...pod,
        status: { phase: 'Failed', reason, message: `Pod was rejected: ${message}`, qosClass: qosClass(pod) },
      });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private deleteNow(pod: Stored<Pod>): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? 'default', pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  // ---- MachineFleet ----

  add(spec: MachineSpec): void {
    if (this.state.machines[spec.name]) throw new Error(`a machine named "${spec.name}" already exists`);
    const r = this.stream('machines');
    const index = this.state.nextIndex++;
    const m: MachineState = {
      spec: clone(spec),
      index,
      // kind's docker network is 172.18.0.0/16: past 172.18.0.255 addresses go on in 172.18.1.x.
      ip: `172.18.${Math.floor((index + 2) / 256)}.${(index + 2) % 256}`,
      machineID: r.chars(32, '0123456789abcdef'),
      systemUUID: r.uuid(),
      bootID: r.uuid(),
      down: false,
      removed: false,
      pressure: { memory: false, disk: false, pid: false },
      cni: !this.state.requireCni,
      runtimeUp: false,
      registered: false,
      lastReport: 0,
      heartbeatEpoch: 0,
      images: {},
      pullFreeAt: 0,
      lastIP: 1,
      staticPods: {},
      pods: {},
    };
    for (const img of preloadedImages()) storeImage(m, img);
    this.state.machines[spec.name] = m;
    // kubeadm init brings the control plane up before any node joins: its kubelet registers first,
    // so the node IPAM allocator gives it the cluster CIDR's first range (10.244.0.0/24), as on kind.
    const delay = 501 + r.int(1000);
    this.at(this.now() + (spec.controlPlane ? 500 : delay), 'register', {
      node: spec.name,
      epoch: m.heartbeatEpoch,
    });
  }

  setDown(name: string, down: boolean): void {
    const m = this.machine(name);
    if (m.down === down) return;
    // Down on its own is a power cut (a partition sets `partitioned` first): the containers go.
    if (down && !m.partitioned) powerOff(this, m);
    m.down = down;
    m.heartbeatEpoch++;
    if (down) return;
    if (m.poweredOff) powerOn(this, m);
    if (!m.registered) {
      this.at(this.now() + 500, 'register', {
        node: name,
        epoch: m.heartbeatEpoch,
      });
      return;
    }
    // Back on the network: heartbeat at once and resync every pod it runs or should run.
    scheduleHeartbeat(this, m, 0);
    for (const key of Object.keys(m.pods)) this.enqueue(key);
    for (const p of this.pods.byIndex('spec.nodeName', name)) this.enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
    for (const s of Object.keys(m.staticPods)) ensureMirror(this, m, s);
  }

  remove(name: string): void {
    const m = this.machine(name);
    for (const rt of Object.values(m.pods)) forgetPod(this, m, rt);
    m.removed = true;
    m.heartbeatEpoch++;
    delete this.state.machines[name];
  }

  has(name: string): boolean {
    return !!this.state.machines[name];
  }

  names(): string[] {
    return Object.values(this.state.machines)
      .sort((a, b) => a.index - b.index)
      .map((m) => m.spec.name);
  }

  isDown(name: string): boolean {
    return !!this.state.machines[name]?.down;
  }

  addStaticPod(node: string, pod: Pod): void {
    const m = this.machine(node);
    const name = pod.metadata?.name;
    if (!name) throw new Error('a static pod needs metadata.name');
    m.staticPods[name] = clone(pod);
    if (m.registered && !m.down) ensureMirror(this, m, name);
  }

  setPressure(node: string, kind: PressureKind, on: boolean): void {
    setPressureFault(this, this.machine(node), kind, on, this.now());
  }

  failProbe(namespace: string, pod: string, probe: ProbeKind, container?: string, forMs?: number): void {
    const { rt, c } = this.container(namespace, pod, container, (spec) => !!probeOf(spec, probe));
    const spec = specOf(rt.pod, c.name);
    if (!spec || !probeOf(spec, probe)) throw new Error(`container "${c.name}" of pod "${pod}" has no ${probe} probe`);
    c.probeFaults[probe] = forMs === undefined ? null : this.now() + forMs;
  }

  setPartitioned(name: string, on: boolean): void {
    const m = this.machine(name);
    if (!!m.partitioned === on) return;
    m.partitioned = on;
    // As far as the control plane can tell a partitioned machine is down; its kubelet keeps
    // running what it has (the pod worker's m.down branch) until the network heals.
    this.setDown(name, on);
  }

  isPartitioned(name: string): boolean {
    return !!this.state.machines[name]?.partitioned;
  }

  setKubeletRunning(name: string, running: boolean): void {
    const m = this.machine(name);
    if (!m.kubeletStopped === running) return;
    m.kubeletStopped = !running;
    m.heartbeatEpoch++;
    if (!running) return;
    // A kubelet that starts again syncs everything it finds: heartbeats, pods, probe workers.
    this.nodeEvent(m, 'Normal', 'Starting', 'Starting kubelet.');
    if (!m.registered) {
      this.at(this.now() + 500, 'register', { node: name, epoch: m.heartbeatEpoch });
      return;
    }
    scheduleHeartbeat(this, m, 0);
    for (const rt of Object.values(m.pods)) {
      for (const c of Object.values(rt.containers)) {
        const spec = specOf(rt.pod, c.name);
        if (c.state === 'running' && spec) restartProbes(this, rt, c, spec);
      }
      this.enqueue(rt.key);
    }
    for (const p of this.pods.byIndex('spec.nodeName', name)) this.enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
  }

  isKubeletRunning(name: string): boolean {
    return !this.state.machines[name]?.kubeletStopped;
  }

  zoneMachines(zone: string): string[] {
    return this.names().filter((n) => this.state.machines[n].spec.zone === zone || this.state.machines[n].spec.labels?.['topology.kubernetes.io/zone'] === zone);
  }

  setRegistryDown(host: string | undefined, down: boolean): void {
    const key = host === undefined ? '*' : registryDomain(host);
    const list = new Set(this.state.registriesDown ?? []);
    if (down) list.add(key);
    else if (key === '*') list.clear();
    else list.delete(key);
    this.state.registriesDown = [...list].sort();
  }

  registriesDown(): string[] {
    return [...(this.state.registriesDown ?? [])];
  }

  oomKill(namespace: string, pod: string, container?: string): void {
    const { rt, c } = this.container(namespace, pod, container, (_, c) => c.state === 'running');
    if (c.state !== 'running') throw new Error(`container "${c.name}" of pod "${pod}" is not running`);
    processExit(this, rt, c, 137, 'OOMKilled');
  }

  setSlowStart(target: { pod: { namespace: string; name: string } } | { image: string }, ms: number): string {
    let key: string;
    if ('pod' in target) {
      const { namespace, name } = target.pod;
      if (!this.pods.get(namespace, name)) throw notFound('pods', name);
      key = `pod:${namespace}/${name}`;
    } else {
      let ref: ReturnType<typeof parseImageRef>;
      try {
        ref = parseImageRef(target.image);
      } catch {
        throw new Error(`invalid image reference "${target.image}"`);
      }
      key = `image:${normalized(ref)}`;
    }
    const all = { ...(this.state.slowStarts ?? {}) };
    if (ms > 0) all[key] = ms;
    else delete all[key];
    this.state.slowStarts = all;
    return key;
  }

  hang(namespace: string, pod: string, container?: string, forMs?: number): void {
    const { c } = this.container(namespace, pod, container, (_, c) => c.state === 'running');
    if (forMs === 0) c.hungUntil = undefined;
    else c.hungUntil = forMs === undefined ? null : this.now() + forMs;
  }

  crash(namespace: string, pod: string, container?: string, exitCode = 1): void {
    const { rt, c } = this.container(namespace, pod, container, (_, c) => c.state === 'running');
    if (c.state !== 'running') throw new Error(`container "${c.name}" of pod "${pod}" is not running`);
    processExit(this, rt, c, exitCode);
  }

  private machine(name: string): MachineState {
    const m = this.state.machines[name];
    if (!m) throw new Error(`no machine named "${name}"`);
    return m;
  }

  private container(
    namespace: string,
    pod: string,
    container: string | undefined,
    prefer: (spec: NonNullable<ReturnType<typeof specOf>>, c: ContainerRuntime) => boolean,
  ): { m: MachineState; rt: PodRuntime; c: ContainerRuntime } {
    const found = this.runtime(`${namespace}/${pod}`);
    if (!found) {
      if (!this.pods.get(namespace, pod)) throw notFound('pods', pod);
      throw new Error(`pod "${pod}" is not running on any machine`);
    }
    const { m, rt } = found;
    if (container) {
      const c = rt.containers[container];
      if (!c) throw new Error(`container "${container}" not found in pod "${pod}"`);
      return { m, rt, c };
    }
    const regular = (rt.pod.spec?.containers ?? []).map((s) => ({ s, c: rt.containers[s.name] })).filter((x) => x.c);
    const pick = regular.find((x) => prefer(x.s, x.c)) ?? regular[0];
    if (!pick) throw new Error(`pod "${pod}" has no containers`);
    return { m, rt, c: pick.c };
  }

  // ---- kubectl exec / logs, and the network ----

  /** Validate a logs/exec target the way the API server and kubelet do. */
  private target(
    namespace: string,
    pod: string,
    container: string | undefined,
  ): {
    m?: MachineState;
    rt?: PodRuntime;
    c?: ContainerRuntime;
    name: string;
    apiPod: Stored<Pod>;
  } {
    const apiPod = this.pods.get(namespace, pod);
    if (!apiPod) throw notFound('pods', pod);
    const names = [...(apiPod.spec?.initContainers ?? []), ...(apiPod.spec?.containers ?? []), ...(apiPod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
    let name = container;
    if (!name) {
      const regular = (apiPod.spec?.containers ?? []).map((c) => c.name);
      if (regular.length !== 1) throw badRequest(`a container name must be specified for pod ${pod}, choose one of: [${regular.join(' ')}]`);
      name = regular[0];
    }
    if (!names.includes(name)) throw badRequest(`container ${name} is not valid for pod ${pod}`);
    const found = this.runtime(`${namespace}/${pod}`);
    if (found && found.rt.uid !== apiPod.metadata.uid) return { name, apiPod };
    return {
      m: found?.m,
      rt: found?.rt,
      c: found?.rt.containers[name],
      name,
      apiPod,
    };
  }

  /**
   * `kubectl logs`: the container's log lines (stdout and stderr interleaved), or the API
   * server's error (a StatusError, kubectl prints `Error from server (BadRequest): …`).
   */
  logs(namespace: string, pod: string, container?: string, opts: LogOptions = {}): string {
    const { m, c, name, apiPod } = this.target(namespace, pod, container);
    if (m) unreachableKubelet(m, `Get "https://${m.ip}:10250/containerLogs/${namespace}/${pod}/${name}": `);
    const status = [...(apiPod.status?.containerStatuses ?? []), ...(apiPod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);
    let lines: LogLine[] | undefined;
    if (opts.previous) {
      if (!status?.lastState?.terminated?.containerID || !c) throw badRequest(`previous terminated container "${name}" in pod "${pod}" not found`);
      lines = c.state === 'running' || c.state === 'terminated' ? c.prevLogs : c.logs;
      // While waiting to restart, the log of the last run is the "current" one on the runtime.
      if (c.state === 'waiting') lines = c.logs;
    } else {
      const st = status?.state;
      if (!c || !status || (!st?.running && !st?.terminated && !status.lastState?.terminated)) {
        const reason = st?.waiting?.reason;
        if (reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: image can't be pulled`);
        if (reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: trying and failing to pull image`);
        if (reason) throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: ${reason}`);
        throw badRequest(`container "${name}" in pod "${pod}" is waiting to start - no logs yet`);
      }
      lines = c.logs;
    }
    let out = lines ?? [];
    if (opts.sinceSeconds !== undefined) {
      const since = this.now() - opts.sinceSeconds * 1000;
      out = out.filter((l) => l[0] >= since);
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0) out = out.slice(Math.max(0, out.length - opts.tailLines));
    let text = out.map((l) => `${opts.timestamps ? `${rfc3339Nano(l[0])} ` : ''}${l[2]}\n`).join('');
    if (opts.limitBytes !== undefined) text = text.slice(0, opts.limitBytes);
    return text;
  }

  /**
   * `kubectl exec POD -c C -- argv…`: run a command in the container to completion (sleeps return
   * at once: the command cannot wait in simulated time). Errors: StatusError from the API
   * server, KubeletClientError for what kubectl itself reports (`error: …`).
   */
  exec(namespace: string, pod: string, container: string | undefined, argv: string[], stdin = ''): ExecResult {
    const { m, rt, c, name, apiPod } = this.target(namespace, pod, container);
    const phase = apiPod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubeletClientError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    if (m) unreachableKubelet(m, 'error dialing backend: ');
    if (!m || !rt || !c || c.state !== 'running') throw new KubeletClientError(`unable to upgrade connection: container not found ("${name}")`);
    const image = c.imageName ? lookupImage(c.imageName) : undefined;
    const base = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
    const shells = ['sh', 'bash', 'ash', 'dash'];
    const hasShell = image?.spec.userland !== 'none';
    if ((!hasShell && !image?.spec.programs?.includes(base)) || (base === 'bash' && image?.spec.userland === 'busybox')) {
      return {
        stdout: '',
        stderr: `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${this.stream('exec-ids').chars(64, '0123456789abcdef')}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`,
        exitCode: 126,
      };
    }
    const isShell = shells.includes(base);
    const script = isShell ? (argv[argv.indexOf('-c') + 1] ?? (argv.length === 1 ? stdin : '')) : quoteArgv(argv);
    const host = shellHost(this, m, rt, c, isShell ? base : 'sh');
    const env = { ...(c.env ?? {}) };
    const r = runSync(script, env, host, '/', isShell ? '' : stdin);
    if (r.exec) return execProgram(r.exec, image?.spec.env ?? {});
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  }

  /**
   * An interactive shell (`kubectl exec -it POD -- sh`): each line runs to completion like
   * exec, with variables and the working directory kept between lines. `exit` ends it.
   * Session state is not part of a snapshot (a restored cluster has no open terminals).
   */
  shellSession(namespace: string, pod: string, container: string | undefined, shell = 'sh'): ShellSession {
    const first = this.exec(namespace, pod, container, [shell, '-c', 'true']);
    if (first.exitCode === 126) throw new KubeletClientError(first.stderr.replace(/^error: /, '').trim());
    const { rt, c } = this.target(namespace, pod, container);
    const uid = rt?.uid;
    const name = c?.name as string;
    const vm = newVm('', { ...(c?.env ?? {}) }, '/');
    let open = true;
    return {
      run: (line: string): ExecResult & { closed: boolean } => {
        if (!open) throw new KubeletClientError('the session has ended');
        const found = this.runtime(`${namespace}/${pod}`);
        const cur = found?.rt.containers[name];
        if (!found || found.rt.uid !== uid || !cur || cur.state !== 'running') {
          open = false;
          return { stdout: '', stderr: '', exitCode: 137, closed: true };
        }
        let stdout = '';
        let stderr = '';
        const host = shellHost(this, found.m, found.rt, cur, shell, (s, t) => {
          if (s === 'stdout') stdout += t;
          else stderr += t;
        });
        vm.src = line;
        vm.pc = 0;
        vm.loops = {};
        vm.rstack = [];
        try {
          const r = runVm(vm, host, { sync: true, budget: 50_000 });
          if (r.kind === 'exit' && /^\s*exit(\s|;|$)/.test(line)) open = false;
          if (r.kind === 'exec') {
            const out = execProgram(r.argv, cur.env ?? {});
            return { ...out, closed: !open };
          }
          return { stdout, stderr, exitCode: r.kind === 'exit' ? r.code : 0, closed: !open };
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          return { stdout, stderr: `${stderr}${shell}: ${e.message}\n`, exitCode: 2, closed: false };
        }
      },
      close: () => {
        open = false;
      },
    };
  }

  /** An HTTP GET to a pod IP (or a hostNetwork node IP) and port: what the process there answers. */
  request(ip: string, port: number, path = '/', from = '10.244.0.1'): HttpAnswer | string {
    return request(this, ip, port, path, from);
  }

  /** Read-only view of a pod's runtime (for inspection and tests). */
  podRuntime(namespace: string, pod: string): Readonly<PodRuntime> | undefined {
    return this.runtime(`${namespace}/${pod}`)?.rt;
  }

  machineState(name: string): Readonly<MachineState> | undefined {
    return this.state.machines[name];
  }

  // ---- snapshots ----

  snapshotState(): unknown {
    return structuredClone(this.state);
  }

  restoreState(state: unknown): void {
    this.state = structuredClone(state) as KubeletState;
  }
}

/** What a few image programs print when exec'd directly (`redis-cli ping`, `nginx -v` …). */
function execProgram(argv: string[], env: Record<string, string>): ExecResult {
  const base = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  const args = argv.slice(1);
  switch (base) {
    case 'redis-cli':
      if (args.map((a) => a.toLowerCase()).includes('ping')) return { stdout: 'PONG\n', stderr: '', exitCode: 0 };
      return { stdout: 'OK\n', stderr: '', exitCode: 0 };
    case 'nginx':
      if (args.includes('-v'))
        return {
          stdout: '',
          stderr: `nginx version: nginx/${env.NGINX_VERSION ?? '1.27.3'}\n`,
          exitCode: 0,
        };
      if (args.includes('-t'))
        return {
          stdout: '',
          stderr: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
          exitCode: 0,
        };
      if (args.includes('-s')) return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'pg_isready':
      return {
        stdout: '/var/run/postgresql:5432 - accepting connections\n',
        stderr: '',
        exitCode: 0,
      };
    default:
      return { stdout: '', stderr: '', exitCode: 0 };
  }
}

/**
 * The API server's answer when it cannot reach a machine's kubelet (port 10250) for logs or exec:
 * a down machine has no route, a stopped kubelet refuses the connection. `prefix` is the request
 * as the API server words it.
 */
function unreachableKubelet(m: { ip: string; down?: boolean; kubeletStopped?: boolean }, prefix: string): void {
  const cause = m.down ? 'no route to host' : m.kubeletStopped ? 'connection refused' : undefined;
  if (!cause) return;
  throw new StatusError({ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 500, message: `${prefix}dial tcp ${m.ip}:10250: connect: ${cause}` });
}
