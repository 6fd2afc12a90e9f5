/**
 * `npm run bench`: prints performance figures (never asserts them).
 *
 *   node --import tsx [--expose-gc] scripts/bench.ts [--runs N] [--only throughput|workspace]
 *        [--articles N] [--edits N] [--no-fork] [--source]
 *
 * The engine and index modules are bundled with esbuild before they run, as dist/ ships them; --source
 * runs the TypeScript through tsx instead (slower: tsx wraps every function to keep its name).
 * 1. Engine throughput (issue 2): `findQuotations` end to end on real news text — PolNeAR train `.txt`
 *    ($POLNEAR_DIR or <repo>/../shared/corpus/polnear) when present, else the samples repeated to about
 *    20 MB, each copy one article. One warm-up pass over ~1 MB, then N runs (default 5) over the whole
 *    corpus, one article per call; each run prints MB/s (MB = 10^6 bytes of UTF-8, single thread = one
 *    core), per-article p50 / p95 / max ms; then the median of the runs, and RSS (current and peak).
 * 2. Workspace index (issue 3), in a child process so its peak RSS is its own: a deterministic workspace
 *    of 10,000 articles (~40 MB) assembled from real paragraphs (scripts/lib/workspace-gen.ts) is
 *    cold-indexed through `WorkspaceIndex` (server/src/workspace/workspaceIndex.ts: extraction + matcher +
 *    fact index, then every file's results, as the server does before publishing), or, when there is no
 *    WorkspaceIndex, through `QuoteMatcher` (server/src/engine/matching/index.ts) and `FactIndex`
 *    (server/src/engine/facts/index.ts) directly. Then one file is edited 50 times (a word of one of its
 *    quotations changed, then restored, alternately); each edit's time covers re-analysing it and
 *    computing the results of every affected file (debounce excluded). Skipped with a line when none of
 *    those modules can be loaded. With WorkspaceIndex, the engine pieces it drives (server/src/workspace/
 *    analyzers.ts) are timed, which splits the cold index into extraction, matcher, fact index and the
 *    index's own work (copies, packing, line starts), and the results into matcher and fact index; RSS
 *    is printed after each phase and after a full GC (the index's retained size).
 * With --expose-gc, a full GC runs before each measured run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import * as os from 'node:os';
import { buildSync } from 'esbuild';
import * as sourceEngine from '../server/src/engine/index';
import { listSplitTexts, polnearDir } from './lib/polnear';
import { fmt, median, percentile } from './lib/score';
import { Fingerprint, iterateWorkspace, paragraphsOf, type GeneratedArticle } from './lib/workspace-gen';

const REPO_ROOT = path.resolve(__dirname, '..');
let useSource = process.argv.includes('--source');
let findQuotations = sourceEngine.findQuotations;

/**
 * Loads `rel` (a module path under the repository, without extension) the way it ships: bundled by esbuild
 * into one CommonJS file, as in dist/ (tsx's per-module transform adds wrappers the product does not
 * run). With --source, imports the TypeScript through tsx instead.
 */
