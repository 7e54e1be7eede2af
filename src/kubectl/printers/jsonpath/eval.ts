import { formatGoFloat, formatGoNumber, GoByte, GoFloat, goSprint, isGoInt, sortedKeys } from '../gofmt';
import { goJson } from '../json';
import { compare } from './compare';
import { JsonPathError, type ListNode, type Node } from './nodes';

/**
 * Evaluates a parsed template against decoded JSON, as client-go's JSONPath does (v1.32).
 * `range`/`end` work through counters and by re-running the rest of the template for each
 * item, exactly like upstream, so odd templates behave the same way they do in kubectl.
 * Maps are walked in sorted key order (upstream walks Go maps in random order).
 */

type Value = unknown;

function isMap(v: Value): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoByte);
}

/** Go's name for the dynamic type of a decoded value, used in error messages. */
function goTypeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** The children JSONPath iterates: map values, array items, or the bytes of a string. */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)].map((b) => new GoByte(b));
  return [];
}

export class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  private rootNodes: Node[];

  constructor(
    root: ListNode,
    private readonly allowMissingKeys: boolean,
  ) {
    this.rootNodes = root.nodes;
  }

  findResults(data: Value): Value[][] {
    const cur = [data];
    const nodes = this.rootNodes;
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      // an {end} closes the innermost loop: this pass over the loop body stops here
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      // a {range} runs the rest of the template once per item...
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          // an empty loop still walks its body once, to find where it ends
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        // ...and the template carries on after the loop's {end}
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: Node): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.filter((v) => v !== null).flatMap(children);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(input, list));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Value[], list: ListNode): Value[] {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new JsonPathError('not in range, nothing to end');
      this.endRange++;
      return [];
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], key: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, key) && v[key] !== undefined) results.push(v[key]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${key} is not found`);
    return results;
  }

  private evalArray(input: Value[], node: Extract<Node, { type: 'array' }>): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      const [p0, p1, p2] = node.params;
      let start = p0.known ? p0.value : 0;
      if (start < 0) start += len;
      let end = p1.known ? p1.value : len;
      if (end < 0 || (end === 0 && p1.derived)) end += len;
      if (end === start) return result;
      if (start >= len || start < 0)
        throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) throw new JsonPathError('step must be > 0');
        step = p2.value;
      }
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  /**
   * Whether the filter's path yields anything for the item. Upstream ignores errors here and
   * looks at what the failing step returned: its input for index errors, nothing otherwise.
   */
  private exists(item: Value, path: ListNode): boolean {
    try {
      return this.evalList([item], path).length > 0;
    } catch (e) {
      return !(e instanceof JsonPathError && e.message.endsWith(' is not found'));
    }
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null) continue;
      const kids = children(v);
      if (kids.length > 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<Node, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.operator === 'exists') {
          if (this.exists(item, node.left)) results.push(item);
          continue;
        }
        const lefts = this.evalList([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** One result as kubectl prints it: maps and lists as compact JSON, everything else as text. */
export function resultText(v: Value): string {
  if (Array.isArray(v) || isMap(v)) return goJson(v);
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (v instanceof GoByte) return String(v.value);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}
