import { tokenize } from '../matching/normalize';
import { findQuantities, type Quantity } from './quantities';
import { paragraphsOf, sentencesOf, type Span } from './sentences';

/**
 * A sentence that states figures, with its words normalised and each figure replaced by a placeholder
 * of its dimension ("#length"), so that two reports of one fact compare equal however their figures
 * differ: "captured about 100 km (62 miles) of the west bank" / "… 100 km (160 miles) …". Read once per
 * distinct paragraph and shared by every copy of it (news reprints paragraphs whole), so offsets are
 * relative to the paragraph.
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Figures of the sentence, offsets relative to the paragraph. */
  quantities: Quantity[];
  words: string[];
  /** For each word, the index of the figure it stands for, or -1. */
  slots: number[];
  /** The words joined: the fact index's key for sentences worded alike. */
  key: string;
  /** Values and units of the figures, in order: statements with the same figures never conflict. */
  figures: string;
}

/** A sentence with figures in one file: a paragraph's shared reading, placed at the paragraph's offset. */
export interface Statement {
  path: string;
  /** Offset of the sentence's paragraph in the file (the sentence's offsets are relative to it). */
  base: number;
  sentence: Sentence;
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
 * Paragraphs already read, by their text: a paragraph's sentences are worked out once (figures,
 * sentences, words) and every copy shares them. Figures are read within their paragraph: a unit or a
 * counted noun on the next line is not the figure's. Only paragraphs that may hold a figure are kept:
 * the others are passed over without being looked up (most of a news text, and most of this cache's
 * memory when it kept every paragraph).
 */
const paragraphCache = new Map<string, readonly Sentence[]>();
const PARAGRAPH_CACHE_LIMIT = 50_000;
const NO_SENTENCES: readonly Sentence[] = [];
/** Where a figure may be: a paragraph without a digit or a number word states none. */
const FIGURE_HINT_RE = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)\b/gi;

export function statementsOf(path: string, text: string): Statement[] {
  const out: Statement[] = [];
  // One scan of the text for hints; a paragraph before the next hint is skipped without a look-up.
  let hint = -1;
  for (const para of paragraphsOf(text)) {
    if (hint < para.start) hint = nextHint(text, para.start);
    if (hint >= para.end) continue;
    for (const sentence of sentencesOfParagraph(text.slice(para.start, para.end))) out.push({ path, base: para.start, sentence });
  }
  return out;
}

/** The offset of the first figure hint at or after `from` (Infinity when there is none). */
function nextHint(text: string, from: number): number {
  FIGURE_HINT_RE.lastIndex = from;
  const m = FIGURE_HINT_RE.exec(text);
  return m ? m.index : Infinity;
}

function sentencesOfParagraph(body: string): readonly Sentence[] {
  let cached = paragraphCache.get(body);
  if (!cached) {
    // An own copy: the key and the sentences must not keep the whole file's text alive (V8 slices do).
    const own = (' ' + body).slice(1);
    cached = paragraphSentences(own);
    if (paragraphCache.size >= PARAGRAPH_CACHE_LIMIT) paragraphCache.clear();
    paragraphCache.set(own, cached);
  }
  return cached;
}

function paragraphSentences(body: string): readonly Sentence[] {
  const quantities = findQuantities(body).filter(worthComparing);
  if (quantities.length === 0) return NO_SENTENCES;
  const out: Sentence[] = [];
  let q = 0;
  for (const span of sentencesOf(body, 0, body.length)) {
    const inside: Quantity[] = [];
    while (q < quantities.length && quantities[q].start < span.end) {
      if (quantities[q].start >= span.start) inside.push(quantities[q]);
      q++;
    }
    if (inside.length > 0) out.push(readSentence(body, span, inside));
  }
  return out.length > 0 ? out : NO_SENTENCES;
}

function readSentence(text: string, span: Span, quantities: Quantity[]): Sentence {
  const sentenceText = text.slice(span.start, span.end);
  const words: string[] = [];
  const slots: number[] = [];
  let k = 0;
  for (const t of tokenize(sentenceText)) {
    const at = span.start + t.start;
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
  const figures = quantities.map((q) => `${q.low}:${q.high}:${q.unit?.name ?? ''}:${q.dim}`).join('|');
  return { start: span.start, end: span.end, text: sentenceText, quantities, words, slots, key: words.join(' '), figures };
}
