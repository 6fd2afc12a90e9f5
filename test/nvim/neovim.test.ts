/**
 * A second, independent LSP client: Debian's Neovim, headless, with its built-in LSP client configured by the
 * README's Neovim snippet (extracted from README.md at test time, so the README and the test cannot drift),
 * attached to the bundled server (through the real `bin/quote-lens-server` shim) on a copy of samples/.
 * test/nvim/harness.lua reads the diagnostics back through `vim.diagnostic.get` and a hover through
 * `vim.lsp.buf_request_sync`, and writes them as JSON; the assertions are checked against the sample text
 * and the seed gold (conflict C01, duplicate pair M3).
 *
 * Skips when `nvim` is not installed, except under CI (`CI` set), where a missing nvim fails.
 */
import { before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverBundle } from '../lsp/client';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLES = path.join(ROOT, 'samples');
const GOLD = path.join(ROOT, 'test', 'fixtures', 'seeds-gold');
const HARNESS = path.join(__dirname, 'harness.lua');
/** Neovim's own waits (attach, diagnostics, hover) time out before this outer limit. */
const WAIT_MS = 30_000;
const KILL_AFTER_MS = 90_000;

const FILE_000 = '000_2c6bdf8bfe82f281.txt';
const FILE_002 = '002_dce29dcf82e0f63b.txt';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code?: string;
  source?: string;
  message: string;
  related: Array<{ uri: string; range: Range; message: string }>;
  has_related: boolean;
}
interface HarnessResult {
  errors: string[];
  events: Array<{ at_ms: number; what: string }>;
  nvim: string;
  filetype: string;
  client_name: string;
  clients_started: number;
  client_related_information: boolean;
  server_pid?: number;
  server_capabilities: Record<string, unknown>;
  root_dir: string;
  diagnostics_complete: boolean;
  files: Record<string, NvimDiagnostic[]>;
  hover?: { supported: boolean; params: unknown; result?: unknown; text?: string; error?: string };
  elapsed_ms: number;
}

/** The first ```lua block between the README's editors markers: the Neovim configuration users copy. */
export function readmeNeovimSnippet(readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')): string {
  const start = readme.indexOf('<!-- editors:start -->');
  const end = readme.indexOf('<!-- editors:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no <!-- editors:start --> … <!-- editors:end --> section');
  const m = /^```lua[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/m.exec(readme.slice(start, end));
  if (!m) throw new Error('the README editors section has no ```lua block');
  return m[1];
}

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.split('\n')[0].trim();
}

/** Offset (UTF-16) → 0-based line and the byte column Neovim's vim.diagnostic uses. */
function bytePos(text: string, offset: number): { line: number; col: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: Buffer.byteLength(text.slice(lineStart, offset), 'utf8') };
}

/** Offset (UTF-16) → LSP position. */
function lspPos(text: string, offset: number): { line: number; character: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const { line } = bytePos(text, offset);
  return { line, character: offset - lineStart };
}

/** The text a vim.diagnostic covers (byte columns) in a file's text. */
function textOfDiagnostic(text: string, d: NvimDiagnostic): string {
  const lines = text.split('\n');
  assert.equal(d.lnum, d.end_lnum, 'single-line diagnostic');
  return Buffer.from(lines[d.lnum], 'utf8').subarray(d.col, d.end_col).toString('utf8');
}

