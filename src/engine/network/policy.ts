import type { Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import { type Labels, nothing, type Selector, selectorFromLabelSelector } from '../api/labels';
import { type Cidr, cidrContains, parseCidr, parseIPv4 } from './ip';

/** What NetworkPolicy evaluation reads: the policies of a namespace and namespaces' labels. */
export interface PolicyView {
  /** The policies of `namespace` that may select a pod with `labels` (a superset is fine: selectors are checked). */
  policiesFor(namespace: string, labels: Labels): readonly NetworkPolicy[];
  namespaceLabels(namespace: string): Labels;
}

/**
 * A label `key=value` every pod a policy selects must carry, if its podSelector demands one:
 * policies are indexed by it so a pod is only checked against policies that could select it.
 */
export function selectorIndexKey(np: NetworkPolicy): string | undefined {
  const sel = np.spec?.podSelector;
  const labels = sel?.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  if (keys.length) return `${keys[0]}=${labels[keys[0]]}`;
  const single = (sel?.matchExpressions ?? []).find((e) => e.operator === 'In' && e.values?.length === 1);
  return single ? `${single.key}=${single.values?.[0]}` : undefined;
}

/** One end of a connection as policy sees it: an address, and the pod behind it if it is on the pod network. */
export interface PolicyPeer {
  ip: string;
  pod?: Pod;
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Policies of this direction that select the pod (empty: the pod is not isolated). */
  selecting: string[];
  /** Those with a rule that admits the connection. */
  allowedBy: string[];
}

interface CompiledPeer {
  pods?: Selector;
  namespaces?: Selector;
  ipBlock?: { cidr: Cidr; except: Cidr[] };
}

interface CompiledRule {
  /** undefined: every peer. */
  peers?: CompiledPeer[];
  /** undefined: every port. */
  ports?: readonly NetworkPolicyPort[];
}

interface CompiledPolicy {
  name: string;
  namespace: string;
  podSelector: Selector;
  ingress?: CompiledRule[];
  egress?: CompiledRule[];
}

function selector(ls: Parameters<typeof selectorFromLabelSelector>[0]): Selector {
  try {
    return selectorFromLabelSelector(ls);
  } catch {
    // The API server validated the selector; a bad one here selects nothing rather than everything.
    return nothing();
  }
}

function compilePeer(p: NetworkPolicyPeer): CompiledPeer {
  if (p.ipBlock) {
    const cidr = parseCidr(p.ipBlock.cidr);
    return cidr ? { ipBlock: { cidr, except: (p.ipBlock.except ?? []).flatMap((e) => parseCidr(e) ?? []) } } : {};
  }
  return {
    pods: p.podSelector ? selector(p.podSelector) : undefined,
    namespaces: p.namespaceSelector ? selector(p.namespaceSelector) : undefined,
  };
}

function compileRules(rules: { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[]): CompiledRule[] {
  return rules.map((r) => ({
    peers: r.peers?.length ? r.peers.map(compilePeer) : undefined,
    ports: r.ports?.length ? r.ports : undefined,
  }));
}

const compiled = new WeakMap<NetworkPolicy, CompiledPolicy>();

/**
 * A policy made ready to evaluate (selectors parsed once; cached per object, and informer
 * objects are replaced, never changed, on update). policyTypes defaults as the API server does:
 * Ingress always, Egress when the policy has egress rules.
 */
function compile(np: NetworkPolicy): CompiledPolicy {
  let c = compiled.get(np);
  if (c) return c;
  const spec: NetworkPolicySpec = np.spec ?? ({} as NetworkPolicySpec);
  const types = spec.policyTypes?.length ? spec.policyTypes : spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  c = {
    name: np.metadata?.name ?? '',
    namespace: np.metadata?.namespace ?? 'default',
    podSelector: selector(spec.podSelector ?? {}),
    ingress: types.includes('Ingress') ? compileRules((spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))) : undefined,
    egress: types.includes('Egress') ? compileRules((spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))) : undefined,
  };
  compiled.set(np, c);
  return c;
}

/**
 * Whether `port`/`protocol` on `target` is one of the rule's ports: a number (or a range up to
 * endPort), a name looked up among the target pod's container ports, or no port (every port of
 * that protocol).
 */
export function portMatches(ports: readonly NetworkPolicyPort[] | undefined, port: number, protocol: string, target: Pod | undefined): boolean {
  if (!ports) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'number') return p.endPort != null ? port >= p.port && port <= p.endPort : port === p.port;
    if (!target) return false;
    return (target.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && (cp.protocol ?? 'TCP') === protocol && cp.containerPort === port));
  });
}

export class PolicyEngine {
  constructor(private readonly view: PolicyView) {}

  /** May `src` (a pod) open a connection to `dst` on port/protocol? */
  egress(src: Pod, dst: PolicyPeer, port: number, protocol: string): PolicyVerdict {
    return this.evaluate(src, 'egress', dst, port, protocol, dst.pod);
  }

  /** May `src` open a connection to `dst` (a pod) on port/protocol? */
  ingress(dst: Pod, src: PolicyPeer, port: number, protocol: string): PolicyVerdict {
    return this.evaluate(dst, 'ingress', src, port, protocol, dst);
  }

  private evaluate(pod: Pod, direction: 'ingress' | 'egress', peer: PolicyPeer, port: number, protocol: string, portOwner: Pod | undefined): PolicyVerdict {
    const ns = pod.metadata?.namespace ?? 'default';
    const labels = pod.metadata?.labels ?? {};
    const selecting: string[] = [];
    const allowedBy: string[] = [];
    for (const np of this.view.policiesFor(ns, labels)) {
      const c = compile(np);
      const rules = c[direction];
      if (!rules || !c.podSelector.matches(labels)) continue;
      selecting.push(c.name);
      if (rules.some((r) => portMatches(r.ports, port, protocol, portOwner) && this.peerMatches(c, r, peer))) allowedBy.push(c.name);
    }
    selecting.sort();
    allowedBy.sort();
    // Isolation is per direction; once isolated, the union of every selecting policy's rules applies.
    return { allowed: selecting.length === 0 || allowedBy.length > 0, selecting, allowedBy };
  }

  private peerMatches(c: CompiledPolicy, rule: CompiledRule, peer: PolicyPeer): boolean {
    if (!rule.peers) return true;
    return rule.peers.some((p) => {
      if (p.ipBlock) {
        const ip = parseIPv4(peer.ip);
        return ip !== undefined && cidrContains(p.ipBlock.cidr, ip) && !p.ipBlock.except.some((e) => cidrContains(e, ip));
      }
      const pod = peer.pod;
      if (!pod || (!p.pods && !p.namespaces)) return false;
      const podNs = pod.metadata?.namespace ?? 'default';
      // A pod selector alone means pods of the policy's own namespace.
      if (p.namespaces ? !p.namespaces.matches(this.view.namespaceLabels(podNs)) : podNs !== c.namespace) return false;
      return !p.pods || p.pods.matches(pod.metadata?.labels ?? {});
    });
  }
}
