import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const repo = path.resolve(__dirname, '..', '..');
const seeds = path.join(repo, 'test', 'fixtures', 'seeds');

async function run(args: string[], cwd = repo): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('extract --json: gold field names, offsets that slice to the text', async () => {
  const file = path.join(seeds, '004_50bf1a4a4b352fba.txt');
  const text = fs.readFileSync(file, 'utf8');
  const { code, out } = await run(['extract', '--json', file]);
  assert.equal(code, 0);
  const json = JSON.parse(out) as { files: { path: string; quotes: Record<string, unknown>[] }[] };
  assert.equal(json.files.length, 1);
  const quotes = json.files[0].quotes;
  for (const q of quotes) {
    for (const field of ['kind', 'text', 'start', 'end', 'speaker', 'speaker_mention', 'mention_start', 'mention_end', 'mention_type', 'attribution', 'cue', 'cue_start', 'cue_end']) {
      assert.ok(field in q, `missing ${field}`);
    }
    assert.equal(text.slice(q.start as number, q.end as number), q.text);
  }
  // The AP quotation closed with '' (two apostrophes): span and speaker checked against the file.
  const words = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal,';
  const q = quotes.find((x) => x.text === words);
  assert.ok(q);
  assert.equal(q.start, text.indexOf(words));
  assert.equal(q.kind, 'direct');
  assert.equal(q.speaker, 'Igor Konashenkov');
  assert.equal(q.speaker_mention, 'Major General Igor Konashenkov');
});

test('extract: one human-readable line per quotation, file:line:col kind speaker — "quote"', async () => {
  const { code, out } = await run(['extract', 'test/fixtures/seeds/004_50bf1a4a4b352fba.txt']);
  assert.equal(code, 0);
  const text = fs.readFileSync(path.join(seeds, '004_50bf1a4a4b352fba.txt'), 'utf8');
  const offset = text.indexOf('The firing positions');
  const line = text.slice(0, offset).split('\n').length;
  const col = offset - text.lastIndexOf('\n', offset - 1);
  const expected = `test/fixtures/seeds/004_50bf1a4a4b352fba.txt:${line}:${col} direct Igor Konashenkov — "The firing positions`;
  assert.ok(out.split('\n').some((l) => l.startsWith(expected)), `no line starting ${expected}`);
});

test('extract: a missing path and an empty folder are one-line messages; exit 1 only when nothing was read', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-empty-'));
  try {
    const none = await run(['extract', path.join(empty, 'nope.txt')]);
    assert.equal(none.code, 1);
    assert.match(none.err, /skipped .*nope\.txt: no such file or folder/);
    assert.doesNotMatch(none.err, /\n\s+at /, 'no stack trace');
    const some = await run(['extract', path.join(empty, 'nope.txt'), path.join(seeds, '000_2c6bdf8bfe82f281.txt')]);
    assert.equal(some.code, 0);
    assert.match(some.out, /unmarked Igor Konashenkov — "A representative of the U\.S\. military command/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('extract: an empty file has no quotations and no error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-emptyfile-'));
  try {
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const r = await run(['extract', '--json', dir]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).files[0].quotes, []);
    assert.equal(r.err, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check on the seeds: C01 in 000 and 002, the wrong conversion in 002, exit 1 for CI', async () => {
  const { code, out } = await run(['check', 'test/fixtures/seeds']);
  assert.equal(code, 1);
  const lines = out.split('\n');
  const t000 = fs.readFileSync(path.join(seeds, '000_2c6bdf8bfe82f281.txt'), 'utf8');
  const line000 = t000.slice(0, t000.indexOf('100 km (62 miles)')).split('\n').length;
  const c000 = lines.find((l) => l.includes('000_2c6bdf8bfe82f281.txt:') && l.includes(' fact-conflict '));
  assert.ok(c000, 'no fact-conflict in 000');
  assert.ok(c000.includes(`000_2c6bdf8bfe82f281.txt:${line000}:`), c000);
  assert.match(c000, /160 miles/);
  assert.match(c000, /62 miles/);
  assert.ok(lines.some((l) => l.includes('002_dce29dcf82e0f63b.txt:') && l.includes(' fact-conflict ')), 'no fact-conflict in 002');
  assert.ok(lines.some((l) => l.includes('002_dce29dcf82e0f63b.txt:') && l.includes(' fact-wrong-conversion ')), 'no wrong conversion in 002');
});

test('check --json: the documented shape, pairs indexing members', async () => {
  const { out } = await run(['check', '--json', 'test/fixtures/seeds']);
  const json = JSON.parse(out) as {
    files: string[];
    groups: { id: string; speaker: string; members: { path: string; start: number; end: number; text: string }[]; pairs: { a: number; b: number; relation: string; detail: string }[] }[];
    conflicts: { kind: string; a: { path: string; start: number; end: number; text: string }; b: unknown; detail: string }[];
  };
  assert.equal(json.files.length, 5);
  for (const g of json.groups) {
    for (const p of g.pairs) {
      assert.ok(p.a >= 0 && p.a < g.members.length && p.b >= 0 && p.b < g.members.length);
      assert.ok(['duplicate', 'excerpt', 'variant', 'conflict'].includes(p.relation));
    }
    for (const m of g.members) {
      const text = fs.readFileSync(path.resolve(repo, m.path), 'utf8');
      assert.equal(text.slice(m.start, m.end), m.text);
    }
  }
  // M3: Rudskoi's unmarked quotation in 000 and the quoted one in 002 are duplicates.
  const rudskoi = json.groups.find((g) => g.members.some((m) => m.text.startsWith('According to our information, U.S. intelligence services')));
  assert.ok(rudskoi, 'no group for Rudskoi');
  assert.deepEqual(rudskoi.pairs.map((p) => p.relation), ['duplicate']);
  const wrong = json.conflicts.find((c) => c.kind === 'wrong-conversion');
  assert.ok(wrong);
  assert.equal(wrong.b, null);
  assert.match(wrong.a.text, /100 km \(160 miles\)/);
});
