import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { type Labels, nothing, type Selector, selectorFromLabelSelector } from '../api/labels';

/**
 * A parsed PodAffinityTerm (framework.AffinityTerm): which pods it selects (namespaces, namespace
 * selector, label selector) and the topology it groups nodes by.
 */
export interface AffinityTerm {
  /** Explicit namespaces; the owner pod's own namespace when neither namespaces nor a namespace selector is given. */
  readonly namespaces: ReadonlySet<string>;
  /** `nothing()` for a nil namespaceSelector, `everything()` for `{}`. */
  readonly namespaceSelector: Selector;
  readonly selector: Selector;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

function safeSelector(parse: () => Selector): Selector {
  try {
    return parse();
  } catch {
    return nothing();
  }
}

export function newAffinityTerm(podNamespace: string, term: PodAffinityTerm): AffinityTerm {
  const explicit = term.namespaces ?? [];
  const namespaces = new Set<string>(explicit.length === 0 && term.namespaceSelector == null ? [podNamespace] : explicit);
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector == null ? nothing() : safeSelector(() => selectorFromLabelSelector(term.namespaceSelector)),
    selector: safeSelector(() => selectorFromLabelSelector(term.labelSelector)),
    topologyKey: term.topologyKey,
  };
}

export function newAffinityTerms(podNamespace: string, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(podNamespace, t));
}

export function newWeightedAffinityTerms(podNamespace: string, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  const out: WeightedAffinityTerm[] = [];
  for (const t of terms ?? []) {
    // Terms with weight 0 do not count (getWeightedAffinityTerms skips them).
    if (!t.weight) continue;
    out.push({ ...newAffinityTerm(podNamespace, t.podAffinityTerm), weight: t.weight });
  }
  return out;
}

export interface PodRef {
  readonly namespace: string;
  readonly labels: Labels;
}

/** Whether the term selects the pod; namespace labels are needed only for a namespace selector. */
export function termNamespaceMatches(term: AffinityTerm, namespace: string, nsLabels: Labels | undefined): boolean {
  if (term.namespaces.has(namespace)) return true;
  // A missing namespace reads as one without labels, as upstream's nil label set does.
  return term.namespaceSelector.matches(nsLabels ?? {});
}

export function affinityTermMatches(term: AffinityTerm, pod: PodRef, nsLabels: Labels | undefined): boolean {
  return termNamespaceMatches(term, pod.namespace, nsLabels) && term.selector.matches(pod.labels);
}

/** True when the pod matches every term (and there is at least one). */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: PodRef, nsLabels?: Labels): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!affinityTermMatches(t, pod, nsLabels)) return false;
  return true;
}

/** An everything-namespace selector matches all namespaces; such a term cannot be narrowed to a list. */
export function matchesAllNamespaces(term: AffinityTerm): boolean {
  return term.namespaceSelector.selectable && term.namespaceSelector.empty();
}

/**
 * The incoming pod's terms with their namespace selector resolved into namespace names
 * (mergeAffinityTermNamespacesIfNotEmpty), so that matching needs no namespace labels.
 * An everything-selector (`{}`) is kept: it matches every namespace as it is.
 */
export function resolveNamespaces<T extends AffinityTerm>(term: T, namespaces: Iterable<[string, Labels]>): T {
  const sel = term.namespaceSelector;
  if (!sel.selectable || sel.empty()) return term;
  const names = new Set(term.namespaces);
  for (const [name, labels] of namespaces) if (sel.matches(labels ?? {})) names.add(name);
  return { ...term, namespaces: names, namespaceSelector: nothing() };
}
