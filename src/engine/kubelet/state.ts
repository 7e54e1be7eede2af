import type { Pod } from 'kubernetes-types/core/v1';
import type { MachineSpec, PressureKind, ProbeKind } from '../sim/machines';
import type { EvictionState } from './eviction';
import type { FsState } from './fs';
import type { Listener, ProgramPlan } from './programs';
import type { VmState } from './shell/vm';

/**
 * Everything the simulated machines know, as plain JSON: a snapshot holds it whole, and timers
 * refer into it by node name, pod key and container name plus an epoch (a timer whose epoch is
 * stale finds nothing to do).
 */
export interface KubeletState {
  machines: Record<string, MachineState>;
  /** Machines ever added, in order; a machine's CIDR index is its position (control plane first). */
  nextIndex: number;
  /** pod key (`ns/name`) → node whose kubelet runs it. */
  podNodes: Record<string, string>;
  /** Pod-network IP → pod key, cluster wide (for the network model and `wget`). */
  ips: Record<string, string>;
  /**
   * Pods on the pod network need a CNI plugin (kindnet) to have configured the node, as on a kind
   * node: until then the node is NotReady. Off for tests that run without a CNI DaemonSet.
   */
  requireCni: boolean;
  /** Files that outlive pods: hostPath directories (`host:<node>:<path>`) and persistent volumes (`pv:<name>`). */
  volumeData: Record<string, FsState>;
  /** `sim registry-down`: registries that do not answer (`docker.io`, `quay.io` …; `*` is every one). */
  registriesDown?: string[];
  /** `sim slow-start`: extra start-up time (ms) by `pod:<ns>/<name>` or `image:<normalized name>`. */
  slowStarts?: Record<string, number>;
}

export interface ImageRecord {
  names: string[];
  size: number;
}

export interface MachineState {
  spec: MachineSpec;
  index: number;
  ip: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
  down: boolean;
  /** `sim node-down`: the machine has no power (down is set too); nothing on it runs. */
  poweredOff?: boolean;
  /** `sim partition`: up and running, but cut off from the API server (down is set too). */
  partitioned?: boolean;
  /** `sim kubelet-stop`: the machine answers, its containers run, the kubelet does nothing. */
  kubeletStopped?: boolean;
  removed: boolean;
  /** The pressure conditions the kubelet reports (the eviction manager decides them). */
  pressure: Record<PressureKind, boolean>;
  /** The eviction manager's observations and the non-pod consumers faults started. */
  eviction?: EvictionState;
  /** The CNI plugin has written its configuration: pods on the pod network can get sandboxes. */
  cni: boolean;
  /** The kubelet's runtime has passed its first status check (Ready may be True). */
  runtimeUp: boolean;
  registered: boolean;
  /** Last time the kubelet posted node status (ms), for the 5-minute report frequency. */
  lastReport: number;
  heartbeatEpoch: number;
  /** Images on the machine by imageID. */
  images: Record<string, ImageRecord>;
  /** Image pulls are serialized (serializeImagePulls): when the puller is free again. */
  pullFreeAt: number;
  /** host-local IPAM: the last host number handed out in 10.244.<index>.0/24. */
  lastIP: number;
  staticPods: Record<string, Pod>;
  pods: Record<string, PodRuntime>;
}

export type LogLine = [time: number, stream: 0 | 1, text: string];

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  /** ms; StartError containers never started (the runtime reports the epoch). */
  startedAt: number;
  finishedAt: number;
  containerID?: string;
  signal?: number;
}

export interface ProbeState {
  result: boolean;
  successes: number;
  failures: number;
  /** A probe waiting out its timeout: when it reports, and what. */
  busyUntil?: number;
  pending?: { output: string };
  /** A tick came while the probe was busy: probe again as soon as it reports. */
  dropped?: boolean;
}

export type ProcessState =
  | { kind: 'shell'; vm: VmState; shellName: string; wakeAt: number }
  | { kind: 'program'; plan: ProgramPlan; startedAt: number; next: number };

export interface ContainerRuntime {
  name: string;
  init: boolean;
  /** A restartable init container (native sidecar). */
  sidecar?: boolean;
  /** Bumped whenever the container's process ends or restarts: timers of older epochs are stale. */
  epoch: number;
  state: 'waiting' | 'running' | 'terminated';
  waiting?: { reason: string; message?: string };
  startedAt?: number;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  containerID?: string;
  /** Normalized image name and ID of the image the container runs (`docker.io/library/nginx:latest`). */
  imageName?: string;
  imageID?: string;
  ready: boolean;
  started: boolean;
  /** An image pull in flight. */
  pulling?: {
    requestedAt: number;
    startedAt: number;
    done: number;
    ok: boolean;
    image: string;
    /** Why the pull fails when it is not the image itself (the registry is down). */
    error?: string;
  };
  /** The image is on the machine and checked for this attempt. */
  imageReady?: boolean;
  pullBackoff?: { lastUpdate: number; delay: number; error: string };
  crashBackoff?: { lastUpdate: number; delay: number };
  /** The exit (finishedAt) the crash back-off was last advanced for: Next is called once per exit. */
  backoffFor?: number;
  process?: ProcessState;
  /** SIGTERM was sent: when SIGKILL follows, and why. */
  killing?: {
    deadline: number;
    exitAt?: number;
    exitCode?: number;
    restart: boolean;
    /** A sidecar waiting for its turn to stop: no signal yet; at this time (ms) it is sent regardless. */
    turnAt?: number;
    /** The grace period the wait for the turn started with (ms). */
    turnGraceMs?: number;
  };
  /** The environment the process was started with (exec and exec probes see it too). */
  env?: Record<string, string>;
  memory: number;
  listening: Listener[];
  probes: Partial<Record<ProbeKind, ProbeState>>;
  /** Faults injected by `sim probe-fail`: failing until (ms), or forever (null). */
  probeFaults: Partial<Record<ProbeKind, number | null>>;
  /** `sim hang`: the process stops answering requests until (ms), or for good (null). */
  hungUntil?: number | null;
  fs: FsState;
  logs: LogLine[];
  prevLogs: LogLine[];
}

export interface PodRuntime {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  /** The pod as the kubelet last saw it (spec it runs). */
  pod: Pod;
  /** For a static pod: its manifest's name. */
  staticName?: string;
  admittedAt: number;
  sandbox: 'pending' | 'ready' | 'stopped';
  /** When the sandbox being created is due (undefined when none is being created). */
  sandboxDue?: number;
  ip?: string;
  startTime: string;
  containers: Record<string, ContainerRuntime>;
  volumes: Record<string, FsState>;
  /** Volumes whose files live in KubeletState.volumeData (hostPath, PVC), by volume name → data key. */
  sharedVolumes: Record<string, string>;
  initDone: boolean;
  terminating?: { since: number; graceMs: number };
  /** Everything stopped for good (terminal phase or termination finished). */
  finished: boolean;
  /** Evicted by the eviction manager: the message (phase Failed, reason Evicted once stopped). */
  evicted?: string;
  /** Resync requested at (ms): the pod worker's backoff requeue. */
  resyncAt?: number;
  /** The next periodic sync that remounts ConfigMap/Secret/projected/downwardAPI volumes (ms). */
  volumesAt?: number;
}
