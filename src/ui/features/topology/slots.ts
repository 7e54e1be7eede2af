/** A stable place for each item: slot index by key. */
export type Slots = ReadonlyMap<string, number>;

/**
 * Keep every item that is still there in its slot; give newcomers (in the order given, e.g. by
 * creation time) the lowest free slots. So an item never moves because another came or went.
 * Returns the same map when nothing changed.
 */
export function assignSlots(prev: Slots, keys: readonly string[]): Slots {
  const present = new Set(keys);
  let changed = prev.size !== present.size;
  const next = new Map<string, number>();
  const used = new Set<number>();
  for (const [k, slot] of prev) {
    if (present.has(k)) {
      next.set(k, slot);
      used.add(slot);
    } else changed = true;
  }
  let free = 0;
  for (const k of keys) {
    if (next.has(k)) continue;
    while (used.has(free)) free++;
    next.set(k, free);
    used.add(free);
    changed = true;
  }
  return changed ? next : prev;
}

/** One more than the highest slot in use (how many places a region needs). */
export function slotExtent(slots: Slots): number {
  let max = -1;
  for (const s of slots.values()) if (s > max) max = s;
  return max + 1;
}
