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
  start: number;
  end: number;
  text: string;
  /** Figures of the sentence, offsets in the file. */
  quantities: Quantity[];
  words: string[];
  /** For each word, the index of the figure it stands for, or -1. */
  slots: number[];
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

export function statementsOf(path: string, text: string): Statement[] {
  const quantities = findQuantities(text).filter(worthComparing);
  if (quantities.length === 0) return [];
  const out: Statement[] = [];
  const paragraphs = paragraphsOf(text);
  let p = 0;
  let q = 0;
  while (q < quantities.length) {
    while (p < paragraphs.length && paragraphs[p].end <= quantities[q].start) p++;
    if (p >= paragraphs.length) break;
    const para = paragraphs[p];
    for (const sentence of sentencesOf(text, para.start, para.end)) {
      const inside: Quantity[] = [];
      while (q < quantities.length && quantities[q].start < sentence.end) {
        if (quantities[q].start >= sentence.start) inside.push(quantities[q]);
        q++;
      }
      if (inside.length > 0) out.push(buildStatement(path, text, sentence, inside));
    }
    while (q < quantities.length && quantities[q].start < para.end) q++;
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
  return { path, start: sentence.start, end: sentence.end, text: sentenceText, quantities: quantities, words, slots };
}
