/** The keys a strategic merge patch uses to say more than "set this value". */

/** `$patch: replace | delete` in a map or list element. */
export const DIRECTIVE = '$patch';
export const DELETE = 'delete';
export const REPLACE = 'replace';
export const MERGE = 'merge';

/** `$retainKeys: [a, b]`: keep only these keys of the map (retainKeys strategy). */
export const RETAIN_KEYS = '$retainKeys';
/** `$deleteFromPrimitiveList/<field>: [x]`: remove these scalars from the list `<field>`. */
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
/** `$setElementOrder/<field>: [...]`: the order the list `<field>` must end up in. */
export const SET_ELEMENT_ORDER = '$setElementOrder';

/** The field a parallel-list key refers to, or undefined if the key is malformed. */
export function parallelListField(key: string, prefix: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) return undefined;
  return key.slice(slash + 1);
}

/** Whether `key` is one of the directive keys that must never reach a stored object. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE ||
    key === RETAIN_KEYS ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`) ||
    key.startsWith(`${SET_ELEMENT_ORDER}/`)
  );
}