async function loadModule(rel: string): Promise<Record<string, unknown> | undefined> {
  const entry = ['.ts', '.js'].map((ext) => path.join(REPO_ROOT, rel + ext)).find((f) => fs.existsSync(f));
  if (!entry) return undefined;
  if (useSource) return (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const outfile = path.join(os.tmpdir(), `quote-lens-bench-${process.pid}-${rel.replace(/[\\/]/g, '_')}.cjs`);
  // The options of esbuild.mjs that change the code (see there for `supported`).
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', supported: { 'regexp-unicode-property-escapes': true }, format: 'cjs', outfile, logLevel: 'error', external: ['vscode'] });
  try {
    return require(outfile) as Record<string, unknown>;
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}
const MB = 1e6;
const gc = (globalThis as { gc?: () => void }).gc;

interface Args {
  runs: number;
  only?: 'throughput' | 'workspace';
  articles: number;
  edits: number;
  fork: boolean;
  /** Run the modules from source through tsx instead of as esbuild bundles (what the CLI and server ship). */
  source: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { runs: 5, articles: 10_000, edits: 50, fork: true, source: false };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = (): string => inline ?? argv[++i];
    if (k === '--runs') a.runs = Math.max(1, Number(val()) || 5);
    else if (k === '--only') a.only = val() as Args['only'];
    else if (k === '--articles') a.articles = Math.max(1, Number(val()) || 10_000);
    else if (k === '--edits') a.edits = Math.max(1, Number(val()) || 50);
    else if (k === '--no-fork') a.fork = false;
    else if (k === '--source') a.source = true;
  }
  return a;
}

const mbOf = (bytes: number): string => `${fmt(bytes / MB, 1)} MB`;
const rssNow = (): number => process.memoryUsage().rss;
/** Peak resident set size of this process so far (resourceUsage reports kilobytes). */
const rssPeak = (): number => process.resourceUsage().maxRSS * 1024;

// ─── corpus ───────────────────────────────────────────────────────────────────────────────────────

interface Corpus {
  label: string;
  texts: string[];
}

function readDirTexts(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** The real news texts: PolNeAR train, else the samples (else the seed fixtures). */
function realTexts(): Corpus {
  const dir = polnearDir(REPO_ROOT);
  const train = listSplitTexts(dir, 'train');
  if (train.length) return { label: `PolNeAR train (${train.length} articles, ${path.join(dir, 'train', 'text')})`, texts: train.map((f) => fs.readFileSync(f, 'utf8')) };
  for (const d of ['samples', path.join('test', 'fixtures', 'seeds')]) {
    const texts = readDirTexts(path.join(REPO_ROOT, d));
    if (texts.length) return { label: `${d}/ (${texts.length} files; PolNeAR not found)`, texts };
  }
  throw new Error('no corpus: neither PolNeAR train nor samples/ found');
}

function throughputCorpus(): Corpus {
  const c = realTexts();
  if (c.label.startsWith('PolNeAR')) return c;
  const texts: string[] = [];
  let bytes = 0;
  const sizes = c.texts.map((t) => Buffer.byteLength(t));
  for (let i = 0; bytes < 20 * MB; i++) {
    texts.push(c.texts[i % c.texts.length]);
    bytes += sizes[i % c.texts.length];
  }
  return { label: `${c.label} repeated to ${mbOf(bytes)} (${texts.length} articles)`, texts };
}

// ─── 1. throughput ────────────────────────────────────────────────────────────────────────────────

function throughput(args: Args): void {
  const corpus = throughputCorpus();
  const bytes = corpus.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`== Engine throughput: findQuotations, one article per call, single thread ==`);
  console.log(`corpus: ${corpus.label}, ${mbOf(bytes)}${gc ? '' : ' (run node with --expose-gc for a GC between runs)'}`);

  const tFirst = performance.now();
  let failures = 0;
  const call = (t: string): number => {
    try {
      return findQuotations(t).length;
    } catch {
      failures++;
      return 0;
    }
  };
  call(corpus.texts[0]);
  const firstMs = performance.now() - tFirst;
  let warm = 0;
  const tw = performance.now();
  for (let i = 0; warm < MB && i < corpus.texts.length; i++) {
    call(corpus.texts[i]);
    warm += Buffer.byteLength(corpus.texts[i]);
  }
  console.log(`first call ${fmt(firstMs, 1)} ms (includes lazy loading); warm-up ${mbOf(warm)} in ${fmt((performance.now() - tw) / 1000, 2)} s`);

  const runs: { mbps: number; p50: number; p95: number; max: number; quotes: number; secs: number }[] = [];
  const times = new Float64Array(corpus.texts.length);
  for (let r = 0; r < args.runs; r++) {
    gc?.();
    let quotes = 0;
    const t0 = performance.now();
    for (let i = 0; i < corpus.texts.length; i++) {
      const a = performance.now();
      quotes += call(corpus.texts[i]);
      times[i] = performance.now() - a;
    }
    const secs = (performance.now() - t0) / 1000;
    const list = Array.from(times);
    const run = { mbps: bytes / MB / secs, p50: percentile(list, 50), p95: percentile(list, 95), max: Math.max(...list), quotes, secs };
    runs.push(run);
    console.log(`run ${r + 1}: ${fmt(run.secs, 2)} s = ${fmt(run.mbps, 2)} MB/s; per article p50 ${fmt(run.p50, 2)} ms, p95 ${fmt(run.p95, 2)} ms, max ${fmt(run.max, 1)} ms; ${quotes} quotations`);
  }
  const m = (k: 'mbps' | 'p50' | 'p95' | 'max'): number => median(runs.map((x) => x[k]));
  console.log(`median of ${runs.length}: ${fmt(m('mbps'), 2)} MB/s per core; per article p50 ${fmt(m('p50'), 2)} ms, p95 ${fmt(m('p95'), 2)} ms (target ≥ 5 MB/s)`);
  console.log(`RSS ${mbOf(rssNow())} now, peak ${mbOf(rssPeak())}; heap used ${mbOf(process.memoryUsage().heapUsed)}${failures ? `; ${failures} calls threw` : ''}`);
}

// ─── 2. workspace index ───────────────────────────────────────────────────────────────────────────

/** What the bench needs from the workspace machinery, whichever implementation provides it. */
interface Driver {
  label: string;
  bulkStart(): void;
  setFile(p: string, text: string, source: 'disk' | 'editor'): string[];
  bulkEnd(): void;
  results(p: string): { groups: number; conflicts: number };
  stats(): string;
  /** Milliseconds spent so far in each engine piece, when they can be timed (see PhaseTimer). */
  phases?(): Readonly<Record<Phase, number>>;
}

type Phase = 'extraction' | 'matcher' | 'facts' | 'matcherResults' | 'factResults';

/**
 * Times the engine pieces the workspace index drives, by wrapping them (a Proxy per piece, so optional
 * methods stay optional): the cold index interleaves them per file, so they cannot be timed from outside.
 */
class PhaseTimer {
  readonly ms: Record<Phase, number> = { extraction: 0, matcher: 0, facts: 0, matcherResults: 0, factResults: 0 };

  wrap(analyzers: Record<string, unknown>): Record<string, unknown> {
    const find = analyzers.findQuotations as (text: string) => unknown;
    return {
      ...analyzers,
      findQuotations: (text: string) => this.time('extraction', () => find(text)),
      matcher: this.wrapMethods(analyzers.matcher as object, { setFile: 'matcher', removeFile: 'matcher', groupsForFile: 'matcherResults' }),
      facts: this.wrapMethods(analyzers.facts as object, { setFile: 'facts', removeFile: 'facts', conflictsForFile: 'factResults' }),
    };
  }

  private wrapMethods<T extends object>(target: T, timed: Record<string, Phase>): T {
    return new Proxy(target, {
      get: (t, key) => {
        const v = Reflect.get(t, key, t) as unknown;
        if (typeof v !== 'function') return v;
        const phase = typeof key === 'string' ? timed[key] : undefined;
        const fn = v as (...a: unknown[]) => unknown;
        return phase ? (...a: unknown[]) => this.time(phase, () => fn.apply(t, a)) : fn.bind(t);
      },
    });
  }

  private time<R>(phase: Phase, fn: () => R): R {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.ms[phase] += performance.now() - t0;
    }
  }
}

