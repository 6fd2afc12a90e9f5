import { americanSpelling } from './spelling';

/**
 * Word tokens of a quotation, normalised so that two outlets' renderings of the same words compare equal:
 * case, quote characters, apostrophes (including the stripped ones of "Syria s"), dashes, ellipses and other
 * punctuation, "U.S." / "US", "1,000" / "1000", "don't" / "do not" and British / American spelling.
 * Every token keeps the span of the surface text it came from, so a difference can be shown in the
 * author's own words.
 */
export interface Token {
  /** Normalised form used for comparison. */
  norm: string;
  /** Span in the tokenised text (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** Numeric value of a digit token or a number word ("62", "three", "million"). */
  num?: number;
}

const DIACRITICS_RE = /\p{M}+/gu;
const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '\u02BC', '`', ' ']);

const CONTRACTION_BASES = new Map<string, string>(Object.entries({
  don: 'do', doesn: 'does', didn: 'did', won: 'will', can: 'can', couldn: 'could', wouldn: 'would',
  shouldn: 'should', isn: 'is', aren: 'are', wasn: 'was', weren: 'were', hasn: 'has', haven: 'have',
  hadn: 'had', mustn: 'must', needn: 'need', shan: 'shall', ain: 'is', mightn: 'might',
}));

const UNIT_NUMBERS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, dozen: 12, twice: 2, half: 0.5,
}));
const SCALE_NUMBERS = new Map<string, number>(Object.entries({
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
}));

export function numberWordValue(word: string): number | undefined {
  return UNIT_NUMBERS.get(word) ?? SCALE_NUMBERS.get(word);
}

export function isScaleWord(word: string): boolean {
  return SCALE_NUMBERS.has(word);
}

/** Normalised forms of raw words seen so far: a workspace has far fewer distinct words than tokens. */
const normalizedWords = new Map<string, string>();
const MAX_CACHED_WORDS = 200_000;

export function normalizeWord(raw: string): string {
  const cached = normalizedWords.get(raw);
  if (cached !== undefined) return cached;
  const lower = raw.toLowerCase();
  const plain = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKD').replace(DIACRITICS_RE, '') : lower;
  const norm = americanSpelling(plain);
  if (normalizedWords.size >= MAX_CACHED_WORDS) normalizedWords.clear();
  normalizedWords.set(raw, norm);
  return norm;
}

const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const DIGIT_RE = /\p{N}/u;

// Character classes by code; the Unicode regexes only run for non-ASCII characters.
function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c === c && WORD_CHAR_RE.test(text.charAt(i));
}

function isDigitCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 48 && c <= 57;
  return c === c && DIGIT_RE.test(text.charAt(i));
}

function isLetter(text: string, i: number): boolean {
  return i < text.length && isWordCode(text, i) && !isDigitCode(text, i);
}

/**
 * The raw word tokens of a text: runs of letters, marks and digits; figures with their thousands
 * separators and decimals ("1,000", "3.5"); dotted abbreviations as one token ("U.S.", "U.S", "a.m.").
 * Hand-written rather than one Unicode regex: it runs over every quotation of a workspace.
 */
function rawTokens(text: string, out: Array<[number, number]>): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text, i)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigitCode(text, i)) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigitCode(text, i)) i++;
        else if ((d === 44 || d === 46) && i + 1 < n && isDigitCode(text, i + 1)) i += 2;
        else break;
      }
    } else if (text.charCodeAt(i + 1) === 46 && isLetter(text, i + 2) && !isLetter(text, i + 3) && !isDigitCode(text, i + 3)) {
      // Dotted abbreviation: single letters each followed by a dot, the last dot optional.
      i += 1;
      while (text.charCodeAt(i) === 46 && isLetter(text, i + 1) && !isLetter(text, i + 2)) i += 2;
      if (text.charCodeAt(i) === 46) i++;
    } else {
      i++;
      while (i < n && isWordCode(text, i)) i++;
    }
    out.push([start, i]);
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const spans: Array<[number, number]> = [];
  rawTokens(text, spans);
  for (const [start, end] of spans) {
    const raw = text.slice(start, end);
    if (isDigitCode(raw, 0)) {
      const digits = toAsciiDigits(raw);
      // "1,000" and "1.000" are thousands separators only in groups of three; "3.5" is a decimal.
      const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits) ? digits.replace(/,/g, '') : digits.replace(/,/g, '.');
      const value = Number(plain);
      tokens.push({ norm: plain, start, end, num: Number.isFinite(value) ? value : undefined });
      continue;
    }
    if (raw.includes('.')) {
      tokens.push({ norm: normalizeWord(raw.replace(/\./g, '')), start, end });
      continue;
    }
    const norm = normalizeWord(raw);
    if (norm === 'cannot') {
      tokens.push({ norm: 'can', start, end: start + 3 }, { norm: 'not', start: start + 3, end });
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (norm === 't' && previous && previous.end === start - 1 && APOSTROPHES.has(text[start - 1])) {
      const base = CONTRACTION_BASES.get(previous.norm);
      if (base) {
        previous.norm = base;
        tokens.push({ norm: 'not', start, end });
        continue;
      }
    }
    const value = numberWordValue(norm);
    tokens.push(value === undefined ? { norm, start, end } : { norm, start, end, num: value });
  }
  return tokens;
}

function toAsciiDigits(s: string): string {
  return /^[\d.,]+$/.test(s) ? s : s.replace(/\p{N}/gu, (d) => String(Number(d.normalize('NFKD')) || 0));
}

/** One key for a token sequence: equal keys mean a duplicate after normalisation. */
export function sequenceKey(tokens: readonly Token[]): string {
  return tokens.map((t) => t.norm).join(' ');
}

const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here of in on at to from by for with ' +
    'about as into onto over under after before between through during without within upon across against along ' +
    'around among off out up down again further once i me my mine we us our ours you your yours he him his she her ' +
    'hers it its they them their theirs who whom whose which what when where why how all any both each every few ' +
    'more most other some such only own same too very s t just also is am are was were be been being have has had ' +
    'having do does did doing will would shall should can could may might must ought not no never said says say ' +
    'saying told tell get got going go goes went make made one because while until whether even still well now ' +
    'like re ve ll d m let lot lots really thing things way'
  ).split(' '),
);

export function isStopword(norm: string): boolean {
  return STOPWORDS.has(norm);
}

/** A word that carries content: not a function word and not a number (numbers are compared, not matched). */
export function isContentToken(token: Token): boolean {
  return token.num === undefined && !STOPWORDS.has(token.norm) && token.norm.length > 1;
}

const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'nowhere', 'without']);

export function isNegation(norm: string): boolean {
  return NEGATIONS.has(norm);
}

/** Unique content words of a token sequence, in first-seen order. */
export function contentTerms(tokens: readonly Token[]): string[] {
  const seen = new Set<string>();
  for (const t of tokens) if (isContentToken(t)) seen.add(t.norm);
  return [...seen];
}

/**
 * Value of a run of number tokens read as one numeral ("two hundred" → 200, "2.5 million" → 2.5e6,
 * "62" → 62). Returns undefined when the run holds no number.
 */
export function numeralValue(tokens: readonly Token[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const t of tokens) {
    if (t.num === undefined) continue;
    seen = true;
    if (isScaleWord(t.norm)) {
      current = (current || 1) * t.num;
      if (t.num >= 1000) {
        total += current;
        current = 0;
      }
    } else {
      current += t.num;
    }
  }
  return seen ? total + current : undefined;
}
