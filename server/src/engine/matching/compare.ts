import { alignWords, type AlignOp, type WordKeys } from './align';
import { isNegation, isStopword, numberWordValue, isScaleWord } from './normalize';

/**
 * How two normalised word sequences relate as text, regardless of who is quoted:
 * - `same`: identical;
 * - `excerpt`: one is a contiguous part of the other (`part` says which);
 * - `close`: the same words but for a few (≤ 2, or 15 %) — minor wording, or an overlapping quote;
 * - `loose`: a shared run of words plus enough shared content for another rendering of one sentence
 *   (a translation); only meaningful for one speaker;
 * - `number` / `negation`: close, except for a number that differs or a negation added or dropped.
 * Ops align a (the first argument) against b.
 */
export type TextMatchKind = 'same' | 'excerpt' | 'close' | 'loose' | 'number' | 'negation';

export interface TextMatch {
  kind: TextMatchKind;
  ops: AlignOp[];
  /** For `excerpt`: the side that is the part. */
  part?: 'a' | 'b';
  /** For `close`: the two sides only overlap (each has words the other lacks at opposite ends). */
  overlap?: boolean;
  /** Indexes into ops of the edits that carry the number or negation difference. */
  keyOps?: number[];
  /**
   * The matcher's relation verdicts for this match by speaker relation (same, different, unknown):
   * every copy of a pair of texts shares them.
   */
  verdicts?: Array<{ relation: 'duplicate' | 'excerpt' | 'variant' | 'conflict'; subtype?: string } | null | undefined>;
}

/** Content words shared in order (not function words, not numbers) needed for another rendering. */
const LOOSE_MIN_SHARED_CONTENT = 2;
const LOOSE_MIN_RATIO = 0.5;
const LOOSE_MIN_RUN = 4;
const LOOSE_MIN_LENGTH = 4;
const CLOSE_MIN_SHARED = 3;
const CLOSE_MIN_RATIO = 0.6;
const OVERLAP_MIN_SHARED = 4;

export function normNumber(norm: string): number | undefined {
  const c = norm.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const v = Number(norm);
    return Number.isFinite(v) ? v : undefined;
  }
  return numberWordValue(norm);
}

const contentWords = new Map<string, boolean>();

export function isContentNorm(norm: string): boolean {
  let known = contentWords.get(norm);
  if (known === undefined) {
    known = norm.length > 1 && !isStopword(norm) && normNumber(norm) === undefined;
    if (contentWords.size > 200_000) contentWords.clear();
    contentWords.set(norm, known);
  }
  return known;
}

/** Values of the numerals in a word range: each maximal run of number words read as one numeral. */
export function numeralsIn(words: readonly string[], from: number, to: number): number[] {
  const values: number[] = [];
  let total = 0;
  let current = 0;
  let inRun = false;
  const flush = () => {
    if (inRun) values.push(total + current);
    total = 0;
    current = 0;
    inRun = false;
  };
  for (let i = from; i < to; i++) {
    const v = normNumber(words[i]);
    // "a half" or "twice" inside prose are not figures worth comparing on their own.
    if (v === undefined || (!inRun && (words[i] === 'half' || words[i] === 'twice'))) {
      flush();
      continue;
    }
    inRun = true;
    if (isScaleWord(words[i])) {
      current = (current || 1) * v;
      if (v >= 1000) {
        total += current;
        current = 0;
      }
    } else {
      current += v;
    }
  }
  flush();
  return values;
}

function countNegations(words: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isNegation(words[i])) n++;
  return n;
}

function sameNumbers(x: number[], y: number[]): boolean {
  if (x.length !== y.length) return false;
  const sx = [...x].sort((p, q) => p - q);
  const sy = [...y].sort((p, q) => p - q);
  return sx.every((v, i) => Math.abs(v - sy[i]) <= 1e-9 * Math.max(1, Math.abs(v)));
}

/** The contiguous position of `part` inside `whole`, or -1. */
function containedAt(part: readonly string[], whole: readonly string[]): number {
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let k = 0; k < part.length; k++) if (whole[i + k] !== part[k]) continue outer;
    return i;
  }
  return -1;
}

function excerptOps(partLength: number, wholeLength: number, at: number, part: 'a' | 'b'): AlignOp[] {
  const ops: AlignOp[] = [];
  const gapType = part === 'a' ? 'insert' : 'delete';
  const gap = (wStart: number, wEnd: number, pAt: number): AlignOp =>
    part === 'a'
      ? { type: gapType, aStart: pAt, aEnd: pAt, bStart: wStart, bEnd: wEnd }
      : { type: gapType, aStart: wStart, aEnd: wEnd, bStart: pAt, bEnd: pAt };
  if (at > 0) ops.push(gap(0, at, 0));
  ops.push(part === 'a'
    ? { type: 'equal', aStart: 0, aEnd: partLength, bStart: at, bEnd: at + partLength }
    : { type: 'equal', aStart: at, aEnd: at + partLength, bStart: 0, bEnd: partLength });
  if (at + partLength < wholeLength) ops.push(gap(at + partLength, wholeLength, partLength));
  return ops;
}

