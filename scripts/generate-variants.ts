/**
 * Generates a second outlet's version of real quotations with known edits, to measure the matcher:
 * case and punctuation only, truncation, one or two words changed, a number changed, a negation added
 * or dropped, the speaker swapped. Sources: the samples' gold quotations (with their speakers) and the
 * quotations the engine finds in PolNeAR train when that corpus is present. Deterministic for a seed.
 *
 *   node --import tsx scripts/generate-variants.ts [--seed N] [--out DIR] [--no-polnear]
 *
 * With --out, writes one text file per source article (`"<quote>," <speaker> said.` paragraphs) and a
 * manifest.json of every case, so the cases can also be run through the CLI end to end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findQuotations } from '../server/src/engine/quotations';
import type { Quotation } from '../server/src/engine/types';
import { mulberry32 } from './lib/workspace-gen';

export type EditType = 'case-punctuation' | 'truncation' | 'word-change' | 'number' | 'negation' | 'speaker-swap';

export const EDIT_TYPES: readonly EditType[] = ['case-punctuation', 'truncation', 'word-change', 'number', 'negation', 'speaker-swap'];

/** The relation (and subtype) the matcher should report between a source quotation and its edited copy. */
export const EXPECTED: Record<EditType, { relation: string; subtype?: string }> = {
  'case-punctuation': { relation: 'duplicate' },
  truncation: { relation: 'excerpt' },
  'word-change': { relation: 'variant' },
  number: { relation: 'conflict', subtype: 'number' },
  negation: { relation: 'conflict', subtype: 'negation' },
  'speaker-swap': { relation: 'conflict', subtype: 'speaker' },
};

export interface SourceArticle {
  path: string;
  quotes: Quotation[];
}

export interface GeneratedCase {
  edit: EditType;
  source: { path: string; index: number; quote: Quotation };
  edited: Quotation;
  outletPath: string;
}

export interface GeneratedCorpus {
  sources: SourceArticle[];
  outlets: Array<{ path: string; text: string; quotes: Quotation[] }>;
  cases: GeneratedCase[];
}

const ROOT = path.resolve(__dirname, '..');
export const SEEDS_DIR = path.join(ROOT, 'test/fixtures/seeds');
export const SEEDS_GOLD = path.join(ROOT, 'test/fixtures/seeds-gold/quotes.json');
export const POLNEAR_TRAIN = path.resolve(ROOT, '../shared/corpus/polnear/train/text');

/** The canonical speaker id used when the source has a speaker name only (gold quotes). */
export function speakerIdOf(name: string | null): string | null {
  return name ? name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : null;
}


const MATCHED_KINDS = new Set(['direct', 'partial', 'unmarked']);

/** Seed articles with their gold quotations (speakers as annotated). */
export function loadSeedArticles(): SourceArticle[] {
  const gold = JSON.parse(fs.readFileSync(SEEDS_GOLD, 'utf8')) as Array<Quotation & { file: string }>;
  const byFile = new Map<string, Quotation[]>();
  for (const q of gold) {
    const list = byFile.get(q.file) ?? [];
    list.push({ ...q, speaker_id: speakerIdOf(q.speaker) });
    byFile.set(q.file, list);
  }
  return [...byFile].sort().map(([file, quotes]) => ({ path: `seeds/${file}`, quotes }));
}

/**
 * PolNeAR train articles with the quotations the engine finds. Where the engine names no speaker, the
 * article stands in as one speaker: every quotation of an article then shares a speaker, which is the
 * hard case for precision (same speaker, same topic, different sentence).
 */