const trimPunct = (s: string): string => s.replace(/[\s.,;:!?'"’”]+$/u, '');

interface NeovimRun {
  result: HarnessResult;
  ws: string;
  ms: number;
  pidAlive: () => boolean;
}

/** Runs headless Neovim with the README snippet on a copy of the samples; resolves with the harness output. */
async function runNeovim(): Promise<NeovimRun> {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ql-nvim-')));
  const ws = path.join(tmp, 'news');
  fs.mkdirSync(ws);
  for (const f of fs.readdirSync(SAMPLES)) if (f.endsWith('.txt')) fs.copyFileSync(path.join(SAMPLES, f), path.join(ws, f));

  // The real bin shim (bin/quote-lens-server.js requires ../dist/server.js) over a fresh bundle.
  fs.mkdirSync(path.join(tmp, 'bin'));
  fs.mkdirSync(path.join(tmp, 'dist'));
  const bundle = await serverBundle();
  fs.copyFileSync(bundle, path.join(tmp, 'dist', 'server.js'));
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true }); // each test file runs in its own process
  const shim = path.join(tmp, 'bin', 'quote-lens-server');
  fs.copyFileSync(path.join(ROOT, 'bin', 'quote-lens-server.js'), shim);
  fs.chmodSync(shim, 0o755);

  const snippet = path.join(tmp, 'init.lua');
  fs.writeFileSync(snippet, readmeNeovimSnippet());
  const outFile = path.join(tmp, 'result.json');

  const c01 = JSON.parse(fs.readFileSync(path.join(GOLD, 'conflicts.json'), 'utf8')).find((x: { id: string }) => x.id === 'C01');
  const text002 = fs.readFileSync(path.join(ws, FILE_002), 'utf8');
  const hoverAt = text002.indexOf('“A representative of the U.S. military command in Al Udeid') + 3;
  assert.ok(hoverAt > 3, 'the Konashenkov quotation is in 002');
  const hp = bytePos(text002, hoverAt);

  const env = {
    ...process.env,
    PATH: `${path.join(tmp, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_STATE_HOME: path.join(tmp, 'state'), // Neovim's lsp.log goes here, not into the user's home
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    QL_WS: ws,
    QL_OPEN: [FILE_000, FILE_002].join(';'),
    QL_FILES: fs.readdirSync(ws).filter((f) => f.endsWith('.txt')).join(';'),
    QL_WAIT_FOR: [`${c01.a.file}=fact-conflict`, `${c01.b.file}=fact-conflict`, `${FILE_000}=quote-duplicate`].join(';'),
    QL_HOVER: `${FILE_002};${hp.line};${hp.col}`,
    QL_TIMEOUT_MS: String(WAIT_MS),
    QL_OUT: outFile,
  };
  const started = Date.now();
  // Its own process group, so a hung run can be killed with everything it started.
  const proc = spawn('nvim', ['--headless', '--clean', '-u', snippet, '-c', `luafile ${HARNESS.replace(/[ \\%#|"]/g, '\\$&')}`], {
    cwd: ws,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const killer = setTimeout(() => {
      process.stderr.write(`[nvim] still running after ${KILL_AFTER_MS} ms: killed\n`);
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, KILL_AFTER_MS);
    proc.once('exit', (c) => {
      clearTimeout(killer);
      resolve(c);
    });
  });
  const ms = Date.now() - started;
  // Keep what Neovim saw for a failing CI run, then drop the temporary folder.
  const artifacts = path.join(ROOT, '.test-artifacts', 'nvim');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.rmSync(path.join(artifacts, 'result.json'), { force: true });
  fs.writeFileSync(path.join(artifacts, 'output.txt'), `${output}\n${lspLog(tmp)}`);
  const wrote = fs.existsSync(outFile);
  if (wrote) fs.copyFileSync(outFile, path.join(artifacts, 'result.json'));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!wrote) throw new Error(`nvim exited with ${code} and wrote no result; its output:\n${output}`);
  const result = JSON.parse(fs.readFileSync(path.join(artifacts, 'result.json'), 'utf8')) as HarnessResult;
  if (code !== 0 || result.errors.length) {
    throw new Error(`nvim exited with ${code}: ${result.errors.join('\n')}\n${output}\n(see .test-artifacts/nvim/)`);
  }
  const pidAlive = (): boolean => {
    if (!result.server_pid) return false;
    try {
      process.kill(result.server_pid, 0);
    } catch {
      return false;
    }
    // An exited server whose new parent does not reap it is a zombie: not running.
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${result.server_pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  };
  return { result, ws, ms, pidAlive };
}

function lspLog(tmp: string): string {
  for (const p of [path.join(tmp, 'state', 'nvim', 'lsp.log'), path.join(tmp, 'cache', 'nvim', 'lsp.log')]) {
    if (fs.existsSync(p)) return `lsp.log:\n${fs.readFileSync(p, 'utf8').slice(-4000)}`;
  }
  return '';
}

const version = nvimVersion();
const inCI = !!process.env.CI && !/^(0|false|no)$/i.test(process.env.CI);
const NO_NVIM = 'nvim is not installed (apt-get install neovim)';

test('nvim is installed (a failure under CI, a skip elsewhere)', { skip: version || inCI ? false : `${NO_NVIM}; with CI set this fails` }, () => {
  assert.ok(version, `${NO_NVIM}: CI must install Debian's neovim (.ci/run does)`);
  const m = /^NVIM v(\d+)\.(\d+)/.exec(version);
  assert.ok(m && (Number(m[1]) > 0 || Number(m[2]) >= 7), `the README snippet needs Neovim 0.7 or later: ${version}`);
});

test('the README snippet is a ```lua block inside the editors section', () => {
  const s = readmeNeovimSnippet();
  assert.match(s, /quote-lens-server/);
  assert.match(s, /'--stdio'/);
});

describe('Neovim (headless, built-in LSP client, README snippet) on the samples', { skip: version ? false : NO_NVIM }, () => {
  let run: NeovimRun;
  const text = (f: string): string => fs.readFileSync(path.join(SAMPLES, f), 'utf8'); // the workspace holds copies
  const uri = (f: string): string => pathToFileURL(path.join(run.ws, f)).href;

  before(async () => {
    run = await runNeovim();
    process.stderr.write(`[nvim] ${version}; nvim ran ${run.ms} ms (harness ${run.result.elapsed_ms} ms: ${run.result.events.map((e) => `${e.what} at ${e.at_ms}`).join(', ')})\n`);
  }, { timeout: KILL_AFTER_MS + 60_000 });

  it('attaches one client, named by the snippet, to both buffers, rooted at the folder', () => {
    const r = run.result;
    assert.equal(r.filetype, 'text');
    assert.equal(r.client_name, 'quote-lens');
    assert.equal(r.clients_started, 1, 'one server for both buffers (same root)');
    assert.equal(r.root_dir, run.ws, 'the root is the folder of the files (no .git above it)');
    assert.ok(r.diagnostics_complete, `diagnostics did not all arrive within ${WAIT_MS} ms: ${JSON.stringify(Object.fromEntries(Object.entries(r.files).map(([f, ds]) => [f, ds.map((d) => d.code)])))}`);
    for (const [f, ds] of Object.entries(r.files)) for (const d of ds) assert.equal(d.source, 'quote-lens', `${f}: ${d.message}`);
  });

  it('C01: a fact-conflict in 000 and in 002, at the gold spans, each linking the other', () => {
    // `100 km (62 miles)` in 000 against `100 km (160 miles)` in 002; byte columns, as vim.diagnostic keeps them.
    const c01 = JSON.parse(fs.readFileSync(path.join(GOLD, 'conflicts.json'), 'utf8')).find((x: { id: string }) => x.id === 'C01');
    for (const [side, other] of [[c01.a, c01.b], [c01.b, c01.a]] as const) {
      const ds = run.result.files[side.file].filter((d) => d.code === 'fact-conflict');
      assert.equal(ds.length, 1, `${side.file}: one fact-conflict: ${JSON.stringify(ds)}`);
      const d = ds[0];
      const s = bytePos(text(side.file), side.start);
      const e = bytePos(text(side.file), side.end);
      assert.deepEqual({ lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col }, { lnum: s.line, col: s.col, end_lnum: e.line, end_col: e.col }, `${side.file}: range of ${side.text}`);
      assert.equal(textOfDiagnostic(text(side.file), d), side.text);
      assert.equal(d.severity, 2, 'Warning by default');
      const otherMiles = /\((\d+ miles)\)/.exec(other.text)![1];
      const mineMiles = /\((\d+ miles)\)/.exec(side.text)![1];
      assert.match(d.message, new RegExp(`'${otherMiles}' where this has '${mineMiles}'`), d.message);
      if (run.result.client_related_information) {
        const rel = d.related.find((r) => r.uri === uri(other.file));
        assert.ok(rel, `${side.file}: the conflict links ${other.file}: ${JSON.stringify(d.related)}`);
        assert.deepEqual(rel.range, { start: lspPos(text(other.file), other.start), end: lspPos(text(other.file), other.end) });
      } else {
        assert.match(d.message, new RegExp(`See .*${other.file.slice(0, 3)}, line ${lspPos(text(other.file), other.start).line + 1}\\b`));
      }
    }
    // 002 also has the wrong conversion itself, on the same span.
    assert.ok(run.result.files[c01.b.file].some((d) => d.code === 'fact-wrong-conversion' && textOfDiagnostic(text(c01.b.file), d) === c01.b.text));
  });

  it('a quote-duplicate (gold M3, Rudskoi) in 000 with its related location in 002', () => {
    const m3 = JSON.parse(fs.readFileSync(path.join(GOLD, 'matches.json'), 'utf8')).find((g: { group_id: string }) => g.group_id === 'M3');
    const [a, b] = m3.members as Array<{ file: string; start: number; end: number; text: string }>;
    assert.equal(a.file, FILE_000);
    const dup = run.result.files[a.file].find((d) => d.code === 'quote-duplicate');
    assert.ok(dup, `${a.file}: a quote-duplicate: ${JSON.stringify(run.result.files[a.file].map((d) => [d.code, d.message]))}`);
    const as = bytePos(text(a.file), a.start);
    assert.deepEqual([dup.lnum, dup.col], [as.line, as.col], 'starts where the gold quotation starts');
    assert.equal(trimPunct(textOfDiagnostic(text(a.file), dup)), trimPunct(a.text));
    assert.equal(dup.severity, 4, 'Hint by default');
    assert.match(dup.message, /^Same quotation in Reuters file 002/);
    if (run.result.client_related_information) {
      assert.equal(dup.has_related, true, 'the client declared relatedInformation, so the server sent it');
      assert.equal(dup.related.length, 1, JSON.stringify(dup.related));
      const rel = dup.related[0];
      assert.equal(rel.uri, uri(b.file));
      assert.equal(rel.range.start.line, rel.range.end.line);
      assert.deepEqual(rel.range.start, lspPos(text(b.file), b.start));
      const relText = text(b.file).slice(b.start, b.start + (rel.range.end.character - rel.range.start.character));
      assert.equal(trimPunct(relText), trimPunct(b.text));
      assert.match(rel.message, /^duplicate in Reuters file 002/);
    } else {
      // Folded into the message: "… See Reuters file 002, line 391".
      assert.match(dup.message, new RegExp(`See Reuters file 002, line ${lspPos(text(b.file), b.start).line + 1}\\b`));
    }
    // The other side has the duplicate too.
    assert.ok(run.result.files[b.file].some((d) => d.code === 'quote-duplicate' && d.lnum === lspPos(text(b.file), b.start).line));
  });

  it('a hover on Konashenkov\'s quotation in 002 names Igor Konashenkov', () => {
    assert.ok(run.result.server_capabilities.hoverProvider, 'the server advertises hoverProvider');
    const h = run.result.hover;
    assert.equal(h?.supported, true);
    assert.equal(h?.error, undefined, `hover failed: ${h?.error}`);
    assert.ok(h?.text, `no hover at ${JSON.stringify(h?.params)}: ${JSON.stringify(h)}`);
    assert.match(h.text, /Igor Konashenkov/, h.text);
    // The hover's range, when given, is the quotation under the cursor (002 line 375).
    const range = (h.result as { range?: Range } | undefined)?.range;
    if (range) {
      const pos = (h.params as { position: { line: number; character: number } }).position;
      assert.equal(range.start.line, pos.line);
      assert.ok(range.start.character <= pos.character && pos.character < range.end.character, JSON.stringify({ range, pos }));
      assert.match(text(FILE_002).split('\n')[range.start.line].slice(range.start.character, range.end.character), /^A representative of the U\.S\. military command/);
    }
  });

  it('quitting Neovim stops the server: nothing left running', async () => {
    assert.ok(run.result.server_pid, 'Neovim reported the server pid');
    const deadline = Date.now() + 5000;
    while (run.pidAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(run.pidAlive(), false, `the server (pid ${run.result.server_pid}) is still running after nvim quit`);
  });
});
