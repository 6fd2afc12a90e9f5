/**
 * `quote-lens`: the engine on the command line, for CI and scripts (usage below). Every skipped path
 * gets one line on stderr; the run goes on with the rest.
 */
import * as path from 'node:path';
import { findQuotations, type Quotation } from '../engine/index';
import { collectTextFiles, readTextFile, DEFAULT_MAX_BYTES, formatBytes } from '../workspace/files';
import { runCheck, type CheckFormat } from './check';
import { runExport } from './export';
import { indexFiles, type FailOn } from './findings';
import { lineColumn } from './positions';
import { progressBar } from './progress';

declare const QUOTE_LENS_VERSION: string | undefined;
/** Set by esbuild from package.json; "dev" when run from the sources. */
const VERSION = typeof QUOTE_LENS_VERSION === 'string' ? QUOTE_LENS_VERSION : 'dev';

const USAGE = `Usage:
  quote-lens extract [--json] PATH…            list every quotation and who said it
  quote-lens check [options] [PATH…]           report repeated, reworded and conflicting statements across
                                               the files (default PATH: samples/), like a linter
  quote-lens export --csv|--jsonl [PATH…]      every quotation with file, line, speaker, kind and match counts
Options:
  --json                  machine-readable output (field names as in the seed gold)
  --format F              check's output: text (default), json, sarif (SARIF 2.1.0) or csv
  --fail-on R             check's exit code: 1 on a conflict (default), on a conflict or variant, or never (none)
  --max-bytes N           skip files larger than N bytes (default ${formatBytes(DEFAULT_MAX_BYTES)})
  --no-progress           no progress bar on a terminal
  -h, --help              this text
  -v, --version           the version`;

const FORMATS = new Set<CheckFormat>(['text', 'json', 'sarif', 'csv']);
const FAIL_ON = new Set<FailOn>(['conflict', 'variant', 'none']);

export interface LoadedFile {
  path: string;
  /** Path as shown to the user: relative to the working folder when inside it. */
  display: string;
  text: string;
}

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** Set when stderr is a terminal: the progress bar draws through it. */
  progress?: (s: string) => void;
}

interface Options {
  format: CheckFormat;
  failOn: FailOn;
  exportAs: 'csv' | 'jsonl' | null;
  maxBytes: number;
  progress: boolean;
  paths: string[];
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    io.out(VERSION);
    return 0;
  }
  if (command !== 'extract' && command !== 'check' && command !== 'export') {
    io.err(`quote-lens: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  const opts = parseOptions(rest, io);
  if (typeof opts === 'number') return opts;
  if (opts.paths.length === 0) {
    if (command === 'extract') {
      io.err('quote-lens extract: give at least one file or folder');
      return 2;
    }
    opts.paths.push('samples');
  }
  if (command === 'export' && !opts.exportAs) {
    io.err('quote-lens export: choose --csv or --jsonl');
    return 2;
  }
  const files = await loadFiles(opts.paths, opts.maxBytes, io);
  if (files.length === 0) {
    io.err('quote-lens: no readable .txt file found');
    return 1;
  }
  if (command === 'extract') return extract(files, opts.format === 'json', io);
  // A progress bar only for people watching a terminal, never in machine-readable output.
  const bar = opts.progress && io.progress && opts.format === 'text' && command === 'check' ? progressBar(io.progress) : undefined;
  const index = indexFiles(files, (m) => io.err(`quote-lens: ${m}`), bar);
  return command === 'check'
    ? runCheck(index, files, opts.format, opts.failOn, io, VERSION)
    : runExport(index, files, opts.exportAs ?? 'csv', io);
}

function parseOptions(args: string[], io: CliIO): Options | number {
  const opts: Options = { format: 'text', failOn: 'conflict', exportAs: null, maxBytes: DEFAULT_MAX_BYTES, progress: true, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--json': opts.format = 'json'; break;
      case '--csv': opts.exportAs = 'csv'; break;
      case '--jsonl': opts.exportAs = 'jsonl'; break;
      case '--no-progress': opts.progress = false; break;
      case '--format': {
        const f = value() as CheckFormat;
        if (!FORMATS.has(f)) { io.err(`quote-lens: --format takes text, json, sarif or csv`); return 2; }
        opts.format = f;
        break;
      }
      case '--fail-on': {
        const f = value() as FailOn;
        if (!FAIL_ON.has(f)) { io.err(`quote-lens: --fail-on takes conflict, variant or none`); return 2; }
        opts.failOn = f;
        break;
      }
      case '--max-bytes': {
        const n = Number(value());
        if (!Number.isFinite(n) || n <= 0) { io.err('quote-lens: --max-bytes takes a positive number of bytes'); return 2; }
        opts.maxBytes = n;
        break;
      }
      default:
        if (a.startsWith('-')) { io.err(`quote-lens: unknown option ${a}\n${USAGE}`); return 2; }
        opts.paths.push(a);
    }
  }
  return opts;
}

/** Collects and reads the `.txt` files under `paths`; each skipped path gets one line on stderr. */
async function loadFiles(paths: string[], maxBytes: number, io: CliIO): Promise<LoadedFile[]> {
  const resolved = paths.map((p) => path.resolve(io.cwd, p));
  const { files, skipped } = await collectTextFiles(resolved, { maxBytes });
  for (const s of skipped) io.err(`quote-lens: skipped ${display(s.path, io.cwd)}: ${s.reason}`);
  const out: LoadedFile[] = [];
  for (const f of files) {
    const r = await readTextFile(f, maxBytes);
    if ('skipped' in r) {
      io.err(`quote-lens: skipped ${display(f, io.cwd)}: ${r.skipped}`);
      continue;
    }
    if (r.note) io.err(`quote-lens: note: ${display(f, io.cwd)}: ${r.note}`);
    out.push({ path: f, display: display(f, io.cwd), text: r.text });
  }
  return out;
}

function display(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function extract(files: LoadedFile[], json: boolean, io: CliIO): number {
  const results: { path: string; quotes: Quotation[] }[] = [];
  let failed = 0;
  for (const f of files) {
    try {
      results.push({ path: f.display, quotes: findQuotations(f.text) });
    } catch (err) {
      // One file's failure must not hide the others' results.
      failed++;
      io.err(`quote-lens: analysis failed for ${f.display}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  if (json) {
    io.out(JSON.stringify({ files: results }, null, 2));
  } else {
    for (const [i, r] of results.entries()) {
      const text = files.find((f) => f.display === r.path)?.text ?? '';
      for (const q of r.quotes) io.out(formatQuote(r.path, text, q));
      if (i < results.length - 1 && r.quotes.length > 0) io.out('');
    }
  }
  return failed === files.length ? 1 : 0;
}

/** `file:line:col kind speaker — "quote…"` */
export function formatQuote(file: string, text: string, q: Quotation): string {
  const { line, column } = lineColumn(text, q.start);
  const words = q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text;
  return `${file}:${line}:${column} ${q.kind} ${q.speaker ?? '(no speaker)'} — "${words}"`;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd(),
    progress: process.stderr.isTTY ? (s) => process.stderr.write(s) : undefined,
  }).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`quote-lens: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