export function loadPolnearArticles(limit = Infinity): SourceArticle[] | null {
  if (!fs.existsSync(POLNEAR_TRAIN)) return null;
  const files = fs.readdirSync(POLNEAR_TRAIN).filter((f) => f.endsWith('.txt')).sort().slice(0, limit);
  return files.map((f) => {
    const text = fs.readFileSync(path.join(POLNEAR_TRAIN, f), 'utf8');
    const quotes = findQuotations(text).map((q) =>
      q.speaker_id ? q : { ...q, speaker: `Source of ${f.replace(/\.txt$/, '')}`, speaker_id: `article:${f}` },
    );
    return { path: `polnear/${f}`, quotes };
  });
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
/** Words too common to carry a statement's content (a generous list: "content word" means something here). */
const STOP = new Set(
  ('the a an and or but of in on at to from by for with about as into that this these those it its is are was were be been being ' +
    'have has had do does did will would can could should must may might not no never nobody nothing none nowhere neither ' +
    'i we you he she they them our your his her their us me my what which who when where there here than then so if ' +
    'going like just some more very well really also even still much many other others over only while said says ' +
    'done make made want know think tell told lot lots thing things way ever every such each both').split(' '),
);
const AUXILIARIES = /\b(is|are|was|were|will|would|can|could|should|has|have|had|must|does|did|do)\b(?!\s+(?:not|never)\b)(?!n?[’']t)/i;
const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twenty', 'hundred', 'thousand', 'million', 'billion'];
const SPELLING_SWAPS: Array<[RegExp, string]> = [
  [/defense/i, 'defence'], [/defence/i, 'defense'], [/kilometers/i, 'kilometres'], [/kilometres/i, 'kilometers'],
  [/organization/i, 'organisation'], [/center/i, 'centre'], [/favor/i, 'favour'], [/labor/i, 'labour'],
];

function words(text: string): Array<{ w: string; start: number; end: number }> {
  return [...text.matchAll(WORD_RE)].map((m) => ({ w: m[0], start: m.index!, end: m.index! + m[0].length }));
}

function isContentWord(w: string): boolean {
  return /^\p{L}{4,}$/u.test(w) && !STOP.has(w.toLowerCase());
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

/** Case and punctuation changes only (plus a British/American spelling swap when one applies). */
function editCasePunctuation(text: string, rand: () => number): string {
  const transforms: Array<(s: string) => string> = [
    (s) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"'),
    (s) => (/[,.]$/.test(s) ? s.slice(0, -1) : s + ','),
    (s) => s.charAt(0) === s.charAt(0).toUpperCase() ? s.charAt(0).toLowerCase() + s.slice(1) : s.charAt(0).toUpperCase() + s.slice(1),
    (s) => {
      const ws = words(s).filter((x) => isContentWord(x.w));
      if (ws.length === 0) return s;
      const x = pick(rand, ws);
      return s.slice(0, x.start) + x.w.toUpperCase() + s.slice(x.end);
    },
    (s) => s.replace(/ - | -- /g, ' – ').replace(/ – | — /g, ' - '),
    (s) => s.replace(/, /g, ' ').replace(/; /g, ', '),
    (s) => {
      for (const [re, to] of SPELLING_SWAPS) if (re.test(s)) return s.replace(re, to);
      return s;
    },
  ];
  let out = text;
  for (let i = 0; i < 2 || out === text; i++) out = pick(rand, transforms)(out);
  return out;
}

function editTruncation(text: string, rand: () => number): string | null {
  const ws = words(text);
  if (ws.length < 6) return null;
  const keep = Math.max(3, Math.round(ws.length * (0.4 + 0.4 * rand())));
  const from = Math.floor(rand() * (ws.length - keep + 1));
  const part = ws.slice(from, from + keep);
  if (!part.some((x) => isContentWord(x.w))) return null;
  return text.slice(part[0].start, part[part.length - 1].end);
}

function editWordChange(text: string, rand: () => number, vocabulary: string[]): string | null {
  const ws = words(text);
  const changeable = ws.filter((x) => isContentWord(x.w));
  if (ws.length < 6 || changeable.length < 2) return null;
  const count = ws.length >= 10 && rand() < 0.5 ? 2 : 1;
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rand() * changeable.length));
  let out = text;
  for (const i of [...chosen].sort((a, b) => b - a)) {
    const x = changeable[i];
    let replacement = pick(rand, vocabulary);
    while (replacement.toLowerCase() === x.w.toLowerCase()) replacement = pick(rand, vocabulary);
    if (/^\p{Lu}/u.test(x.w)) replacement = replacement.charAt(0).toUpperCase() + replacement.slice(1);
    out = out.slice(0, x.start) + replacement + out.slice(x.end);
  }
  return out;
}

function editNumber(text: string, rand: () => number): string | null {
  if (words(text).length < 4) return null;
  const digits = /(?<![\p{L}\p{N}])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\p{L}\p{N}])/u.exec(text);
  if (digits) {
    const value = Number(digits[0].replace(/,/g, ''));
    const changed = value + 1 + Math.floor(rand() * Math.max(9, value));
    const shown = digits[0].includes(',') ? changed.toLocaleString('en-US') : String(changed);
    return text.slice(0, digits.index) + shown + text.slice(digits.index + digits[0].length);
  }
  const word = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'i').exec(text);
  if (!word) return null;
  let other = pick(rand, NUMBER_WORDS);
  while (other === word[1].toLowerCase()) other = pick(rand, NUMBER_WORDS);
  return text.slice(0, word.index) + other + text.slice(word.index + word[0].length);
}

function editNegation(text: string): string | null {
  if (words(text).length < 4) return null;
  const dropped = text.replace(/\b(not|never) /i, '');
  if (dropped !== text) return dropped;
  const aux = AUXILIARIES.exec(text);
  if (!aux) return null;
  const at = aux.index + aux[0].length;
  return text.slice(0, at) + ' not' + text.slice(at);
}

function eligibleForSwap(text: string): boolean {
  const ws = words(text);
  return ws.length >= 6 && ws.filter((x) => isContentWord(x.w)).length >= 3;
}

export interface GenerateOptions {
  seed?: number;
  polnear?: boolean;
  polnearLimit?: number;
}

