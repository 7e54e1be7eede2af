import type { Pod } from 'kubernetes-types/core/v1';
import type { Labels, Selector } from '../../api/labels';

/**
 * What controllers ask of a pod, worked out once per pod object. Objects in the informer cache
 * are immutable snapshots (a write stores a new object), so the answers for an object never go
 * stale; a controller with 30,000 pods then reads flat facts instead of walking each pod's
 * conditions again on every sync.
 */
export interface PodFacts {
  /** Not Succeeded / Failed and not being deleted. */
  readonly active: boolean;
  readonly terminal: boolean;
  readonly deleting: boolean;
  readonly ready: boolean;
  /** When the Ready condition last turned True (ms), 0 when not ready. */
  readonly readySince: number;
  readonly nodeName: string;
  readonly phase: string;
  // A two-entry cache of selector matches: a pod is mostly asked by its owner and one other.
  sel1?: Selector;
  ok1?: boolean;
  sel2?: Selector;
  ok2?: boolean;
}

const cache = new WeakMap<object, PodFacts>();
const FACTS = Symbol('podFacts');
type WithFacts = { [FACTS]?: PodFacts };

/**
 * Facts ride on the pod object itself when it is not frozen (large benchmarks run unfrozen: a
 * symbol property is much cheaper than a WeakMap lookup); frozen objects use the WeakMap. A
 * symbol key is invisible to JSON, structuredClone and Object.keys.
 */
export function podFacts(pod: Pod): PodFacts {
  const own = (pod as WithFacts)[FACTS];
  if (own) return own;
  let f = cache.get(pod);
  if (f) return f;
  const phase = pod.status?.phase ?? '';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const deleting = !!pod.metadata?.deletionTimestamp;
  let ready = false;
  let readySince = 0;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') {
      ready = true;
      const t = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
      readySince = Number.isNaN(t) ? 0 : t;
    }
    break;
  }
  f = { active: !terminal && !deleting, terminal, deleting, ready, readySince, nodeName: pod.spec?.nodeName ?? '', phase };
  if (Object.isExtensible(pod)) Object.defineProperty(pod, FACTS, { value: f, enumerable: false });
  else cache.set(pod, f);
  return f;
}

/** selector.matches(pod labels), remembered per pod object for the last two selectors asked. */
export function podMatches(selector: Selector, pod: Pod): boolean {
  const f = podFacts(pod);
  if (f.sel1 === selector) return f.ok1 as boolean;
  if (f.sel2 === selector) return f.ok2 as boolean;
  const ok = selector.matches((pod.metadata?.labels ?? {}) as Labels);
  f.sel2 = f.sel1;
  f.ok2 = f.ok1;
  f.sel1 = selector;
  f.ok1 = ok;
  return ok;
}

const selectors = new Map<string, Selector>();
const MAX_SELECTORS = 10_000;

/**
 * One Selector object per distinct selector (keyed by its JSON), so that podMatches recognises
 * it on the next sync even though the owner object itself is replaced on every status write.
 */
export function cachedSelector(spec: unknown, build: () => Selector): Selector {
  const key = JSON.stringify(spec ?? null);
  let s = selectors.get(key);
  if (!s) {
    if (selectors.size >= MAX_SELECTORS) selectors.clear();
    s = build();
    selectors.set(key, s);
  }
  return s;
}
