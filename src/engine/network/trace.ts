/**
 * What one simulated request went through, hop by hop, for the UI to draw and for tests to
 * check: name lookups, the Service and the endpoint kube-proxy chose, each NetworkPolicy
 * verdict and who answered. Plain JSON, kept in a bounded ring that is part of a snapshot.
 */

/** A pod as `namespace/name`. */
export type PodRef = string;

export type Hop =
  /** A name found without DNS: an address literal or /etc/hosts. */
  | { kind: 'hosts'; name: string; address: string }
  /** One DNS question to one server; `answers` as `dig` shows record data. */
  | { kind: 'dns'; name: string; type: string; server: string; rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'timed out'; answers: string[]; via?: PodRef }
  /** kube-proxy: a Service address (cluster IP, node port, load-balancer or external IP) and what it did. */
  | {
      kind: 'service';
      service: string;
      port: string;
      address: string;
      via: 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';
      candidates: number;
      endpoint?: string;
      pod?: PodRef;
      node?: string;
      /** How the endpoint was picked, or why there was none. */
      reason: 'random' | 'affinity' | 'no endpoints' | 'no local endpoints' | 'no such port';
    }
  /** A NetworkPolicy decision for one side of the connection. */
  | { kind: 'policy'; direction: 'egress' | 'ingress'; pod: PodRef; verdict: 'allowed' | 'denied' | 'not isolated'; selecting: string[]; allowedBy: string[] }
  /** Where the (translated) destination address leads. */
  | { kind: 'route'; address: string; to: 'pod' | 'node' | 'loopback' | 'outside' | 'unroutable' | 'down'; pod?: PodRef; node?: string }
  /** A port of a node's address forwarded to a pod's container port (the CNI portmap plugin, `hostPort`). */
  | { kind: 'hostPort'; address: string; pod: PodRef; endpoint: string }
  /**
   * An ingress controller's decision: the nginx server (host, `_` for the catch-all) and location
   * the request landed on, the Service and endpoint it proxies to, or the page it answered itself.
   */
  | {
      kind: 'ingress';
      controller: PodRef;
      host: string;
      path: string;
      server: string;
      ingress?: string;
      location?: string;
      service?: string;
      port?: string;
      endpoint?: string;
      pod?: PodRef;
      /** The certificate shown for an HTTPS request. */
      certificate?: string;
      result: 'proxied' | 'not found' | 'no endpoints' | 'no service' | 'redirect' | 'plain HTTP to HTTPS port' | 'untrusted certificate';
    }
  /** The far end's answer, or the error the client sees. */
  | { kind: 'answer'; result: string; status?: number; pod?: PodRef };

export interface Trace {
  id: number;
  /** Simulated ms since the epoch. */
  at: number;
  /** The client: a pod, or an address outside the cluster. */
  from: { pod?: PodRef; address: string };
  /** What was asked for: `http://web/`, `nslookup web`, `tcp 10.96.0.10:53` … */
  request: string;
  hops: Hop[];
  /** What the client saw: `200`, `connection refused`, `timed out`, `NXDOMAIN` … */
  outcome: string;
}

export interface TraceState {
  next: number;
  traces: Trace[];
}

/** How many traces are kept: enough for a lesson's history, small enough for every snapshot. */
export const TRACE_LIMIT = 200;

export class TraceRing {
  private state: TraceState = { next: 1, traces: [] };

  constructor(private readonly limit = TRACE_LIMIT) {}

  /** Start a trace; the caller fills in hops and the outcome. */
  begin(at: number, from: Trace['from'], request: string): Trace {
    const trace: Trace = { id: this.state.next++, at, from, request, hops: [], outcome: '' };
    this.state.traces.push(trace);
    if (this.state.traces.length > this.limit) this.state.traces.splice(0, this.state.traces.length - this.limit);
    return trace;
  }

  /** The newest trace, if it is still in the ring. */
  last(): Trace | undefined {
    return this.state.traces[this.state.traces.length - 1];
  }

  /** Oldest first; copies, so the caller cannot change the record. */
  list(): Trace[] {
    return structuredClone(this.state.traces);
  }

  clear(): void {
    this.state.traces = [];
  }

  snapshot(): TraceState {
    return structuredClone(this.state);
  }

  restore(state: TraceState | undefined): void {
    this.state = state ? structuredClone(state) : { next: 1, traces: [] };
  }
}
