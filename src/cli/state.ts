import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Cluster, type ClusterSnapshot } from '../engine/sim/cluster';
import type { KubeConfig } from '../kubectl';

/** What `--state FILE` keeps between one-off commands: the whole cluster and the kubeconfig. */
export interface SavedState {
  format: 'kube-sandbox/state';
  version: 1;
  cluster: ClusterSnapshot;
  kubeconfig?: KubeConfig;
}

export function loadState(file: string | undefined): { cluster: Cluster; kubeconfig?: KubeConfig } {
  if (!file || !existsSync(file)) return { cluster: Cluster.create() };
  let saved: SavedState;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a readable sandbox state (${(e as Error).message})`);
  }
  if (saved?.format !== 'kube-sandbox/state') throw new Error(`${file}: not a sandbox state file`);
  return { cluster: Cluster.fromSnapshot(saved.cluster), kubeconfig: saved.kubeconfig };
}

/** Write atomically, so an interrupted save never leaves half a state behind. */
export function saveState(file: string, cluster: Cluster, kubeconfig: KubeConfig): void {
  const state: SavedState = { format: 'kube-sandbox/state', version: 1, cluster: cluster.snapshot(), kubeconfig };
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
