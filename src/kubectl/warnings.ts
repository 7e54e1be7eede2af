import type { Output } from './command';
import { fatal } from './errors';

/**
 * The warnings the API server sends back (admission's Pod Security `warn` mode, deprecations …),
 * printed as kubectl's warning writer does: `Warning: <text>` on stderr as each response arrives,
 * so before the command's own output, each distinct text once per run. `--warnings-as-errors`
 * turns any of them into a failure once the command has finished.
 */
export class WarningPrinter {
  private readonly seen = new Set<string>();

  constructor(private readonly io: Output) {}

  /** How many distinct warnings were printed. */
  get count(): number {
    return this.seen.size;
  }

  print(warnings: readonly string[]): void {
    for (const w of warnings) {
      if (this.seen.has(w)) continue;
      this.seen.add(w);
      this.io.err(`Warning: ${w}\n`);
    }
  }

  /** After a successful run: with --warnings-as-errors, `error: N warning(s) received`. */
  finish(asErrors: boolean): void {
    if (!asErrors || !this.count) return;
    throw fatal(`${this.count} warning${this.count === 1 ? '' : 's'} received`);
  }
}
