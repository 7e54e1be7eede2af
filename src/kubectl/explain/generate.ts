/**
 * Build-time generator for `kubectl explain`'s data: reads the API types and their doc comments
 * shipped in node_modules/kubernetes-types and writes schemas.json next to this file.
 *
 *   npx tsx src/kubectl/explain/generate.ts
 *
 * The comments are the same descriptions the API server's OpenAPI document carries, so the
 * sandbox never hand-writes one.
 *
 * Enum values: the OpenAPI document lists them (`enum`, and "Possible enum values: …" at the end of
 * the field's description), but kubernetes-types leaves both out. enums.json keeps those blocks,
 * taken from the `kubernetes-models` package's comments (which carry the OpenAPI descriptions
 * whole); refresh it from an unpacked copy of that package with
 *
 *   npx tsx src/kubectl/explain/generate.ts --enums-from /path/to/kubernetes-models/package
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../node_modules/kubernetes-types');

/** `enum`: the values explain lists under ENUM (only for fields that have them). */
type Prop = [name: string, type: string, required: 0 | 1, description: string, enumValues?: string[]];
interface TypeInfo {
  d: string;
  p: Prop[];
}

const types: Record<string, TypeInfo> = {};
const kinds: Record<string, string> = {};
/** Type aliases (`type Time = string`) resolved to explain's type names. */
const ALIASES: Record<string, string> = {
  'meta/v1.Time': 'string',
  'meta/v1.MicroTime': 'string',
  'api/resource.Quantity': 'Quantity',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.d.ts') ? [p] : [];
  });
}

function cleanComment(raw: string): string {
  return raw
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** The explain type of a TypeScript type expression, with imports resolved to module-qualified names. */
function typeOf(expr: string, module: string, imports: Map<string, string>): string {
  const t = expr.trim();
  if (t === 'string' || /^"[^"]*"$/.test(t)) return 'string';
  if (t === 'number') return 'integer';
  if (t === 'boolean') return 'boolean';
  if (t === 'number | string' || t === 'string | number') return 'IntOrString';
  if (t === 'any' || t === 'object') return 'Object';
  const arr = /^Array<(.+)>$/s.exec(t) ?? /^(.+)\[\]$/s.exec(t);
  if (arr) return `[]${typeOf(arr[1], module, imports)}`;
  const map = /^\{\s*\[name: string\]:\s*(.+?);?\s*\}$/s.exec(t);
  if (map) return `map[string]${typeOf(map[1], module, imports)}`;
  if (/^[A-Za-z]\w*$/.test(t)) {
    const qualified = `${imports.get(t) ?? module}.${t}`;
    return ALIASES[qualified] ?? `ref:${qualified}`;
  }
  return 'Object';
}

const enumsPath = join(here, 'enums.json');
const fromArg = process.argv.indexOf('--enums-from');
if (fromArg > 0) writeFileSync(enumsPath, `${JSON.stringify(readEnumBlocks(process.argv[fromArg + 1]), null, 1)}\n`);
/** `core/v1.PodSpec.restartPolicy` → "Possible enum values:\n - `\"Always\"` …". */
const enumBlocks = JSON.parse(readFileSync(enumsPath, 'utf8')) as Record<string, string>;

/**
 * The "Possible enum values" blocks of every field in kubernetes-models' declarations, keyed by
 * kubernetes-types' module and type names (`networking.k8s.io/v1/X.d.ts` → `networking/v1.X`,
 * `v1/X.d.ts` → `core/v1.X`).
 */
function readEnumBlocks(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files(dir)) {
    const rel = relative(dir, file).replace(/\\/g, '/');
    const m = /^(?:([^/]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)\/[^/]+\.d\.ts$/.exec(rel);
    if (!m) continue;
    const module = `${m[1] ? m[1].split('.')[0] : 'core'}/${m[2]}`;
    const text = readFileSync(file, 'utf8');
    const iface = /export interface I(\w+)[^{]*\{/g;
    for (let i = iface.exec(text); i; i = iface.exec(text)) {
      let depth = 1;
      let j = iface.lastIndex;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      const body = text.slice(iface.lastIndex, j - 1);
      const prop = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*"?([\w$-]+)"?\??:/g;
      for (let p = prop.exec(body); p; p = prop.exec(body)) {
        const comment = cleanComment(p[1]);
        const at = comment.indexOf('Possible enum values:');
        if (at >= 0) out[`${module}.${i[1]}.${p[2]}`] = comment.slice(at);
      }
    }
  }
  return out;
}

for (const file of files(root)) {
  const module = relative(root, file).replace(/\.d\.ts$/, '');
  const text = readFileSync(file, 'utf8');
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    const target = join(dirname(module), m[2]).replace(/\\/g, '/');
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, target);
  }
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export interface (\w+) \{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[2];
    let depth = 1;
    let i = re.lastIndex;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    const body = text.slice(start, i - 1);
    const props: Prop[] = [];
    const propRe = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*(readonly\s+)?(["\w$-]+)(\??):\s*/g;
    for (let p = propRe.exec(body); p; p = propRe.exec(body)) {
      // The type runs to the `;` at nesting depth zero.
      let j = propRe.lastIndex;
      let d = 0;
      for (; j < body.length; j++) {
        const c = body[j];
        if (c === '{' || c === '<' || c === '(') d++;
        else if (c === '}' || c === '>' || c === ')') d--;
        else if (c === ';' && d === 0) break;
      }
      const typeExpr = body.slice(propRe.lastIndex, j);
      propRe.lastIndex = j;
      const field = p[3].replace(/"/g, '');
      const prop: Prop = [field, typeOf(typeExpr, module, imports), p[4] ? 0 : 1, cleanComment(p[1])];
      const block = enumBlocks[`${module}.${name}.${field}`];
      if (block) {
        prop[3] = `${prop[3]}\n\n${block}`;
        prop.push([...block.matchAll(/^ - `"(.*?)"`/gm)].map((v) => v[1]));
      }
      props.push(prop);
    }
    types[`${module}.${name}`] = { d: cleanComment(m[1]), p: props };
    const api = /apiVersion\?:\s*"([^"]+)"/.exec(body);
    const kind = /kind\?:\s*"([^"]+)"/.exec(body);
    if (api && kind && !name.endsWith('List')) kinds[`${api[1]}/${kind[1]}`] = `${module}.${name}`;
  }
}

// Keep only the types some kind can reach.
const reachable: Record<string, TypeInfo> = {};
const visit = (name: string) => {
  if (reachable[name] || !types[name]) return;
  reachable[name] = types[name];
  for (const [, t] of types[name].p) {
    const ref = /ref:(.+)$/.exec(t);
    if (ref) visit(ref[1]);
  }
};
for (const k of Object.values(kinds)) visit(k);

writeFileSync(join(here, 'schemas.json'), `${JSON.stringify({ kinds, types: reachable })}\n`);
console.log(`explain: ${Object.keys(reachable).length} types, ${Object.keys(kinds).length} kinds`);
