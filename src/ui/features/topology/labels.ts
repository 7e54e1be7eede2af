import type { LabelSelector } from 'kubernetes-types/meta/v1';

type Labels = Record<string, string> | undefined;

/** A Service's selector (a plain map): every pair must be present. An empty selector selects nothing. */
export function selectsMap(selector: Labels, labels: Labels): boolean {
  const pairs = Object.entries(selector ?? {});
  if (!pairs.length) return false;
  return pairs.every(([k, v]) => labels?.[k] === v);
}

/** A metav1.LabelSelector (matchLabels and matchExpressions), as workloads use it. An empty one selects everything. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = labels !== undefined && e.key in labels;
    const value = labels?.[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
