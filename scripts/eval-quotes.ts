/**
 * Quotation eval: the engine's `findQuotations` on the seed gold and on PolNeAR dev.
 *
 *   node --import tsx scripts/eval-quotes.ts [--verbose] [--dump DIR] [--only seeds|polnear] [--split dev|train] [--cues]
 *
 * --verbose     list misses, false positives, wrong speakers … with file:line:col, offsets and text
 * --dump DIR    write one file per article (items, engine output, gold) under DIR/seeds and DIR/polnear
 * --only X      run only the seed or only the PolNeAR part
 * --split S     the PolNeAR split: dev (default; the targets) or train (to see that a rule generalises)
 * --cues        print PolNeAR train cue counts with the speech-cue classification, then exit
 *
 * PolNeAR is read from $POLNEAR_DIR, else <repo>/../shared/corpus/polnear; skipped with a message when
 * absent. Definitions of every figure: scripts/lib/seed-eval.ts, scripts/lib/polnear.ts,
 * scripts/lib/polnear-eval.ts. `scripts/eval.ts` runs this and then the matching eval.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findQuotations } from '../server/src/engine/index';
import { scoreSeeds, type GoldQuote, type SeedFile, type SeedResult } from './lib/seed-eval';
import { applyScareAdjudication, cueStats, loadSplit, polnearDir, readScareAdjudication, spanText, SPEECH_PHRASES, SPEECH_VERBS, type PolnearDoc } from './lib/polnear';
import { emptyCounts, finish, scorePolnearDoc, type PolnearResult } from './lib/polnear-eval';
import { countVsMax, formatItem, table, vsTarget, type EngineQuote, type Item } from './lib/report';
import { fmt } from './lib/score';

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface QuotesEvalOptions {
  verbose?: boolean;
  dump?: string;
  only?: 'seeds' | 'polnear';
  /** The PolNeAR split to score (default dev, where the targets are measured; train checks that a rule generalises). */
  split?: 'dev' | 'train';
  /** Where progress and tables go (default console.log). */
  log?: (line: string) => void;
}

export interface QuotesEvalSummary {
  /** Key figures, one short line each, for the final summary block. */
  lines: string[];
  seeds?: SeedResult;
  polnear?: PolnearResult;
  engineErrors: number;
  badSpans: number;
}

interface EngineRun {
  quotes: EngineQuote[];
  error?: string;
  badSpans: string[];
  ms: number;
}

