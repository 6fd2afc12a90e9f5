/**
 * The evaluator's own quotation-mark pairer, used to derive PolNeAR's gold quote segments ("the
 * quote-marked parts of Content spans"). It is deliberately independent of the engine: the gold must not
 * move when the engine changes.
 *
 * Rules (per paragraph = per line; a quotation never runs across a line break here):
 * - double marks: `“` opens, `”` closes, `„` and `«` open, `»` closes; `"` and `''` (two apostrophes, the
 *   NYT style, used both to open and to close) are resolved by context: a mark with a space (or line
 *   start, bracket, dash) before it and a non-space after it opens, one with a non-space before it and
 *   a space / punctuation / line end after it closes;
 * - a double quotation still open at the end of its paragraph ends there (the multi-paragraph convention:
 *   the next paragraph reopens); an opening mark met while a quotation is open ends the open one before it,
 *   except a quotation in the other style (curly inside straight or two-apostrophe, straight inside curly)
 *   that closes with words of the outer one after it, or a curly one inside a curly one that also closes
 *   later: that one is nested and, like nested single marks, belongs to the outer quotation
 *   (`"…the question: “As you know…?” Forty-three, yes…"`, `“…what he calls “hell” than live…”`);
 * - single marks (`‘ ’ '`) count only outside double quotations (nested single marks belong to the outer
 *   quotation) and only when they pair within the paragraph; a mark between two letters or digits is an
 *   apostrophe (`don't`, `Clinton’s`), and an unpaired opening single mark is dropped (`'90s`, `'til`).
 * The returned spans are the characters between the marks (marks excluded), in document order.
 */
import type { Seg } from './score';

const OPENERS_BEFORE = /[\s([{\u2014\u2013\-/:]/u; // what may precede an opening mark
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isSpaceOrBoundary(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

export function findQuotedSpans(text: string): Seg[] {
  const out: Seg[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    scanParagraph(text, lineStart, lineEnd, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

type Mark = { kind: 'open' | 'close' | 'ambiguous'; single: boolean; len: number };

function markAt(text: string, i: number, end: number): Mark | null {
  const c = text[i];
  switch (c) {
    case '\u201C': case '\u201E': case '\u00AB':
      return { kind: 'open', single: false, len: 1 };
    case '\u201D': case '\u00BB':
      return { kind: 'close', single: false, len: 1 };
    case '"':
      return { kind: 'ambiguous', single: false, len: 1 };
    case "'":
      if (i + 1 < end && text[i + 1] === "'") return { kind: 'ambiguous', single: false, len: 2 };
      return { kind: 'ambiguous', single: true, len: 1 };
    case '\u2018':
      return { kind: 'open', single: true, len: 1 };
    case '\u2019':
      return { kind: 'close', single: true, len: 1 };
    default:
      return null;
  }
}

function scanParagraph(text: string, start: number, end: number, out: Seg[]): void {
  let doubleOpen = -1; // offset just after the opening double mark
  let outerCurly = false; // whether that mark is curly (“ „ «) rather than straight (" or '')
  let singleOpen = -1; // offset just after an opening single mark (outside double quotes)
  const emit = (s: number, e: number): void => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: s, end: e });
  };
  for (let i = start; i < end; i++) {
    const m = markAt(text, i, end);
    if (!m) continue;
    const before = i > start ? text[i - 1] : undefined;
    const after = i + m.len < end ? text[i + m.len] : undefined;
    if (m.single) {
      // Apostrophe inside a word.
      if (before !== undefined && after !== undefined && LETTER_OR_DIGIT.test(before) && LETTER_OR_DIGIT.test(after)) continue;
      if (doubleOpen >= 0) continue; // nested: part of the outer quotation
      const canOpen = m.kind !== 'close' && (before === undefined || OPENERS_BEFORE.test(before)) && !isSpaceOrBoundary(after);
      const canClose = m.kind !== 'open' && before !== undefined && !/\s/.test(before) && (after === undefined || !LETTER_OR_DIGIT.test(after));
      if (singleOpen < 0) {
        if (canOpen) singleOpen = i + m.len;
      } else if (canClose) {
        emit(singleOpen, i);
        singleOpen = -1;
      } else if (canOpen) {
        singleOpen = i + m.len; // the earlier one was an apostrophe ('90s)
      }
      continue;
    }
    // Double mark.
    const openerLike = (before === undefined || OPENERS_BEFORE.test(before) || isQuoteChar(before)) && !isSpaceOrBoundary(after);
    const closerLike = before !== undefined && !/\s/.test(before) && (after === undefined || !LETTER_OR_DIGIT.test(after));
    let opens: boolean;
    if (m.kind === 'open') opens = true;
    else if (m.kind === 'close') opens = false;
    else if (doubleOpen < 0) opens = openerLike || !closerLike;
    else opens = openerLike && !closerLike;
    if (opens) {
      if (doubleOpen >= 0) {
        const innerCurly = m.kind === 'open';
        const nestedEnd = innerCurly !== outerCurly || innerCurly ? nestedClose(text, i + m.len, end, innerCurly, innerCurly === outerCurly) : -1;
        if (nestedEnd >= 0) {
          i = nestedEnd; // part of the outer quotation
          continue;
        }
        emit(doubleOpen, i); // unclosed quotation ends before the new one
      }
      singleOpen = -1;
      doubleOpen = i + m.len;
      outerCurly = m.kind === 'open';
    } else if (doubleOpen >= 0) {
      emit(doubleOpen, i);
      doubleOpen = -1;
    }
    // A closing mark with nothing open is a stray: ignored.
    i += m.len - 1;
  }
  if (doubleOpen >= 0) emit(doubleOpen, end); // runs to the end of its paragraph
}

/**
 * Where a quotation opened (in one style) inside another (in the other) closes, when it does and the
 * outer one goes on after it (words follow in the paragraph, closed later or not): the offset of the
 * inner closing mark's last character, else -1.
 */
function nestedClose(text: string, from: number, end: number, innerCurly: boolean, sameStyle: boolean): number {
  const curlyOpen = (c: string) => c === '\u201C' || c === '\u201E' || c === '\u00AB';
  const curlyClose = (c: string) => c === '\u201D' || c === '\u00BB';
  for (let j = from; j < end; j++) {
    const c = text[j];
    if (innerCurly && curlyOpen(c)) return -1;
    const closes = innerCurly ? curlyClose(c) : (c === '"' || (c === "'" && text[j + 1] === "'")) && j > from && !/\s/.test(text[j - 1]);
    if (!closes) continue;
    const last = c === "'" ? j + 1 : j;
    let k = last + 1;
    while (k < end && !LETTER_OR_DIGIT.test(text[k])) k++;
    if (k >= end) return -1;
    if (!sameStyle) return last;
    // Curly inside curly: nested only when the outer quotation closes later (before any other opening).
    for (; k < end; k++) {
      if (curlyOpen(text[k])) return -1;
      if (curlyClose(text[k])) return last;
    }
    return -1;
  }
  return -1;
}

function isQuoteChar(ch: string): boolean {
  return ch === '"' || ch === "'" || ch === '\u201C' || ch === '\u2018' || ch === '\u201E' || ch === '\u00AB';
}
