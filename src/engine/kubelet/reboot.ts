import type { KubeletCore } from './core';
import { stopSandbox } from './podworker';
import type { MachineState } from './state';

/**
 * `sim node-down` / `node-up`: the machine loses power and boots again. Unlike a partition, nothing
 * runs on a powered-off machine: every container process ends where it is, and the kubelet's
 * memory (back-offs, pulls in flight) goes with it. After the boot the kubelet finds the pods bound
 * to it with exited containers and dead sandboxes: it creates new sandboxes and starts the
 * containers again (new container IDs, restartCount + 1, last state `Unknown`/255 as containerd
 * reports a task lost in a reboot) — unless the pod's restartPolicy is Never, whose pod fails.
 */
export function powerOff(core: KubeletCore, m: MachineState): void {
  const now = core.now();
  m.poweredOff = true;
  for (const rt of Object.values(m.pods)) {
    rt.resyncAt = undefined;
    rt.volumesAt = undefined;
    if (rt.finished) continue;
    for (const c of Object.values(rt.containers)) {
      c.pulling = undefined;
      c.imageReady = undefined;
      c.crashBackoff = undefined;
      c.backoffFor = undefined;
      c.pullBackoff = undefined;
      if (c.state !== 'running') continue;
      c.state = 'terminated';
      c.terminated = { exitCode: 255, reason: 'Unknown', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID };
      c.process = undefined;
      c.killing = undefined;
      c.listening = [];
      c.memory = 0;
      c.ready = false;
      c.started = false;
      c.probes = {};
      c.epoch++;
    }
    stopSandbox(core, rt);
  }
}

/** The machine booted (it is on the network again): a new boot ID, a fresh kubelet, every pod re-synced from scratch. */
export function powerOn(core: KubeletCore, m: MachineState): void {
  m.poweredOff = false;
  m.bootID = core.stream('machines').uuid();
  core.nodeEvent(m, 'Normal', 'Starting', 'Starting kubelet.');
  core.nodeEvent(m, 'Warning', 'Rebooted', `Node ${m.spec.name} has been rebooted, boot id: ${m.bootID}`);
  for (const rt of Object.values(m.pods)) {
    // A pod deleted before the power cut has nothing left to stop: the pod worker finishes it.
    const current = core.pods.get(rt.namespace, rt.name);
    const deleted = !current || current.metadata.uid !== rt.uid || !!current.metadata.deletionTimestamp;
    if (rt.finished || rt.terminating || (deleted && !rt.staticName)) continue;
    const ran = Object.values(rt.containers).some((c) => c.containerID !== undefined);
    if (ran && (rt.pod.spec?.restartPolicy ?? 'Always') === 'Never') {
      // computePodActions: a Never pod whose containers have run gets no new sandbox; it is done.
      rt.finished = true;
      continue;
    }
    rt.sandbox = 'pending';
    rt.sandboxDue = undefined;
    if (!ran) continue;
    core.podEvent(m, rt, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
    // A new sandbox runs the init containers again, in order.
    const inits = rt.pod.spec?.initContainers ?? [];
    rt.initDone = !inits.length;
    for (const ic of inits) {
      const c = rt.containers[ic.name];
      if (c?.state !== 'terminated') continue;
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.state = 'waiting';
      c.waiting = { reason: 'PodInitializing' };
      c.ready = false;
    }
  }
}
