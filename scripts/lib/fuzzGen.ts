/**
 * Input generation for the fuzz harness (scripts/fuzz.ts, test/engine/fuzz.test.ts): a tiny seeded
 * PRNG, a corpus of real news sentences, and generators that mutate them into hostile text.
 *
 * Every input is a pure function of (seed, index, corpus): `generateInput(corpus, seed, i)` always
 * returns the same text, so a failure is replayed with `--seed S --index I` (or from its saved JSON).
 * Plain Node; no engine imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------------
// PRNG

/** splitmix32: mixes a 32-bit state into a well-spread 32-bit value. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** mulberry32: small, fast, good enough for test-data generation. Deterministic per seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator for input `index` of run `seed`: independent of every other input. */
  static forInput(seed: number, index: number): Rng {
    return new Rng(mix32(mix32(seed >>> 0) ^ Math.imul(index >>> 0, 0x27d4eb2f) ^ Math.floor(index / 2 ** 32)));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Integer in [lo, hi], skewed towards lo (log-uniform): sizes, counts. */
  logInt(lo: number, hi: number): number {
    const a = Math.log(Math.max(1, lo));
    const b = Math.log(Math.max(1, hi));
    return Math.min(hi, Math.max(lo, Math.round(Math.exp(a + this.next() * (b - a)))));
  }
}

// ---------------------------------------------------------------------------------------------------
// Character classes

/** Every quotation mark the brief lists, curly, guillemets, low-9, reversed, straight, grave and acute. */
export const QUOTE_MARKS: readonly string[] = [
  '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2039', '\u203A',
  '\u2018', '\u2019', '\u201A', '\u201B', '"', "'", '`', '\u00B4',
];
/** Opening / closing pairs, conventional and mismatched on purpose. */
export const QUOTE_PAIRS: readonly (readonly [string, string])[] = [
  ['\u201C', '\u201D'], ['\u201E', '\u201C'], ['\u201E', '\u201D'], ['\u00AB', '\u00BB'], ['\u00BB', '\u00AB'],
  ['\u2039', '\u203A'], ['\u2018', '\u2019'], ['\u201A', '\u2018'], ['"', '"'], ["'", "'"], ['``', "''"],
  ["''", "''"], ['\u201F', '\u201D'], ['\u201B', '\u2019'], ['\u00AB\u00A0', '\u00A0\u00BB'], ['`', '\u00B4'],
  ['\u201D', '\u201C'], ['\u2019', '\u2018'], ['"', '\u201D'], ['\u201C', '"'],
];
export const DASHES: readonly string[] = ['\u2014', '\u2013', '\u2012', '\u2015', '\u2010', '-', ' -- ', ' - '];
export const NEWLINES: readonly string[] = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '\f', '\v'];
/** Odd code units: lone surrogates, NUL, BOM, zero-width and bidi marks, combining marks, NBSP, emoji. */
export const ODD_UNITS: readonly string[] = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800', '\u0000', '\uFEFF', '\u200B', '\u200C', '\u200D',
  '\u200E', '\u200F', '\u202E', '\u2066', '\u0301', '\u0308', '\u00A0', '\u202F', '\u2009', '\t',
  '\uD83D\uDE00', '\uD83C\uDDFA\uD83C\uDDF8', '\uFFFD', '\uFFFF', '\u0007', '\u001B', '\u00AD', '\u2026', '\u3000',
];
const CUE_WORDS = ['said', 'says', 'told', 'added', 'asked', 'according to', 'warned', 'insisted', 'wrote', 'tweeted', 'declared', 'noted'];
const NAMES = ['Anna Berg', 'Mr. Smith', 'Vladimir Putin', 'the minister', 'He', 'She', 'They', 'A spokesman', 'Defence Minister Igor Konashenkov', 'Hillary Clinton', 'Trump', 'the Pentagon', 'Reuters'];
const WORDS = ['the', 'we', 'will', 'not', 'accept', 'this', 'attack', 'on', 'our', 'troops', 'is', 'a', '62', 'miles', '100', 'km', 'percent', 'never', 'Monday', 'U.S.', 'said', 'that', 'very', 'good', 'people', '1,237', '$3.5', 'billion', 'it’s', "don't", '’90s', 'Russia’s', 'allies’', 'rock ’n’ roll'];