/** Runs the engine on one text; never throws. Quotes with unusable offsets are dropped and reported. */
export function runEngine(text: string): EngineRun {
  const t0 = performance.now();
  let raw: unknown;
  try {
    raw = findQuotations(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { quotes: [], error: `engine threw: ${msg}`, badSpans: [], ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (!Array.isArray(raw)) return { quotes: [], error: 'engine returned no array', badSpans: [], ms };
  const quotes: EngineQuote[] = [];
  const badSpans: string[] = [];
  for (const q of raw as EngineQuote[]) {
    const ok = q && typeof q.start === 'number' && typeof q.end === 'number' && q.start >= 0 && q.end >= q.start && q.end <= text.length;
    if (!ok) {
      badSpans.push(`offsets out of range: ${JSON.stringify({ kind: q?.kind, start: q?.start, end: q?.end })}`);
      continue;
    }
    if (typeof q.text === 'string' && q.text !== text.slice(q.start, q.end)) {
      badSpans.push(`[${q.start},${q.end}) text ${JSON.stringify(q.text.slice(0, 40))} != source ${JSON.stringify(text.slice(q.start, q.start + 40))}`);
    }
    if (q.mention_start != null && q.mention_end != null && typeof q.speaker_mention === 'string' && q.speaker_mention !== text.slice(q.mention_start, q.mention_end)) {
      badSpans.push(`mention [${q.mention_start},${q.mention_end}) ${JSON.stringify(q.speaker_mention)} != source ${JSON.stringify(text.slice(q.mention_start, q.mention_end))}`);
    }
    quotes.push(q);
  }
  return { quotes, badSpans, ms };
}

function parseArgs(argv: readonly string[]): QuotesEvalOptions & { cues?: boolean } {
  const o: QuotesEvalOptions & { cues?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--dump') o.dump = argv[++i];
    else if (a.startsWith('--dump=')) o.dump = a.slice(7);
    else if (a === '--only') o.only = argv[++i] as 'seeds' | 'polnear';
    else if (a.startsWith('--only=')) o.only = a.slice(7) as 'seeds' | 'polnear';
    else if (a === '--cues') o.cues = true;
    else if (a === '--split') o.split = argv[++i] === 'train' ? 'train' : 'dev';
  }
  return o;
}

export { parseArgs as parseEvalArgs };

function writeDump(dir: string, name: string, text: string, items: Item[], quotes: EngineQuote[], gold: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines: string[] = [`# ${name}`, '', `## problems (${items.length})`];
  for (const it of items) lines.push(formatItem(it, text, true));
  lines.push('', `## engine (${quotes.length})`);
  for (const q of [...quotes].sort((a, b) => a.start - b.start)) {
    lines.push(`  [${q.start},${q.end}) ${q.kind} ${q.speaker ?? '—'} (mention ${q.speaker_mention ?? '—'}) «${text.slice(q.start, q.end).replace(/\n/g, ' ⏎ ')}»`);
  }
  lines.push('', `## gold (${gold.length})`, ...gold, '');
  fs.writeFileSync(path.join(dir, name.replace(/\.txt$/, '') + '.txt'), lines.join('\n'));
}

// ─── seeds ────────────────────────────────────────────────────────────────────────────────────────

function runSeeds(o: QuotesEvalOptions, log: (s: string) => void, acc: { errors: number; bad: number }): SeedResult | undefined {
  const seedDir = path.join(REPO_ROOT, 'test', 'fixtures', 'seeds');
  const goldFile = path.join(REPO_ROOT, 'test', 'fixtures', 'seeds-gold', 'quotes.json');
  if (!fs.existsSync(goldFile) || !fs.existsSync(seedDir)) {
    log(`seeds: skipped (no ${path.relative(REPO_ROOT, goldFile)} or ${path.relative(REPO_ROOT, seedDir)})`);
    return undefined;
  }
  const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8')) as GoldQuote[];
  const files: SeedFile[] = [];
  for (const name of fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(seedDir, name), 'utf8');
    const run = runEngine(text);
    if (run.error) {
      acc.errors++;
      log(`  ${name}: ${run.error}`);
    }
    acc.bad += run.badSpans.length;
    if (run.badSpans.length && o.verbose) for (const b of run.badSpans.slice(0, 5)) log(`  ${name}: bad span: ${b}`);
    files.push({ name, text, quotes: run.quotes, error: run.error });
  }
  const r = scoreSeeds(files, gold);
  log(`== Seeds: ${files.length} files (test/fixtures/seeds) vs seeds-gold/quotes.json ==`);
  const k = r.perKind;
  const rows: (string | number)[][] = [
    ['', 'gold', 'engine', 'found', 'P', 'R', 'F1', 'target'],
    ['quotes (direct+partial+unmarked)', r.quotes.gold, r.quotes.pred, r.quotes.tpGold, fmt(r.quotes.precision), fmt(r.quotes.recall), fmt(r.quotes.f1), 'R 1.0'],
    ['  recall direct', k.direct.gold, '', k.direct.found, '', fmt(k.direct.found / k.direct.gold), '', '1.0'],
    ['  recall partial', k.partial.gold, '', k.partial.found, '', fmt(k.partial.found / k.partial.gold), '', '1.0'],
    ['  recall unmarked', k.unmarked.gold, '', k.unmarked.found, '', fmt(k.unmarked.found / k.unmarked.gold), '', '1.0'],
    ['exact-span recall (trimmed)', r.exact.gold, '', r.exact.found, '', fmt(r.exact.found / r.exact.gold), '', '≥0.95'],
    ['kind agrees (matched, alt_kind ok)', r.kindAgree.gold, '', r.kindAgree.found, '', fmt(r.kindAgree.found / r.kindAgree.gold), '', ''],
    ['speaker right (matched)', r.speaker.gold, '', r.speaker.found, '', fmt(r.speaker.found / r.speaker.gold), '', '≥0.97'],
    ['scare reported as statement', r.scare.gold, '', r.scare.asStatement, '', '', '', '0'],
    ['indirect', r.indirect.gold, r.indirect.pred, r.indirect.tpGold, fmt(r.indirect.precision), fmt(r.indirect.recall), fmt(r.indirect.f1), 'R ≥0.70'],
    ['  indirect speaker right (matched)', r.indirect.speaker.gold, '', r.indirect.speaker.found, '', fmt(r.indirect.speaker.found / r.indirect.speaker.gold), '', ''],
  ];
  for (const line of table(rows)) log('  ' + line);
  log(`  (scare: ${r.scare.altAllowed} scare records with alt_kind partial are not counted; match = overlap ≥ 50 % of the longer trimmed span)`);
  if (o.verbose) {
    log(`  -- seed problems (${r.items.length}) --`);
    for (const it of r.items) log(formatItem(it, files.find((f) => f.name === it.file)!.text, false));
  }
  if (o.dump) {
    for (const f of files) {
      const g = gold.filter((x) => x.file === f.name).map((x) => `  [${x.start},${x.end}) ${x.id} ${x.kind}${x.alt_kind ? '/' + x.alt_kind : ''} ${x.speaker ?? '—'} «${x.text}»`);
      writeDump(path.join(o.dump, 'seeds'), f.name, f.text, r.items.filter((i) => i.file === f.name), f.quotes, g);
    }
  }
  return r;
}

// ─── PolNeAR ──────────────────────────────────────────────────────────────────────────────────────

function runPolnear(o: QuotesEvalOptions, log: (s: string) => void, acc: { errors: number; bad: number }): { r: PolnearResult; docs: PolnearDoc[]; note: string } | undefined {
  const dir = polnearDir(REPO_ROOT);
  const split = o.split ?? 'dev';
  if (!fs.existsSync(path.join(dir, split))) {
    log(`PolNeAR: skipped (no ${dir}/${split}; set POLNEAR_DIR to use another copy)`);
    return undefined;
  }
  const { docs, unannotated } = loadSplit(dir, split);
  // The hand adjudication covers dev only.
  const adjudication = split === 'dev' ? readScareAdjudication(REPO_ROOT) : [];
  const stale = applyScareAdjudication(docs, adjudication);
  if (stale.length) log(`  warning: ${stale.length} entries of scripts/data/polnear-dev-scare.json match no gold segment (first: ${stale[0].id})`);
  const c = emptyCounts();
  const items: Item[] = [];
  const texts = new Map<string, string>();
  let engineMs = 0;
  for (const doc of docs) {
    texts.set(doc.name, doc.text);
    const run = runEngine(doc.text);
    engineMs += run.ms;
    if (run.error) {
      acc.errors++;
      log(`  ${doc.name}: ${run.error}`);
    }
    acc.bad += run.badSpans.length;
    if (run.badSpans.length && o.verbose) for (const b of run.badSpans.slice(0, 3)) log(`  ${doc.name}: bad span: ${b}`);
    const docItems: Item[] = [];
    scorePolnearDoc(doc, run.quotes, c, docItems);
    items.push(...docItems);
    if (o.dump) {
      const g = doc.quoteSegments.map((s) => `  Q [${s.span[0].start},${s.span[s.span.length - 1].end}) ${s.content.sourceText ?? '—'} | ${s.content.cueText ?? '—'} «${spanText(doc.text, s.span).replace(/\n/g, ' ⏎ ')}»`)
        .concat(doc.reportedSpeech.map((x) => `  RS [${x.content.segs[0].start},${x.content.segs[x.content.segs.length - 1].end}) ${x.sourceText ?? '—'} | ${x.cueText ?? '—'} «${spanText(doc.text, x.content.segs).replace(/\n/g, ' ⏎ ')}»`));
      writeDump(path.join(o.dump, 'polnear'), doc.name, doc.text, docItems, run.quotes, g);
    }
  }
  const r = finish(c, items);
  const multi = docs.filter((d) => d.annotators.length > 1);
  const byRule = docs.filter((d) => d.annotatorRule === 'sorted').length;
  const note = `gold = first annotator in metadata.tsv order${byRule ? ` (${byRule} by sorted file name)` : ''}; ${multi.length} multi-annotated (${multi.map((d) => d.annotator).join(', ') || '—'})`;
  log(`== PolNeAR ${split}: ${docs.length} articles (${dir}) ==`);
  log(`  ${note}${unannotated.length ? `; ${unannotated.length} without .ann skipped` : ''}`);
  const kb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1024;
  log(`  engine: ${fmt(engineMs / 1000, 2)} s for ${kb.toFixed(0)} KB`);
  const rows: (string | number)[][] = [
    ['', 'gold', 'found', 'value', 'target'],
    ['quote segments recall (engine statements)', r.goldSegments, r.found, fmt(r.recall), '≥0.98'],
    ['  recall counting engine scare too', r.goldSegments, r.foundAny, fmt(r.recallAny), ''],
    ['  adjudicated titles, names, labels (not in gold)', r.adjudicated.segments, `${r.adjudicated.asScare} scare, ${r.adjudicated.asStatement} stmt`, '', ''],
    ['  recall with those counted as gold', r.goldSegments + r.adjudicated.segments, r.found + r.adjudicated.asStatement, fmt(r.rawRecall), ''],
    ['quote precision, engine statements', '', `${r.statements.tp}/${r.statements.tp + r.statements.fp}`, fmt(r.precisionStatements), '≥0.97'],
    ['quote precision, scare-lenient', '', `${r.lenient.tp}/${r.lenient.tp + r.lenient.fp}`, fmt(r.precisionLenient), ''],
    ['quote precision, strict', '', `${r.strict.tp}/${r.strict.tp + r.strict.fp}`, fmt(r.precisionStrict), ''],
    ['  neutral (overlap quote-marked Content)', '', r.strict.neutral, '', ''],
    ['  engine scare: total / no gold Content / = gold', '', `${r.scare.pred} / ${r.scare.noContent} / ${r.scare.matchGold}`, '', ''],
    ['quote F1 (statements P and R)', '', '', fmt(r.quoteF1), ''],
    ['speaker right (matched, with Source)', r.speaker.matched, r.speaker.right, fmt(r.speakerAccuracy), '≥0.90'],
    ['  matched without Source (not scored)', '', r.speaker.noSource, '', ''],
    ['reported speech recall', r.reported.gold, r.reported.tpGold, fmt(r.reportedPRF.recall), ''],
    ['reported speech precision', '', `${r.reported.tpPred}/${r.reported.pred - r.reported.neutral}`, fmt(r.reportedPRF.precision), ''],
    ['  neutral (match another gold Content)', '', r.reported.neutral, '', ''],
    ['reported speech F1', '', '', fmt(r.reportedPRF.f1), '≥0.75'],
    ['  reported speech speaker right', r.reported.speakerMatched, r.reported.speakerRight, fmt(r.reportedSpeakerAccuracy), ''],
  ];
  for (const line of table(rows)) log('  ' + line);
  if (o.verbose) {
    const order = ['MISS', 'MISS(scare)', 'FP', 'SCARE→STMT', 'SPEAKER', 'RS-MISS', 'RS-FP', 'SCARE(gray)'];
    for (const tag of order) {
      const list = items.filter((i) => i.tag === tag);
      if (!list.length) continue;
      log(`  -- ${tag} (${list.length}) --`);
      for (const it of list) log(formatItem(it, texts.get(it.file)!, true));
    }
  }
  return { r, docs, note };
}

export function printCues(log: (s: string) => void): void {
  const dir = polnearDir(REPO_ROOT);
  if (!fs.existsSync(path.join(dir, 'train'))) {
    log(`PolNeAR: no ${dir}/train`);
    return;
  }
  const stats = [...cueStats(dir, 'train')].sort((a, b) => b[1].unquoted - a[1].unquoted);
  let unq = 0;
  let sp = 0;
  for (const [, v] of stats) {
    unq += v.unquoted;
    if (v.speech) sp += v.unquoted;
  }
  log(`PolNeAR train cues (${stats.length} distinct): ${unq} contents without quote marks, ${sp} of them with a speech cue (*)`);
  log(`speech verbs (every inflection): ${SPEECH_VERBS.join(', ')}`);
  log(`speech phrases: ${SPEECH_PHRASES.join(', ')}`);
  log('cue: contents without quote marks / all contents');
  const cells = stats.slice(0, 150).map(([k, v]) => `${v.speech ? '*' : ' '}${k} ${v.unquoted}/${v.all}`);
  for (let i = 0; i < cells.length; i += 5) log('  ' + cells.slice(i, i + 5).map((c) => c.padEnd(28)).join(''));
}

/** Runs the seed and PolNeAR evals, printing their tables; returns the key figures. */
export async function runQuotesEval(o: QuotesEvalOptions = {}): Promise<QuotesEvalSummary> {
  const log = o.log ?? ((s: string) => console.log(s));
  const acc = { errors: 0, bad: 0 };
  const lines: string[] = [];
  let seeds: SeedResult | undefined;
  let pol: ReturnType<typeof runPolnear>;
  if (o.only !== 'polnear') {
    seeds = runSeeds(o, log, acc);
    if (seeds) {
      const k = seeds.perKind;
      lines.push(
        `seeds   quotes P ${fmt(seeds.quotes.precision)} R ${vsTarget(seeds.quotes.recall, 1)} F1 ${fmt(seeds.quotes.f1)} | exact ${vsTarget(seeds.exact.found / seeds.exact.gold, 0.95)} | speaker ${vsTarget(seeds.speaker.found / seeds.speaker.gold, 0.97)} | scare→stmt ${countVsMax(seeds.scare.asStatement, 0)}`,
        `seeds   R direct ${vsTarget(k.direct.found / k.direct.gold, 1, 2)} partial ${vsTarget(k.partial.found / k.partial.gold, 1, 2)} unmarked ${vsTarget(k.unmarked.found / k.unmarked.gold, 1, 2)} | indirect P ${fmt(seeds.indirect.precision)} R ${vsTarget(seeds.indirect.recall, 0.7)} F1 ${fmt(seeds.indirect.f1)}`,
      );
    } else lines.push('seeds   skipped (no gold)');
  }
  if (o.only !== 'seeds') {
    if (seeds) log('');
    pol = runPolnear(o, log, acc);
    if (pol) {
      const r = pol.r;
      lines.push(
        `polnear quotes P ${vsTarget(r.precisionStatements, 0.97)} (statements; with scare quotes ${fmt(r.precisionStrict)}) R ${vsTarget(r.recall, 0.98)} (${r.adjudicated.segments} titles and labels out of gold; with them ${fmt(r.rawRecall)}) | speaker ${vsTarget(r.speakerAccuracy, 0.9)} | reported P ${fmt(r.reportedPRF.precision)} R ${fmt(r.reportedPRF.recall)} F1 ${vsTarget(r.reportedPRF.f1, 0.75)}`,
        `polnear ${o.split ?? 'dev'} ${r.docs} articles: ${r.goldSegments} quote segments, ${r.reported.gold} reported speech; ${pol.note}`,
      );
    } else lines.push('polnear skipped (corpus not found; set POLNEAR_DIR)');
  }
  return { lines, seeds, polnear: pol?.r, engineErrors: acc.errors, badSpans: acc.bad };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.cues) {
    printCues((s) => console.log(s));
    return;
  }
  const t0 = performance.now();
  const s = await runQuotesEval(o);
  console.log('');
  console.log('── summary ──');
  for (const l of s.lines) console.log(l);
  console.log(`engine errors ${s.engineErrors}, bad spans ${s.badSpans}; ${fmt((performance.now() - t0) / 1000, 1)} s`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
}
