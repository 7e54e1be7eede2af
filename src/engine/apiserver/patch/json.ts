import { badRequestPatch, PatchError, unprocessablePatch } from './errors';
import { deepClone, deepEqual, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * JSON patch (RFC 6902), as the API server applies `application/json-patch+json`.
 *
 * The server's patch library has a few behaviours beyond the RFC that a learner can see, and
 * they are kept: `replace` of a missing object member adds it, negative array indices count
 * from the end, a member whose value is `null` counts as absent when a path walks through
 * it, and a failed operation is reported with the library's text (`add operation does not
 * apply: doc is missing path: "/spec/foo": missing value`) while the Status the server sends
 * back carries only `the server rejected our request due to an error in our request` (422).
 * Never mutates its inputs.
 */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  const decoded = decodeOperations(ops);
  if (!Array.isArray(target) && !isJsonObject(target)) {
    throw badRequestPatch(`json: cannot unmarshal ${goJsonKind(target)} into Go value of type map[string]interface {}`);
  }
  const state = { doc: deepClone(target) as Container };
  for (const op of decoded) applyOperation(state, op);
  return state.doc;
}

/** The most operations one JSON patch may hold before the server refuses it. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonObject | JsonValue[];
type Operation = Record<string, unknown>;

function decodeOperations(ops: unknown): Operation[] {
  if (!Array.isArray(ops)) {
    throw badRequestPatch(`json: cannot unmarshal ${goJsonKind(ops)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of ops) {
    if (op !== null && !isJsonObject(op)) {
      throw badRequestPatch(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
      { code: 413, reason: 'RequestEntityTooLarge' },
    );
  }
  return ops.map((op) => (op ?? {}) as Operation);
}

const operations: Record<string, (state: { doc: Container }, op: Operation) => void> = {
  add: (s, op) => addOp(s.doc, op),
  remove: (s, op) => removeOp(s.doc, op),
  replace: replaceOp,
  move: (s, op) => moveOp(s.doc, op),
  test: (s, op) => testOp(s.doc, op),
  copy: (s, op) => copyOp(s.doc, op),
};

function applyOperation(state: { doc: Container }, op: Operation): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const run = Object.hasOwn(operations, kind) ? operations[kind] : undefined;
  if (!run) throw unprocessablePatch(`Unexpected kind: ${kind}`);
  run(state, op);
}

// ---- reading operation fields ------------------------------------------------------------

type Field = { ok: true; value: string } | { ok: false; error: string };

/** A string member of the operation; JSON `null` counts as absent, as in the server. */
function stringField(op: Operation, name: 'path' | 'from'): Field {
  const raw = op[name];
  if (raw === undefined || raw === null) {
    const what = name === 'path' ? 'operation missing path field' : 'operation, missing from field';
    return { ok: false, error: `${what}: missing value` };
  }
  if (typeof raw !== 'string') {
    return { ok: false, error: `json: cannot unmarshal ${goJsonKind(raw)} into Go value of type string` };
  }
  return { ok: true, value: raw };
}

/** The operation's value; a missing `value` member behaves as `null`. */
function opValue(op: Operation): JsonValue {
  return deepClone((op.value ?? null) as JsonValue);
}

const missing = (text: string) => unprocessablePatch(`${text}: missing value`);

// ---- JSON pointers -------------------------------------------------------------------------

interface Location {
  container: Container;
  key: string;
}

/** `~1` is `/` and `~0` is `~`, decoded in one left-to-right pass (RFC 6901 section 4). */
function decodeToken(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/**
 * The container that holds the last token of `path`, and that token. Like the server, the
 * text before the first `/` is ignored, and the root itself has no location.
 */
function locate(doc: Container, path: string): Location | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let node: Container = doc;
  for (const raw of tokens.slice(1, -1)) {
    const next = childOf(node, decodeToken(raw));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    node = next;
  }
  return { container: node, key: decodeToken(tokens[tokens.length - 1]) };
}

function childOf(node: Container, token: string): JsonValue | undefined {
  if (!Array.isArray(node)) return Object.hasOwn(node, token) ? node[token] : undefined;
  const index = arrayIndex(token, node.length);
  return typeof index === 'number' ? node[index] : undefined;
}

/**
 * An array index as the server parses it: Go's Atoi, negative values counting from the end.
 * Returns the error text when the token is not a usable index. `size` is the length the
 * index must stay below (one more than the array for an insertion).
 */
function arrayIndex(token: string, size: number): number | string {
  if (!/^[+-]?[0-9]+$/.test(token)) return `strconv.Atoi: parsing ${JSON.stringify(token)}: invalid syntax`;
  let index = Number(token);
  if (index < 0) {
    if (index < -size) return invalidIndex(index);
    index += size;
  }
  if (index >= size) return invalidIndex(index);
  return index;
}

const invalidIndex = (index: number) => `Unable to access invalid index: ${index}: invalid index referenced`;

type Read = { ok: true; value: JsonValue | undefined } | { ok: false; error: string };

/** Reads the value at a location: `undefined` for an absent or null member. */
function getAt(loc: Location): Read {
  const { container, key } = loc;
  if (!Array.isArray(container)) return { ok: true, value: container[key] ?? undefined };
  const index = arrayIndex(key, container.length);
  return typeof index === 'number' ? { ok: true, value: container[index] } : { ok: false, error: index };
}