export function generateVariants(options: GenerateOptions = {}): GeneratedCorpus & { polnearPresent: boolean } {
  const rand = mulberry32(options.seed ?? 20240917);
  const seeds = loadSeedArticles();
  const polnear = options.polnear === false ? null : loadPolnearArticles(options.polnearLimit);
  const sources = [...seeds, ...(polnear ?? [])].map((a) => ({
    ...a,
    quotes: a.quotes.filter((q) => MATCHED_KINDS.has(q.kind) && /\p{L}/u.test(q.text)),
  }));

  const vocabulary = [...new Set(sources.flatMap((a) => a.quotes.flatMap((q) => words(q.text).map((x) => x.w.toLowerCase()))))]
    .filter((w) => isContentWord(w) && !NUMBER_WORDS.includes(w) && !/^(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without)$/.test(w))
    .sort();
  const speakers = [...new Map(sources.flatMap((a) => a.quotes.map((q) => [q.speaker_id!, q.speaker!] as const))).entries()]
    .filter(([id]) => id)
    .sort();

  const counts = new Map<EditType, number>(EDIT_TYPES.map((t) => [t, 0]));
  const cases: GeneratedCase[] = [];
  const outlets: GeneratedCorpus['outlets'] = [];
  for (const article of sources) {
    const outletPath = `outlet2/${path.basename(article.path)}`;
    let text = '';
    const quotes: Quotation[] = [];
    article.quotes.forEach((quote, index) => {
      const candidates: Array<[EditType, string, string | null, string | null]> = [];
      const add = (t: EditType, edited: string | null, speaker = quote.speaker, speakerId = quote.speaker_id) => {
        if (edited !== null && edited.trim() !== '') candidates.push([t, edited, speaker, speakerId]);
      };
      // Every edit needs a statement to edit: two or more content words.
      if (words(quote.text).filter((x) => isContentWord(x.w)).length < 2) return;
      add('case-punctuation', editCasePunctuation(quote.text, rand));
      add('truncation', editTruncation(quote.text, rand));
      add('word-change', editWordChange(quote.text, rand, vocabulary));
      add('number', editNumber(quote.text, rand));
      add('negation', editNegation(quote.text));
      if (eligibleForSwap(quote.text) && quote.speaker_id) {
        let other = pick(rand, speakers);
        while (other[0] === quote.speaker_id && speakers.length > 1) other = pick(rand, speakers);
        add('speaker-swap', quote.text, other[1], other[0]);
      }
      // Balance the edit types: each quotation gets the eligible edit used least so far.
      const fewest = Math.min(...candidates.map((c) => counts.get(c[0])!));
      const tied = candidates.filter((c) => counts.get(c[0]) === fewest);
      const [edit, editedText, speaker, speakerId] = pick(rand, tied);
      counts.set(edit, counts.get(edit)! + 1);
      const lead = `"`;
      const start = text.length + lead.length;
      text += `${lead}${editedText}," ${speaker ?? 'Someone'} said.\n\n`;
      const edited: Quotation = {
        kind: 'direct', text: editedText, start, end: start + editedText.length, speaker, speaker_id: speakerId,
        speaker_mention: speaker, mention_start: null, mention_end: null, mention_type: 'name', attribution: 'explicit',
        cue: 'said', cue_start: null, cue_end: null,
      };
      quotes.push(edited);
      cases.push({ edit, source: { path: article.path, index, quote }, edited, outletPath });
    });
    if (quotes.length > 0) outlets.push({ path: outletPath, text, quotes });
  }
  return { sources, outlets, cases, polnearPresent: polnear !== null };
}

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = arg('--seed') !== undefined ? Number(arg('--seed')) : undefined;
  const out = arg('--out');
  const usePolnear = !argv.includes('--no-polnear');
  const corpus = generateVariants({ seed, polnear: usePolnear });
  if (usePolnear && !corpus.polnearPresent) console.log(`PolNeAR train not found at ${POLNEAR_TRAIN}: using the samples only.`);
  const byType = new Map<string, number>();
  for (const c of corpus.cases) byType.set(c.edit, (byType.get(c.edit) ?? 0) + 1);
  console.log(`${corpus.cases.length} cases from ${corpus.sources.length} articles: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  if (!out) return;
  fs.mkdirSync(path.join(out, 'outlet2'), { recursive: true });
  for (const o of corpus.outlets) fs.writeFileSync(path.join(out, o.path), o.text);
  const manifest = corpus.cases.map((c) => ({
    edit: c.edit, expected: EXPECTED[c.edit],
    source: { path: c.source.path, start: c.source.quote.start, end: c.source.quote.end, text: c.source.quote.text, speaker: c.source.quote.speaker },
    edited: { path: c.outletPath, start: c.edited.start, end: c.edited.end, text: c.edited.text, speaker: c.edited.speaker },
  }));
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
  console.log(`wrote ${corpus.outlets.length} outlet files and manifest.json to ${out}`);
}

if (require.main === module) main(process.argv.slice(2));
