/**
 * Hostile files through the bundled CLI (`quote-lens extract PATH`, issue 8): a binary file, a non-UTF-8
 * file, a file over the size cap, an unreadable file, a FIFO, symbolic link loops, a file deleted between
 * being listed and being read. Each gets one `quote-lens: …` line on stderr and no stack trace; the exit
 * code is non-zero only when nothing could be read.
 *
 * The CLI is bundled once into a temporary folder with esbuild.mjs's options (so a stale or concurrently
 * rebuilt dist/ does not matter) and run with `node cli.js extract …` in the workspace folder.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { bundleEntry } from '../bundle';
import { makeTempWorkspace } from '../tempDir';

let cli = '';
let preloadVanish = '';

before(async () => {
  cli = await bundleEntry('cli', 'server/src/cli/main.ts');
  const outdir = path.dirname(cli);
  // Deletes a file named vanishing*.txt just before the CLI opens it: the file was listed by the folder
  // walk but is gone when read, as when an editor or a sync tool removes it during indexing.
  preloadVanish = path.join(outdir, 'vanish.js');
  fs.writeFileSync(preloadVanish, `
const fs = require('node:fs');
const open = fs.promises.open;
fs.promises.open = async function (p, ...rest) {
  if (typeof p === 'string' && /vanishing[^/]*\\.txt$/.test(p)) { try { fs.unlinkSync(p); } catch {} }
  return open.call(this, p, ...rest);
};
`);
  fs.chmodSync(outdir, 0o755);
});

const STORY = '\u201CWe will respond to any attack on our troops,\u201D Defence Minister Anna Berg said.\n';

interface Run {
  code: number | null;
  out: string;
  err: string;
  errLines: string[];
}

function run(cwd: string, args: string[], opts: SpawnSyncOptions & { preload?: string } = {}): Run {
  const nodeArgs = [...(opts.preload ? ['--require', opts.preload] : []), cli, 'extract', ...args];
  const r = spawnSync(process.execPath, nodeArgs, { cwd, encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.error) throw r.error;
  const err = String(r.stderr);
  return { code: r.status, out: String(r.stdout), err, errLines: err.split('\n').filter(Boolean) };
}

/** Every stderr line is one `quote-lens: …` message; no stack frames. */
function assertCleanErrors(r: Run): void {
  assert.doesNotMatch(r.err, /^\s+at |Error:|node:internal|\.js:\d+:\d+/m, `no stack trace on stderr:\n${r.err}`);
  for (const l of r.errLines) assert.match(l, /^quote-lens: /, `one-line message: ${l}`);
}

function workspace(files: Record<string, string | Buffer>): string {
  return makeTempWorkspace('ql-hostile-', files);
}

test('binary file: skipped with one line; alone it is an error (exit 1), next to a story it is not', () => {
  const root = workspace({ 'doc.txt': Buffer.from('%PDF-1.7\n\u0000\u0001\u0002 obj\n', 'latin1'), 'story.txt': STORY });
  const alone = run(root, ['doc.txt']);
  assert.deepEqual(alone.errLines, ['quote-lens: skipped doc.txt: binary file (contains NUL bytes)', 'quote-lens: no readable .txt file found']);
  assert.equal(alone.code, 1);
  assert.equal(alone.out, '');
  assertCleanErrors(alone);

  const both = run(root, ['.']);
  assert.deepEqual(both.errLines, ['quote-lens: skipped doc.txt: binary file (contains NUL bytes)']);
  assert.equal(both.code, 0);
  assert.equal(both.out, 'story.txt:1:2 direct Anna Berg — "We will respond to any attack on our troops,"\n');
  assertCleanErrors(both);
});