const isEdgeGap = (ops: AlignOp[], k: number) =>
  (k === 0 || k === ops.length - 1) && (ops[k].type === 'insert' || ops[k].type === 'delete');

/** `keys` (optional): the same words as numbers, which the alignment compares faster (see alignWords). */
export function compareWords(a: readonly string[], b: readonly string[], keys?: WordKeys): TextMatch | null {
  if (a.length === 0 || b.length === 0) return null;
  if (a.length === b.length && a.every((w, i) => w === b[i])) {
    return { kind: 'same', ops: [{ type: 'equal', aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length }] };
  }
  if (a.length !== b.length) {
    const [part, whole, side] = a.length < b.length ? [a, b, 'a' as const] : [b, a, 'b' as const];
    const at = containedAt(part, whole);
    if (at >= 0) {
      // A fragment of function words alone ("we will") is not a quotation of anything.
      if (!part.some(isContentNorm)) return null;
      const ops = excerptOps(part.length, whole.length, at, side);
      // Cutting a lone "not" off a quotation ("not a smart man" / "a smart man") turns it round.
      if (whole.length - part.length === 1 && isNegation(whole[at === 0 ? whole.length - 1 : 0])) {
        return { kind: 'negation', ops, keyOps: [ops.findIndex((o) => o.type !== 'equal')] };
      }
      return { kind: 'excerpt', part: side, ops };
    }
  }

  const ops = alignWords(a, b, keys);
  let shared = 0;
  let sharedContent = 0;
  let longestRun = 0;
  let changedA = 0;
  let changedB = 0;
  let coreA = a.length;
  let coreB = b.length;
  const keyNumberOps: number[] = [];
  const keyNegationOps: number[] = [];
  const similarLength = Math.abs(a.length - b.length) <= 1;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.type === 'equal') {
      const len = op.aEnd - op.aStart;
      shared += len;
      longestRun = Math.max(longestRun, len);
      for (let i = op.aStart; i < op.aEnd; i++) if (isContentNorm(a[i])) sharedContent++;
      continue;
    }
    if (isEdgeGap(ops, k)) {
      // Words before or after the shared part are framing that one outlet kept and the other cut,
      // unless the texts are as long as each other (then "not" at the very end is still a change).
      if (!similarLength) {
        coreA -= op.aEnd - op.aStart;
        coreB -= op.bEnd - op.bStart;
        continue;
      }
    }
    const numsA = numeralsIn(a, op.aStart, op.aEnd);
    const numsB = numeralsIn(b, op.bStart, op.bEnd);
    if (numsA.length > 0 && numsB.length > 0 && !sameNumbers(numsA, numsB)) {
      keyNumberOps.push(k);
      continue;
    }
    const negA = countNegations(a, op.aStart, op.aEnd);
    const negB = countNegations(b, op.bStart, op.bEnd);
    if (negA !== negB) {
      keyNegationOps.push(k);
      // Only the negation words themselves are the difference; other words in the edit still count.
      changedA += op.aEnd - op.aStart - negA;
      changedB += op.bEnd - op.bStart - negB;
      continue;
    }
    changedA += op.aEnd - op.aStart;
    changedB += op.bEnd - op.bStart;
  }

  const shortest = Math.min(a.length, b.length);
  const changed = Math.max(changedA, changedB);
  const core = Math.min(coreA, coreB);
  const trimmedBoth = coreA < a.length && coreB < b.length;
  const close =
    shared >= (trimmedBoth ? OVERLAP_MIN_SHARED : CLOSE_MIN_SHARED) &&
    sharedContent >= 1 &&
    changed <= Math.max(2, Math.floor(0.15 * core)) &&
    shared / Math.max(1, core) >= CLOSE_MIN_RATIO;
  if (close) {
    if (keyNumberOps.length > 0) return { kind: 'number', ops, keyOps: keyNumberOps };
    if (keyNegationOps.length > 0) return { kind: 'negation', ops, keyOps: keyNegationOps };
    return { kind: 'close', ops, overlap: trimmedBoth && changed === 0 };
  }
  const loose =
    shortest >= LOOSE_MIN_LENGTH &&
    sharedContent >= LOOSE_MIN_SHARED_CONTENT &&
    longestRun >= LOOSE_MIN_RUN &&
    shared / shortest >= LOOSE_MIN_RATIO;
  return loose ? { kind: 'loose', ops } : null;
}

/** The same match seen from the other side. */
export function flipMatch(m: TextMatch): TextMatch {
  const flipType = (t: AlignOp['type']): AlignOp['type'] => (t === 'insert' ? 'delete' : t === 'delete' ? 'insert' : t);
  return {
    ...m,
    verdicts: undefined,
    part: m.part === 'a' ? 'b' : m.part === 'b' ? 'a' : undefined,
    ops: m.ops.map((o) => ({ type: flipType(o.type), aStart: o.bStart, aEnd: o.bEnd, bStart: o.aStart, bEnd: o.aEnd })),
  };
}
