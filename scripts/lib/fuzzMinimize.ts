/**
 * Shrinks a failing fuzz input to a small one that still fails the same way (delta debugging over
 * lines, then words, then characters). Used by `scripts/fuzz.ts --minimize FILE.json`.
 */

/** Removes chunks of `units` while `fails(joined)` stays true; returns the smaller list. */
function shrinkUnits(units: string[], fails: (s: string) => boolean, budget: { left: number }): string[] {
  let n = 2;
  while (units.length >= 2 && budget.left > 0) {
    const size = Math.ceil(units.length / n);
    let removed = false;
    for (let start = 0; start < units.length && budget.left > 0; start += size) {
      const candidate = units.slice(0, start).concat(units.slice(start + size));
      budget.left--;
      if (candidate.length > 0 && fails(candidate.join(''))) {
        units = candidate;
        n = Math.max(n - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units;
}

/**
 * The smallest input found that still makes `fails` true (at most `maxTries` evaluations).
 * `fails(text)` must be true for `text` itself.
 */
export function minimize(text: string, fails: (s: string) => boolean, maxTries = 4000): string {
  const budget = { left: maxTries };
  let s = text;
  for (const split of [/(?<=\n)/, /(?<=[.!?]\s)/, /(?<=\s)/, /(?=[\s\S])/]) {
    const units = s.split(split);
    if (units.length > 1) s = shrinkUnits(units, fails, budget).join('');
  }
  // Code-unit level once more (lone surrogates count as units here).
  s = shrinkUnits(Array.from({ length: s.length }, (_, i) => s[i]), fails, budget).join('');
  return s;
}
