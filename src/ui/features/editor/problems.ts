import { LineCounter, parseAllDocuments } from 'yaml';

/** A place in the editor text an error is about (1-based lines and columns, as Monaco counts). */
export interface Problem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** `spec.template.spec.containers[0].image` → ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

const FIELD_ERROR = /(?:^|\n|\* |: |\[|, )([a-zA-Z][\w-]*(?:\.[\w-]+|\[\d+\])*): ((?:Required value|Invalid value|Unsupported value|Duplicate value|Not found|Forbidden|Too many|Too long)[^,\n\]]*)/g;
const INVALID = /The (\w+) "([^"]+)" is invalid: /g;
const YAML_LINE = /yaml: line (\d+): ([^\n]*)/;
const STRICT = /(\w+) in version "[^"]+" cannot be handled as a \w+: strict decoding error: ([^\n]*)/g;

/**
 * Where in the manifest the API server's or the YAML parser's complaints point: a field path in
 * `The Kind "name" is invalid: path: …` is looked up in the document of that kind and name; a
 * `yaml: line N` error marks that line. Errors it cannot place are left to the output pane.
 */
export function findProblems(text: string, stderr: string): Problem[] {
  const problems: Problem[] = [];
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter });
  const docList = Array.isArray(docs) ? docs : [docs];

  const lineProblem = YAML_LINE.exec(stderr);
  if (lineProblem) {
    const line = Number(lineProblem[1]);
    const lineText = text.split('\n')[line - 1] ?? '';
    problems.push({ line, column: 1, endLine: line, endColumn: Math.max(2, lineText.length + 1), message: lineProblem[2] });
  }

  // Strict decoding names no object: each unknown field is looked for in the documents of its kind.
  for (const m of stderr.matchAll(STRICT)) {
    for (const f of m[2].matchAll(/unknown field "([^"]+)"/g)) {
      const path = parseFieldPath(f[1]);
      for (const doc of docList) {
        if (doc.get('kind') !== m[1]) continue;
        const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
        if (!range) continue;
        const start = counter.linePos(range[0]);
        const end = counter.linePos(Math.max(range[0], range[1]));
        problems.push({ line: start.line, column: start.col, endLine: end.line, endColumn: end.line === start.line ? Math.max(end.col, start.col + 1) : end.col, message: `unknown field "${f[1]}"` });
        break;
      }
    }
  }

  for (const block of stderr.split(/\n(?=The \w+ ")|(?<=\n)(?=Error from server)/)) {
    INVALID.lastIndex = 0;
    const head = INVALID.exec(block);
    if (!head) continue;
    const [, kind, name] = head;
    const doc = docList.find((d) => d.get('kind') === kind && d.getIn(['metadata', 'name']) === name);
    if (!doc) continue;
    const rest = block.slice(head.index + head[0].length);
    FIELD_ERROR.lastIndex = 0;
    for (const m of rest.matchAll(FIELD_ERROR)) {
      const path = parseFieldPath(m[1]);
      // Point at the deepest part of the path that is in the text (a missing field: its parent).
      let node: unknown;
      for (let n = path.length; n > 0 && !node; n--) node = doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range ?? (doc.contents as { range?: [number, number, number] } | null)?.range;
      if (!range) continue;
      const start = counter.linePos(range[0]);
      const end = counter.linePos(Math.max(range[0], range[1]));
      problems.push({ line: start.line, column: start.col, endLine: end.line, endColumn: end.line === start.line ? Math.max(end.col, start.col + 1) : end.col, message: `${m[1]}: ${m[2].trim()}` });
    }
  }
  return problems;
}
