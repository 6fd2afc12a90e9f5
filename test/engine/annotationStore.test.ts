/**
 * The annotations store (server/src/annotations): merge on write between two windows, a write cut off
 * by a crash, a malformed file, and keys that survive edits which move or retouch a quote.
 */
import { makeTempDir } from '../tempDir';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { AnnotationStore, MalformedAnnotationsError, nodeFileSystem } from '../../server/src/annotations/store.ts';
import type { Annotation, StoreFileSystem } from '../../server/src/annotations/store.ts';
import { annotationKey, normaliseQuote } from '../../server/src/annotations/keys.ts';
import { ownQuote, SHARED } from './helpers/annotationWriterQuotes.ts';

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

test('a lock left by a crashed window is taken over by one window only, even when two find it stale at once', { timeout: 10_000 }, async () => {
  const dir = folder();
  const file = path.join(dir, '.quotelens', 'annotations.json');
  const lockFile = `${file}.lock`;
  const staleLock = (f: string): void => {
    fs.writeFileSync(f, '12345\n');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(f, old, old);
  };
  fs.mkdirSync(path.dirname(file));
  staleLock(lockFile);
  // The interleaving that used to lose an entry (one run in three with two real processes): window B
  // sees the stale lock; window A removes it and takes the lock; B, acting on what it saw, removed A's
  // fresh lock, took its own, and both wrote at once.
  const signal = (): { wait: Promise<void>; fire: () => void } => {
    let fire!: () => void;
    return { wait: new Promise<void>((r) => (fire = r)), fire };
  };
  const bSawStale = signal();
  const aTookLock = signal();
  const bReadFile = signal();
  let bFirstLook = true;
  const fsA: StoreFileSystem = {
    ...nodeFileSystem,
    async mtime(f) {
      if (f === lockFile) await bSawStale.wait;
      return nodeFileSystem.mtime(f);
    },
    async createExclusive(f, data) {
      const ok = await nodeFileSystem.createExclusive(f, data);
      if (ok && f === lockFile) aTookLock.fire();
      return ok;
    },
    // A holds the lock a while: long enough for B to read the file, were B let in.
    async writeDurably(f, data) {
      await Promise.race([bReadFile.wait, new Promise((r) => setTimeout(r, 300))]);
      return nodeFileSystem.writeDurably(f, data);
    },
  };
  const fsB: StoreFileSystem = {
    ...nodeFileSystem,
    async mtime(f) {
      const m = await nodeFileSystem.mtime(f);
      if (f === lockFile && bFirstLook) {
        bFirstLook = false;
        bSawStale.fire();
        await aTookLock.wait;
      }
      return m;
    },
    async read(f) {
      if (f === file) bReadFile.fire();
      return nodeFileSystem.read(f);
    },
  };
  await Promise.all([
    new AnnotationStore(dir, { fs: fsA }).update(FIRE, () => ({ ...FIRE, status: 'verified' })),
    new AnnotationStore(dir, { fs: fsB }).update(RUDSKOI, () => ({ ...RUDSKOI, status: 'disputed' })),
  ]);
  const store = new AnnotationStore(dir);
  assert.deepEqual(onDisk(store).annotations.map((a) => [a.speaker, a.status]), [['Igor Konashenkov', 'verified'], ['Sergei Rudskoi', 'disputed']]);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['annotations.json']);
  // The second lock file that guards the takeover, left by a window that crashed while taking over, is
  // itself taken over once stale.
  staleLock(lockFile);
  staleLock(`${lockFile}.break`);
  await store.update(FIRE, (a) => ({ ...FIRE, ...a, note: 'after two stale locks' }));
  assert.equal(onDisk(store).annotations.find((a) => a.speaker === 'Igor Konashenkov')?.note, 'after two stale locks');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['annotations.json']);
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

// Two OS processes (two editor windows, or a window and a second language server) writing to the same
// .quotelens/annotations.json at the same moment. Each child (test/engine/helpers/annotationWriter.ts)
// goes through the real AnnotationStore: lock file, read the file as it is now, change one entry, write
// a temporary file and rename it. These tests can fail: checked by hand, several runs each, with store.ts
// patched to write its own in-memory view over the file (replace instead of merge): 50 of the 100
// entries and 50 of the 100 note tags left every time; patched to merge without taking the lock: 59 to
// 79 entries and 60 to 79 tags left.

const WRITER = path.join(__dirname, 'helpers', 'annotationWriter.ts');
const PER_WRITER = 50;

interface WriterReport {
  writer: string;
  done: number;
  /** When its first write started and its last write ended (ms since the epoch). */
  first: number;
  last: number;
  /** For each write, how many of the other writer's entries (or note tags) were in the file. */
  othersSeen: number[];
}

