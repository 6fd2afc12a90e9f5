/**
 * The server on a copy of the seed articles, checked against the hand-made gold
 * (test/fixtures/seeds-gold): spans are located by the gold offsets, not copied from output.
 */
import { makeTempDir } from '../tempDir';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, SEEDS, textAt, uriOf, msg } from './client.ts';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';

const GOLD = path.join(SEEDS, '..', 'seeds-gold');
const root = makeTempDir('ql-seeds-');
for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(root, f));
const file = (name: string) => path.join(root, name);
const text = (name: string) => fs.readFileSync(file(name), 'utf8');
/** Quote spans may differ in a trailing comma or full stop kept inside the marks. */
const core = (s: string) => s.trim().replace(/[,.;:]+$/, '');

let client: TestClient;
after(async () => {
  await client?.stop();
});

async function started(): Promise<TestClient> {
  if (!client) {
    client = await TestClient.start({ folders: [root] });
    await client.ready();
  }
  return client;
}

function diagnosticAt(c: TestClient, name: string, goldText: string): Diagnostic | undefined {
  const t = text(name);
  return c.diagnosticsOf(file(name)).find((d) => core(textAt(t, d.range)) === core(goldText));
}

test('seeds: every file is indexed, the M1 duplicate (000 unmarked ↔ 002 direct) links both ways', async () => {
  const c = await started();
  assert.equal(c.statuses.at(-1)?.files, 5);
  const m1 = JSON.parse(fs.readFileSync(path.join(GOLD, 'matches.json'), 'utf8'))[0];
  const a = m1.members.find((m: { id: string }) => m.id === '000-003');
  const b = m1.members.find((m: { id: string }) => m.id === '002-140');
  assert.equal(text(a.file).slice(a.start, a.end), a.text);
  const da = await c.waitFor('diagnostic on 000-003', () => diagnosticAt(c, a.file, a.text));
  const toB = da.relatedInformation?.find((r) => r.location.uri === uriOf(file(b.file)));
  assert.ok(toB, `000-003 lists 002: ${JSON.stringify(da.relatedInformation)}`);
  assert.equal(core(textAt(text(b.file), toB.location.range)), core(b.text));
  assert.match(toB.message, /^duplicate in Reuters file 002/);
  const db = await c.waitFor('diagnostic on 002-140', () => diagnosticAt(c, b.file, b.text));
  const toA = db.relatedInformation?.find((r) => r.location.uri === uriOf(file(a.file)));
  assert.ok(toA);
  assert.deepEqual(toA.location.range, da.range);
  assert.equal((da.data as { groupId: string }).groupId, (db.data as { groupId: string }).groupId);
});

test('seeds: conflict C01 (62 vs 160 miles) in 000 and 002, and the wrong conversion in 002', async () => {
  const c = await started();
  const c01 = JSON.parse(fs.readFileSync(path.join(GOLD, 'conflicts.json'), 'utf8')).find((x: { id: string }) => x.id === 'C01');
  const overlaps = (name: string, d: Diagnostic, g: { start: number; end: number }) => {
    const t = text(name);
    const s = t.indexOf(textAt(t, d.range));
    return textAt(t, d.range).includes(t.slice(g.start, g.end)) || (s < g.end && s + textAt(t, d.range).length > g.start);
  };
  const inA = await c.waitFor('fact conflict in 000', () =>
    c.diagnosticsOf(file(c01.a.file)).find((d) => d.code === 'fact-conflict' && textAt(text(c01.a.file), d.range).includes('62 miles')));
  assert.ok(overlaps(c01.a.file, inA, c01.a));
  assert.match(msg(inA), /^Reuters file 002 has '.*160 miles.*' where this has '.*62 miles.*'/);
  assert.ok(inA.relatedInformation?.some((r) => r.location.uri === uriOf(file(c01.b.file)) && textAt(text(c01.b.file), r.location.range).includes('160 miles')));
  const inB = c.diagnosticsOf(file(c01.b.file)).find((d) => d.code === 'fact-conflict' && textAt(text(c01.b.file), d.range).includes('160 miles'));
  assert.ok(inB, 'fact conflict in 002');
  assert.match(msg(inB), /^Reuters file 000 has '.*62 miles.*' where this has '.*160 miles.*'/);
  const wrong = c.diagnosticsOf(file(c01.b.file)).find((d) => d.code === 'fact-wrong-conversion');
  assert.ok(wrong && textAt(text(c01.b.file), wrong.range).includes('100 km (160 miles)'));
  assert.match(msg(wrong), /^Wrong conversion in '100 km \(160 miles\)'/);
  assert.equal(wrong.severity, 2 /* Warning */);
  assert.equal(inA.severity, 2);
  // The Vladivostok "100 km (60 miles)" in 002 is not part of it.
  for (const d of c.diagnosticsOf(file(c01.b.file))) assert.ok(!textAt(text(c01.b.file), d.range).includes('60 miles)') || textAt(text(c01.b.file), d.range).includes('160'));
});
