/**
 * Identity of an annotated quotation: the file (relative to its workspace folder, `/`-separated), the
 * canonical speaker and the quotation's words. Offsets are deliberately left out so that an annotation
 * survives edits that move the quote; the words are normalised so that fixing a comma, the case or the
 * kind of quotation mark does not orphan it. The key format is written nowhere (the file stores the
 * readable fields and keys are recomputed on load), so it can change without migrating files.
 */

export interface QuoteIdentity {
  /** Path relative to the workspace folder, with `/` separators. */
  file: string;
  speaker: string | null;
  /** The quotation's words as written. */
  quote: string;
}

const QUOTE_CHARS = /[\u0022\u0027\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u300c\u300d]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** Lower case, no quotation marks or punctuation, dashes unified, one space between words. */
export function normaliseQuote(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTE_CHARS, '')
    .replace(DASHES, '-')
    .replace(/[^\p{L}\p{N}\s%$€£¥.-]/gu, ' ')
    // A full stop or hyphen only counts inside a word or number ("U.S.", "3.5", "SDF-held").
    .replace(/(^|\s)[.-]+|[.-]+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseSpeaker(speaker: string | null | undefined): string {
  return (speaker ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function normaliseFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function annotationKey(id: QuoteIdentity): string {
  return `${normaliseFile(id.file)}\u0000${normaliseSpeaker(id.speaker)}\u0000${normaliseQuote(id.quote)}`;
}

/** Same statement by the same speaker, wherever it is (for ignored matches, which name the other side). */
export function sameQuote(a: QuoteIdentity, b: QuoteIdentity): boolean {
  return annotationKey(a) === annotationKey(b);
}
