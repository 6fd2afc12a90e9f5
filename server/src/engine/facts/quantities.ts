import { isStopword } from '../matching/normalize';
import { CURRENCY_SIGNS, POUND_STERLING, unitAt, type Unit } from './units';

/**
 * Figures with what they count or measure, found in running text: "about 100 km", "(62 miles)",
 * "310-3,417 miles", "$5.5 million", "60 percent", "seven kilometres", "29 Russian military policemen".
 */
export interface Quantity {
  start: number;
  end: number;
  text: string;
  /** Written value(s) in the written unit; a single figure has low === high. */
  low: number;
  high: number;
  /** Half the step of the last significant digit as written ("60" → 5, "62" → 0.5, "6.2" → 0.05). */
  lowStep: number;
  highStep: number;
  unit: Unit | null;
  /** `unit.dim`, or `count` for a bare figure followed by a noun. */
  dim: string;
  /** The quantity that restates this one in another unit: "100 km (62 miles)". */
  conversion?: Quantity;
  /** End of the whole "100 km (62 miles)" when this quantity has a conversion. */
  groupEnd?: number;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
  dozen: 12,
};
const SCALES: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mln: 1e6, mn: 1e6, bn: 1e9,
};
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words after a bare figure that make it a time, a rank or a date rather than a count. */
const NOT_COUNT_NOUNS = new Set(['am', 'pm', 'a', 'p', 'th', 'st', 'nd', 'rd', 'gmt', 'bst', 'et', 'edt', 'est', 'utc', 'bc', 'ad']);

