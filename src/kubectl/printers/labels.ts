import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { compareGoStrings } from './gofmt';

/** labels.FormatLabels: `k=v,k2=v2` in key order, `<none>` when there are none. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareGoStrings);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

/**
 * A label selector as `metav1.LabelSelectorAsSelector(...).String()` writes it:
 * requirements sorted by key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
 * Returns undefined when the selector is invalid. A nil or empty selector gives ''.
 */
export function selectorString(selector: LabelSelector | null | undefined): string | undefined {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort(compareGoStrings);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push({
          key: expr.key,
          text: `${expr.key} ${expr.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`,
        });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        reqs.push({
          key: expr.key,
          text: expr.operator === 'Exists' ? expr.key : `!${expr.key}`,
        });
        break;
      default:
        return undefined;
    }
  }
  reqs.sort((a, b) => compareGoStrings(a.key, b.key));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: like selectorString, but `<none>` when empty and `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** The header of a `-L key` column: the key's last path segment, upper-cased. */
export function labelColumnHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}
