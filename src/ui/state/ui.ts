import { create } from 'zustand';

/** What the inspector shows: one object, by the resource key the cache uses. */
export interface Selection {
  /** Cache resource key: `pods`, `nodes`, `services`, `apps/deployments` … */
  resource: string;
  kind: string;
  namespace?: string;
  name: string;
}

export type InspectorTab = 'describe' | 'yaml' | 'events';

interface UiState {
  selection?: Selection;
  inspectorTab: InspectorTab;
  showOwners: boolean;
  showServices: boolean;
  namespace: string;
  editorOpen: boolean;
  /** The graph view fits itself to the cluster as it changes, until the learner pans or zooms. */
  followGraph: boolean;
  select(selection?: Selection): void;
  set(patch: Partial<Omit<UiState, 'select' | 'set'>>): void;
}

export const useUi = create<UiState>((set) => ({
  inspectorTab: 'describe',
  showOwners: false,
  showServices: true,
  namespace: '',
  editorOpen: false,
  followGraph: true,
  select: (selection) => set({ selection }),
  set: (patch) => set(patch),
}));

/** kubectl's word for a resource key (`apps/deployments` → `deployments.apps`). */
export function kubectlResource(resource: string): string {
  const slash = resource.indexOf('/');
  return slash < 0 ? resource : `${resource.slice(slash + 1)}.${resource.slice(0, slash)}`;
}

const KINDS: Record<string, string> = {
  Pod: 'pods',
  Node: 'nodes',
  Service: 'services',
  Namespace: 'namespaces',
  ConfigMap: 'configmaps',
  Deployment: 'apps/deployments',
  ReplicaSet: 'apps/replicasets',
  StatefulSet: 'apps/statefulsets',
  DaemonSet: 'apps/daemonsets',
  Job: 'batch/jobs',
  CronJob: 'batch/cronjobs',
};

/** The cache's resource key for a kind, when the page watches it. */
export function resourceOfKind(kind: string): string | undefined {
  return KINDS[kind];
}
