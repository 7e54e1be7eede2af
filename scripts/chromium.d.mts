/** Where the browser tests find a Chromium (see chromium.mjs). */
export function findChromium(opts?: { install?: boolean }): string | undefined;
