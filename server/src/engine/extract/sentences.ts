import type { TextSpan } from '../types';
import { ABBREVIATIONS } from './lexicon';
import type { MarkedSpan } from './marks';
import { isSpace, isUpperStart } from './paragraphs';
import { speechLemma } from './cues';


/**
 * Splits a paragraph into sentences. A period inside a quotation never ends the reporter's sentence
 * (`"… professional….It is so …," Dillon said` is one sentence), but a quotation that ends in
 * terminal punctuation and is followed by a capital does.
 */
export function splitSentences(text: string, para: TextSpan, quotes: MarkedSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  let s = para.start;
  const top = quotes.filter((m) => m.depth === 0);
  // Visit only terminal punctuation outside quotations and the closing marks of quotations, found by a
  // regex over the paragraph; what is around each stop is read as character codes (one-character
  // strings of curly marks were allocated for each test).
  let q = 0;
  const paraText = text.slice(para.start, para.end);
  TERMINAL_RE.lastIndex = 0;
  for (let mm; (mm = TERMINAL_RE.exec(paraText)); ) {
    const i = para.start + mm.index;
    const c = text.charCodeAt(i);
    while (q < top.length && top[q].close <= i) q++;
    if (q < top.length && top[q].open <= i) {
      // Inside a quotation: only its closing mark can end the reporter's sentence.
      const m = top[q];
      TERMINAL_RE.lastIndex = m.close - para.start;
      if (!m.closed || !isTerminalOrEllipsis(text.charCodeAt(m.end - 1))) continue;
      const next = nextNonSpace(text, m.close, para.end);
      if (next < para.end && (isUpperStart(text[next]) || isOpener(text.charCodeAt(next))) && !startsWithAttribution(text, next, para.end)) {
        out.push({ start: s, end: m.close });
        s = next;
      }
      continue;
    }
    // Keep runs of terminal punctuation together ("?!", "...").
    let j = i;
    while (j + 1 < para.end && isTerminal(text.charCodeAt(j + 1))) j++;
    const closeQuote = j + 1 < para.end && isCloser(text.charCodeAt(j + 1)) ? 1 : 0;
    const after = j + 1 + closeQuote;
    TERMINAL_RE.lastIndex = j + 1 - para.start;
    if (after < para.end && !isSpace(text.charCodeAt(after))) continue;
    const next = nextNonSpace(text, after, para.end);
    if (next >= para.end) break;
    const n = text.charCodeAt(next);
    if (!(isUpperStart(text[next]) || isOpener(n) || (n >= 48 && n <= 57))) continue;
    if (c === 46 && j === i && isAbbreviation(text, i)) continue;
    out.push({ start: s, end: after });
    s = next;
    TERMINAL_RE.lastIndex = next - para.start;
  }
  if (s < para.end) out.push({ start: s, end: para.end });
  return out;
}

const TERMINAL_RE = /[.!?]/g;
const isTerminal = (c: number): boolean => c === 46 || c === 33 || c === 63;
const isTerminalOrEllipsis = (c: number): boolean => isTerminal(c) || c === 0x2026;
/** “ „ " ‘ ' ( [ */
const isOpener = (c: number): boolean => c === 0x201c || c === 0x201e || c === 34 || c === 0x2018 || c === 39 || c === 40 || c === 91;
/** ” " ’ ' ) ] */
const isCloser = (c: number): boolean => c === 0x201d || c === 34 || c === 0x2019 || c === 39 || c === 41 || c === 93;

/** `“…?” Clinton said.`: the words after a quotation are its attribution, not a new sentence. */
function startsWithAttribution(text: string, from: number, end: number): boolean {
  const words = text.slice(from, Math.min(end, from + 80)).split(/\s+/);
  for (let k = 0; k < Math.min(words.length, 7); k++) {
    const w = words[k];
    const bare = w.replace(/[^\p{L}'’-]/gu, '').toLowerCase();
    if (speechLemma(bare)) return true;
    // "Mr.", "Gen.", "J.": a title or an initial inside the speaker's name.
    if (/^\p{L}[\p{L}.]*\.$/u.test(w) && (ABBREVIATIONS.has(w.slice(0, -1).toLowerCase()) || /^\p{Lu}\.$/u.test(w))) continue;
    if (/[,;:.!?"“”]$/.test(w)) return false;
  }
  return false;
}

function nextNonSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** "Gen." "U.S." "Sept." and single initials ("John F. Kennedy") do not end a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && /[\p{L}.']/u.test(text[k - 1])) k--;
  const word = text.slice(k, dot).toLowerCase();
  if (word.length === 0) return false;
  if (word.length === 1 && /\p{Lu}/u.test(text[k])) return true;
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ''))) return true;
  // "U.S." at the end: an internal period marks an abbreviation made of initials.
  return /^(\p{L}\.)+\p{L}$/u.test(word);
}
