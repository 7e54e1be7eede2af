import { parse } from 'yaml';
import type { AnyObject } from '../../api/types';
import { isObject } from '../types';

/**
 * A controller written as data, for lessons (see ../README.md): a ConfigMap labelled
 * `kube-sandbox.io/controller: "true"` whose `controller.yaml` says which custom kind it
 * watches and which objects every such object should have.
 */

export const BEHAVIOUR_LABEL = 'kube-sandbox.io/controller';
export const BEHAVIOUR_KEY = 'controller.yaml';

export interface BehaviourSpec {
  /** The kind of the custom objects it acts for, e.g. `Website`. */
  forKind: string;
  /** Optional `group/version` when several groups define the same kind. */
  apiVersion?: string;
  /** Manifests (with `{{ .spec.x }}` placeholders) every object of forKind should own. */
  ensure: AnyObject[];
}

export type ParsedSpec = { spec: BehaviourSpec } | { error: string };

export function parseBehaviour(text: string | undefined): ParsedSpec {
  if (text === undefined) return { error: `data has no "${BEHAVIOUR_KEY}"` };
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return {
      error: `${BEHAVIOUR_KEY}: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  if (!isObject(raw))
    return {
      error: `${BEHAVIOUR_KEY}: must be a mapping with forKind and ensure`,
    };
  if (typeof raw.forKind !== 'string' || !raw.forKind) return { error: `${BEHAVIOUR_KEY}: forKind: Required value` };
  if (raw.apiVersion !== undefined && typeof raw.apiVersion !== 'string') return { error: `${BEHAVIOUR_KEY}: apiVersion: must be a string` };
  if (!Array.isArray(raw.ensure)) return { error: `${BEHAVIOUR_KEY}: ensure: must be a list of manifests` };
  for (const [i, m] of raw.ensure.entries()) {
    const at = `${BEHAVIOUR_KEY}: ensure[${i}]`;
    if (!isObject(m)) return { error: `${at}: must be a manifest` };
    if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') return { error: `${at}: apiVersion and kind are required` };
    if (!isObject(m.metadata) || typeof m.metadata.name !== 'string' || !m.metadata.name) return { error: `${at}: metadata.name is required` };
  }
  return {
    spec: {
      forKind: raw.forKind,
      apiVersion: raw.apiVersion as string | undefined,
      ensure: raw.ensure as AnyObject[],
    },
  };
}
