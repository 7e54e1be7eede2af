/**
 * cobra's "Did you mean this?": a command is suggested when it is within Levenshtein distance 2
 * of what was typed (case-insensitive) or starts with it. Candidates keep the order in which
 * kubectl registers its commands.
 */
export function suggestionsFor(typed: string, candidates: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return candidates.filter((name) => {
    const n = name.toLowerCase();
    return levenshtein(t, n) <= 2 || n.startsWith(t);
  });
}

export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
