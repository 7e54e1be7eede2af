/**
 * What a shell running in a container can reach: its files, its clock, its log streams and
 * (optionally) the cluster network. The container runtime implements it; the shell never keeps
 * a reference to it beyond one step, so shell state stays plain JSON.
 */
export interface ShellFs {
  /** File content, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** 'file', 'dir' or undefined. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** Write (or append to) a file; returns an errno-style problem or undefined on success. */
  write(path: string, content: string, append: boolean): 'ENOENT' | 'EROFS' | 'EISDIR' | undefined;
  remove(path: string, recursive: boolean): 'ENOENT' | 'EROFS' | 'EISDIR' | undefined;
  mkdir(path: string, parents: boolean): 'ENOENT' | 'EEXIST' | 'EROFS' | undefined;
  /** Names directly inside a directory, sorted (symlinks included; a symlinked directory is followed). */
  list(path: string): string[];
  /** The target of the symlink at exactly this path, if it is one. */
  readlink?(path: string): string | undefined;
  /** The path with every symlink along it followed. */
  resolve?(path: string): string;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** The cluster network as a container sees it (DNS and HTTP); absent when the network model is not wired. */
export interface ShellNet {
  /** Resolve a name with the pod's DNS search path; undefined when NXDOMAIN. */
  resolve(name: string): { fqdn: string; ips: string[] } | undefined;
  /** The DNS server the pod uses (`10.96.0.10`). */
  nameserver(): string;
  /**
   * An HTTP GET to host:port/path; a string is a connection error (`connection refused`, `timed out`).
   * `hostHeader` is a Host header the client set itself (`wget --header 'Host: x'`).
   */
  httpGet(host: string, port: number, path: string, hostHeader?: string): HttpAnswer | string;
  /** One DNS question to one server, no search path (what `nslookup` sends); absent in the plain view. */
  query?(server: string, name: string, type: ShellQType): ShellDnsResponse | 'timed out';
}

export type ShellQType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'ANY';

/** A DNS reply as a client program reads it: the rcode and the answer section. */
export interface ShellDnsResponse {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  answers: (
    | { type: 'A'; name: string; address: string }
    | { type: 'CNAME'; name: string; target: string }
    | { type: 'PTR'; name: string; target: string }
    | { type: 'SRV'; name: string; priority: number; weight: number; port: number; target: string }
  )[];
}

export interface ShellHost {
  /** Simulated now, ms since the epoch. */
  now(): number;
  /** busybox (ash messages) or gnu (dash + coreutils messages). */
  userland: 'busybox' | 'gnu';
  /** `sh` or `bash`: how error messages name the shell. */
  shellName: string;
  hostname: string;
  fs: ShellFs;
  /** Programs the image has besides the shell's own commands (`nginx`, `redis-server` …). */
  isProgram(name: string): boolean;
  /** The container's output streams (its log). */
  write(stream: 'stdout' | 'stderr', text: string): void;
  net?: ShellNet;
  /**
   * Synchronous runs (exec probes) cannot block, but a probe must know how long its command
   * would have taken to hold it against timeoutSeconds: each sleep reports its length here.
   */
  slept?(ms: number): void;
}
