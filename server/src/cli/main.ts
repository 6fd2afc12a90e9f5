/**
 * `quote-lens`: the engine on the command line, for CI and scripts.
 *
 *   quote-lens extract [--json] PATH…   every quotation with its speaker
 *   quote-lens check [--json] [PATH…]   cross-file matches and conflicts, like a linter (exit 1 on conflict)
 */
import * as path from 'node:path';
import { findQuotations, type Quotation } from '../engine/index';
import { collectTextFiles, readTextFile, DEFAULT_MAX_BYTES, formatBytes } from '../workspace/files';
import { runCheck } from './check';
import { lineColumn } from './positions';

const USAGE = `Usage:
  quote-lens extract [--json] PATH…     list every quotation and who said it
  quote-lens check [--json] [PATH…]     report repeated, reworded and conflicting statements
                                        across the files (default PATH: samples/); exit 1 on a conflict
Options:
  --json          machine-readable output (field names as in the seed gold)
  --max-bytes N   skip files larger than N bytes (default ${formatBytes(DEFAULT_MAX_BYTES)})
  -h, --help      this text`;

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
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const json = rest.includes('--json');
  let maxBytes = DEFAULT_MAX_BYTES;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') continue;
    if (a === '--max-bytes') {
      const n = Number(rest[++i]);
      if (!Number.isFinite(n) || n <= 0) {
        io.err('quote-lens: --max-bytes takes a positive number of bytes');
        return 2;
      }
      maxBytes = n;
      continue;
    }
    if (a.startsWith('-')) {
      io.err(`quote-lens: unknown option ${a}\n${USAGE}`);
      return 2;
    }
    paths.push(a);
  }
  if (command !== 'extract' && command !== 'check') {
    io.err(`quote-lens: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    if (command === 'extract') {
      io.err('quote-lens extract: give at least one file or folder');
      return 2;
    }
    paths.push('samples');
  }
  const files = await loadFiles(paths, maxBytes, io);
  if (files.length === 0) {
    io.err('quote-lens: no readable .txt file found');
    return 1;
  }
  return command === 'extract' ? extract(files, json, io) : runCheck(files, json, io);
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
  }).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`quote-lens: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
