/**
 * PolNeAR loader and gold definitions for `npm run eval` (see /work/shared/corpus/polnear/README.md).
 *
 * Layout: `<split>/text/<name>.txt`, `<split>/attributions/<name>_<annotator>.ann` (BRAT standoff,
 * UTF-16 offsets into the text read as UTF-8 — the texts have no astral characters — end exclusive,
 * discontinuous spans as `a b;c d`). `metadata.tsv` lists the annotators of each article.
 *
 * Gold annotator: the first annotator of the article in the `annotators` column of metadata.tsv
 * (`4b22|4e07|…`) that has an `.ann` file; when the article is missing from metadata.tsv, the first
 * `.ann` file by sorted name. In dev, 82 articles have one annotator and 2 have six; for those two the
 * metadata order and the sorted file names agree (4b22).
 *
 * Gold quote segments: for every Content span (of an Attribution or Attribution-no-source), the parts of
 * it that lie between a pair of quotation marks found by `findQuotedSpans` (straight, curly, `''`, single
 * marks at top level). A quotation that encloses the content, or lies inside it, or both, gives the
 * intersection of the quoted characters with the content. A content with at least one such segment is a
 * *quote-marked content*.
 *
 * Gold reported speech: a Content that is not quote-marked and whose Cue is a speech cue
 * ({@link isSpeechCue}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findQuotedSpans } from './quotemarks';
import { trimSpan, type Seg } from './score';

export interface AnnSpan {
  id: string;
  type: string;
  segs: Seg[];
}

export interface AnnAttribution {
  id: string;
  /** `Attribution` or `Attribution-no-source`. */
  type: string;
  contents: AnnSpan[];
  cue: AnnSpan | null;
  source: AnnSpan | null;
}

export interface ParsedAnn {
  spans: Map<string, AnnSpan>;
  attributions: AnnAttribution[];
}

/** Parses a BRAT `.ann` file. Lines that are not T or E records (notes, wrapped span text) are ignored. */
export function parseAnn(content: string): ParsedAnn {
  const spans = new Map<string, AnnSpan>();
  const events: { id: string; args: string[] }[] = [];
  for (const line of content.split(/\r?\n/)) {
    const t = /^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)/.exec(line);
    if (t) {
      const segs = t[3].split(';').map((p) => {
        const [a, b] = p.split(' ').map(Number);
        return { start: a, end: b };
      });
      segs.sort((x, y) => x.start - y.start);
      spans.set(t[1], { id: t[1], type: t[2], segs });
      continue;
    }
    const e = /^(E\d+)\t(.*)$/.exec(line);
    if (e) events.push({ id: e[1], args: e[2].trim().split(/\s+/) });
  }
  const attributions: AnnAttribution[] = [];
  for (const ev of events) {
    const [head, ...roles] = ev.args;
    const type = head.split(':')[0];
    const a: AnnAttribution = { id: ev.id, type, contents: [], cue: null, source: null };
    for (const r of roles) {
      const [role, ref] = r.split(':');
      const sp = spans.get(ref);
      if (!sp) continue;
      if (/^Content\d*$/.test(role)) a.contents.push(sp);
      else if (/^Cue\d*$/.test(role)) a.cue ??= sp;
      else if (/^Source\d*$/.test(role)) a.source ??= sp;
    }
    if (a.contents.length) attributions.push(a);
  }
  return { spans, attributions };
}

/**
 * Speech cues. Built from the train split's cue frequencies (`npm run -s eval -- --cues` prints them with
 * this classification): communication verbs that take a propositional complement, in every inflection,
 * plus a few fixed phrases. Left out on purpose: cognition and evidence (think, believe, want, hope,
 * show, find, see, appear, seem), NP-only or directive uses (call, ask, urge, criticize, praise, endorse,
 * support, refer to, cite, decline, refuse, agree), commissives (promise, pledge, vow, threaten), and the
 * bare ":" cue.
 */
export const SPEECH_VERBS: readonly string[] = [
  'say', 'tell', 'add', 'write', 'state', 'note', 'report', 'announce', 'claim', 'argue', 'explain',
  'declare', 'insist', 'reply', 'respond', 'warn', 'tweet', 'acknowledge', 'admit', 'deny', 'suggest',
  'recall', 'stress', 'assert', 'confirm', 'remark', 'concede', 'predict', 'reveal', 'emphasize',
  'emphasise', 'complain', 'contend', 'testify', 'allege', 'boast', 'brag', 'joke', 'quip', 'comment',
  'reiterate', 'repeat', 'affirm', 'disclose', 'observe', 'retort', 'counter', 'accuse', 'charge',
  'conclude', 'estimate', 'speculate', 'maintain', 'answer', 'lament', 'muse', 'concur', 'assure',
  'inform', 'caution',
];

/** Multi-word speech cues matched as phrases (lower case). */
export const SPEECH_PHRASES: readonly string[] = [
  'according to', 'point out', 'points out', 'pointed out', 'pointing out', 'make clear', 'makes clear',
  'made clear', 'making clear', 'in a statement', 'in an interview', 'quoted as saying',
];