test('non-UTF-8 file: decoded as Windows-1252 with a note, its quotes found with offsets in the decoded text', () => {
  // 0x93 / 0x94 are curly double quotes in Windows-1252, 0xE9 is é, 0xEA is ê.
  const bytes = Buffer.from([...Buffer.from('MOSCOW - '), 0x93, ...Buffer.from('Le caf'), 0xe9, ...Buffer.from(' est pr'), 0xea, ...Buffer.from('t, nous partons,'), 0x94, ...Buffer.from(' Anna Berg said.\n')]);
  const decoded = 'MOSCOW - \u201CLe caf\u00E9 est pr\u00EAt, nous partons,\u201D Anna Berg said.\n';
  const root = workspace({ 'latin.txt': bytes });
  const r = run(root, ['--json', 'latin.txt']);
  assert.deepEqual(r.errLines, ['quote-lens: note: latin.txt: not valid UTF-8; decoded as Windows-1252 (Latin-1)']);
  assert.equal(r.code, 0);
  const quotes = JSON.parse(r.out).files[0].quotes;
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].text, 'Le caf\u00E9 est pr\u00EAt, nous partons,');
  assert.equal(quotes[0].start, 10);
  assert.equal(decoded.slice(quotes[0].start, quotes[0].end), quotes[0].text);
  assert.equal(quotes[0].speaker, 'Anna Berg');
  assertCleanErrors(r);
});

test('over the size cap: the default 5 MB cap and --max-bytes each skip with the sizes in the message', () => {
  const root = workspace({ 'wire-dump.txt': 'Lorem ipsum dolor sit amet. '.repeat(200_000), 'story.txt': STORY });
  const big = run(root, ['wire-dump.txt']);
  assert.deepEqual(big.errLines, ['quote-lens: skipped wire-dump.txt: larger than the 5 MB size cap (5.3 MB)', 'quote-lens: no readable .txt file found']);
  assert.equal(big.code, 1);
  assertCleanErrors(big);

  const capped = run(root, ['--max-bytes', '50', '.']);
  assert.deepEqual(capped.errLines, [
    `quote-lens: skipped story.txt: larger than the 50 bytes size cap (${Buffer.byteLength(STORY)} bytes)`,
    'quote-lens: skipped wire-dump.txt: larger than the 50 bytes size cap (5.3 MB)',
    'quote-lens: no readable .txt file found',
  ]);
  assert.equal(capped.code, 1);
  assertCleanErrors(capped);
});

