/**
 * `diff -u` of two texts, as GNU diff prints it: a minimal edit script (Myers' O(ND)
 * algorithm), hunks with three lines of context, changes closer than 2*3+1 lines merged.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The shortest edit script from a to b: deletions before insertions within a change. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1] });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ kind: '+', line: b[y - 1] });
    else ops.push({ kind: '-', line: a[x - 1] });
    x = prevX;
    y = prevY;
  }
  ops.reverse();
  slideGroups(ops);
  // Within each run of changes, list the deletions first (as diff prints them).
  const out: Op[] = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].kind === ' ') {
      out.push(ops[i++]);
      continue;
    }
    const run: Op[] = [];
    while (i < ops.length && ops[i].kind !== ' ') run.push(ops[i++]);
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
  }
  return out;
}

/**
 * Where an inserted (or deleted) block could sit at several places among identical lines,
 * diff moves it as low as it goes, unless a higher place joins it to a neighbouring change.
 */
function slideGroups(ops: Op[]): void {
  for (let i = 0; i < ops.length; i++) {
    if (ops[i].kind === ' ') continue;
    const kind = ops[i].kind;
    let start = i;
    let end = i;
    while (end + 1 < ops.length && ops[end + 1].kind === kind) end++;
    // Only blocks of one kind, with equal lines (or the ends) around them, can slide.
    if ((start > 0 && ops[start - 1].kind !== ' ') || (end + 1 < ops.length && ops[end + 1].kind !== ' ')) {
      i = end;
      continue;
    }
    const up = () => {
      if (start === 0 || ops[start - 1].kind !== ' ' || ops[start - 1].line !== ops[end].line) return false;
      const eq = ops[start - 1];
      ops.splice(start - 1, 1);
      ops.splice(end, 0, eq);
      start--;
      end--;
      return true;
    };
    const down = () => {
      if (end + 1 >= ops.length || ops[end + 1].kind !== ' ' || ops[end + 1].line !== ops[start].line) return false;
      const eq = ops[end + 1];
      ops.splice(end + 1, 1);
      ops.splice(start, 0, eq);
      start++;
      end++;
      return true;
    };
    const touchesChange = () => (start > 0 && ops[start - 1].kind !== ' ') || (end + 1 < ops.length && ops[end + 1].kind !== ' ');
    while (up()) {}
    let preferred = touchesChange() ? start : -1;
    while (down()) if (touchesChange()) preferred = start;
    if (preferred >= 0) while (start > preferred && up()) {}
    i = end;
  }
}

/** A hunk range: `start,count`, just `start` for one line, `start-1,0` for none. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  if (count === 0) return `${start - 1},0`;
  return `${start},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The hunks of `diff -u` (no file header); '' when the texts are equal. */
export function unifiedHunks(from: string, to: string, context = 3): string {
  const ops = editScript(splitLines(from), splitLines(to));
  const changed = ops.map((o) => o.kind !== ' ');
  if (!changed.includes(true)) return '';
  let out = '';
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    // Extend the hunk while the next change is within 2*context equal lines.
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (!changed[j]) continue;
      if (j - end - 1 > 2 * context && j !== i) break;
      end = j;
    }
    const start = Math.max(0, i - context);
    const stop = Math.min(ops.length, end + 1 + context);
    let aStart = 1;
    let bStart = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j].kind !== '+') aStart++;
      if (ops[j].kind !== '-') bStart++;
    }
    const slice = ops.slice(start, stop);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const o of slice) out += `${o.kind}${o.line}\n`;
    i = stop;
  }
  return out;
}