/** Inserts at a location; returns an error text if the index is unusable. */
function addAt(loc: Location, value: JsonValue): string | undefined {
  const { container, key } = loc;
  if (!Array.isArray(container)) {
    container[key] = value;
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  if (!/^[+-]?[0-9]+$/.test(key)) {
    return `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  }
  const index = arrayIndex(key, container.length + 1);
  if (typeof index === 'string') return index;
  container.splice(index, 0, value);
  return undefined;
}

/** Removes at a location; returns an error text if there is nothing there. */
function removeAt(loc: Location): string | undefined {
  const { container, key } = loc;
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, key)) return `Unable to remove nonexistent key: ${key}: missing value`;
    delete container[key];
    return undefined;
  }
  const index = arrayIndex(key, container.length);
  if (typeof index === 'string') return index;
  container.splice(index, 1);
  return undefined;
}

function setAt(loc: Location, value: JsonValue): void {
  const { container, key } = loc;
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  container[arrayIndex(key, container.length) as number] = value;
}

// ---- operations ----------------------------------------------------------------------------

function addOp(doc: Container, op: Operation): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw missing('add operation failed to decode path');
  const loc = locate(doc, path.value);
  if (!loc) throw missing(`add operation does not apply: doc is missing path: "${path.value}"`);
  const err = addAt(loc, opValue(op));
  if (err) throw unprocessablePatch(`error in add for path: '${path.value}': ${err}`);
}

function removeOp(doc: Container, op: Operation): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw missing('remove operation failed to decode path');
  const loc = locate(doc, path.value);
  if (!loc) throw missing(`remove operation does not apply: doc is missing path: "${path.value}"`);
  const err = removeAt(loc);
  if (err) throw unprocessablePatch(`error in remove for path: '${path.value}': ${err}`);
}

function replaceOp(state: { doc: Container }, op: Operation): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw unprocessablePatch(`replace operation failed to decode path: ${path.error}`);
  if (path.value === '') {
    // The whole document: only an object or array can take its place. Anything else is
    // silently ignored by the server, so it is here too.
    const value = opValue(op);
    if (value !== null && typeof value === 'object') state.doc = value;
    return;
  }
  const loc = locate(state.doc, path.value);
  if (!loc) throw missing(`replace operation does not apply: doc is missing path: ${path.value}`);
  if (!getAt(loc).ok) throw missing(`replace operation does not apply: doc is missing key: ${path.value}`);
  setAt(loc, opValue(op));
}

function moveOp(doc: Container, op: Operation): void {
  const from = stringField(op, 'from');
  if (!from.ok) throw unprocessablePatch(`move operation failed to decode from: ${from.error}`);
  const source = locate(doc, from.value);
  if (!source) throw missing(`move operation does not apply: doc is missing from path: ${from.value}`);
  const read = getAt(source);
  if (!read.ok) throw unprocessablePatch(`error in move for path: '${source.key}': ${read.error}`);
  const removeErr = removeAt(source);
  if (removeErr) throw unprocessablePatch(`error in move for path: '${source.key}': ${removeErr}`);
  const path = stringField(op, 'path');
  if (!path.ok) throw unprocessablePatch(`move operation failed to decode path: ${path.error}`);
  const dest = locate(doc, path.value);
  if (!dest) throw missing(`move operation does not apply: doc is missing destination path: ${path.value}`);
  const addErr = addAt(dest, read.value ?? null);
  if (addErr) throw unprocessablePatch(`error in move for path: '${path.value}': ${addErr}`);
}

function copyOp(doc: Container, op: Operation): void {
  const from = stringField(op, 'from');
  if (!from.ok) throw unprocessablePatch(`copy operation failed to decode from: ${from.error}`);
  const source = locate(doc, from.value);
  if (!source) throw missing(`copy operation does not apply: doc is missing from path: ${from.value}`);
  const read = getAt(source);
  if (!read.ok) throw unprocessablePatch(`error in copy for from: '${from.value}': ${read.error}`);
  const path = stringField(op, 'path');
  if (!path.ok) throw missing('copy operation failed to decode path');
  const dest = locate(doc, path.value);
  if (!dest) throw missing(`copy operation does not apply: doc is missing destination path: ${path.value}`);
  // Copying an absent member adds null, as the server does.
  const addErr = addAt(dest, deepClone(read.value ?? null));
  if (addErr) throw unprocessablePatch(`error while adding value during copy: ${addErr}`);
}

function testOp(doc: Container, op: Operation): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw unprocessablePatch(`test operation failed to decode path: ${path.error}`);
  const failed = () => unprocessablePatch(`testing value ${path.value} failed: test failed`);
  if (path.value === '') {
    if (!deepEqual(doc, op.value)) throw failed();
    return;
  }
  const loc = locate(doc, path.value);
  if (!loc) throw missing(`test operation does not apply: is missing path: ${path.value}`);
  const read = getAt(loc);
  if (!read.ok) throw unprocessablePatch(`error in test for path: '${path.value}': ${read.error}`);
  const actual = read.value;
  // An absent member and a null one both equal a null value.
  if (actual === undefined || actual === null) {
    if (op.value !== null || !Object.hasOwn(op, 'value')) throw failed();
    return;
  }
  if (op.value === undefined || !deepEqual(actual, op.value)) throw failed();
}

/** How Go's JSON decoder names the kind of a value it cannot decode into the wanted type. */
function goJsonKind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}