// ---------------------------------------------------------------------------------------------------
// Corpus

export interface FuzzCorpus {
  /** Where the text came from, for reports and failure files. */
  sources: string[];
  /** Sentences of real news text (with their own marks). */
  sentences: string[];
  /** Whole paragraphs. */
  paragraphs: string[];
  /** A few whole articles (for big inputs). */
  articles: string[];
}

/** A few hundred characters of news text used when no corpus folder can be read. */
const FALLBACK = `MOSCOW (Reuters) - Russia's Defence Ministry said on Monday it would respond to any attack.\n\n“We will respond to any attack on our troops with every means we have,” spokesman Igor Konashenkov told reporters. He said the strike hit targets 100 km (62 miles) away.\n\n"This is not over," he added. The ministry called it 'a provocation'.\n`;

/** Reads `.txt` files under each folder (not recursive; at most `maxFiles` per folder). */
export function loadCorpus(dirs: readonly string[], maxFiles = 2000): FuzzCorpus {
  const corpus: FuzzCorpus = { sources: [], sentences: [], paragraphs: [], articles: [] };
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().slice(0, maxFiles);
    } catch {
      continue;
    }
    if (names.length === 0) continue;
    corpus.sources.push(`${dir} (${names.length} files)`);
    for (const n of names) {
      let text: string;
      try {
        text = fs.readFileSync(path.join(dir, n), 'utf8');
      } catch {
        continue;
      }
      addText(corpus, text);
    }
  }
  if (corpus.sentences.length === 0) {
    corpus.sources.push('built-in fallback text');
    addText(corpus, FALLBACK);
  }
  return corpus;
}

