/**
 * Scoring primitives shared by `npm run eval` and `npm run bench`: span trimming and the 50 % overlap
 * rule, speaker-name normalisation, precision / recall / F1 and percentiles. Pure functions, unit-tested
 * in `test/engine/score.test.ts`.
 *
 * A span is a list of `[start, end)` segments (UTF-16 offsets, end exclusive) so that discontinuous
 * PolNeAR contents are handled by the same code as the seed gold's single spans.
 */

export interface Seg {
  start: number;
  end: number;
}

/** A possibly discontinuous span: its segments, sorted and non-overlapping. */
export type Span = readonly Seg[];

/** Punctuation (any Unicode P category: quote marks, dashes, ellipses, …) or white space. */
const TRIMMABLE = /[\p{P}\s]/u;

export function isTrimmable(ch: string): boolean {
  return TRIMMABLE.test(ch);
}

/**
 * Trims punctuation and white space at both ends of a span (inside the first and last segment; segments
 * that become empty are dropped). Returns [] when nothing but punctuation and space is left.
 */
export function trimSpan(text: string, span: Span): Seg[] {
  const segs = span.filter((s) => s.end > s.start).map((s) => ({ start: s.start, end: s.end }));
  while (segs.length) {
    const first = segs[0];
    while (first.start < first.end && isTrimmable(text[first.start])) first.start++;
    if (first.start < first.end) break;
    segs.shift();
  }
  while (segs.length) {
    const last = segs[segs.length - 1];
    while (last.end > last.start && isTrimmable(text[last.end - 1])) last.end--;
    if (last.end > last.start) break;
    segs.pop();
  }
  return segs;
}

/** Convenience: a single `[start, end)` span. */
export function seg(start: number, end: number): Seg[] {
  return [{ start, end }];
}

export function spanLength(span: Span): number {
  let n = 0;
  for (const s of span) n += Math.max(0, s.end - s.start);
  return n;
}

/** Number of positions the two spans share. */
export function overlapLength(a: Span, b: Span): number {
  let n = 0;
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.start, y.start);
      const hi = Math.min(x.end, y.end);
      if (hi > lo) n += hi - lo;
    }
  }
  return n;
}

/** True when the (untrimmed) spans share at least one position. */
export function overlapsAny(a: Span, b: Span): boolean {
  return overlapLength(a, b) > 0;
}

/** Overlap of the trimmed spans divided by the length of the longer trimmed span (0 when either is empty). */
export function overlapRatio(text: string, a: Span, b: Span): number {
  const ta = trimSpan(text, a);
  const tb = trimSpan(text, b);
  const longer = Math.max(spanLength(ta), spanLength(tb));
  if (longer === 0 || spanLength(ta) === 0 || spanLength(tb) === 0) return 0;
  return overlapLength(ta, tb) / longer;
}

/** The match rule of issue 2: after trimming, the overlap covers at least half of the longer span. */
export const MATCH_THRESHOLD = 0.5;

export function spansMatch(text: string, a: Span, b: Span, threshold = MATCH_THRESHOLD): boolean {
  return overlapRatio(text, a, b) >= threshold;
}

/** True when the two spans are identical after trimming (and not empty). */
export function sameTrimmedSpan(text: string, a: Span, b: Span): boolean {
  const ta = trimSpan(text, a);
  const tb = trimSpan(text, b);
  if (!ta.length || ta.length !== tb.length) return false;
  return ta.every((s, i) => s.start === tb[i].start && s.end === tb[i].end);
}

/**
 * Normalises a speaker name for comparison: Unicode compatibility form, accents dropped, lower case,
 * apostrophes removed, other punctuation (dashes, dots, commas) replaced by a space, white space collapsed,
 * and a leading "the" dropped ("The Russian Defence Ministry" = "russian defence ministry",
 * "U.S. State Department" = "us state department", "Major-General" = "major general").
 */
export function normaliseName(name: string | null | undefined): string {
  if (!name) return '';
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  s = s.replace(/['\u2018\u2019\u02bc`]/g, '');
  // "U.S." -> "us": dots between single letters are part of an abbreviation.
  s = s.replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1').replace(/\b(\p{L})\.(?=\s|$)/gu, '$1');
  s = s.replace(/[\p{P}\p{S}]/gu, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^the /, '');
  return s;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 from counts: precision = tpPred / nPred, recall = tpGold / nGold (the two
 * true-positive counts differ when one prediction can match several gold items or the reverse).
 * An empty denominator gives NaN (printed "–"); F1 is 0 unless both are defined and positive.
 */
export function prf(tpPred: number, nPred: number, tpGold: number, nGold: number): PRF {
  const precision = nPred === 0 ? NaN : tpPred / nPred;
  const recall = nGold === 0 ? NaN : tpGold / nGold;
  const f1 = precision > 0 && recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** a / b, or NaN when b is 0 (printed as "–"). */
export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/** Nearest-rank percentile (p in 0..100) of unsorted numbers; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median (mean of the two middle values for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Formats a ratio with 3 decimals, "–" for NaN. */
export function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/**
 * For each gold item, the index of the best-matching prediction (highest overlap ratio at or above the
 * threshold), or -1. Predictions may be reused (a gold item is "found" when any prediction matches it).
 */
export function bestMatches(
  text: string,
  gold: readonly Span[],
  pred: readonly Span[],
  threshold = MATCH_THRESHOLD,
): { goldToPred: number[]; predMatched: boolean[]; goldRatio: number[] } {
  const goldToPred = gold.map(() => -1);
  const goldRatio = gold.map(() => 0);
  const predMatched = pred.map(() => false);
  // Pre-trim once; spans are short lists so the quadratic scan is fine per document.
  const tg = gold.map((g) => trimSpan(text, g));
  const tp = pred.map((p) => trimSpan(text, p));
  const bounds = (s: Seg[]): [number, number] => (s.length ? [s[0].start, s[s.length - 1].end] : [0, 0]);
  const bg = tg.map(bounds);
  const bp = tp.map(bounds);
  for (let i = 0; i < tg.length; i++) {
    const lg = spanLength(tg[i]);
    if (!lg) continue;
    for (let j = 0; j < tp.length; j++) {
      if (bp[j][1] <= bg[i][0] || bp[j][0] >= bg[i][1]) continue;
      const lp = spanLength(tp[j]);
      if (!lp) continue;
      const r = overlapLength(tg[i], tp[j]) / Math.max(lg, lp);
      if (r >= threshold) {
        predMatched[j] = true;
        if (r > goldRatio[i]) {
          goldRatio[i] = r;
          goldToPred[i] = j;
        }
      }
    }
  }
  return { goldToPred, predMatched, goldRatio };
}
