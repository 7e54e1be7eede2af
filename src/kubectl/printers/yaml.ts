import type { KObject } from '../../engine/api/types';
import { YamlEmitter } from './yaml/emitter';

/**
 * `-o yaml` of one object (or of a List), exactly as kubectl writes it. The emitter is
 * hand-written rather than a configured YAML library because kubectl's output depends on
 * go-yaml v2 details no library option reproduces: its key order, which strings it quotes
 * and how, and folding long strings at 80 columns.
 */
export function printYaml(obj: KObject | unknown): string {
  return new YamlEmitter().document(throughJson(obj));
}

/** The YAML reader's error for characters JSON leaves unescaped but YAML forbids. */
export class YamlError extends Error {
  override name = 'YamlError';
}

// Characters Go's JSON encoder writes raw that go-yaml's reader then refuses.
const FORBIDDEN = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
// NEL is a line break to YAML: inside the double-quoted JSON string it is folded like one.
const NEL_RUN = / *\u0085(?: *\u0085)* */g;

function reread(s: string): string {
  if (FORBIDDEN.test(s)) throw new YamlError('yaml: control characters are not allowed');
  return s.replace(NEL_RUN, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * kubectl converts objects to JSON and reads that JSON back as YAML before writing YAML.
 * The round trip is lossless except for the characters handled in reread.
 */
function throughJson(v: unknown): unknown {
  if (typeof v === 'string') return reread(v);
  if (Array.isArray(v)) return v.map(throughJson);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (val !== undefined) out[reread(k)] = throughJson(val);
    return out;
  }
  return v;
}

/**
 * Several objects printed one after another, as `kubectl create -f` with several documents
 * does: kubectl's YAML printer puts `---` before every object after the first.
 */
export function printYamlDocuments(objs: readonly unknown[]): string {
  return objs.map((o, i) => (i === 0 ? '' : '---\n') + printYaml(o)).join('');
}
