import type { TextSpan } from '../types';

/**
 * News files put one paragraph on a line (wire copy) or separate paragraphs by blank lines
 * (reprints); either way a non-blank line is a paragraph. Spans are trimmed of surrounding spaces.
 */
export function splitParagraphs(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Space, tab, CR, NBSP, and the other Unicode spaces that pasted copy carries. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === 0x2009 || c === 0x202f ||
    c === 0x200b || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 12 || c === 11;
}

export function isLetterOrDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : LETTER_OR_DIGIT.test(ch);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(ch);
}

const UPPER = /\p{Lu}/u;
