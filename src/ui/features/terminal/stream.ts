import { SGR } from './shell';

/**
 * Output of a running command as it arrives in pieces: stdout as is, stderr in red line by line,
 * remembering whether the screen is at the start of a line so the prompt never lands mid-line.
 */
export class StreamWriter {
  private atLineStart = true;

  constructor(private readonly write: (text: string) => void) {}

  out(stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    this.write(stream === 'stderr' ? red(text) : text);
    this.atLineStart = text.endsWith('\n');
  }

  /** End the current line if output left the cursor in the middle of one. */
  endLine(): void {
    if (!this.atLineStart) this.write('\n');
    this.atLineStart = true;
  }

  /** Ctrl-C: `^C` where the cursor is, then a new line (as a shell echoes it). */
  interrupted(): void {
    this.write('^C\n');
    this.atLineStart = true;
  }
}

/** Colour each line on its own, so a line scrolled apart from its start keeps its colour. */
function red(text: string): string {
  return text.replace(/[^\n]+/g, (line) => `${SGR.red}${line}${SGR.reset}`);
}