test('unreadable file (mode 000): "permission denied", the other file still extracted', (t) => {
  const root = workspace({ 'locked.txt': STORY, 'story.txt': STORY });
  fs.chmodSync(root, 0o755);
  fs.chmodSync(path.join(root, 'locked.txt'), 0o000);
  fs.chmodSync(path.join(root, 'story.txt'), 0o644);
  // As root, mode 000 does not stop reads: run the CLI as an unprivileged user instead, when possible.
  const asUser: SpawnSyncOptions = {};
  if (process.getuid?.() === 0) {
    const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(cli)})`], { uid: 65534, gid: 65534 });
    if (probe.error || probe.status !== 0) {
      t.skip('running as root and cannot switch to an unprivileged user: mode 000 does not block reads for root');
      return;
    }
    Object.assign(asUser, { uid: 65534, gid: 65534 });
  }
  try {
    const both = run(root, ['.'], asUser);
    assert.deepEqual(both.errLines, ['quote-lens: skipped locked.txt: permission denied']);
    assert.equal(both.code, 0);
    assert.match(both.out, /^story\.txt:1:2 direct Anna Berg/);
    assertCleanErrors(both);
    const alone = run(root, ['locked.txt'], asUser);
    assert.deepEqual(alone.errLines, ['quote-lens: skipped locked.txt: permission denied', 'quote-lens: no readable .txt file found']);
    assert.equal(alone.code, 1);
  } finally {
    fs.chmodSync(path.join(root, 'locked.txt'), 0o644);
  }
});

test('a FIFO and a folder named like text files: one line each, never a hang', (t) => {
  const root = workspace({ 'story.txt': STORY, 'folder.txt/inner.txt': STORY });
  const fifo = path.join(root, 'pipe.txt');
  const mk = spawnSync('mkfifo', [fifo]);
  if (mk.error || mk.status !== 0) {
    t.skip('mkfifo is not available here');
    return;
  }
  const r = run(root, ['pipe.txt', 'story.txt']);
  assert.deepEqual(r.errLines, ['quote-lens: skipped pipe.txt: not a regular file or folder']);
  assert.equal(r.code, 0);
  assertCleanErrors(r);
  // In a folder walk the FIFO is not a text file (left out); a folder named *.txt is walked.
  const walk = run(root, ['.']);
  assert.deepEqual(walk.errLines, []);
  assert.equal(walk.out.split('\n').filter(Boolean).length, 2, walk.out);
  assert.match(walk.out, /^folder\.txt\/inner\.txt:1:2 direct Anna Berg/m);
  const alone = run(root, ['pipe.txt']);
  assert.deepEqual(alone.errLines, ['quote-lens: skipped pipe.txt: not a regular file or folder', 'quote-lens: no readable .txt file found']);
  assert.equal(alone.code, 1);
});

test('symbolic link loops: a folder linking to its parent and a self-referencing link are skipped once each', () => {
  const root = workspace({ 'news/story.txt': STORY });
  fs.symlinkSync('..', path.join(root, 'news', 'up'));
  fs.symlinkSync('self.txt', path.join(root, 'news', 'self.txt'));
  fs.symlinkSync('gone.txt', path.join(root, 'news', 'dangling.txt'));
  const real = fs.realpathSync(root);
  const r = run(root, ['news']);
  assert.deepEqual(r.errLines.sort(), [
    'quote-lens: skipped news/dangling.txt: broken symbolic link',
    'quote-lens: skipped news/self.txt: symbolic link loop',
    `quote-lens: skipped news/up/news: symbolic link to a folder already walked (${real}/news); not followed again`,
  ]);
  assert.equal(r.code, 0);
  assert.equal(r.out, 'news/story.txt:1:2 direct Anna Berg — "We will respond to any attack on our troops,"\n');
  assertCleanErrors(r);
  const alone = run(root, ['news/self.txt']);
  assert.deepEqual(alone.errLines, ['quote-lens: skipped news/self.txt: symbolic link loop', 'quote-lens: no readable .txt file found']);
  assert.equal(alone.code, 1);
});

test('a file deleted between the folder walk and the read: "no such file or folder", the rest extracted', () => {
  const root = workspace({ 'a-story.txt': STORY, 'vanishing.txt': STORY });
  const r = run(root, ['.'], { preload: preloadVanish });
  assert.equal(fs.existsSync(path.join(root, 'vanishing.txt')), false, 'the preload deleted it');
  assert.deepEqual(r.errLines, ['quote-lens: skipped vanishing.txt: no such file or folder']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^a-story\.txt:1:2 direct Anna Berg/);
  assertCleanErrors(r);

  fs.writeFileSync(path.join(root, 'vanishing-too.txt'), STORY);
  const alone = run(root, ['vanishing-too.txt'], { preload: preloadVanish });
  assert.deepEqual(alone.errLines, ['quote-lens: skipped vanishing-too.txt: no such file or folder', 'quote-lens: no readable .txt file found']);
  assert.equal(alone.code, 1);
});

test('a path that does not exist and an empty folder: one line each, exit 1 when nothing was read', () => {
  const root = workspace({});
  fs.mkdirSync(path.join(root, 'empty'));
  const r = run(root, ['missing.txt', 'empty']);
  assert.deepEqual(r.errLines, [
    'quote-lens: skipped missing.txt: no such file or folder',
    'quote-lens: skipped empty: no .txt files in this folder',
    'quote-lens: no readable .txt file found',
  ]);
  assert.equal(r.code, 1);
  assertCleanErrors(r);
});
