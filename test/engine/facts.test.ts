import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FactIndex } from '../../server/src/engine/facts/index';
import { findQuantities } from '../../server/src/engine/facts/quantities';

const SEEDS = path.join(__dirname, '../fixtures/seeds');
const GOLD = path.join(__dirname, '../fixtures/seeds-gold');

const CAPTURED = 'The Syrian army, backed by Russian war planes, has captured about 100 km (62 miles) of the west bank of the Euphrates this month, reaching the Raqqa provincial border on Wednesday.';

test('quantities: units, conversions, ranges, written numbers, currencies', () => {
  const text = 'It has a range of 500 km to 5,500 km (310-3,417 miles). Seven kilometres away, 30 percent of $31.4 million was spent in 2016.';
  const qs = findQuantities(text);
  assert.deepEqual(qs.map((q) => [q.text, q.dim, q.low, q.high]), [
    ['500 km to 5,500 km', 'length', 500, 5500],
    ['310-3,417 miles', 'length', 310, 3417],
    ['Seven kilometres', 'length', 7, 7],
    ['30 percent', 'percent', 30, 30],
    ['$31.4 million', 'currency:USD', 31_400_000, 31_400_000],
  ]);
  assert.equal(qs[0].conversion, qs[1]);
  assert.equal(text.slice(qs[0].start, qs[0].groupEnd), '500 km to 5,500 km (310-3,417 miles)');
});

test('the same sentence with other figures in another file is a conflict in both files', () => {
  const facts = new FactIndex();
  facts.setFile('reuters-a.txt', `Intro line.\n${CAPTURED}\n`);
  const changed = facts.setFile('reuters-b.txt', `Other news.\n${CAPTURED.replace('62 miles', '160 miles')}\n`);
  assert.deepEqual(changed, ['reuters-a.txt', 'reuters-b.txt']);
  const [mismatch] = facts.conflictsForFile('reuters-a.txt').filter((c) => c.kind === 'numeric-mismatch');
  assert.deepEqual(mismatch.a, { path: 'reuters-a.txt', start: 12 + CAPTURED.indexOf('100 km'), end: 12 + CAPTURED.indexOf('100 km') + 17, text: '100 km (62 miles)' });
  assert.equal(mismatch.b?.text, '100 km (160 miles)');
  assert.equal(mismatch.detail, "'160 miles' where this has '62 miles'");
  assert.equal(mismatch.detailForB, "'62 miles' where this has '160 miles'");
  assert.ok(facts.conflictsForFile('reuters-b.txt').some((c) => c.kind === 'numeric-mismatch'));
  // 160 miles is not 100 km: flagged on its own, in b only.
  const wrong = facts.conflicts().filter((c) => c.kind === 'wrong-conversion');
  assert.deepEqual(wrong.map((c) => [c.a.path, c.a.text, c.b, c.detail]), [
    ['reuters-b.txt', '100 km (160 miles)', null, '100 km is about 62 miles, not 160 miles'],
  ]);
  assert.deepEqual(facts.removeFile('reuters-b.txt'), ['reuters-a.txt', 'reuters-b.txt']);
  assert.deepEqual(facts.conflicts(), []);
});

test('the same figure in an unrelated sentence is no match, and rounding is no wrong conversion', () => {
  const facts = new FactIndex();
  facts.setFile('a.txt', CAPTURED);
  facts.setFile('b.txt', 'Vladivostok, a strategic port city of 600,000 people, is only about 100 km (60 miles) from the border.');
  assert.deepEqual(facts.conflicts(), []);
});

test('templated sentences about different things are not one fact; one file is not compared with itself', () => {
  const facts = new FactIndex();
  facts.setFile('a.txt', 'It takes 1,237 delegates to win the Republican nomination for president at the national convention.');
  facts.setFile('b.txt', 'It takes 2,383 delegates to win the Democratic nomination for president at the national convention.');
  facts.setFile('c.txt', 'Turnout was only about 43 percent in the referendum on independence held on Sunday in Catalonia.\nTurnout was only about 42 percent in the referendum on independence held on Sunday in Catalonia.');
  assert.deepEqual(facts.conflicts(), []);
  facts.setFile('d.txt', 'Turnout was only about 48 percent in the referendum on independence held on Sunday in Catalonia.');
  const found = facts.conflictsForFile('d.txt');
  assert.equal(found.length, 2);
  assert.deepEqual(found.map((c) => c.detail).sort(), ["'48 percent' where this has '42 percent'", "'48 percent' where this has '43 percent'"]);
});

test('temperature changes convert without the offset', () => {
  const facts = new FactIndex();
  facts.setFile('a.txt', 'The deal aims to limit warming to 2 degrees Celsius (3.6 degrees Fahrenheit) above pre-industrial levels.');
  facts.setFile('b.txt', 'The overnight low was 20 degrees Celsius (68 degrees Fahrenheit) in the capital.');
  facts.setFile('c.txt', 'The lake is 300 metres (900 feet) deep.');
  assert.deepEqual(facts.conflicts().map((c) => [c.a.path, c.a.text, c.detail]), [
    ['c.txt', '300 metres (900 feet)', '300 metres is about 984 feet, not 900 feet'],
  ]);
});

test('seeds: C01 in 000 and 002, the wrong conversion in 002, nothing else', () => {
  const facts = new FactIndex();
  for (const f of fs.readdirSync(SEEDS).sort()) facts.setFile(f, fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  const c01 = (JSON.parse(fs.readFileSync(path.join(GOLD, 'conflicts.json'), 'utf8')) as Array<{ id: string; a: { file: string; start: number; end: number; text: string }; b: { file: string; start: number; end: number; text: string } }>).find((c) => c.id === 'C01')!;
  const span = (g: typeof c01.a) => ({ path: g.file, start: g.start, end: g.end, text: g.text });
  assert.deepEqual(facts.conflicts(), [
    { kind: 'numeric-mismatch', a: span(c01.a), b: span(c01.b), detail: "'160 miles' where this has '62 miles'", detailForB: "'62 miles' where this has '160 miles'" },
    { kind: 'wrong-conversion', a: span(c01.b), b: null, detail: '100 km is about 62 miles, not 160 miles' },
  ]);
  assert.equal(facts.conflictsForFile('000_2c6bdf8bfe82f281.txt').length, 1);
  assert.equal(facts.conflictsForFile('002_dce29dcf82e0f63b.txt').length, 2);
  assert.deepEqual(facts.conflictsForFile('004_50bf1a4a4b352fba.txt'), []);
});
