import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { type Operator, type Requirement, requirementMatches } from '../api/labels';
import { isQualifiedName, isValidLabelValue } from '../api/names';

/** What node selection looks at: labels and, for `matchFields`, the name. */
export interface NodeView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const operators: Record<string, Operator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

/** A requirement, or undefined when it cannot be parsed (such a term matches no node). */
function labelRequirement(r: NodeSelectorRequirement): Requirement | undefined {
  const op = operators[r.operator];
  if (!op) return undefined;
  const values = r.values ?? [];
  // labels.NewRequirement validates key and values; a term with an invalid one matches nothing.
  if (isQualifiedName(r.key).length || values.some((v) => isValidLabelValue(v).length)) return undefined;
  if ((op === 'in' || op === 'notin') && values.length === 0) return undefined;
  if ((op === 'exists' || op === '!') && values.length !== 0) return undefined;
  if ((op === 'gt' || op === 'lt') && (values.length !== 1 || !/^[+-]?\d+$/.test(values[0]))) return undefined;
  return { key: r.key, operator: op, values };
}

/** matchFields supports only metadata.name with In / NotIn and a single value. */
function fieldRequirement(r: NodeSelectorRequirement): Requirement | undefined {
  if (r.key !== 'metadata.name') return undefined;
  const values = r.values ?? [];
  if (values.length !== 1) return undefined;
  if (r.operator === 'In') return { key: r.key, operator: 'in', values };
  if (r.operator === 'NotIn') return { key: r.key, operator: 'notin', values };
  return undefined;
}

interface CompiledTerm {
  labels: Requirement[];
  fields: Requirement[];
  /** A term with a requirement that does not parse matches nothing. */
  invalid: boolean;
}

function compileTerm(term: NodeSelectorTerm): CompiledTerm | undefined {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term selects no objects.
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const out: CompiledTerm = { labels: [], fields: [], invalid: false };
  for (const e of exprs) {
    const r = labelRequirement(e);
    if (r) out.labels.push(r);
    else out.invalid = true;
  }
  for (const f of fields) {
    const r = fieldRequirement(f);
    if (r) out.fields.push(r);
    else out.invalid = true;
  }
  return out;
}

function termMatches(t: CompiledTerm, node: NodeView): boolean {
  if (t.invalid) return false;
  for (const r of t.labels) if (!requirementMatches(r, node.labels)) return false;
  if (t.fields.length) {
    const fields = { 'metadata.name': node.name };
    for (const r of t.fields) if (!requirementMatches(r, fields)) return false;
  }
  return true;
}

/** A compiled NodeSelector: its terms are ORed. */
export class CompiledNodeSelector {
  private readonly terms: CompiledTerm[];
  constructor(selector: NodeSelector) {
    this.terms = [];
    for (const t of selector.nodeSelectorTerms ?? []) {
      const c = compileTerm(t);
      if (c) this.terms.push(c);
    }
  }

  matches(node: NodeView): boolean {
    for (const t of this.terms) if (termMatches(t, node)) return true;
    return false;
  }
}

/**
 * nodeaffinity.RequiredNodeAffinity: the pod's nodeSelector and its required node affinity, both
 * of which a node must satisfy.
 */
export class RequiredNodeAffinity {
  private readonly selector?: readonly [string, string][];
  private readonly affinity?: CompiledNodeSelector;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    if (ns && Object.keys(ns).length) this.selector = Object.entries(ns);
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) this.affinity = new CompiledNodeSelector(required);
  }

  /** True when neither a nodeSelector nor required node affinity constrains the pod. */
  get empty(): boolean {
    return !this.selector && !this.affinity;
  }

  matches(node: NodeView): boolean {
    if (this.selector) {
      for (const [k, v] of this.selector) if (node.labels[k] !== v) return false;
    }
    return this.affinity ? this.affinity.matches(node) : true;
  }
}

/** Preferred terms with their weights; weight-0 terms are dropped as upstream does. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; term: CompiledTerm }[] = [];
  constructor(terms: readonly PreferredSchedulingTerm[]) {
    for (const t of terms) {
      if (!t.weight) continue;
      const c = compileTerm(t.preference ?? {});
      if (c) this.terms.push({ weight: t.weight, term: c });
    }
  }

  get length(): number {
    return this.terms.length;
  }

  score(node: NodeView): number {
    let sum = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) sum += t.weight;
    return sum;
  }
}
