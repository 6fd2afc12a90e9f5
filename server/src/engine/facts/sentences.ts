/**
 * Sentence spans of a paragraph, good enough to tell one statement of fact from the next: a full stop,
 * question or exclamation mark (with closing quotes or brackets) followed by space and a capital, a
 * digit or an opening quote, unless the word before the stop is a title or an abbreviation
 * ("Gen.", "U.S.", "Sept.") — news prose is full of those.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'maj', 'sgt', 'capt', 'cmdr', 'adm', 'sen', 'rep', 'gov',
  'pres', 'st', 'jr', 'sr', 'rev', 'hon', 'no', 'vs', 'inc', 'corp', 'co', 'ltd', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'est', 'dept', 'univ', 'fig',
]);

const BOUNDARY_RE = /[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;

export interface Span {
  start: number;
  end: number;
}

export function sentencesOf(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const para = text.slice(from, to);
  let start = 0;
  BOUNDARY_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = BOUNDARY_RE.exec(para)); ) {
    const before = /([\p{L}.]+)$/u.exec(para.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
    const word = before.toLowerCase().replace(/\.$/, '');
    // "U.S." and single initials ("J. Smith") end with a dotted letter, not a sentence.
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(word) || /^(?:\p{L}\.)*\p{L}$/u.test(word))) continue;
    out.push({ start: from + start, end: from + m.index + m[0].trimEnd().length });
    start = m.index + m[0].length;
  }
  if (start < para.length) out.push({ start: from + start, end: from + para.trimEnd().length });
  return out.filter((s) => s.end > s.start);
}

/** Paragraph (line) spans of a text. */
export function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end > start) out.push({ start, end });
    if (nl < 0) return out;
    start = nl + 1;
  }
}
