import type { Cluster } from '../engine/sim/cluster';

/** What one kubectl invocation leaves behind, as a shell would see it. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A kubeconfig entry for a cluster (`clusters[].cluster`). */
export interface KubeConfigCluster {
  server: string;
  'certificate-authority-data'?: string;
}

export interface KubeConfigContext {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeConfigUser {
  'client-certificate-data'?: string;
  'client-key-data'?: string;
  token?: string;
}

/**
 * The kubeconfig kubectl reads and `kubectl config` edits. Its shape is the real file's
 * (`apiVersion: v1`, `kind: Config`), so `kubectl config view` prints it as is and the
 * CLI can save it as JSON between runs.
 */
export interface KubeConfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: { name: string; cluster: KubeConfigCluster }[];
  contexts: { name: string; context: KubeConfigContext }[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: { name: string; user: KubeConfigUser }[];
}

/** A shell in a container that a terminal drives line by line (`kubectl exec -it POD -- sh`). */
export interface TerminalSession {
  /** Run one typed line; `closed` once the shell has exited (or the container stopped). */
  input(line: string): { stdout: string; stderr: string; exitCode: number; closed: boolean };
  close(): void;
}

/** One `kubectl port-forward` listening on the learner's machine. */
export interface PortForward {
  namespace: string;
  pod: string;
  /** 127.0.0.1 and ::1 unless --address said otherwise. */
  addresses: string[];
  localPort: number;
  remotePort: number;
  /** Where "Handling connection for PORT" goes (the terminal the forward runs in). */
  notify?(text: string): void;
}

/** The forwards active on the learner's machine: curl to localhost:PORT goes through them. */
export interface PortForwardRegistry {
  /** The forward listening on that address and port (`localhost` matches 127.0.0.1 and ::1). */
  find(address: string, port: number): PortForward | undefined;
  add(forward: PortForward): void;
  remove(forward: PortForward): void;
  list(): PortForward[];
}

/** Everything kubectl needs from its surroundings; the caller owns files, time and the config. */
export interface KubectlEnv {
  cluster: Cluster;
  /** What `-f -` reads. */
  stdin?: string;
  /** A file's text, or undefined when there is no such file (paths are resolved by the caller). */
  readFile?(path: string): string | undefined;
  /** The entries of a folder (names, not paths), or undefined when `path` is not a folder. */
  listDir?(path: string): string[] | undefined;
  /**
   * Write a local file (`kubectl cp POD:FILE ./here`); returns an error text such as
   * `permission denied`, or undefined. Absent: kubectl cannot write local files.
   */
  writeFile?(path: string, text: string): string | undefined;
  /**
   * The editor `kubectl edit` opens: gets the text to edit and a file name like
   * `/tmp/kubectl-edit-1234567890.yaml`, resolves to the saved text, or undefined when the
   * editor was closed without saving (which kubectl treats as no change). Called again with an
   * error header on top when the edit was invalid. Absent: `kubectl edit` says no editor can run.
   */
  openEditor?(text: string, fileName: string): Promise<string | undefined>;
  /** Where `kubectl port-forward` registers its forwards (the learner's machine); absent: port-forward cannot listen. */
  portForwards?: PortForwardRegistry;
  /**
   * Resolves when the user stops the running command (Ctrl-C in a terminal). Commands that run
   * until stopped (port-forward) wait on it; absent (headless, or run in the background with `&`),
   * they return once started.
   */
  waitForInterrupt?(): Promise<void>;
  /** Changed in place by `kubectl config …`. */
  config: KubeConfig;
  /** Commands that wait (delete --wait, rollout status, wait, drain) pass time through this. */
  sleep(ms: number): Promise<void>;
  /**
   * A terminal that can hand its input to a shell: `exec -it POD -- sh` opens one there and
   * returns at once. Without it, the shell runs what stdin holds and ends.
   */
  openTerminal?(session: TerminalSession): void;
  /**
   * Called with every piece of output as it is produced, so a terminal can show the progress of
   * commands that wait (rollout status, drain, get --watch) before the final result arrives.
   * The result still carries all of it.
   */
  onOutput?(stream: 'stdout' | 'stderr', text: string): void;
}

/** The API server address the kubeconfig points at (a kind cluster publishes it on localhost). */
export const SERVER_URL = 'https://127.0.0.1:6443';

// Stand-ins for kind's certificates: PEM headers only (the sandbox needs no TLS).
const FAKE_CERT = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==';
const FAKE_KEY = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=';

/** The kubeconfig `kind create cluster` writes for a cluster named `kind`. */
export function defaultKubeConfig(): KubeConfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kind-kind', cluster: { 'certificate-authority-data': FAKE_CERT, server: SERVER_URL } }],
    contexts: [{ name: 'kind-kind', context: { cluster: 'kind-kind', user: 'kind-kind' } }],
    'current-context': 'kind-kind',
    preferences: {},
    users: [{ name: 'kind-kind', user: { 'client-certificate-data': FAKE_CERT, 'client-key-data': FAKE_KEY } }],
  };
}
