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

function pushWords(text: string, from: number, to: number, out: Token[]): void {
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m; (m = TOKEN_RE.exec(slice)); ) {
    let t = m[0];
    // A trailing period belongs to the word only for abbreviations like "Gen." or "U.S.".
    if (t.length > 1 && t.endsWith('.') && !/^(\p{L}\.)+$/u.test(t) && !ABBREVIATIONS.has(t.slice(0, -1).toLowerCase())) {
      t = t.slice(0, -1);
    }
    const start = from + m.index;
    const lower = t.toLowerCase();
    out.push({ start, end: start + t.length, text: t, lower: lower.includes('’') ? lower.replace(/’/g, "'") : lower });
  }
}

export function isCapitalized(tok: Token): boolean {
  return /^\p{Lu}/u.test(tok.text);
}

export function isPunct(tok: Token): boolean {
  return tok.quote === undefined && !/[\p{L}\p{N}]/u.test(tok.text);
}
