import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { parseSelector } from '../../../engine/api/labels';

/** metav1.ParseToLabelSelector: `a=b,c in (d)` as matchLabels and matchExpressions. */
export function parseToLabelSelector(text: string): LabelSelector {
  const selector = parseSelector(text);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const r of selector.requirements) {
    switch (r.operator) {
      case '=':
      case '==':
        matchLabels[r.key] = r.values[0] ?? '';
        break;
      case 'in':
        matchExpressions.push({ key: r.key, operator: 'In', values: [...r.values] });
        break;
      case 'notin':
      case '!=':
        matchExpressions.push({ key: r.key, operator: 'NotIn', values: [...r.values] });
        break;
      case 'exists':
        matchExpressions.push({ key: r.key, operator: 'Exists' });
        break;
      case '!':
        matchExpressions.push({ key: r.key, operator: 'DoesNotExist' });
        break;
      default:
        throw new Error(`"${r.operator}" is not a valid label selector operator`);
    }
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length) out.matchLabels = matchLabels;
  if (matchExpressions.length) out.matchExpressions = matchExpressions;
  return out;
}