type Ctor = new (...a: unknown[]) => Record<string, unknown>;

async function tryImport(rel: string): Promise<Record<string, unknown> | undefined> {
  return loadModule(rel);
}

const hasMethods = (o: Record<string, unknown>, names: string[]): boolean => names.every((n) => typeof o[n] === 'function');
const len = (x: unknown): number => (Array.isArray(x) ? x.length : 0);

/** The workspace index's engine pieces, timed; undefined when there is no createAnalyzers to wrap. */
async function phaseTimer(): Promise<{ timer: PhaseTimer; analyzers: Record<string, unknown> } | undefined> {
  try {
    const create = (await tryImport('server/src/workspace/analyzers'))?.createAnalyzers;
    if (typeof create !== 'function') return undefined;
    const timer = new PhaseTimer();
    return { timer, analyzers: timer.wrap(create() as Record<string, unknown>) };
  } catch {
    return undefined;
  }
}

async function loadDriver(): Promise<Driver | string> {
  const problems: string[] = [];
  // Preferred: the WorkspaceIndex that the language server uses.
  for (const rel of ['server/src/workspace/workspaceIndex', 'server/src/workspace/index', 'server/src/lsp/workspaceIndex', 'server/src/lsp/index']) {
    let mod: Record<string, unknown> | undefined;
    try {
      mod = await tryImport(rel);
    } catch (err) {
      problems.push(`${rel}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      continue;
    }
    const C = mod?.WorkspaceIndex as Ctor | undefined;
    if (typeof C !== 'function') continue;
    const timed = await phaseTimer();
    const idx = new C(timed ? { analyzers: timed.analyzers } : {});
    if (!hasMethods(idx, ['setFile', 'resultsForFile'])) {
      problems.push(`${rel}: WorkspaceIndex lacks setFile / resultsForFile`);
      continue;
    }
    const call = (name: string, ...a: unknown[]): unknown => (idx[name] as (...x: unknown[]) => unknown).call(idx, ...a);
    return {
      label: `WorkspaceIndex (${rel}.ts)`,
      bulkStart: () => void (typeof idx.beginBulk === 'function' && call('beginBulk')),
      bulkEnd: () => void (typeof idx.endBulk === 'function' && call('endBulk')),
      setFile: (p, text, source) => {
        const r = call('setFile', p, text, { source }) as { affected?: string[] } | undefined;
        return r?.affected?.length ? r.affected : [p];
      },
      results: (p) => {
        const r = call('resultsForFile', p) as { groups?: unknown; conflicts?: unknown } | undefined;
        return { groups: len(r?.groups), conflicts: len(r?.conflicts) };
      },
      stats: () => (typeof idx.stats === 'function' ? JSON.stringify(call('stats')) : ''),
      phases: timed ? () => ({ ...timed.timer.ms }) : undefined,
    };
  }
  // Else the matcher and the fact index directly.
  let matching: Record<string, unknown> | undefined;
  let facts: Record<string, unknown> | undefined;
  try {
    matching = await tryImport('server/src/engine/matching/index');
    facts = await tryImport('server/src/engine/facts/index');
  } catch (err) {
    problems.push(`matching/facts: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const M = matching?.QuoteMatcher as Ctor | undefined;
  if (typeof M !== 'function') {
    return `workspace bench: skipped (no WorkspaceIndex and no QuoteMatcher in server/src/engine/matching/index.ts${problems.length ? '; ' + problems.join('; ') : ''})`;
  }
  const matcher = new M();
  const F = facts?.FactIndex as Ctor | undefined;
  const factIndex = typeof F === 'function' ? new F() : undefined;
  if (!hasMethods(matcher, ['setFile', 'groupsForFile'])) return 'workspace bench: skipped (QuoteMatcher lacks setFile / groupsForFile)';
  const m = (name: string, ...a: unknown[]): unknown => (matcher[name] as (...x: unknown[]) => unknown).call(matcher, ...a);
  const f = (name: string, ...a: unknown[]): unknown =>
    factIndex && typeof factIndex[name] === 'function' ? (factIndex[name] as (...x: unknown[]) => unknown).call(factIndex, ...a) : undefined;
  const neighbours = (p: string): string[] => {
    const out = new Set<string>();
    for (const g of (m('groupsForFile', p) as { members?: { path: string }[] }[]) ?? []) for (const x of g.members ?? []) out.add(x.path);
    for (const c of (f('conflictsForFile', p) as { a?: { path: string }; b?: { path: string } | null }[] | undefined) ?? []) {
      if (c.a?.path) out.add(c.a.path);
      if (c.b?.path) out.add(c.b.path);
    }
    return [...out];
  };
  let bulk = false;
  return {
    label: `QuoteMatcher${factIndex ? ' + FactIndex' : ' (no FactIndex yet)'} with findQuotations`,
    bulkStart: () => void (bulk = true),
    bulkEnd: () => void (bulk = false),
    setFile: (p, text) => {
      const before = bulk ? [] : neighbours(p);
      m('setFile', p, findQuotations(text));
      f('setFile', p, text);
      return bulk ? [p] : [...new Set([p, ...before, ...neighbours(p)])];
    },
    results: (p) => ({ groups: len(m('groupsForFile', p)), conflicts: len(f('conflictsForFile', p)) }),
    stats: () => '',
  };
}

/** A new version of `text` with one word of a quotation (or of the middle of the text) replaced. */
function editedText(text: string, quoteStart: number, quoteEnd: number, n: number): string {
  const region = text.slice(quoteStart, quoteEnd);
  const m = /\p{L}{4,}/u.exec(region);
  if (!m) return text.slice(0, quoteStart) + `edit${n} ` + text.slice(quoteStart);
  const at = quoteStart + m.index;
  return text.slice(0, at) + `revised${n}` + text.slice(at + m[0].length);
}

/** The cold index split by engine piece; "index" is the workspace index's own share (copies, packing, line starts). */
function printPhases(analyseMs: number, resultsMs: number, a: Readonly<Record<Phase, number>>, r: Readonly<Record<Phase, number>>): void {
  const s = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
  const own = analyseMs - a.extraction - a.matcher - a.facts;
  const matcherRes = r.matcherResults - a.matcherResults;
  const factRes = r.factResults - a.factResults;
  console.log(
    `phases: analyse = extraction ${s(a.extraction)} + matcher ${s(a.matcher)} + facts ${s(a.facts)} + index ${s(own)}; ` +
    `results = matcher ${s(matcherRes)} + facts ${s(factRes)} + index ${s(resultsMs - matcherRes - factRes)}`,
  );
}

/** A `process.cpuUsage()` reading in milliseconds. */
function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

async function workspace(args: Args): Promise<void> {
  console.log(`== Workspace index: ${args.articles.toLocaleString('en-US')} articles, cold index then ${args.edits} edits of one file ==`);
  const driver = await loadDriver();
  if (typeof driver === 'string') {
    console.log(driver);
    return;
  }
  const src = realTexts();
  const pool = paragraphsOf(src.texts);
  src.texts.length = 0; // the pool holds what is needed
  const wsOpts = { articles: args.articles, meanChars: 4000, seed: 20240607 };
  console.log(`workspace: ${args.articles} articles (~4,000 characters each) from ${pool.length} paragraphs of ${src.label}; seed ${wsOpts.seed}`);
  console.log(`driver: ${driver.label}`);
  gc?.();
  const rssBefore = rssNow();
  const heapBefore = process.memoryUsage().heapUsed;

  // Articles are generated one at a time while indexing (as the server reads files one by one), so
  // the bench holds no workspace text; generation time is measured and left out of the index time.
  const paths: string[] = [];
  const fp = new Fingerprint();
  let bytes = 0;
  let genMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  driver.bulkStart();
  const it = iterateWorkspace(pool, wsOpts);
  for (;;) {
    const g0 = performance.now();
    const next = it.next();
    if (next.done) break;
    const x = next.value;
    fp.add(x.path).add(x.text);
    bytes += Buffer.byteLength(x.text);
    genMs += performance.now() - g0;
    paths.push(x.path);
    driver.setFile(x.path, x.text, 'disk');
  }
  driver.bulkEnd();
  const t1 = performance.now();
  const indexPhases = driver.phases?.();
  const rssIndexed = rssNow();
  const peakIndexed = rssPeak();
  let groups = 0;
  let conflicts = 0;
  let withResults = 0;
  for (const p of paths) {
    const r = driver.results(p);
    groups += r.groups;
    conflicts += r.conflicts;
    if (r.groups || r.conflicts) withResults++;
  }
  const t2 = performance.now();
  // Generation is single-threaded JavaScript: its CPU time is its wall time (reading the CPU clock
  // around each article cost more than the generation itself).
  const coldCpu = (cpuMs(process.cpuUsage(cpu0)) - genMs) / 1000;
  const resultPhases = driver.phases?.();
  const rssResults = rssNow();
  const analyse = (t1 - t0 - genMs) / 1000;
  const cold = analyse + (t2 - t1) / 1000;
  const peak = rssPeak();
  const poolBytes = pool.reduce((n, p) => n + Buffer.byteLength(p) + 2, 0);
  console.log(`workspace size ${mbOf(bytes)} (each paragraph used ~${fmt(bytes / poolBytes, 1)} times), fingerprint ${fp.hex()} (generation ${fmt(genMs / 1000, 2)} s, not counted)`);
  console.log(`cold index: ${fmt(cold, 2)} s (analyse + match ${fmt(analyse, 2)} s, results of every file ${fmt((t2 - t1) / 1000, 2)} s) = ${fmt(bytes / MB / cold, 2)} MB/s (target ≤ 10 s)`);
  console.log(`cold index CPU time: ${fmt(coldCpu, 2)} s (user + system, every thread of the process: the main thread and V8's GC helpers; generation left out)`);
  console.log(`peak RSS ${mbOf(peak)} (target ≤ 400 MB; ${mbOf(rssBefore)} before indexing); RSS now ${mbOf(rssNow())}`);
  if (indexPhases && resultPhases) printPhases(analyse * 1000, (t2 - t1), indexPhases, resultPhases);
  console.log(`RSS after analyse + match ${mbOf(rssIndexed)} (peak ${mbOf(peakIndexed)}), after results ${mbOf(rssResults)} (peak ${mbOf(peak)})`);
  if (gc) {
    gc();
    const mem = process.memoryUsage();
    console.log(`after a full GC: RSS ${mbOf(mem.rss)}; heap used ${mbOf(mem.heapUsed)}, of which ${mbOf(mem.heapUsed - heapBefore)} since before indexing (what the index retains), and ${mbOf(mem.arrayBuffers)} of array buffers`);
  }
  const st = driver.stats();
  console.log(`results: ${withResults} files with matches or fact conflicts; per-file results hold ${groups} groups and ${conflicts} fact conflicts in all${st ? `; index stats ${st}` : ''}`);

  // Edits: pick the first file (from a fixed offset) that has matches, so edits touch other files.
  let targetIndex = 0;
  for (let i = 0; i < paths.length; i++) {
    const k = (i + 4321) % paths.length;
    if (driver.results(paths[k]).groups > 0) {
      targetIndex = k;
      break;
    }
  }
  let target: GeneratedArticle | undefined;
  let i = 0;
  for (const x of iterateWorkspace(pool, wsOpts)) if (i++ === targetIndex) {
    target = x;
    break;
  }
  if (!target) throw new Error('edit target not found');
  const quotes = findQuotations(target.text).filter((q) => q.kind !== 'indirect' && q.kind !== 'scare');
  const q = quotes[0] ?? { start: target.text.length >> 1, end: (target.text.length >> 1) + 40 };
  const original = target.text;
  const times: number[] = [];
  const affectedCounts: number[] = [];
  for (let n = 1; n <= args.edits; n++) {
    const text = n % 2 ? editedText(original, q.start, q.end, n) : original;
    const a = performance.now();
    const affected = driver.setFile(target.path, text, 'editor');
    for (const p of affected) driver.results(p);
    times.push(performance.now() - a);
    affectedCounts.push(affected.length);
  }
  console.log(
    `edit ${path.basename(target.path)} ×${args.edits} (re-analyse + results of affected files, debounce excluded): p50 ${fmt(percentile(times, 50), 2)} ms, p95 ${fmt(percentile(times, 95), 2)} ms, max ${fmt(Math.max(...times), 2)} ms (target p95 ≤ 50 ms); affected files per edit: median ${median(affectedCounts)}, max ${Math.max(...affectedCounts)}`,
  );
  console.log(`peak RSS after edits ${mbOf(rssPeak())}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  useSource = args.source;
  if (!useSource) findQuotations = (await loadModule('server/src/engine/index'))!.findQuotations as typeof findQuotations;
  console.log(`modules: ${useSource ? 'TypeScript sources through tsx (--source)' : 'esbuild bundles, as dist/ ships them (--source for the tsx path)'}`);
  const t0 = performance.now();
  if (args.only !== 'workspace') throughput(args);
  if (args.only !== 'throughput') {
    if (args.only !== 'workspace') console.log('');
    if (args.fork && args.only !== 'workspace') {
      // A child process, so that the peak RSS reported is the workspace's alone.
      const childArgs = [...process.execArgv, __filename, '--only', 'workspace', '--articles', String(args.articles), '--edits', String(args.edits), ...(args.source ? ['--source'] : [])];
      const r = spawnSync(process.execPath, childArgs, { stdio: 'inherit' });
      if (r.status !== 0) console.log(`workspace bench: child process failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    } else {
      try {
        await workspace(args);
      } catch (err) {
        console.log(`workspace bench failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        process.exitCode = 1;
      }
    }
  }
  if (args.only !== 'workspace') console.log(`\nbench: ${fmt((performance.now() - t0) / 1000, 1)} s`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
