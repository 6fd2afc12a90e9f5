/**
 * Word-level alignment of two normalised token sequences: a longest-common-subsequence diff, returned as
 * runs of equal words and the edits between them. It is only run on candidate pairs found through the
 * index, so the quadratic table stays small (quotations are tens of words).
 */

export type AlignOpType = 'equal' | 'replace' | 'insert' | 'delete';

/** `a[aStart, aEnd)` against `b[bStart, bEnd)`; `insert` means words only in b, `delete` words only in a. */
export interface AlignOp {
  type: AlignOpType;
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Longer inputs are compared on their common prefix and suffix only, to bound the table size. */
const MAX_TABLE_CELLS = 4_000_000;

export function alignWords(a: readonly string[], b: readonly string[]): AlignOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix && suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) suffix++;

  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < prefix; i++) pairs.push([i, i]);
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_TABLE_CELLS) {
    for (const [i, j] of lcsPairs(a, b, prefix, n, m)) pairs.push([i, j]);
  }
  for (let k = suffix; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return opsFromMatches(pairs, a.length, b.length);
}

/** Matched index pairs of an LCS of a[off, off+n) and b[off, off+m). */
function lcsPairs(a: readonly string[], b: readonly string[], off: number, n: number, m: number): Array<[number, number]> {
  const width = m + 1;
  const table = new Int32Array((n + 1) * width);
  // table[i][j] = LCS length of a[off+i..] and b[off+j..], filled from the end so the walk goes forward.
  for (let i = n - 1; i >= 0; i--) {
    const ai = a[off + i];
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = ai === b[off + j]
        ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[off + i] === b[off + j]) {
      out.push([off + i, off + j]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

function opsFromMatches(pairs: Array<[number, number]>, aLength: number, bLength: number): AlignOp[] {
  const ops: AlignOp[] = [];
  let i = 0;
  let j = 0;
  const pushGap = (aEnd: number, bEnd: number) => {
    if (aEnd > i || bEnd > j) {
      const type: AlignOpType = aEnd > i && bEnd > j ? 'replace' : aEnd > i ? 'delete' : 'insert';
      ops.push({ type, aStart: i, aEnd, bStart: j, bEnd });
    }
  };
  for (const [pi, pj] of pairs) {
    pushGap(pi, pj);
    const last = ops[ops.length - 1];
    if (last && last.type === 'equal' && last.aEnd === pi && last.bEnd === pj) {
      last.aEnd++;
      last.bEnd++;
    } else {
      ops.push({ type: 'equal', aStart: pi, aEnd: pi + 1, bStart: pj, bEnd: pj + 1 });
    }
    i = pi + 1;
    j = pj + 1;
  }
  pushGap(aLength, bLength);
  return ops;
}
