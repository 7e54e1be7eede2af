/**
 * Go's standard text/tabwriter as kubectl describe configures it (min width 0, padding 2,
 * spaces): cells end at tabs, a column block is a run of lines that have a cell in that
 * column, and a line without tabs ends every block (Go flushes there). Unlike `get`'s
 * writer, nothing is remembered across flushes.
 */
export function goTabwrite(text: string, minWidth = 0, padding = 2): string {
  let out = '';
  let block: string[][] = [];
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  for (const line of lines) {
    const cells = line.split('\t');
    block.push(cells);
    if (cells.length === 1) {
      out += layout(block, minWidth, padding);
      block = [];
    }
  }
  if (last !== '') block.push(last.split('\t'));
  out += layout(block, minWidth, padding, last === '' ? 0 : 1);
  return out;
}

const width = (s: string) => [...s].length;

/** Lay out buffered lines; each ends with a newline except an unterminated final one. */
function layout(lines: string[][], minWidth: number, padding: number, unterminated = 0): string {
  const widths: number[][] = lines.map((cells) => cells.map(() => 0));
  const fill = (line0: number, line1: number, column: number) => {
    let row = line0;
    while (row < line1) {
      if (column >= lines[row].length - 1) {
        row++;
        continue;
      }
      let w = minWidth;
      let end = row;
      for (; end < line1 && column < lines[end].length - 1; end++) w = Math.max(w, width(lines[end][column]) + padding);
      for (let r = row; r < end; r++) widths[r][column] = w;
      fill(row, end, column + 1);
      row = end;
    }
  };
  fill(0, lines.length, 0);
  return lines
    .map((cells, i) => {
      const text = cells.map((c, j) => (j < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[i][j] - width(c))) : c)).join('');
      return i === lines.length - 1 && unterminated ? text : `${text}\n`;
    })
    .join('');
}