/** Starts one writer process per tag on `folder`, lets them all go at once, returns their reports. */
async function runWriters(mode: 'own' | 'shared', folder: string, writers: string[], count: number): Promise<WriterReport[]> {
  const children = writers.map((writer, k) => {
    const seed = (Date.now() + k * 7919) >>> 0;
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, mode, folder, writer, String(count), String(seed)], {
      cwd: path.resolve(__dirname, '..', '..'), // where `--import tsx` is resolved
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const ready = new Promise<void>((resolve, reject) => {
      const check = (): void => void (out.startsWith('ready\n') && resolve());
      child.stdout.on('data', check);
      child.on('exit', (code) => reject(new Error(`writer ${writer} (seed ${seed}) exited with ${code} before it was ready:\n${err}`)));
    });
    const exited = new Promise<WriterReport>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code !== 0) return reject(new Error(`writer ${writer} (seed ${seed}) exited with ${code ?? signal}:\n${err}`));
        resolve(JSON.parse(out.split('\n')[1]) as WriterReport);
      });
    });
    ready.catch(() => undefined);
    return { child, ready, exited };
  });
  try {
    // Both have loaded tsx and the store before either writes, so their writes overlap in time.
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.end('go\n');
    return await Promise.all(children.map((c) => c.exited));
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill();
  }
}

/**
 * The two writers' writes overlapped in time, and at some write one of them found part, but not all, of
 * the other's in the file (so the test did not pass merely because one finished before the other began).
 */
function assertInterleaved(reports: WriterReport[], count: number): void {
  const [a, b] = reports;
  assert.ok(a.first < b.last && b.first < a.last, `the writers ran one after the other: ${JSON.stringify(reports.map((r) => [r.first, r.last]))}`);
  const partial = reports.some((r) => r.othersSeen.some((n) => n > 0 && n < count));
  assert.ok(partial, `the two processes' writes did not interleave: ${JSON.stringify(reports.map((r) => r.othersSeen))}`);
}

/** Only annotations.json is left in .quotelens: no temporary file, no lock. */
function assertNoLeftovers(file: string): void {
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['annotations.json']);
}

test('two processes writing 50 annotations each at once: all 100 entries are in the file, exactly as written', { timeout: 30_000 }, async () => {
  const dir = folder();
  const file = path.join(dir, '.quotelens', 'annotations.json');
  const reports = await runWriters('own', dir, ['A', 'B'], PER_WRITER);
  assert.deepEqual(reports.map((r) => [r.writer, r.done]), [['A', PER_WRITER], ['B', PER_WRITER]]);

  const text = fs.readFileSync(file, 'utf8');
  const data = JSON.parse(text) as { version: number; annotations: Annotation[] };
  assert.equal(data.version, 1);
  assert.equal(data.annotations.length, 2 * PER_WRITER, 'no entry lost, none doubled');
  const byKey = new Map(data.annotations.map((a) => [annotationKey(a), a]));
  for (const writer of ['A', 'B']) {
    for (let i = 0; i < PER_WRITER; i++) {
      const id = ownQuote(writer, i);
      const got = byKey.get(annotationKey(id));
      assert.ok(got, `${writer}'s entry ${i} is in the file`);
      const { updated, ...rest } = got;
      assert.deepEqual(rest, { ...id, status: i % 2 ? 'disputed' : 'verified', note: `${writer} note ${i}` });
      assert.match(String(updated), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  }
  assertNoLeftovers(file);
  assertInterleaved(reports, PER_WRITER);
  // A window opened afterwards reads all of them.
  const reader = new AnnotationStore(dir);
  await reader.load();
  assert.equal(reader.error, undefined);
  assert.equal(reader.entries().length, 2 * PER_WRITER);
});

test('two processes changing the same annotation 50 times each at once: no change is lost', { timeout: 30_000 }, async () => {
  const dir = folder();
  const file = path.join(dir, '.quotelens', 'annotations.json');
  const reports = await runWriters('shared', dir, ['A', 'B'], PER_WRITER);

  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { annotations: Annotation[] };
  assert.equal(data.annotations.length, 1);
  assert.equal(annotationKey(data.annotations[0]), annotationKey(SHARED));
  // Each write read the note as it was on disk under the lock and appended its tag: every tag is there
  // once, and each writer's tags are in the order it wrote them.
  const tags = String(data.annotations[0].note).split(';').filter(Boolean);
  assert.equal(tags.length, 2 * PER_WRITER, 'no read-modify-write was lost');
  for (const writer of ['A', 'B']) {
    const mine = tags.filter((t) => t.startsWith(`${writer}:`));
    assert.deepEqual(mine, Array.from({ length: PER_WRITER }, (_, i) => `${writer}:${i}`));
  }
  assertNoLeftovers(file);
  assertInterleaved(reports, PER_WRITER);
});
