/** Pane sizes the learner dragged to, kept across visits. */
export interface PaneSizes {
  /** Width of the right-hand column (inspector, events), px. */
  side: number;
  /** Height of the bottom row (terminal, events), px. */
  bottom: number;
}

export const DEFAULT_SIZES: PaneSizes = { side: 420, bottom: 260 };
const KEY = 'kube-sandbox.panes';

/** Keep a size usable: never below `min`, never leaving less than `keep` for the rest of the window. */
export function clampSize(value: number, min: number, total: number, keep: number): number {
  return Math.round(Math.max(min, Math.min(value, total - keep)));
}

export function loadSizes(): PaneSizes {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (v && Number.isFinite(v.side) && Number.isFinite(v.bottom)) return { side: v.side, bottom: v.bottom };
  } catch {
    // Fall through to the defaults.
  }
  return DEFAULT_SIZES;
}

export function saveSizes(sizes: PaneSizes): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(sizes));
  } catch {
    // Sizes are a comfort; without storage they last until the page closes.
  }
}
