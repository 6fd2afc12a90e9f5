import { makeTempDir } from '../tempDir';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  collectTextFiles, readTextFile, readTextFileSync, decodeText, createPathFilter, DEFAULT_MAX_BYTES,
} from '../../server/src/workspace/index.ts';

function tmpdir(): string {
  return makeTempDir('ql-files-');
}

function write(root: string, rel: string, data: string | Uint8Array): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

test('collectTextFiles walks folders for .txt, skipping node_modules and .git, sorted', async () => {
  const root = tmpdir();
  write(root, 'b.txt', 'b');
  write(root, 'a.txt', 'a');
  write(root, 'sub/deep/c.TXT', 'c');
  write(root, 'notes.md', 'x');
  write(root, 'node_modules/pkg/readme.txt', 'x');
  write(root, '.git/description.txt', 'x');
  write(root, 'sub/node_modules/x.txt', 'x');
  const r = await collectTextFiles([root]);
  assert.deepEqual(r.files, [path.join(root, 'a.txt'), path.join(root, 'b.txt'), path.join(root, 'sub/deep/c.TXT')]);
  assert.deepEqual(r.skipped, []);
});

test('collectTextFiles honours include and exclude globs relative to the folder', async () => {
  const root = tmpdir();
  write(root, 'keep/a.txt', 'a');
  write(root, 'drafts/b.txt', 'b');
  write(root, 'keep/c.news', 'c');
  const r = await collectTextFiles([root], { include: ['**/*.txt', '**/*.news'], exclude: ['drafts/**'] });
  assert.deepEqual(r.files, [path.join(root, 'keep/a.txt'), path.join(root, 'keep/c.news')]);
});

test('collectTextFiles: missing path, empty folder and oversize file each get a one-line reason', async () => {
  const root = tmpdir();
  fs.mkdirSync(path.join(root, 'empty'));
  write(root, 'big/huge.txt', 'x'.repeat(2048));
  write(root, 'big/ok.txt', 'ok');
  const missing = path.join(root, 'nope');
  const r = await collectTextFiles([missing, path.join(root, 'empty'), path.join(root, 'big')], { maxBytes: 1024 });
  assert.deepEqual(r.files, [path.join(root, 'big/ok.txt')]);
  assert.deepEqual(r.skipped, [
    { path: missing, reason: 'no such file or folder' },
    { path: path.join(root, 'empty'), reason: 'no .txt files in this folder' },
    { path: path.join(root, 'big/huge.txt'), reason: 'larger than the 1 KB size cap (2 KB)' },
  ]);
  for (const s of r.skipped) assert.ok(!s.reason.includes('\n'));
});

test('collectTextFiles takes a named file whatever its extension, once', async () => {
  const root = tmpdir();
  const f = write(root, 'story.text', 'x');
  const r = await collectTextFiles([f, f, root]);
  assert.deepEqual(r.files, [f]);
});

test('collectTextFiles survives symbolic link loops and broken links', async () => {
  const root = tmpdir();
  write(root, 'a/one.txt', '1');
  fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a/loop'));
  fs.symlinkSync(path.join(root, 'missing.txt'), path.join(root, 'dangling.txt'));
  fs.symlinkSync(path.join(root, 'a/one.txt'), path.join(root, 'alias.txt'));
  const r = await collectTextFiles([root]);
  // the file reached through a link and directly is reported once
  assert.equal(r.files.length, 1);
  assert.ok(r.files[0].endsWith('one.txt') || r.files[0].endsWith('alias.txt'));
  const reasons = Object.fromEntries(r.skipped.map((s) => [path.relative(root, s.path), s.reason]));
  assert.equal(reasons['dangling.txt'], 'broken symbolic link');
  assert.match(reasons['a/loop'], /symbolic link to a folder already walked/);
});

test('readTextFile: UTF-8 text, BOM dropped, CRLF kept', async () => {
  const root = tmpdir();
  const f = write(root, 'a.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('“Hi,” he said.\r\n', 'utf8')]));
  assert.deepEqual(await readTextFile(f), { text: '“Hi,” he said.\r\n' });
  assert.deepEqual(readTextFileSync(f), { text: '“Hi,” he said.\r\n' });
});

test('readTextFile: empty file is empty text', async () => {
  const root = tmpdir();
  const f = write(root, 'e.txt', '');
  assert.deepEqual(await readTextFile(f), { text: '' });
});

test('readTextFile: binary files are skipped', async () => {
  const root = tmpdir();
  const pdf = write(root, 'doc.txt', Buffer.from('%PDF-1.4\n\x00\x01\x02stream', 'latin1'));
  assert.deepEqual(await readTextFile(pdf), { skipped: 'binary file (contains NUL bytes)' });
  const ctl = write(root, 'ctl.txt', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x02 : 0x41))));
  assert.deepEqual(await readTextFile(ctl), { skipped: 'binary file (too many control characters)' });
});

test('readTextFile: non-UTF-8 is decoded as Windows-1252 with a note', async () => {
  const root = tmpdir();
  // 0x93 / 0x94 are curly double quotes in Windows-1252; 0xE9 is é
  const f = write(root, 'w.txt', Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20]));
  const r = await readTextFile(f);
  assert.deepEqual(r, { text: '\u201CCafé\u201D ', note: 'not valid UTF-8; decoded as Windows-1252 (Latin-1)' });
});

test('readTextFile: UTF-16 with BOM is decoded', () => {
  const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('He said "yes".', 'utf16le')]);
  assert.deepEqual(decodeText(buf), { text: 'He said "yes".', note: 'decoded as UTF-16 (little-endian)' });
});

test('readTextFile: over the size cap, missing, folder, unreadable', async () => {
  const root = tmpdir();
  const big = write(root, 'big.txt', 'x'.repeat(3 * 1024 * 1024));
  assert.deepEqual(await readTextFile(big, 1024 * 1024), { skipped: 'larger than the 1 MB size cap (3 MB)' });
  assert.ok('text' in (await readTextFile(big)), 'default cap is 5 MB');
  assert.equal(DEFAULT_MAX_BYTES, 5 * 1024 * 1024);
  assert.deepEqual(await readTextFile(path.join(root, 'missing.txt')), { skipped: 'no such file or folder' });
  assert.deepEqual(await readTextFile(root), { skipped: 'is a folder, not a file' });
  assert.deepEqual(readTextFileSync(root), { skipped: 'is a folder, not a file' });
  const locked = write(root, 'locked.txt', 'secret');
  fs.chmodSync(locked, 0o000);
  try {
    const r = await readTextFile(locked);
    if (process.getuid?.() !== 0) assert.deepEqual(r, { skipped: 'permission denied' });
  } finally {
    fs.chmodSync(locked, 0o644);
  }
});

test('createPathFilter: relative-path matching for watcher events', () => {
  const f = createPathFilter(['**/*.txt'], ['**/node_modules/**', 'archive/**']);
  assert.equal(f.file('a/b.txt'), true);
  assert.equal(f.file('a/b.md'), false);
  assert.equal(f.file('node_modules/x.txt'), false);
  assert.equal(f.file('archive/old.txt'), false);
  assert.equal(f.excludedDir('archive'), true);
  assert.equal(f.excludedDir('a/.git'), true);
  assert.equal(f.excludedDir('a'), false);
});
