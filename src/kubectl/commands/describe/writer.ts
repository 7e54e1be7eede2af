import { goTabwrite } from './tabwriter';

/**
 * kubectl describe's PrefixWriter: text at indentation levels of two spaces, written through a
 * tab writer; flush() lays out what came before on its own (as before the Events table).
 */
export class PrefixWriter {
  private segments: string[] = [''];

  constructor(private readonly indent = 0) {}

  write(level: number, text: string): void {
    const escaped = text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
    this.segments[this.segments.length - 1] += '  '.repeat(level + this.indent) + escaped;
  }

  /** fmt.Sprintln of the values: joined by spaces, then a newline. */
  writeLine(...values: string[]): void {
    this.write(0, `${values.join(' ')}\n`);
  }

  flush(): void {
    this.segments.push('');
  }

  toString(): string {
    return this.segments.map((s) => goTabwrite(s)).join('');
  }
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
