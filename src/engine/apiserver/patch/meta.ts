/**
 * Strategic-merge metadata: for each field of a Kubernetes type, how a patch combines with
 * it. This is what the `patchStrategy` and `patchMergeKey` struct tags of the API types say.
 *
 * A field with no metadata behaves as in a JSON merge patch: a map merges key by key, a list
 * is replaced whole. So a schema only has to describe the fields that carry tags and the
 * fields on the way to them; everything else (labels, resources, an unknown field) needs no entry.
 */

/** What the tags say about one field. */
export interface FieldPatchMeta {
  /**
   * `merge`: a list merges element by element (by `mergeKey` for lists of maps, by value for
   * lists of scalars). `replace`: a map is replaced whole instead of merged. Undefined:
   * the default (maps merge, lists are replaced).
   */
  readonly strategy?: 'merge' | 'replace';
  /** `retainKeys`: a patch may name the only keys to keep (`$retainKeys`), clearing the rest. */
  readonly retainKeys?: boolean;
  /** For lists of maps with the merge strategy: the key that identifies an element. */
  readonly mergeKey?: string;
}

/** The metadata of one type, and of the types below it. */
export interface PatchSchema {
  /** The type's name, for messages. */
  readonly name: string;
  /**
   * The field's metadata and the schema of its value (of its elements, for a list).
   * A field the schema does not know has no metadata and an empty schema.
   */
  lookup(field: string): { readonly meta: FieldPatchMeta; readonly schema: PatchSchema };
}

/** One field in a type table: its metadata plus the name of its (element) type, if it matters. */
export interface FieldSpec extends FieldPatchMeta {
  readonly type?: string;
}

/** Types by name; each maps field names (JSON names) to their specs. */
export type TypeTable = Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;

const NO_META: FieldPatchMeta = Object.freeze({});

/** A schema that knows no fields: every map merges, every list is replaced. */
export const EMPTY_SCHEMA: PatchSchema = Object.freeze({
  name: 'object',
  lookup: () => ({ meta: NO_META, schema: EMPTY_SCHEMA }),
});

/** The schema of type `root` in `table`. */
export function schemaFromTable(table: TypeTable, root: string): PatchSchema {
  const cache = new Map<string, PatchSchema>();
  const schemaOf = (name: string | undefined): PatchSchema => {
    if (name === undefined || !Object.hasOwn(table, name)) return EMPTY_SCHEMA;
    let schema = cache.get(name);
    if (!schema) {
      const fields = table[name];
      schema = {
        name,
        lookup(field: string) {
          const spec = Object.hasOwn(fields, field) ? fields[field] : undefined;
          if (!spec) return { meta: NO_META, schema: EMPTY_SCHEMA };
          const { type, ...meta } = spec;
          return { meta, schema: schemaOf(type) };
        },
      };
      cache.set(name, schema);
    }
    return schema;
  };
  return schemaOf(root);
}
