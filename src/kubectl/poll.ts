import type { Ctx } from './command';

/**
 * How long the sandbox lets a command wait when kubectl would wait forever (no --timeout):
 * simulated time has no Ctrl-C, so an endless wait ends here instead.
 */
export const FOREVER_MS = 60 * 60 * 1000;

/**
 * Check `done` now and then every `intervalMs` of simulated time (env.sleep advances the
 * clock), until it holds (true) or `timeoutMs` passed (false). A timeout of 0 or less means
 * no limit, capped at FOREVER_MS.
 */
export async function pollUntil(ctx: Ctx, intervalMs: number, timeoutMs: number, done: () => boolean): Promise<boolean> {
  const limit = timeoutMs > 0 ? timeoutMs : FOREVER_MS;
  const start = ctx.now();
  for (;;) {
    if (done()) return true;
    const elapsed = ctx.now() - start;
    if (elapsed >= limit) return false;
    await ctx.env.sleep(Math.min(intervalMs, limit - elapsed));
  }
}
