import type { Pod, Taint } from 'kubernetes-types/core/v1';

/** A simulated machine as a preset or `sim add-node` describes it. */
export interface MachineSpec {
  name: string;
  /** Allocatable CPU and memory as quantities (`2`, `4Gi`); capacity is derived the way kubelet reserves. */
  cpu: string;
  memory: string;
  pods?: number;
  zone?: string;
  labels?: Record<string, string>;
  /** Taints the kubelet registers with (`--register-with-taints`), e.g. the control-plane taint. */
  taints?: Taint[];
  controlPlane?: boolean;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type PressureKind = 'memory' | 'disk' | 'pid';

/**
 * The machines under the cluster and the faults a learner can inject into them. Implemented by
 * the kubelet fleet; used by presets and by the `sim` commands.
 */
export interface MachineFleet {
  /** A machine boots and its kubelet registers the Node. */
  add(spec: MachineSpec): void;
  /** The machine loses power (down: its containers stop existing) or boots again (its kubelet restarts the pods bound to it). */
  setDown(name: string, down: boolean): void;
  /** The machine is gone for good; its Node object stays until deleted. */
  remove(name: string): void;
  has(name: string): boolean;
  names(): string[];
  isDown(name: string): boolean;
  /** A static pod manifest in the machine's manifest folder (the kubelet runs it and mirrors it). */
  addStaticPod(node: string, pod: Pod): void;
  setPressure(node: string, kind: PressureKind, on: boolean): void;
  /** Make a probe of a pod's container fail, for `forMs` (or for good when undefined). */
  failProbe(namespace: string, pod: string, probe: ProbeKind, container?: string, forMs?: number): void;
  /** The container's main process exits now. */
  crash(namespace: string, pod: string, container?: string, exitCode?: number): void;
  /** The machine runs on but cannot reach the API server (or reaches it again). */
  setPartitioned(name: string, on: boolean): void;
  isPartitioned(name: string): boolean;
  /** The kubelet process stops (containers keep running) or starts again. */
  setKubeletRunning(name: string, running: boolean): void;
  isKubeletRunning(name: string): boolean;
  /** The machines in a zone (`topology.kubernetes.io/zone`). */
  zoneMachines(zone: string): string[];
  /** An image registry stops answering (host, or every registry when undefined) or answers again. */
  setRegistryDown(host: string | undefined, down: boolean): void;
  registriesDown(): string[];
  /** The container is killed by the kernel's OOM killer (exit 137, OOMKilled). */
  oomKill(namespace: string, pod: string, container?: string): void;
  /** Containers of a pod (`pod:<ns>/<name>`) or an image (`image:<ref>`) take `ms` longer to start. */
  setSlowStart(target: { pod: { namespace: string; name: string } } | { image: string }, ms: number): string;
  /** The container's process stops answering requests, for `forMs` (or for good), or answers again (`forMs` 0). */
  hang(namespace: string, pod: string, container?: string, forMs?: number): void;
}
