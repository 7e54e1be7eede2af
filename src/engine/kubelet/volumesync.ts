import type { KubeletCore } from './core';
import type { MachineState, PodRuntime } from './state';
import { mountVolumes } from './volumes';

/**
 * The kubelet re-syncs each running pod every `syncFrequency` (1 m) with the pod workers'
 * jitter (wait.Jitter factor 0.5, so 60–90 s), and every sync re-runs the volume manager's
 * SetUp for ConfigMap, Secret, projected and downwardAPI volumes: a changed object shows up
 * in the mounted files by the next sync. Environment variables and subPath mounts were copied
 * when the container started and never change.
 */
export const SYNC_FREQUENCY = 60_000;
const SYNC_JITTER = 0.5;

/** Schedule the pod's next periodic sync (its own seeded stream, so other timings stay put). */
export function scheduleVolumeRefresh(core: KubeletCore, rt: PodRuntime): void {
  const due = core.now() + Math.round(SYNC_FREQUENCY * (1 + core.stream('kubelet-sync').next() * SYNC_JITTER));
  rt.volumesAt = due;
  core.at(due, 'volumes', { key: rt.key, epoch: due });
}

/** The periodic sync fired: remount the API-backed volumes, then schedule the next one. */
export function refreshVolumes(core: KubeletCore, m: MachineState, rt: PodRuntime, epoch: number): void {
  if (rt.volumesAt !== epoch) return;
  rt.volumesAt = undefined;
  if (rt.finished || rt.terminating || rt.sandbox !== 'ready') return;
  // A stopped kubelet or one cut off from the API server syncs nothing, but resumes the beat later.
  if (!m.kubeletStopped && !m.down) {
    const current = core.pods.get(rt.namespace, rt.name);
    const pod = current && current.metadata.uid === rt.uid ? current : rt.pod;
    const r = mountVolumes(core, pod, rt, m);
    // The files already mounted stay as they were; the kubelet reports the failed SetUp.
    if (r.error) core.podEvent(m, rt, 'Warning', 'FailedMount', r.error);
  }
  scheduleVolumeRefresh(core, rt);
}