function addText(corpus: FuzzCorpus, text: string): void {
  if (corpus.articles.length < 400) corpus.articles.push(text);
  for (const para of text.split(/\r?\n\s*\r?\n|\r?\n(?=\s*[A-Z“"‘'(—-])/)) {
    const p = para.trim();
    if (!p) continue;
    corpus.paragraphs.push(p);
    for (const s of p.split(/(?<=[.!?][”"’']?)\s+(?=[“"‘'A-Z(])/)) if (s.trim()) corpus.sentences.push(s.trim());
  }
}

// ---------------------------------------------------------------------------------------------------
// Generation

export interface FuzzInput {
  index: number;
  text: string;
  /** The generator and mutations applied, in order: "sentences+marks+crlf". */
  recipe: string;
}

export interface GenerateOptions {
  /**
   * Indices that get a huge single-line input (size `hugeBytes`): the caller decides how many;
   * every other input is small or medium.
   */
  huge?: (index: number) => boolean;
  hugeBytes?: number;
  /** Probability of a large (10–100 KB) input; default 0.001. */
  largeRate?: number;
  /** Most repetitions of a unit in a pathological input (default 3000). */
  maxRepeat?: number;
}

/**
 * Input `index` of run `seed`: a pure function of (corpus, seed, index). About one input in eight is a
 * light variant of one of the eight inputs before it (a number, a negation or a name changed), so that
 * the matcher's rolling workspace sees near-duplicates of one statement.
 */
export function generateInput(corpus: FuzzCorpus, seed: number, index: number, opts: GenerateOptions = {}, variants = true): FuzzInput {
  const rng = Rng.forInput(seed, index);
  const recipe: string[] = [];
  let text: string;
  if (opts.huge?.(index)) {
    text = hugeLine(rng, corpus, opts.hugeBytes ?? 5 * 1024 * 1024, recipe);
    return { index, text, recipe: recipe.join('+') };
  }
  const r = rng.next();
  const large = rng.chance(opts.largeRate ?? 0.001);
  const back = rng.int(1, 8);
  if (large) {
    text = largeInput(rng, corpus, recipe);
  } else if (r < 0.12 && variants && index - back >= 0 && !opts.huge?.(index - back)) {
    const base = generateInput(corpus, seed, index - back, { ...opts, largeRate: 0 }, false);
    recipe.push(`variant-of-${index - back}(${base.recipe})`);
    text = variantOf(rng, base.text, recipe);
  } else if (r < 0.55) {
    recipe.push('sentences');
    text = sentences(rng, corpus, rng.logInt(1, 8));
  } else if (r < 0.75) {
    recipe.push('paragraphs');
    text = paragraphs(rng, corpus, rng.logInt(1, 6));
  } else if (r < 0.87) {
    recipe.push('synthetic');
    text = synthetic(rng, rng.logInt(1, 60));
  } else if (r < 0.95) {
    recipe.push('random');
    text = randomText(rng, rng.logInt(1, 3000));
  } else {
    text = pathological(rng, recipe, opts.maxRepeat ?? 3000);
  }
  if (!large) {
    const n = rng.chance(0.15) ? 0 : rng.logInt(1, 12);
    for (let k = 0; k < n; k++) text = mutate(rng, text, recipe);
  }
  return { index, text, recipe: recipe.join('+') };
}

function sentences(rng: Rng, corpus: FuzzCorpus, n: number): string {
  const out: string[] = [];
  let at = rng.int(0, corpus.sentences.length - 1);
  for (let k = 0; k < n; k++) {
    // Mostly consecutive sentences (attributions stay near their quotes), sometimes a jump.
    if (rng.chance(0.3)) at = rng.int(0, corpus.sentences.length - 1);
    out.push(corpus.sentences[at % corpus.sentences.length]);
    at++;
    if (k < n - 1) out.push(rng.chance(0.75) ? ' ' : rng.pick(NEWLINES));
  }
  return out.join('');
}

function paragraphs(rng: Rng, corpus: FuzzCorpus, n: number): string {
  const out: string[] = [];
  let at = rng.int(0, corpus.paragraphs.length - 1);
  const sep = rng.chance(0.7) ? '\n\n' : rng.pick(NEWLINES);
  for (let k = 0; k < n; k++) {
    if (rng.chance(0.2)) at = rng.int(0, corpus.paragraphs.length - 1);
    out.push(corpus.paragraphs[at++ % corpus.paragraphs.length]);
  }
  return out.join(sep) + (rng.chance(0.5) ? '\n' : '');
}

/** Made-up news sentences built from quote-heavy templates. */
function synthetic(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const words = Array.from({ length: rng.logInt(1, 30) }, () => rng.pick(WORDS)).join(' ');
    const [o, c] = rng.pick(QUOTE_PAIRS);
    const who = rng.pick(NAMES);
    const cue = rng.pick(CUE_WORDS);
    const dash = rng.pick(DASHES);
    const forms = [
      `${o}${words},${c} ${who} ${cue}.`,
      `${who} ${cue}: ${o}${words}.${c}`,
      `${who} ${cue} ${o}${words}${c}.`,
      `${o}${words}${c} ${dash} ${who}`,
      `${who.toUpperCase()}: ${words}.`,
      `${o}${words},${c} ${cue} ${who}, ${o}${words}.${c}`,
      `${o}${words}`,
      `${words}.${c} ${who} ${cue}`,
      `${who} ${cue} that ${words}.`,
      `${o}${words} ${rng.pick(QUOTE_PAIRS)[0]}${words}${rng.pick(QUOTE_PAIRS)[1]} ${words}${c}`,
    ];
    out.push(rng.pick(forms));
    out.push(rng.chance(0.7) ? ' ' : rng.pick(NEWLINES));
  }
  return out.join('');
}

/** Code units drawn from a quote-heavy alphabet (not just printable ones). */
function randomText(rng: Rng, n: number): string {
  const alphabet = rng.pick([
    'abc ABC.,', `${QUOTE_MARKS.join('')} aA.`, `${DASHES.join('')}${QUOTE_MARKS.join('')}\n `,
    'said told he she It Smith “”"\' \n.', `${ODD_UNITS.join('')}a "`,
  ]);
  let s = '';
  for (let k = 0; k < n; k++) {
    if (rng.chance(0.02)) s += String.fromCharCode(rng.int(0, 0xffff));
    else s += alphabet[rng.int(0, alphabet.length - 1)];
  }
  return s;
}

/** Repetitive shapes that make naive scanners and backtracking regexes slow. */
function pathological(rng: Rng, recipe: string[], maxRepeat: number): string {
  const n = rng.logInt(Math.min(50, maxRepeat), maxRepeat);
  const unit = rng.pick([
    '"', '\u201C', '\u201D', '\u2018', "'", '``', "''", '\u00AB', '"a" ', '\u201Cx ', 'said "', ' said, \u201C',
    'John Smith ', 'Mr. ', 'A. ', 'U.S. ', '(', '((', ')', '....', ' \u2014 ', '\u2014', '-', ', ', 'and ',
    'Smith, Jones and Brown said ', '\u201CYes,\u201D he said. ', 'It\u2019s ', '\n', '\r\n', '\n\n', ' ',
    'aaaaaaaaaa', 'He said. ', 'said said said ', '\u201C\u2018\u201C\u2018', '\u2019s ', ': ', 'Q: A: ',
    '1,000 ', '100 km (62 miles) ', '\uFEFF', '\u0000', '\uD800',
  ]);
  recipe.push(`repeat(${JSON.stringify(unit)}x${n})`);
  let s = unit.repeat(n);
  if (rng.chance(0.5)) s = `He said ${s} and left.`;
  return s;
}

/** 10–100 KB: one long paragraph, many paragraphs, or text without a single newline. */
function largeInput(rng: Rng, corpus: FuzzCorpus, recipe: string[]): string {
  const target = rng.logInt(10_000, 100_000);
  const shape = rng.pick(['long-paragraph', 'many-paragraphs', 'no-newlines', 'articles']);
  recipe.push(`large:${shape}:${target}`);
  let s = '';
  while (s.length < target) {
    if (shape === 'articles') s += rng.pick(corpus.articles) + '\n\n';
    else if (shape === 'many-paragraphs') s += rng.pick(corpus.paragraphs) + '\n\n';
    else s += rng.pick(corpus.sentences) + ' ';
  }
  if (shape !== 'articles' && shape !== 'many-paragraphs') s = s.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
  s = s.slice(0, target);
  for (let k = rng.int(0, 20); k > 0; k--) s = insertAt(rng, s, rng.pick(QUOTE_MARKS));
  return s;
}

/** A single line of `bytes` characters of real sentences with stray marks: no newline at all. */
export function hugeLine(rng: Rng, corpus: FuzzCorpus, size: number, recipe: string[]): string {
  recipe.push(`huge-single-line:${size}`);
  const parts: string[] = [];
  let len = 0;
  while (len < size) {
    let s = rng.pick(corpus.sentences).replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
    if (rng.chance(0.05)) s = rng.pick(QUOTE_MARKS) + s;
    parts.push(s, ' ');
    len += s.length + 1;
  }
  return parts.join('').slice(0, size);
}

/** A previous input with light edits: a word changed, a number changed, a mark removed. */
function variantOf(rng: Rng, base: string, recipe: string[]): string {
  let s = base;
  for (let k = rng.int(1, 3); k > 0; k--) {
    const op = rng.int(0, 3);
    if (op === 0) s = s.replace(/\d+/, String(rng.int(0, 5000)));
    else if (op === 1) s = s.replace(/\b(will|is|was|can)\b/, '$1 not');
    else if (op === 2) s = s.replace(/[A-Z][a-z]+ [A-Z][a-z]+/, rng.pick(NAMES));
    else s = mutate(rng, s, recipe);
  }
  return s;
}

function insertAt(rng: Rng, s: string, piece: string): string {
  const at = rng.int(0, s.length);
  return s.slice(0, at) + piece + s.slice(at);
}

/** One random mutation (its name is appended to `recipe`). */
export function mutate(rng: Rng, s: string, recipe: string[]): string {
  const ops: [string, () => string][] = [
    ['mark', () => insertAt(rng, s, rng.pick(QUOTE_MARKS))],
    ['marks', () => {
      let t = s;
      for (let k = rng.int(2, 10); k > 0; k--) t = insertAt(rng, t, rng.pick(QUOTE_MARKS));
      return t;
    }],
    ['wrap', () => {
      // A balanced (or deliberately mismatched) pair around a random span.
      const a = rng.int(0, s.length);
      const b = rng.int(a, Math.min(s.length, a + rng.logInt(1, 400)));
      const [o, c] = rng.pick(QUOTE_PAIRS);
      return s.slice(0, a) + o + s.slice(a, b) + c + s.slice(b);
    }],
    ['nest', () => {
      const a = rng.int(0, s.length);
      const b = rng.int(a, Math.min(s.length, a + 200));
      const m = rng.int(a, b);
      const [o1, c1] = rng.pick(QUOTE_PAIRS);
      const [o2, c2] = rng.pick(QUOTE_PAIRS);
      const inner = rng.chance(0.5) ? c2 + c1 : c1 + c2; // properly nested or crossed
      return s.slice(0, a) + o1 + s.slice(a, m) + o2 + s.slice(m, b) + inner + s.slice(b);
    }],
    ['swap-marks', () => s.replace(/["“”„‟«»‹›‘’‚‛'`´]/g, (c) => (rng.chance(0.3) ? rng.pick(QUOTE_MARKS) : c))],
    ['drop-marks', () => s.replace(/["“”„‟«»‹›‘’‚‛]/g, (c) => (rng.chance(0.5) ? '' : c))],
    ['straighten', () => s.replace(/[“”„‟]/g, '"').replace(/[‘’‚‛]/g, "'")],
    ['guillemets', () => s.replace(/“/g, '«').replace(/”/g, '»')],
    ['dash', () => s.replace(/[—–‒―‐-]|\s-\s|,/g, (c) => (rng.chance(0.4) ? rng.pick(DASHES) : c))],
    ['dash-insert', () => insertAt(rng, s, rng.pick(DASHES))],
    ['odd-unit', () => {
      let t = s;
      for (let k = rng.int(1, 5); k > 0; k--) t = insertAt(rng, t, rng.pick(ODD_UNITS));
      return t;
    }],
    ['surrogate', () => insertAt(rng, s, String.fromCharCode(rng.int(0xd800, 0xdfff)))],
    ['nul', () => insertAt(rng, s, '\u0000'.repeat(rng.logInt(1, 50)))],
    ['bom', () => (rng.chance(0.5) ? '\uFEFF' + s : insertAt(rng, s, '\uFEFF'))],
    ['crlf-mix', () => s.replace(/\r?\n/g, () => rng.pick(NEWLINES))],
    ['no-newlines', () => s.replace(/[\r\n\u2028\u2029\u0085\f\v]+/g, ' ')],
    ['all-newlines', () => s.replace(/ /g, () => (rng.chance(0.3) ? '\n' : ' '))],
    ['truncate', () => s.slice(0, rng.int(0, s.length))],
    ['cut-front', () => s.slice(rng.int(0, s.length))],
    ['upper', () => s.toUpperCase()],
    ['lower', () => s.toLowerCase()],
    ['duplicate', () => {
      const a = rng.int(0, s.length);
      const b = rng.int(a, Math.min(s.length, a + 500));
      return s.slice(0, b) + s.slice(a, b).repeat(rng.logInt(1, 30)) + s.slice(b);
    }],
    ['long-paragraph', () => s.replace(/[\r\n]+/g, ' ').repeat(rng.logInt(1, 6))],
    ['random-unit', () => insertAt(rng, s, String.fromCharCode(rng.int(0, 0xffff)))],
    ['delete', () => {
      const a = rng.int(0, s.length);
      return s.slice(0, a) + s.slice(a + rng.logInt(1, 50));
    }],
    ['nbsp', () => s.replace(/ /g, () => (rng.chance(0.2) ? rng.pick(['\u00A0', '\t', '  ', '\u2009', '\u3000']) : ' '))],
    ['split-surrogate', () => s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, (p) => (rng.chance(0.5) ? p[0] : p[1])) + (rng.chance(0.5) ? '\uD83D' : '')],
  ];
  const [name, fn] = rng.pick(ops);
  recipe.push(name);
  return fn();
}
