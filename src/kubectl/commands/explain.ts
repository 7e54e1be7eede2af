import type { Command } from '../command';
import { help } from '../help/explain';
import { customResourceDocs } from '../explain/custom';
import { mappingFor } from '../resource/mapping';

type Prop = [name: string, type: string, required: 0 | 1, description: string, enumValues?: string[]];
interface Schemas {
  kinds: Record<string, string>;
  types: Record<string, { d: string; p: Prop[] }>;
}

let cache: Schemas | undefined;

/** The generated API docs (see ../explain/generate.ts), loaded the first time explain runs. */
async function schemas(): Promise<Schemas> {
  cache ??= ((await import('../explain/schemas.json')) as unknown as { default: Schemas }).default;
  return cache;
}

/**
 * Sprig's `wrap` as explain's templates use it (goutils.WrapCustom): the text is wrapped as one
 * long line, so the newlines already in a description do not restart the count, and a space
 * right after a break is dropped. Counted in UTF-8 bytes, as Go does.
 */
export function wordWrap(text: string, limit: number): string {
  const str = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const slice = (a: number, b?: number) => dec.decode(str.subarray(a, b));
  const SPACE = 0x20;
  const lastSpace = (from: number, to: number) => {
    for (let i = Math.min(to, str.length) - 1; i >= from; i--) if (str[i] === SPACE) return i;
    return -1;
  };
  const width = Math.max(1, limit);
  let offset = 0;
  let out = '';
  while (str.length - offset > width) {
    if (str[offset] === SPACE) {
      offset++;
      continue;
    }
    let at = lastSpace(offset, width + offset + 1);
    if (at >= offset) {
      out += `${slice(offset, at)}\n`;
      offset = at + 1;
      continue;
    }
    // A word longer than the width is left whole, up to the next space.
    at = str.indexOf(SPACE, width + offset);
    if (at < 0) {
      out += slice(offset);
      offset = str.length;
    } else {
      out += `${slice(offset, at)}\n`;
      offset = at + 1;
    }
  }
  return out + slice(offset);
}

function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** explain's typeGuess: `string`, `[]Container`, `map[string]string`, `Object`. */
function typeName(t: string): string {
  if (t.startsWith('[]')) return `[]${typeName(t.slice(2))}`;
  if (t.startsWith('map[string]')) return `map[string]${typeName(t.slice(11))}`;
  if (t.startsWith('ref:')) return t.slice(t.lastIndexOf('.') + 1) || 'Object';
  return t;
}

/** The object type a field's values are (through arrays and maps), if any. */
function baseRef(t: string): string | undefined {
  if (t.startsWith('[]')) return baseRef(t.slice(2));
  if (t.startsWith('map[string]')) return baseRef(t.slice(11));
  return t.startsWith('ref:') ? t.slice(4) : undefined;
}

/** An enum value as explain shows it: the empty string as `""`. */
const enumValue = (v: string) => (v === '' ? '""' : v);

/** extractEnum's simple view: `enum: A, B, C, D, ....` on its own line under the field (at most four). */
function shortEnum(values: string[] | undefined, pad: number): string {
  if (!values?.length) return '';
  const shown = values.slice(0, 4).map(enumValue).join(', ');
  return `\n${' '.repeat(pad)}enum: ${shown}${values.length > 4 ? ', ....' : ''}`;
}

/** extractEnum's long view under `FIELD:`: `ENUM:` and one value a line. */
function longEnum(values: string[] | undefined): string {
  if (!values?.length) return '';
  return `ENUM:${values.map((v) => `\n    ${enumValue(v)}`).join('')}`;
}

function fieldList(s: Schemas, typeRef: string | undefined, level: number, recursive: boolean, seen: Set<string>): string {
  if (!typeRef || seen.has(typeRef)) return '';
  const t = s.types[typeRef];
  if (!t) return '';
  const next = new Set(seen).add(typeRef);
  let out = '';
  const pad = level * 2;
  for (const [name, type, required, description, values] of [...t.p].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out += `${indent(pad, name)}\t<${typeName(type)}>${required ? ' -required-' : ''}${shortEnum(values, pad)}\n`;
    if (!recursive) out += `${indent(pad + 2, wordWrap(description || '<no description>', 78 - pad))}\n\n`;
    else out += fieldList(s, baseRef(type), level + 1, recursive, next);
  }
  return out;
}

export const explainCommand: Command = {
  name: 'explain',
  help,
  async run(ctx) {
    if (ctx.args.length === 0) {
      throw new Error('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    }
    if (ctx.args.length > 1) throw new Error('We accept only this format: explain RESOURCE\n');
    const output = ctx.flags.string('output');
    if (output !== 'plaintext' && output !== 'plaintext-openapiv2') {
      throw new Error(`unsupported output format: ${output}. Supported formats: plaintext, plaintext-openapiv2`);
    }
    const [resourceWord, ...path] = ctx.args[0].split('.');
    const rt = mappingFor(ctx.cluster.registry, resourceWord);
    let group = rt.group;
    let version = rt.version;
    const apiVersion = ctx.flags.string('api-version');
    if (apiVersion) {
      const slash = apiVersion.indexOf('/');
      group = slash < 0 ? '' : apiVersion.slice(0, slash);
      version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    }
    const gv = group ? `${group}/${version}` : version;
    let s = await schemas();
    let root = s.kinds[`${gv}/${rt.kind}`];
    // A custom resource's docs come from its CRD's schema, as the API server publishes it.
    const custom = !root && group === rt.group && version === rt.version ? customResourceDocs(ctx.api, rt) : undefined;
    if (custom) {
      s = { kinds: s.kinds, types: { ...s.types, ...custom.types } };
      root = custom.root;
    }
    if (!root) {
      throw new Error(`error: GVR (${group ? `${group}/` : ''}${version}, Resource=${rt.plural}) not found in OpenAPI schema`);
    }
    let out = '';
    if (group) out += `GROUP:      ${group}\n`;
    out += `KIND:       ${rt.kind}\nVERSION:    ${version}\n\n`;

    // Walk the field path; only the last field gets a FIELD line.
    let current: { type: string; description: string } = { type: `ref:${root}`, description: '' };
    for (let i = 0; i < path.length; i++) {
      const ref = baseRef(current.type);
      const prop = ref ? s.types[ref]?.p.find((p) => p[0] === path[i]) : undefined;
      if (!prop) throw new Error(`error: field "${path[path.length - 1]}" does not exist`);
      current = { type: prop[1], description: prop[3] };
      if (i === path.length - 1) out += `FIELD: ${prop[0]} <${typeName(prop[1])}>\n${longEnum(prop[4])}\n\n`;
    }
    const ref = baseRef(current.type);
    const descriptions = [current.description, ref ? s.types[ref]?.d : ''].filter((d) => d);
    const description = descriptions.map((d) => `${d}\n`).join('');
    out += `DESCRIPTION:\n${indent(4, wordWrap(description || '<empty>', 76))}\n`;
    const fields = fieldList(s, ref, 1, ctx.flags.bool('recursive'), new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    ctx.io.out(`${out}\n`);
  },
};
