import type { AnyObject, KObject } from '../../engine/api/types';
import type { KubectlEnv } from '../env';
import { decodeJsonStream } from './gojson';
import { YamlError, yamlToJson } from './goyaml';

/** One object read from a manifest, with where it came from (`STDIN` or the file path). */
export interface ManifestObject {
  source: string;
  object: KObject;
}

export interface ReadResult {
  objects: ManifestObject[];
  /** Problems met on the way (kubectl reports them after doing what it could). */
  errors: Error[];
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/**
 * Read `-f` arguments as kubectl's builder does: `-` is standard input, a folder gives its
 * .json/.yaml/.yml files (with `recursive`, those of its sub-folders too), a file gives its
 * documents. Decoding stops at the first bad document of a source.
 */
export function readManifests(env: KubectlEnv, paths: readonly string[], recursive: boolean, validate = true): ReadResult {
  const result: ReadResult = { objects: [], errors: [] };
  for (const path of paths) {
    if (path === '-') {
      decodeSource(env.stdin ?? '', 'STDIN', validate, result);
      continue;
    }
    const entries = env.listDir?.(path);
    if (entries) {
      for (const file of filesUnder(env, path, entries, recursive)) {
        decodeSource(env.readFile?.(file) ?? '', file, validate, result);
      }
      continue;
    }
    const text = env.readFile?.(path);
    if (text === undefined) {
      result.errors.push(new Error(`the path "${path}" does not exist`));
      continue;
    }
    decodeSource(text, path, validate, result);
  }
  return result;
}

function filesUnder(env: KubectlEnv, dir: string, entries: string[], recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of [...entries].sort()) {
    const path = `${dir.replace(/\/+$/, '')}/${name}`;
    const sub = env.listDir?.(path);
    if (sub) {
      if (recursive) out.push(...filesUnder(env, path, sub, recursive));
      continue;
    }
    if (EXTENSIONS.some((ext) => name.endsWith(ext))) out.push(path);
  }
  return out;
}

/** Decode one source's text (a YAML stream, or JSON values when it starts with `{`). */
export function decodeSource(text: string, source: string, validate: boolean, into: ReadResult): void {
  const docs: unknown[] = [];
  let failure: Error | undefined;
  if (text.trimStart().startsWith('{')) {
    const { values, error } = decodeJsonStream(text);
    docs.push(...values);
    if (error) failure = new Error(`error parsing ${source}: ${error.message}`);
  } else {
    try {
      for (const chunk of yamlDocuments(text)) {
        docs.push(yamlToJson(chunk));
      }
    } catch (e) {
      if (e instanceof YamlError) failure = new Error(`error parsing ${source}: error converting YAML to JSON: ${e.message}`);
      else if (e instanceof SeparatorError) failure = new Error(`error parsing ${source}: ${e.message}`);
      else throw e;
    }
  }
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    const problem = validate ? validationProblem(doc) : decodeProblem(doc);
    if (problem) {
      into.errors.push(
        new Error(
          validate
            ? `error validating "${source}": error validating data: ${problem}; if you choose to ignore these errors, turn validation off with --validate=false`
            : `unable to decode "${source}": ${problem}`,
        ),
      );
      continue;
    }
    for (const object of flattenList(doc as AnyObject)) into.objects.push({ source, object });
  }
  if (failure) into.errors.push(failure);
}

class SeparatorError extends Error {}

/**
 * Split a YAML stream at `---` lines as kubectl's YAMLReader does. A separator before any
 * content stays in the document (so line numbers in errors count it, as kubectl's do).
 */
export function yamlDocuments(text: string): string[] {
  const out: string[] = [];
  let buffer = '';
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        throw new SeparatorError(`invalid Yaml document separator: ${trimmed}`);
      }
      if (buffer.length) {
        out.push(buffer);
        buffer = '';
        continue;
      }
    }
    buffer += line;
  }
  if (buffer.length) out.push(buffer);
  return out;
}

/** What kubectl's client-side validation says about a document's shape, if anything. */
function validationProblem(doc: unknown): string | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'invalid object to validate';
  const o = doc as Record<string, unknown>;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  if (!errs.length) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

function decodeProblem(doc: unknown): string | undefined {
  if (Array.isArray(doc)) return 'json: cannot unmarshal array into Go value of type unstructured.detector';
  if (typeof doc !== 'object' || doc === null) {
    return `json: cannot unmarshal ${typeof doc === 'string' ? 'string' : typeof doc === 'number' ? 'number' : 'bool'} into Go value of type unstructured.detector`;
  }
  const o = doc as Record<string, unknown>;
  if (!o.kind) return `Object 'Kind' is missing in '${JSON.stringify(doc)}'`;
  return undefined;
}

/** `kind: List` (or any `…List` with items) stands for its items. */
function flattenList(obj: AnyObject): KObject[] {
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    return (obj.items as AnyObject[]).flatMap((item) => flattenList(item));
  }
  return [obj];
}