// Without the `u` flag and lookbehinds this scans several times faster; boundaries are checked in code.
const FIGURE_RE = new RegExp(
  String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\.?\d)|\b(` + Object.keys(NUMBER_WORDS).join('|') + String.raw`)\b`,
  'gi',
);

/** A figure glued to a word, a code or another figure ("F16", "v2", "1.2.3") is not a quantity. */
function gluedBefore(text: string, at: number): boolean {
  const c = text.charAt(at - 1);
  return c !== '' && (/[\p{L}\p{N}]/u.test(c) || ((c === '.' || c === ',' || c === '-') && /\d/.test(text.charAt(at - 2))));
}

function stepOf(figure: string): number {
  const plain = figure.replace(/,/g, '');
  const dot = plain.indexOf('.');
  if (dot >= 0) return 0.5 * 10 ** -(plain.length - dot - 1);
  const zeros = plain.length - plain.replace(/0+$/, '').length;
  return 0.5 * 10 ** Math.min(zeros, plain.length - 1);
}

interface Figure {
  start: number;
  end: number;
  value: number;
  step: number;
  unit: Unit | null;
  scaled: boolean;
}

/** Reads a figure at `at`: digits or number words, then a scale word, then a unit. */
function readFigure(text: string, at: number, match: RegExpExecArray): Figure | null {
  let end = at + match[0].length;
  let value: number;
  let step: number;
  if (match[1] !== undefined) {
    value = Number(match[1].replace(/,/g, ''));
    step = stepOf(match[1]);
  } else {
    // Written numbers: "seven", "twenty-five", "two hundred".
    value = NUMBER_WORDS[match[2].toLowerCase()];
    let total = value;
    for (;;) {
      const more = /^(?:[\s-]+(?:and\s+)?)([a-z]+)/i.exec(text.slice(end, end + 24));
      const w = more?.[1].toLowerCase();
      if (!more || w === undefined || !Object.hasOwn(NUMBER_WORDS, w)) break;
      total = w === 'hundred' ? total * 100 : total + NUMBER_WORDS[w];
      end += more[0].length;
    }
    value = total;
    step = 0.5;
  }
  let scaled = false;
  const scale = /^[\s-]*(thousand|million|billion|trillion|mln|mn|bn)\b/i.exec(text.slice(end, end + 16));
  if (scale) {
    value *= SCALES[scale[1].toLowerCase()];
    step *= SCALES[scale[1].toLowerCase()];
    end += scale[0].length;
    scaled = true;
  }
  let unit: Unit | null = null;
  const gap = /^[ \u00a0]?/.exec(text.slice(end))![0].length;
  const found = unitAt(text.slice(end + gap, end + gap + 24));
  if (found) {
    unit = found.unit === POUND_STERLING || (scaled && found.unit.dim === 'mass') ? POUND_STERLING : found.unit;
    end += gap + found.length;
  } else if (/^[\p{L}]/u.test(text.charAt(end))) {
    return null; // "1st", "F16"-like codes
  }
  return { start: at, end, value, step, unit, scaled };
}

function wordBefore(text: string, at: number): string {
  const m = /([\p{L}]+)\.?\s*$/u.exec(text.slice(Math.max(0, at - 16), at));
  return m ? m[1].toLowerCase() : '';
}

function wordAfter(text: string, at: number): string {
  const m = /^\s+([\p{L}][\p{L}-]*)/u.exec(text.slice(at, at + 40));
  return m ? m[1] : '';
}

/** Every quantity in `text[from, to)`, in order, with conversions linked. */
export function findQuantities(text: string, from = 0, to = text.length): Quantity[] {
  const out: Quantity[] = [];
  const slice = text.slice(0, to);
  FIGURE_RE.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = FIGURE_RE.exec(slice)); ) {
    if (gluedBefore(slice, m.index) || (m[2] !== undefined && slice.charAt(m.index - 1) === '-')) continue;
    const first = readFigure(slice, m.index, m);
    if (!first) continue;
    FIGURE_RE.lastIndex = Math.max(FIGURE_RE.lastIndex, first.end);
    let start = m.index;
    let unit = first.unit;
    // A currency sign written before the figure.
    const sign = /(US\$|[$€£¥])\s?$/.exec(slice.slice(Math.max(0, start - 4), start));
    if (sign && !unit) {
      unit = CURRENCY_SIGNS.find(([s]) => s === sign[1])![1];
      start -= sign[0].length;
    }
    let end = first.end;
    let high = first.value;
    let highStep = first.step;
    // A range: "310-3,417 miles", "500 km to 5,500 km".
    const dash = /^\s*(?:-|–|—|to)\s*/.exec(slice.slice(end, end + 8));
    if (dash) {
      FIGURE_RE.lastIndex = end + dash[0].length;
      const m2 = FIGURE_RE.exec(slice);
      if (m2 && m2.index === end + dash[0].length) {
        const second = readFigure(slice, m2.index, m2);
        if (second && (!unit || !second.unit || second.unit === unit) && (unit || second.unit)) {
          unit = unit ?? second.unit;
          high = second.value;
          highStep = second.step;
          end = second.end;
        }
      }
      FIGURE_RE.lastIndex = end;
    }
    let dim: string;
    if (unit) {
      dim = unit.dim;
    } else {
      // A bare figure counts the noun after it, unless it is a year, a date, a time or a rank.
      const isYear = Number.isInteger(first.value) && first.value >= 1800 && first.value <= 2100 && !first.scaled && high === first.value;
      const noun = wordAfter(slice, end).toLowerCase();
      const prev = wordBefore(slice, start);
      if (
        isYear || !noun || isStopword(noun) || MONTHS.has(noun) || MONTHS.has(prev) || NOT_COUNT_NOUNS.has(noun) ||
        prev === 'no' || /[:/]\d/.test(slice.slice(end, end + 2)) || /\d[:/]$/.test(slice.slice(start - 2, start))
      ) {
        continue;
      }
      dim = 'count';
    }
    out.push({
      start, end, text: slice.slice(start, end), low: first.value, high, lowStep: first.step, highStep, unit, dim,
    });
  }
  linkConversions(slice, out);
  return out;
}

/** "100 km (62 miles)", "100 km, or 62 miles": the second restates the first in another unit. */
function linkConversions(text: string, qs: Quantity[]): void {
  for (let i = 0; i + 1 < qs.length; i++) {
    const a = qs[i];
    const b = qs[i + 1];
    if (!a.unit || !b.unit || a.unit.dim !== b.unit.dim || a.unit.name === b.unit.name) continue;
    if (a.dim.startsWith('currency:') || a.dim === 'percent') continue;
    const between = text.slice(a.end, b.start);
    const hedges = String.raw`(?:about|around|some|roughly|nearly|almost|approximately|more than|over|under|less than|up to)\s+`;
    const paren = new RegExp(String.raw`^\s*\(\s*(?:${hedges})?$`, 'i');
    const or = new RegExp(String.raw`^\s*,?\s*or\s+(?:${hedges})?$`, 'i');
    if (paren.test(between)) {
      const close = /^\s*\)/.exec(text.slice(b.end, b.end + 4));
      a.conversion = b;
      a.groupEnd = close ? b.end + close[0].length : b.end;
    } else if (or.test(between)) {
      a.conversion = b;
      a.groupEnd = b.end;
    }
  }
}
