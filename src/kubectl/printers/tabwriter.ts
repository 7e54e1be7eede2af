/**
 * Elastic tabstops as Go's text/tabwriter (liggitt/tabwriter fork) lays them out, with the
 * settings kubectl uses: minimum cell width 6, padding 3, padded with spaces, widths
 * remembered across flushes. Cells are tab-terminated, so the text after a line's last
 * tab is never padded, but an empty last cell still pads the cell before it: real kubectl
 * leaves trailing spaces in that case, and so does this.
 */

interface Cell {
  text: string;
  width: number;
}

export interface TabWriterOptions {
  minWidth?: number;
  padding?: number;
}

const runeCount = (s: string): number => [...s].length;

export class TabWriter {
  private readonly minWidth: number;
  private readonly padding: number;
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private readonly maxWidths: number[] = [];
  private out = '';

  constructor(opts: TabWriterOptions = {}) {
    this.minWidth = opts.minWidth ?? 6;
    this.padding = opts.padding ?? 3;
  }

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v') {
        this.terminateCell();
      } else if (ch === '\n' || ch === '\f') {
        const cells = this.terminateCell();
        this.lines.push([]);
        // A line of a single cell cannot affect later lines, so Go flushes there.
        if (ch === '\f' || cells === 1) this.flushLines();
      } else {
        this.cell += ch;
      }
    }
  }

  /** Lays out everything written so far and returns all output produced. */
  flush(): string {
    this.flushLines();
    const out = this.out;
    this.out = '';
    return out;
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeCount(this.cell) });
    this.cell = '';
    return line.length;
  }

  private flushLines(): void {
    // The last line is the one still being written; text after its last tab becomes a cell.
    if (this.cell !== '') this.terminateCell();
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      // A column block starts here: lines from here on that have a cell in this column.
      this.writeLines(start, row);
      start = row;
      let width = this.minWidth;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + this.padding);
      }
      if (this.maxWidths.length < this.widths.length) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
      if (this.maxWidths.length === this.widths.length) this.maxWidths.push(width);
      else if (this.maxWidths[column] > width) width = this.maxWidths[column];
      else this.maxWidths[column] = width;

      this.widths.push(width);
      this.format(start, row);
      this.widths.pop();
      start = row;
      // Like Go, the loop increment then skips the line that ended the block: it has no
      // cell in this column, so it would have been skipped anyway.
    }
    this.writeLines(start, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(this.widths[j] - c.width);
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }
}

/** Aligns tab-separated text in one go. */
export function tabwrite(text: string, opts?: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
