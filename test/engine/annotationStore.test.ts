/**
 * The annotations store (server/src/annotations): merge on write between two windows, a write cut off
 * by a crash, a malformed file, and keys that survive edits which move or retouch a quote.
 */
import { makeTempDir } from '../tempDir';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationStore, MalformedAnnotationsError, nodeFileSystem } from '../../server/src/annotations/store.ts';
import type { StoreFileSystem } from '../../server/src/annotations/store.ts';
import { annotationKey, normaliseQuote } from '../../server/src/annotations/keys.ts';

const FIRE = { file: '000_2c6bdf8bfe82f281.txt', speaker: 'Igor Konashenkov', quote: 'Fire points in those areas will be immediately suppressed with all military means' };
const RUDSKOI = { file: '000_2c6bdf8bfe82f281.txt', speaker: 'Sergei Rudskoi', quote: 'According to our information, U.S. intelligence services initiated the offensive' };

function folder(): string {
  return makeTempDir('ql-ann-');
}

function onDisk(store: AnnotationStore): { version: number; annotations: Array<Record<string, unknown>> } {
  return JSON.parse(fs.readFileSync(store.file, 'utf8'));
}

test('a verdict is written to .quotelens/annotations.json, readable and sorted, and read back by a new store', async () => {
  const dir = folder();
  const s = new AnnotationStore(dir, { now: () => new Date('2024-05-01T10:00:00Z') });
  await s.load();
  await s.update(RUDSKOI, (a) => ({ ...RUDSKOI, ...a, status: 'disputed' }));
  await s.update(FIRE, (a) => ({ ...FIRE, ...a, status: 'verified', note: 'Checked against the ministry statement' }));
  assert.equal(s.file, path.join(dir, '.quotelens', 'annotations.json'));
  const text = fs.readFileSync(s.file, 'utf8');
  assert.match(text, /^\{\n {2}"version": 1,\n {2}"annotations": \[\n/);
  const data = onDisk(s);
  assert.deepEqual(data.annotations.map((a) => [a.speaker, a.status]), [['Igor Konashenkov', 'verified'], ['Sergei Rudskoi', 'disputed']]);
  assert.deepEqual(data.annotations[0], { ...FIRE, status: 'verified', note: 'Checked against the ministry statement', updated: '2024-05-01T10:00:00.000Z' });
  const again = new AnnotationStore(dir);
  await again.load();
  assert.equal(again.get(FIRE)?.note, 'Checked against the ministry statement');
  assert.equal(again.get(RUDSKOI)?.status, 'disputed');
  // Clearing everything on an entry removes it from the file.
  await again.update(RUDSKOI, () => undefined);
  assert.deepEqual(onDisk(again).annotations.map((a) => a.speaker), ['Igor Konashenkov']);
});

test('two windows writing at once keep both their entries (merge on write under a lock)', async () => {
  const dir = folder();
  const w1 = new AnnotationStore(dir);
  const w2 = new AnnotationStore(dir);
  await Promise.all([w1.load(), w2.load()]);
  const quotes = Array.from({ length: 12 }, (_, i) => ({ file: `${String(i).padStart(3, '0')}.txt`, speaker: 'Anna Berg', quote: `Statement number ${i}` }));
  await Promise.all(quotes.map((q, i) => (i % 2 ? w1 : w2).update(q, (a) => ({ ...q, ...a, status: 'verified' }))));
  // w1 has not re-read the file, yet its next write keeps w2's entries.
  await w1.update(FIRE, (a) => ({ ...FIRE, ...a, note: 'last' }));
  const files = onDisk(w1).annotations.map((a) => a.file).sort();
  assert.deepEqual(files, [...quotes.map((q) => q.file), FIRE.file].sort());
  assert.ok(!fs.existsSync(`${w1.file}.lock`), 'the lock is released');
  // The change function sees the disk's entry, not this window's stale copy.
  await w2.update(FIRE, (a) => ({ ...FIRE, ...a, status: 'disputed' }));
  assert.deepEqual(onDisk(w2).annotations.find((a) => a.file === FIRE.file && a.speaker === FIRE.speaker), {
    ...FIRE, note: 'last', status: 'disputed', updated: onDisk(w2).annotations.find((a) => a.file === FIRE.file)!.updated,
  });
});

test('a write interrupted before the rename leaves the previous file intact and no temporary file behind', async () => {
  const dir = folder();
  const s = new AnnotationStore(dir);
  await s.update(FIRE, () => ({ ...FIRE, status: 'verified' }));
  const before = fs.readFileSync(s.file, 'utf8');
  // The process "dies" half-way through writing the new content: a partial temp file, then an error.
  const crashing: StoreFileSystem = {
    ...nodeFileSystem,
    async writeDurably(file, data) {
      fs.writeFileSync(file, data.slice(0, 20));
      throw new Error('ENOSPC: no space left on device');
    },
  };
  const s2 = new AnnotationStore(dir, { fs: crashing });
  await assert.rejects(s2.update(RUDSKOI, () => ({ ...RUDSKOI, status: 'disputed' })), /ENOSPC/);
  assert.equal(fs.readFileSync(s.file, 'utf8'), before);
  assert.deepEqual(fs.readdirSync(path.dirname(s.file)), ['annotations.json']);
  // A rename that fails (e.g. a virus scanner holding the file) also leaves it as it was.
  const noRename: StoreFileSystem = { ...nodeFileSystem, rename: async () => { throw new Error('EBUSY'); } };
  await assert.rejects(new AnnotationStore(dir, { fs: noRename }).update(RUDSKOI, () => ({ ...RUDSKOI, status: 'disputed' })), /EBUSY/);
  assert.equal(fs.readFileSync(s.file, 'utf8'), before);
  assert.deepEqual(fs.readdirSync(path.dirname(s.file)), ['annotations.json']);
  // A lock left by a writer that crashed long ago is taken over.
  fs.writeFileSync(`${s.file}.lock`, '12345\n');
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(`${s.file}.lock`, old, old);
  await s.update(RUDSKOI, () => ({ ...RUDSKOI, status: 'disputed' }));
  assert.equal(onDisk(s).annotations.length, 2);
});

test('a malformed file is reported with its position and never overwritten', async () => {
  const dir = folder();
  const file = path.join(dir, '.quotelens', 'annotations.json');
  fs.mkdirSync(path.dirname(file));
  const broken = '{\n  "version": 1,\n  "annotations": [\n    { "file": "a.txt", "quote": "x" },\n  ]\n}\n';
  fs.writeFileSync(file, broken);
  const s = new AnnotationStore(dir);
  assert.equal(await s.load(), true);
  assert.ok(s.error instanceof MalformedAnnotationsError);
  assert.match(s.error.message, /annotations\.json is not a valid Quote Lens annotations file: JSON syntax error at line 5, column 3/);
  assert.match(s.error.message, /will not overwrite it/);
  await assert.rejects(s.update(FIRE, () => ({ ...FIRE, status: 'verified' })), MalformedAnnotationsError);
  assert.equal(fs.readFileSync(file, 'utf8'), broken);
  // Valid JSON of the wrong shape is refused the same way.
  fs.writeFileSync(file, '{"annotations": [{"file": "a.txt", "status": "ok", "quote": "x"}]}');
  await s.load();
  assert.match(s.error!.message, /entry 1 of "annotations": "status" must be "verified" or "disputed"/);
  // Once fixed, it loads and writes again.
  fs.writeFileSync(file, '{"version": 1, "annotations": [], "reviewedBy": "desk"}');
  await s.load();
  assert.equal(s.error, undefined);
  await s.update(FIRE, () => ({ ...FIRE, status: 'verified' }));
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(data.reviewedBy, 'desk', 'unknown fields are kept');
  assert.equal(data.annotations.length, 1);
});

test('no write while the store is read-only (untrusted workspace)', async () => {
  const dir = folder();
  const s = new AnnotationStore(dir);
  s.readOnlyReason = 'This workspace is not trusted: annotations are not saved.';
  await assert.rejects(s.update(FIRE, () => ({ ...FIRE, status: 'verified' })), /not trusted/);
  assert.ok(!fs.existsSync(path.join(dir, '.quotelens')));
});

test('the key survives a moved quote, another quotation mark, case, spacing and trailing punctuation', async () => {
  const k = annotationKey(FIRE);
  assert.equal(annotationKey({ ...FIRE, quote: '  “Fire points in those areas will be immediately suppressed with all military means.”' }), k);
  assert.equal(annotationKey({ ...FIRE, quote: 'fire points in  those areas\nwill be immediately suppressed with all military means,' }), k);
  assert.equal(annotationKey({ ...FIRE, speaker: 'igor konashenkov' }), k);
  assert.notEqual(annotationKey({ ...FIRE, quote: 'Fire points in those areas will not be suppressed with all military means' }), k);
  assert.notEqual(annotationKey({ ...FIRE, speaker: 'Sergei Rudskoi' }), k);
  assert.notEqual(annotationKey({ ...FIRE, file: '002_dce29dcf82e0f63b.txt' }), k);
  assert.equal(normaliseQuote('U.S.-backed “SDF” — 100 km (62 miles).'), 'u.s.-backed sdf 100 km 62 miles');
  // Through the store: an annotation written for the quote at one place is found for the same words
  // after a paragraph was inserted above them (the store never sees offsets).
  const dir = folder();
  const s = new AnnotationStore(dir);
  await s.update(FIRE, () => ({ ...FIRE, status: 'verified' }));
  const reloaded = new AnnotationStore(dir);
  await reloaded.load();
  assert.equal(reloaded.get({ ...FIRE, quote: FIRE.quote + '.' })?.status, 'verified');
});
