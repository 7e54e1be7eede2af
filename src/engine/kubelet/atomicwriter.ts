import type { FsState } from './fs';

/**
 * The layout the kubelet's AtomicWriter gives ConfigMap, Secret, projected and downwardAPI
 * volumes: the files live in a timestamped directory (`..2026_11_22_10_00_00.123456789`),
 * `..data` links to it, and each top-level key is a link through `..data`. An update writes a
 * new timestamped directory and swaps `..data` in one rename, so a reader never sees half of it;
 * when the payload is unchanged nothing is written.
 */
export function atomicVolume(prev: FsState | undefined, payload: Record<string, string>, stamp: () => string): FsState {
  if (prev && samePayload(prev, payload)) return prev;
  const dir = stamp();
  const vol: FsState = { files: {}, dirs: { [`/${dir}`]: true }, links: { '/..data': dir } };
  const links = vol.links as Record<string, string>;
  for (const [path, content] of Object.entries(payload)) {
    vol.files[`/${dir}${path}`] = content;
    const top = path.split('/')[1];
    links[`/${top}`] = `..data/${top}`;
  }
  return vol;
}

/** `..2006_01_02_15_04_05.` plus nanoseconds, as the writer names its directories (UTC). */
export function atomicDirName(ms: number, subMillisecond: number): string {
  const second = Math.floor(ms / 1000);
  // Every pod started in the same simulated second shares the date part: formatted once.
  if (second !== lastSecond) {
    lastSecond = second;
    const d = new Date(second * 1000);
    lastDate = `..${d.getUTCFullYear()}_${two(d.getUTCMonth() + 1)}_${two(d.getUTCDate())}_${two(d.getUTCHours())}_${two(d.getUTCMinutes())}_${two(d.getUTCSeconds())}.`;
  }
  const nanos = (ms - second * 1000) * 1_000_000 + (subMillisecond % 1_000_000);
  return lastDate + String(nanos).padStart(9, '0');
}

let lastSecond = Number.NaN;
let lastDate = '';
const two = (n: number) => String(n).padStart(2, '0');

/** The files a volume shows under `..data`, keyed as the payload is (`/key`). */
export function visibleFiles(vol: FsState): Record<string, string> {
  const dir = vol.links?.['/..data'];
  if (dir === undefined) return vol.files;
  const prefix = `/${dir}`;
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(vol.files)) if (path.startsWith(`${prefix}/`)) out[path.slice(prefix.length)] = content;
  return out;
}

function samePayload(vol: FsState, payload: Record<string, string>): boolean {
  const current = visibleFiles(vol);
  const keys = Object.keys(payload);
  return keys.length === Object.keys(current).length && keys.every((k) => current[k] === payload[k]);
}
