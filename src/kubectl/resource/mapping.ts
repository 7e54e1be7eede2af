import type { KObject } from '../../engine/api/types';
import type { ResourceRegistry, ResourceType } from '../../engine/apiserver/registry';

/**
 * kubectl's RESTMapper lookup for a word the user typed (`po`, `deployments.apps`). Unknown
 * words fail as kubectl's builder words it, naming only the part before the first dot.
 */
export function mappingFor(registry: ResourceRegistry, word: string): ResourceType {
  const rt = registry.resolve(word);
  if (!rt) throw new Error(`the server doesn't have a resource type "${word.split('.')[0]}"`);
  return rt;
}

/** The mapping of an object read from a manifest, by its apiVersion and kind. */
export function mappingForObject(registry: ResourceRegistry, obj: KObject, source: string): ResourceType {
  const rt = registry.forObject(obj.apiVersion, obj.kind);
  if (rt) return rt;
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace ?? '';
  throw new Error(
    `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
  );
}

/** Resource types in a category (`all`), in discovery order, as kubectl's category expander gives them. */
export function expandCategory(registry: ResourceRegistry, word: string): ResourceType[] | undefined {
  const found = registry.all().filter((t) => t.categories.includes(word));
  return found.length ? found : undefined;
}

/** `deployment.apps`, `pod`: how kubectl names a kind in `kind/name` output. */
export function kindPrefix(rt: ResourceType): string {
  const kind = rt.kind.toLowerCase();
  return rt.group ? `${kind}.${rt.group}` : kind;
}
