import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, parseDocument, Scalar } from 'yaml';
import { goYamlError } from './goyamlerrors';

/**
 * YAML → JSON the way kubectl does it (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars
 * (`yes`/`on`/`y` are booleans, `0644` is octal), map keys turned into strings, `<<` merges,
 * and go-yaml's error texts (`yaml: line 5: mapping values are not allowed in this context`).
 */
export class YamlError extends Error {}

export function yamlToJson(text: string): unknown {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: false, strict: false });
  if (doc.errors.length) throw new YamlError(`yaml: ${goYamlError(text, doc.errors[0])}`);
  if (doc.contents === null) return null;
  return toJson(doc.contents as Node, doc);
}

function toJson(node: Node | null | undefined, doc: Document): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toJson(node.resolve(doc) as Node, doc);
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return node.items.map((item) => toJson(item as Node, doc));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const merges: Record<string, unknown>[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && keyNode.value === '<<') {
        const merged = toJson(pair.value as Node, doc);
        for (const m of Array.isArray(merged) ? merged : [merged]) {
          if (m && typeof m === 'object' && !Array.isArray(m)) merges.push(m as Record<string, unknown>);
        }
        continue;
      }
      out[keyString(toJson(keyNode, doc))] = toJson(pair.value as Node, doc);
    }
    // Keys given in the mapping itself win over merged ones.
    return merges.length ? Object.assign({}, ...merges.reverse(), out) : out;
  }
  return null;
}

/** sigs.k8s.io/yaml stringifies non-string keys: `1` → "1", `true` → "true". */
function keyString(key: unknown): string {
  if (key === null) return 'null';
  if (typeof key === 'string') return key;
  if (typeof key === 'object') return JSON.stringify(key);
  return String(key);
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function scalarValue(node: Scalar): unknown {
  const value = String(node.value ?? '');
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str') return value;
  if (node.type !== Scalar.PLAIN && node.type !== undefined) return value;
  if (tag === 'tag:yaml.org,2002:int' || tag === 'tag:yaml.org,2002:float') return Number(value);
  return resolvePlain(value);
}

/** go-yaml v2's resolve() for an untagged plain scalar. */
export function resolvePlain(s: string): unknown {
  if (NULL.has(s)) return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  switch (s) {
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Number.POSITIVE_INFINITY;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return Number.NEGATIVE_INFINITY;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return Number.NaN;
  }
  const int = goInt(s.replace(/_/g, ''));
  if (int !== undefined) return int;
  if (FLOAT.test(s.replace(/_/g, ''))) return Number(s.replace(/_/g, ''));
  return s;
}

function goInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let n: number;
  if (/^0[xXbB]/.test(body)) n = Number(body.toLowerCase());
  else if (/^0[oO]/.test(body)) n = Number.parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) {
    if (/[89]/.test(body)) return undefined;
    n = Number.parseInt(body.slice(1), 8);
  } else n = Number(body);
  return m[1] === '-' ? -n : n;
}