const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
};

/** Verbs that double their final consonant (admit → admitted, quip → quipped). */
const DOUBLING = new Set(['admit', 'quip', 'concur', 'brag']);

/** The inflections of an English verb lemma (enough for the list above). */
export function inflect(lemma: string): string[] {
  if (IRREGULAR[lemma]) return IRREGULAR[lemma];
  let third: string;
  let past: string;
  let ing: string;
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    [third, past, ing] = [stem + 'ies', stem + 'ied', lemma + 'ing'];
  } else if (lemma.endsWith('e')) {
    [third, past, ing] = [lemma + 's', lemma + 'd', lemma.slice(0, -1) + 'ing'];
  } else {
    const stem = DOUBLING.has(lemma) ? lemma + lemma.slice(-1) : lemma;
    third = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's';
    [past, ing] = [stem + 'ed', stem + 'ing'];
  }
  return [lemma, third, past, ing];
}

const SPEECH_WORDS = new Set(SPEECH_VERBS.flatMap(inflect));

/** True when a cue (its text) contains a speech verb form or a speech phrase. */
export function isSpeechCue(cue: string | null | undefined): boolean {
  if (!cue) return false;
  const lower = cue.toLowerCase().replace(/[\u2019']/g, "'");
  if (/\bcalled (for|on)\b/.test(lower)) return false;
  for (const p of SPEECH_PHRASES) if (lower.includes(p)) return true;
  for (const w of lower.match(/[a-z]+/g) ?? []) if (SPEECH_WORDS.has(w)) return true;
  return false;
}

export interface GoldContent {
  attribution: AnnAttribution;
  content: AnnSpan;
  cueText: string | null;
  sourceText: string | null;
  /** The quote-marked parts (empty when the content has no quotation marks). */
  quoteSegments: Seg[][];
  speechCue: boolean;
}

export interface GoldQuoteSegment {
  span: Seg[];
  content: GoldContent;
}

export interface PolnearDoc {
  name: string;
  split: string;
  text: string;
  /** The annotator whose file is gold, and every annotator with a file. */
  annotator: string;
  annotators: string[];
  /** How the gold annotator was chosen: 'metadata' or 'sorted'. */
  annotatorRule: 'metadata' | 'sorted';
  contents: GoldContent[];
  quoteSegments: GoldQuoteSegment[];
  /**
   * Quote-marked parts of Content taken out of `quoteSegments` by the adjudication list (titles, names and
   * labels: scare quotes by the seeds gold's rules; see `applyScareAdjudication`).
   */
  scareSegments: GoldQuoteSegment[];
  /** Quote-free contents with a speech cue. */
  reportedSpeech: GoldContent[];
}

export function spanText(text: string, segs: readonly Seg[]): string {
  return segs.map((s) => text.slice(s.start, s.end)).join(' … ');
}

/** Derives the gold sets of one article from its text and parsed annotation. */
export function deriveGold(text: string, ann: ParsedAnn): Pick<PolnearDoc, 'contents' | 'quoteSegments' | 'reportedSpeech'> {
  const quoted = findQuotedSpans(text);
  const contents: GoldContent[] = [];
  const quoteSegments: GoldQuoteSegment[] = [];
  const reportedSpeech: GoldContent[] = [];
  for (const a of ann.attributions) {
    const cueText = a.cue ? spanText(text, a.cue.segs) : null;
    const sourceText = a.source ? spanText(text, a.source.segs) : null;
    for (const c of a.contents) {
      const lo = c.segs[0].start;
      const hi = c.segs[c.segs.length - 1].end;
      const gc: GoldContent = {
        attribution: a, content: c, cueText, sourceText, quoteSegments: [], speechCue: isSpeechCue(cueText),
      };
      for (const q of quoted) {
        if (q.end <= lo || q.start >= hi) continue;
        const parts: Seg[] = [];
        for (const s of c.segs) {
          const x = Math.max(s.start, q.start);
          const y = Math.min(s.end, q.end);
          if (y > x) parts.push({ start: x, end: y });
        }
        if (parts.length && trimSpan(text, parts).length) gc.quoteSegments.push(parts);
      }
      contents.push(gc);
      for (const qs of gc.quoteSegments) quoteSegments.push({ span: qs, content: gc });
      if (!gc.quoteSegments.length && gc.speechCue) reportedSpeech.push(gc);
    }
  }
  quoteSegments.sort((x, y) => x.span[0].start - y.span[0].start);
  return { contents, quoteSegments, reportedSpeech };
}

/** Reads metadata.tsv: article name -> annotators in listed order. */
export function readAnnotatorOrder(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const file = path.join(dir, 'metadata.tsv');
  if (!fs.existsSync(file)) return out;
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const iName = header.indexOf('filename');
  const iAnn = header.indexOf('annotators');
  if (iName < 0 || iAnn < 0) return out;
  for (const line of lines.slice(1)) {
    const cols = line.split('\t');
    if (cols.length <= Math.max(iName, iAnn)) continue;
    out.set(cols[iName], cols[iAnn].split('|').filter(Boolean));
  }
  return out;
}

/** The PolNeAR folder: `$POLNEAR_DIR`, else `<repo>/../shared/corpus/polnear`. */
export function polnearDir(repoRoot: string): string {
  return process.env.POLNEAR_DIR ? path.resolve(process.env.POLNEAR_DIR) : path.resolve(repoRoot, '..', 'shared', 'corpus', 'polnear');
}

/** Lists the `.txt` files of a split (sorted), or [] when the folder is missing. */
export function listSplitTexts(dir: string, split: string): string[] {
  const textDir = path.join(dir, split, 'text');
  if (!fs.existsSync(textDir)) return [];
  return fs.readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(textDir, f));
}

/** Loads a split with gold; articles without any `.ann` file are returned in `unannotated`. */
export function loadSplit(dir: string, split: string): { docs: PolnearDoc[]; unannotated: string[] } {
  const order = readAnnotatorOrder(dir);
  const annDir = path.join(dir, split, 'attributions');
  const annFiles = fs.existsSync(annDir) ? fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort() : [];
  const byName = new Map<string, string[]>();
  for (const f of annFiles) {
    const m = /^(.*)_([^_]+)\.ann$/.exec(f);
    if (!m) continue;
    const list = byName.get(m[1]) ?? [];
    list.push(m[2]);
    byName.set(m[1], list);
  }
  const docs: PolnearDoc[] = [];
  const unannotated: string[] = [];
  for (const file of listSplitTexts(dir, split)) {
    const name = path.basename(file, '.txt');
    const annotators = byName.get(name) ?? [];
    if (!annotators.length) {
      unannotated.push(name);
      continue;
    }
    const listed = (order.get(name) ?? []).filter((a) => annotators.includes(a));
    const annotator = listed.length ? listed[0] : annotators[0];
    const text = fs.readFileSync(file, 'utf8');
    const ann = parseAnn(fs.readFileSync(path.join(annDir, `${name}_${annotator}.ann`), 'utf8'));
    docs.push({
      name, split, text, annotator, annotators, annotatorRule: listed.length ? 'metadata' : 'sorted',
      ...deriveGold(text, ann),
      scareSegments: [],
    });
  }
  return { docs, unannotated };
}

/** Cue statistics of a split, for documenting the speech-cue list: cue text (lower case) -> counts. */
export function cueStats(dir: string, split: string): Map<string, { all: number; unquoted: number; speech: boolean }> {
  const stats = new Map<string, { all: number; unquoted: number; speech: boolean }>();
  for (const doc of loadSplit(dir, split).docs) {
    for (const c of doc.contents) {
      const key = (c.cueText ?? '(none)').toLowerCase().replace(/\s+/g, ' ').trim();
      const s = stats.get(key) ?? { all: 0, unquoted: 0, speech: isSpeechCue(c.cueText) };
      s.all++;
      if (!c.quoteSegments.length) s.unquoted++;
      stats.set(key, s);
    }
  }
  return stats;
}

/** One adjudicated gold segment: `id` is `<article>:<start>:<end>` of the segment as `deriveGold` makes it. */
export interface ScareAdjudication {
  id: string;
  text: string;
  category: string;
  reason: string;
}

/**
 * PolNeAR annotates attributions, not quotation marks, so every quote-marked part of a Content is a gold
 * quote segment, titles and names included (“Shark Tank”, “The Apprentice”). The project's own gold rules
 * (seeds-gold README: titles, names and labels are scare quotes, never statements) were applied by hand,
 * blind to the engine's output, in scripts/data/polnear-dev-scare.json; the segments listed there move from
 * `quoteSegments` to `scareSegments`. Returns the entries that no longer match the corpus (wrong text).
 */
export function applyScareAdjudication(docs: PolnearDoc[], entries: readonly ScareAdjudication[]): ScareAdjudication[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const used = new Set<string>();
  const stale: ScareAdjudication[] = [];
  for (const doc of docs) {
    const keep: GoldQuoteSegment[] = [];
    for (const g of doc.quoteSegments) {
      const id = `${doc.name}:${g.span[0].start}:${g.span[g.span.length - 1].end}`;
      const e = byId.get(id);
      if (!e) {
        keep.push(g);
        continue;
      }
      used.add(id);
      if (spanText(doc.text, g.span) !== e.text) {
        stale.push(e);
        keep.push(g);
        continue;
      }
      doc.scareSegments.push(g);
    }
    doc.quoteSegments = keep;
  }
  for (const e of entries) if (!used.has(e.id)) stale.push(e);
  return stale;
}

/** The adjudication list shipped with the scripts (empty when the file is missing). */
export function readScareAdjudication(repoRoot: string): ScareAdjudication[] {
  const file = path.join(repoRoot, 'scripts', 'data', 'polnear-dev-scare.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScareAdjudication[]) : [];
}
