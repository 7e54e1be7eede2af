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
  /** The machine stops answering (down) or answers again; its kubelet stops or resumes heartbeats and work. */
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
}
