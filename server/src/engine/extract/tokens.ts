import { ABBREVIATIONS } from './lexicon';
import type { MarkedSpan } from './marks';

/** A word or punctuation token with its offsets in the source text. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text, with curly apostrophes folded. */
  lower: string;
  /** A quotation masked as one opaque token. */
  quote?: MarkedSpan;
}

const TOKEN_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}'’\-.]*[\p{L}\p{N}])?\.?|[,;:()\u2014\u2013\u2015]|-{1,2}(?=\s)/gu;
/** The scan in `pushWords`, as a regular expression: kept for the equivalence test. */
export const TOKEN_PATTERN = TOKEN_RE;

/**
 * Tokenises `text[from, to)`, replacing each top-level quotation by a single token so that the
 * words inside a quote never look like an attribution.
 */
export function tokenize(text: string, from: number, to: number, quotes: readonly MarkedSpan[] = []): Token[] {
  const out: Token[] = [];
  let pos = from;
  for (const q of quotes) {
    if (q.depth !== 0 || q.close <= from || q.open >= to) continue;
    if (q.open > pos) pushWords(text, pos, q.open, out);
    out.push({ start: q.open, end: q.close, text: text.slice(q.open, q.close), lower: '"', quote: q });
    pos = Math.max(pos, q.close);
  }
  if (pos < to) pushWords(text, pos, to, out);
  return out;
}

/**
 * Words are runs of letters and digits that may hold apostrophes, hyphens and periods inside
 * ("U.S.-backed", "Russia’s", "Maj."), plus the punctuation that ends a speaker phrase. A hand-written
 * scan: the same rule as a Unicode regular expression, several times faster on the hot path.
 */
function pushWords(text: string, from: number, to: number, out: Token[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isWordChar(c, text, i)) {
      // The longest run of word characters and inner marks, cut back to end on a word character.
      let j = i + 1;
      let lastWord = i;
      // Whether lower-casing can change the word (a capital, or anything outside ASCII).
      let mixed = (c >= 65 && c <= 90) || c >= 128;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (isWordChar(d, text, j)) lastWord = j;
        else if (!(d === 39 || d === 0x2019 || d === 45 || d === 46)) break;
        if ((d >= 65 && d <= 90) || d >= 128) mixed = true;
        j++;
      }
      let end = lastWord + 1;
      if (end < to && text.charCodeAt(end) === 46) end++;
      let t = text.slice(i, end);
      // A trailing period belongs to the word only for abbreviations like "Gen." or "U.S.".
      if (t.length > 1 && t.endsWith('.') && !/^(\p{L}\.)+$/u.test(t) && !ABBREVIATIONS.has(t.slice(0, -1).toLowerCase())) {
        t = t.slice(0, -1);
      }
      out.push({ start: i, end: i + t.length, text: t, lower: mixed ? lowerForm(t) : t });
      i = end;
      continue;
    }
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 0x2014 || c === 0x2013 || c === 0x2015) {
      out.push({ start: i, end: i + 1, text: text[i], lower: text[i] });
    } else if (c === 45) {
      // "-" or "--" standing alone between spaces is a dash ("MOSCOW (Reuters) - Russia").
      const n = text.charCodeAt(i + 1) === 45 ? 2 : 1;
      if (i + n < to && /\s/.test(text[i + n])) {
        out.push({ start: i, end: i + n, text: text.slice(i, i + n), lower: text.slice(i, i + n) });
        i += n;
        continue;
      }
    }
    i++;
  }
}

/**
 * The token lower-cased, with curly apostrophes folded. Only for words with a capital or a non-ASCII
 * character: the others are their own lower case (lower-casing every token was a tenth of the extraction).
 */
function lowerForm(t: string): string {
  const lower = t.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** A letter or digit in any script; ASCII answered without a regular expression. */
function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isCapitalized(tok: Token): boolean {
  const c = tok.text.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : STARTS_UPPER.test(tok.text);
}

const STARTS_UPPER = /^\p{Lu}/u;

export function isPunct(tok: Token): boolean {
  return tok.quote === undefined && !/[\p{L}\p{N}]/u.test(tok.text);
}
