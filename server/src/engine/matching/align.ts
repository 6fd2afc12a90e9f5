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

/** Two word sequences as numbers, one per distinct word. */
export interface WordKeys {
  a: readonly number[];
  b: readonly number[];
}

/** Longer inputs are compared on their common prefix and suffix only, to bound the table size. */
const MAX_TABLE_CELLS = 4_000_000;

/**
 * `keys`, when given, are the same words as numbers (equal words, equal numbers: the matcher keeps them
 * for every text), which spares numbering the words for the table (see lcsPairs).
 */
export function alignWords(a: readonly string[], b: readonly string[], keys?: WordKeys): AlignOp[] {
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
    for (const [i, j] of lcsPairs(a, b, prefix, n, m, keys)) pairs.push([i, j]);
  }
  for (let k = suffix; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return opsFromMatches(pairs, a.length, b.length);
}

/**
 * Matched index pairs of an LCS of a[off, off+n) and b[off, off+m). Runs for every candidate pair of a
 * workspace's texts, so it allocates nothing per call but its result: the table compares the words as
 * numbers (comparing strings is a runtime call per cell), and the table and the numbers live in buffers
 * reused between calls (a fresh typed array per call cost more than the filling).
 */
function lcsPairs(a: readonly string[], b: readonly string[], off: number, n: number, m: number, keys?: WordKeys): Array<[number, number]> {
  const width = m + 1;
  const { ak, bk, table } = scratch.fit(n, m, (n + 1) * width);
  if (keys) {
    for (let i = 0; i < n; i++) ak[i] = keys.a[off + i];
    for (let j = 0; j < m; j++) bk[j] = keys.b[off + j];
  } else {
    numberWords(a, off, n, ak);
    numberWords(b, off, m, bk);
    wordNumbers.clear();
  }
  // table[i][j] = LCS length of a[off+i..] and b[off+j..], filled from the end so the walk goes forward;
  // row n and column m are the empty suffixes.
  table.fill(0, n * width, (n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    const ai = ak[i];
    const row = i * width;
    table[row + m] = 0;
    for (let j = m - 1; j >= 0; j--) {
      table[row + j] = ai === bk[j] ? table[row + width + j + 1] + 1 : Math.max(table[row + width + j], table[row + j + 1]);
    }
  }
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ak[i] === bk[j]) {
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

/** A table larger than this (1 MB) is made for its one alignment rather than kept for the next. */
const KEPT_TABLE_CELLS = 1 << 18;

/** The buffers of lcsPairs, grown as needed. */
const scratch = {
  ak: new Int32Array(64),
  bk: new Int32Array(64),
  table: new Int32Array(4096),
  fit(n: number, m: number, cells: number): { ak: Int32Array; bk: Int32Array; table: Int32Array } {
    if (this.ak.length < n) this.ak = new Int32Array(Math.max(n, this.ak.length * 2));
    if (this.bk.length < m) this.bk = new Int32Array(Math.max(m, this.bk.length * 2));
    if (cells > KEPT_TABLE_CELLS) return { ak: this.ak, bk: this.bk, table: new Int32Array(cells) };
    if (this.table.length < cells) this.table = new Int32Array(Math.min(KEPT_TABLE_CELLS, Math.max(cells, this.table.length * 2)));
    return this;
  },
};

/** The numbering of the words of one alignment (cleared after each). */
const wordNumbers = new Map<string, number>();

/** Numbers words[off, off+count) into `into` (equal words, equal numbers; see wordNumbers). */
function numberWords(words: readonly string[], off: number, count: number, into: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const w = words[off + i];
    let k = wordNumbers.get(w);
    if (k === undefined) wordNumbers.set(w, (k = wordNumbers.size));
    into[i] = k;
  }
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
