import { tokenize } from '../matching/normalize';
import { findQuantities, type Quantity } from './quantities';
import { paragraphsOf, sentencesOf, type Span } from './sentences';

/**
 * A sentence that states figures, with its words normalised and each figure replaced by a placeholder
 * of its dimension ("#length"), so that two reports of one fact compare equal however their figures
 * differ: "captured about 100 km (62 miles) of the west bank" / "… 100 km (160 miles) …".
 */
export interface Statement {
  path: string;
  /** Offset in the file that the figures' offsets are relative to (their paragraph's start). */
  base: number;
  start: number;
  end: number;
  text: string;
  /** Figures of the sentence, offsets relative to `base` (shared by every copy of the paragraph). */
  quantities: Quantity[];
  words: string[];
  /** For each word, the index of the figure it stands for, or -1. */
  slots: number[];
  /** Values and units of the figures (set by the fact index). */
  figureSignature?: string;
}

export function isPlaceholder(word: string): boolean {
  return word.charCodeAt(0) === 35; // '#'
}

function placeholderFor(q: Quantity): string {
  return '#' + (q.dim.startsWith('currency:') ? 'currency' : q.dim);
}

/** "One" is mostly a pronoun or an article in prose ("one of them", "one day"), not a figure worth comparing. */
function worthComparing(q: Quantity): boolean {
  return !(q.dim === 'count' && q.low === 1 && !/\d/.test(q.text));
}

/**
 * Paragraphs already read, by their text: news reprints paragraphs whole, so a paragraph's statements are
 * worked out once (figures, sentences, words) and every copy shares them, offsets kept relative to the
 * paragraph. Figures are read within their paragraph: a unit or a counted noun on the next line is not
 * the figure's.
 */
interface ParagraphStatements {
  /** Sentence spans relative to the paragraph, with their text, figures (offsets relative too) and words. */
  items: Array<{ start: number; end: number; text: string; quantities: Quantity[]; words: string[]; slots: number[] }>;
}
const paragraphCache = new Map<string, ParagraphStatements>();
const PARAGRAPH_CACHE_LIMIT = 50_000;
/** A paragraph without a digit or a number word states no figure. */
const MAY_HOLD_FIGURE = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)\b/i;

export function statementsOf(path: string, text: string): Statement[] {
  const out: Statement[] = [];
  for (const para of paragraphsOf(text)) {
    const body = text.slice(para.start, para.end);
    let cached = paragraphCache.get(body);
    if (!cached) {
      // An own copy: the key and the sentences must not keep the whole file's text alive (V8 slices do).
      const own = (' ' + body).slice(1);
      cached = { items: MAY_HOLD_FIGURE.test(own) ? paragraphStatements(own) : [] };
      if (paragraphCache.size >= PARAGRAPH_CACHE_LIMIT) paragraphCache.clear();
      paragraphCache.set(own, cached);
    }
    for (const it of cached.items) {
      out.push({ path, base: para.start, start: para.start + it.start, end: para.start + it.end, text: it.text, quantities: it.quantities, words: it.words, slots: it.slots });
    }
  }
  return out;
}

function paragraphStatements(body: string): ParagraphStatements['items'] {
  const quantities = findQuantities(body).filter(worthComparing);
  if (quantities.length === 0) return [];
  const out: ParagraphStatements['items'] = [];
  let q = 0;
  for (const sentence of sentencesOf(body, 0, body.length)) {
    const inside: Quantity[] = [];
    while (q < quantities.length && quantities[q].start < sentence.end) {
      if (quantities[q].start >= sentence.start) inside.push(quantities[q]);
      q++;
    }
    if (inside.length > 0) {
      const st = buildStatement('', body, sentence, inside);
      out.push({ start: st.start, end: st.end, text: st.text, quantities: st.quantities, words: st.words, slots: st.slots });
    }
  }
  return out;
}

function buildStatement(path: string, text: string, sentence: Span, quantities: Quantity[]): Statement {
  const sentenceText = text.slice(sentence.start, sentence.end);
  const words: string[] = [];
  const slots: number[] = [];
  let k = 0;
  for (const t of tokenize(sentenceText)) {
    const at = sentence.start + t.start;
    while (k < quantities.length && quantities[k].end <= at) k++;
    if (k < quantities.length && at >= quantities[k].start) {
      if (slots[slots.length - 1] !== k) {
        words.push(placeholderFor(quantities[k]));
        slots.push(k);
      }
      continue;
    }
    words.push(t.norm);
    slots.push(-1);
  }
  return { path, base: 0, start: sentence.start, end: sentence.end, text: sentenceText, quantities: quantities, words, slots };
}
