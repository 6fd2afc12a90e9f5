/**
 * Issue 7: the statement matrix model (a pure function, checked against the seed gold) and the compare
 * request (the two texts of a diff, checked against the sample text).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex, computeLineStarts, offsetToPosition } from '../../server/src/workspace/workspaceIndex.ts';
import { buildMatrix, STATUS_ORDER } from '../../server/src/lsp/matrix.ts';
import { paragraphAround } from '../../server/src/lsp/compare.ts';
import type { CompareResult, MatrixModel, MatrixStatus } from '../../server/src/protocol.ts';
import { TestClient, SEEDS, makeWorkspace, textAt, uriOf } from './client.ts';

interface GoldMember { id: string; file: string; text: string; start: number; end: number }
interface GoldGroup { group_id: string; speaker: string; members: GoldMember[]; pairs: Array<{ a: string; b: string; relation: string; subtype?: string }> }

const GOLD = path.join(SEEDS, '..', 'seeds-gold');
const gold = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(GOLD, name), 'utf8')) as T;
const FILES = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const seedText = (f: string) => fs.readFileSync(path.join(SEEDS, f), 'utf8');
/** Spans may differ in a trailing comma or full stop kept inside the marks. */
const core = (s: string) => s.trim().replace(/[,.;:]+$/, '');
/** Gold marks an excerpt as a variant with subtype excerpt; Quote Lens names it excerpt. */
const relationOf = (p: { relation: string; subtype?: string }) => (p.relation === 'variant' && p.subtype === 'excerpt' ? 'excerpt' : p.relation);

function seedIndex(): WorkspaceIndex {
  const idx = new WorkspaceIndex();
  for (const f of FILES) idx.setFile(path.join(SEEDS, f), seedText(f));
  return idx;
}

function model(idx: WorkspaceIndex, files = FILES): MatrixModel {
  return buildMatrix({
    files: files.map((f) => path.join(SEEDS, f)),
    groups: idx.groups(),
    conflicts: idx.conflicts(),
    scope: { path: SEEDS, uri: null, name: 'seeds' },
    label: (p) => idx.file(p)!.label,
    uri: (p) => uriOf(p),
    range: (p, s, e) => {
      const ls = computeLineStarts(seedText(path.basename(p)));
      return { start: offsetToPosition(ls, s), end: offsetToPosition(ls, e) };
    },
  });
}

/**
 * The cells a gold group should get, derived from the gold alone: the reference is the first member in
 * file order that is not the shorter side of an excerpt pair; each other file shows its closest relation
 * to the reference.
 */
function expectedCells(g: GoldGroup, files: string[]): { ref: GoldMember; cells: MatrixStatus[] } {
  const members = g.members.filter((m) => files.includes(m.file)).sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
  const pair = (x: GoldMember, y: GoldMember) => g.pairs.find((p) => (p.a === x.id && p.b === y.id) || (p.a === y.id && p.b === x.id));
  const isExcerpt = (m: GoldMember) => members.some((o) => o !== m && pair(m, o) && relationOf(pair(m, o)!) === 'excerpt' && m.text.length < o.text.length);
  const ref = members.find((m) => !isExcerpt(m))!;
  const cells = files.map((f): MatrixStatus => {
    if (f === ref.file) return 'reference';
    const rels = members.filter((m) => m.file === f).map((m) => relationOf(pair(m, ref)!) as MatrixStatus);
    return rels.sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b])[0] ?? 'absent';
  });
  return { ref, cells };
}

function rowFor(m: MatrixModel, ref: { text: string }): MatrixModel['rows'][number] {
  const row = m.rows.find((r) => r.cells[r.reference].places.some((p) => p.status === 'reference' && core(p.text) === core(ref.text)));
  assert.ok(row, `a row whose reference is “${ref.text}”: ${JSON.stringify(m.rows.map((r) => r.text))}`);
  return row;
}

test('matrix: one column per seed file, one row per gold group (M1–M4) and the C01 figures, cells as the gold says', () => {
  const m = model(seedIndex());
  assert.deepEqual(m.columns.map((c) => c.name), FILES);
  assert.deepEqual(m.columns.map((c) => c.label), ['Reuters file 000', 'file 001', 'Reuters file 002', 'file 003', 'file 004']);
  const groups = gold<GoldGroup[]>('matches.json');
  assert.deepEqual(groups.map((g) => g.group_id), ['M1', 'M2', 'M3', 'M4']);
  for (const g of groups) {
    const { ref, cells } = expectedCells(g, FILES);
    const row = rowFor(m, ref);
    assert.equal(row.kind, 'quote');
    assert.equal(row.speaker, g.speaker, g.group_id);
    assert.deepEqual(row.cells.map((c) => c.status), cells, `${g.group_id} cells`);
    // Every place is the gold member's words in the sample, at its line.
    for (const [i, cell] of row.cells.entries()) {
      const want = g.members.filter((x) => x.file === FILES[i]);
      assert.equal(cell.places.length, want.length, `${g.group_id} places in ${FILES[i]}`);
      for (const p of cell.places) {
        const t = seedText(FILES[i]);
        const w = want.find((x) => core(x.text) === core(textAt(t, p.range)));
        assert.ok(w, `${g.group_id} ${FILES[i]}: “${textAt(t, p.range)}” is a gold member`);
        assert.equal(p.line, offsetToPosition(computeLineStarts(t), w.start).line + 1);
        assert.equal(p.uri, uriOf(path.join(SEEDS, FILES[i])));
      }
    }
  }
  // The seeds' groups, spelled out (the gold above derives the same): M2 is carried by all five files.
  const m2 = rowFor(m, groups[1].members[0]);
  assert.deepEqual(m2.cells.map((c) => c.status), ['reference', 'variant', 'duplicate', 'variant', 'variant']);
  const m1 = rowFor(m, groups[0].members[0]);
  assert.deepEqual(m1.cells.map((c) => c.status), ['reference', 'variant', 'duplicate', 'excerpt', 'absent']);
  const m4 = rowFor(m, groups[3].members[1]);
  assert.deepEqual(m4.cells.map((c) => c.status), ['absent', 'absent', 'reference', 'absent', 'absent']);
  assert.deepEqual(m4.cells[2].places.map((p) => p.status), ['reference', 'excerpt'], "Tillerson's “badly” is listed under his full quotation");
  // C01: 62 miles in 000, 160 miles in 002.
  const c01 = gold<Array<{ id: string; a: GoldMember; b: GoldMember }>>('conflicts.json').find((c) => c.id === 'C01')!;
  const figures = m.rows.filter((r) => r.kind === 'figures');
  assert.equal(figures.length, 1, JSON.stringify(figures.map((r) => r.text)));
  assert.deepEqual(figures[0].cells.map((c) => c.status), ['reference', 'absent', 'conflict', 'absent', 'absent']);
  assert.ok(figures[0].cells[0].places[0].text.includes(c01.a.text), figures[0].cells[0].places[0].text);
  assert.ok(figures[0].cells[2].places[0].text.includes(c01.b.text));
  assert.match(figures[0].cells[2].places[0].detail, /62 miles/);
  assert.equal(m.rows.length, groups.length + 1);
  // Widest spread first.
  assert.equal(m.rows[0].id, m2.id);
  assert.equal(m.filesWithoutMatches, 0);
});

test('matrix: a folder scope keeps its files only, and statements matched within it', () => {
  const files = [FILES[0], FILES[2]];
  const m = model(seedIndex(), files);
  assert.deepEqual(m.columns.map((c) => c.name), files);
  for (const g of gold<GoldGroup[]>('matches.json')) {
    const { ref, cells } = expectedCells(g, files);
    assert.deepEqual(rowFor(m, ref).cells.map((c) => c.status), cells, g.group_id);
  }
  assert.equal(m.rows.length, 5, 'M1–M4 each have two places in 000 and 002, plus C01');
  const only001 = model(seedIndex(), [FILES[1]]);
  assert.deepEqual([only001.columns, only001.rows, only001.filesWithoutMatches], [[], [], 1]);
});

test('compare: a paragraph is the run of non-blank lines, or the line in a file without blank lines', () => {
  const t = 'Head.\n\nOne line,\n"quoted here" he said.\nNext.\n\nOther.\n';
  const at = t.indexOf('quoted');
  assert.equal(paragraphAround(t, at, at + 6), 'One line,\n"quoted here" he said.\nNext.');
  const flat = 'First paragraph.\nSecond with "a quote" in it.\nThird.\n';
  const q = flat.indexOf('a quote');
  assert.equal(paragraphAround(flat, q, q + 7), 'Second with "a quote" in it.');
});

// ---------------------------------------------------------------------------------------------------
// Through the server.

const clients: TestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

const FIRE = 'Fire points in those areas will be immediately suppressed with all military means';
const FIRING_001 = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal';

function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return offsetToPosition(computeLineStarts(text), at + delta);
}

test('quoteLens/compare: the M2 variant pair 000 ↔ 001 with their paragraphs; every other place without `other`', async () => {
  const files = Object.fromEntries(FILES.map((f) => [f, seedText(f)]));
  const ws = makeWorkspace(files);
  const c = await TestClient.start({ folders: [ws], initializationOptions: { clientCommands: true } });
  clients.push(c);
  await c.ready();
  const [f0, f1] = [path.join(ws, FILES[0]), path.join(ws, FILES[1])];
  const [t0, t1] = [files[FILES[0]], files[FILES[1]]];
  const all = await c.request<CompareResult>('quoteLens/compare', { uri: uriOf(f0), position: posOf(t0, FIRE, 5) });
  assert.ok(all);
  assert.equal(core(all.self.text), FIRE);
  assert.equal(all.self.label, 'Reuters file 000');
  assert.deepEqual(all.others.map((o) => [o.label, o.relation]), [
    ['file 001', 'variant'],
    ['file 003', 'variant'],
    ['file 004', 'variant'],
    ['Reuters file 002', 'duplicate'],
  ]);
  const one = await c.request<CompareResult>('quoteLens/compare', { uri: uriOf(f0), position: posOf(t0, FIRE, 5), other: { uri: uriOf(f1), position: posOf(t1, FIRING_001, 3) } });
  assert.ok(one);
  assert.equal(one.others.length, 1);
  const [a, b] = [one.self, one.others[0]];
  // 000 has one paragraph per line: the paragraph is the quotation's line.
  const line0 = t0.split('\n')[posOf(t0, FIRE).line];
  assert.equal(a.paragraph, line0.trim());
  assert.equal(a.content, `${a.text.trim()}\n\n${line0.trim()}\n`);
  assert.equal(core(textAt(t0, a.range)), FIRE);
  // 001 separates paragraphs with blank lines: its paragraph holds the quotation and the sentence before it.
  assert.equal(core(b.text), FIRING_001);
  assert.equal(b.relation, 'variant');
  assert.equal(b.subtype, 'translation');
  assert.match(b.detail ?? '', /The firing positions/);
  assert.ok(b.paragraph.includes('"Attempts to open fire from SDF-controlled areas would be immediately met with retaliation," he said.'), b.paragraph);
  assert.ok(b.paragraph.includes(b.text.trim()));
  assert.ok(t1.includes(b.paragraph), 'the paragraph is the sample text');
  assert.equal(b.line, posOf(t1, FIRING_001).line + 1);
  assert.equal(await c.request('quoteLens/compare', { uri: uriOf(f0), position: { line: 0, character: 2 } }), null, 'no quotation on the dateline');

  // The hover's compare link carries both places.
  const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uriOf(f0) }, position: posOf(t0, FIRE, 5) });
  const link = /\[⇄ compare\]\(command:quoteLens\.compare\?([^ )]+) "Compare side by side with file 001/.exec(hover.contents.value);
  assert.ok(link, hover.contents.value);
  const [params] = JSON.parse(decodeURIComponent(link[1]));
  assert.equal(params.uri, uriOf(f0));
  assert.equal(params.other.uri, uriOf(f1));
  const viaLink = await c.request<CompareResult>('quoteLens/compare', params);
  assert.deepEqual(viaLink?.others.map((o) => o.label), ['file 001']);

  // The matrix, for the workspace and for a folder.
  const m = await c.request<MatrixModel>('quoteLens/matrix', {});
  assert.deepEqual(m.columns.map((x) => x.name), FILES);
  assert.equal(m.rows.length, 5);
  assert.deepEqual(m.rows[0].cells.map((x) => x.status), ['reference', 'variant', 'duplicate', 'variant', 'variant']);
});

test('quoteLens/matrix with a folder: only that folder\'s files', async () => {
  const ws = makeWorkspace({
    [`reuters/${FILES[0]}`]: seedText(FILES[0]),
    [`reuters/${FILES[2]}`]: seedText(FILES[2]),
    [`others/${FILES[1]}`]: seedText(FILES[1]),
    [`others/${FILES[4]}`]: seedText(FILES[4]),
  });
  const c = await TestClient.start({ folders: [ws], initializationOptions: { clientCommands: true } });
  clients.push(c);
  await c.ready();
  const all = await c.request<MatrixModel>('quoteLens/matrix', { folderUri: null });
  assert.deepEqual(all.columns.map((x) => x.name), [`others/${FILES[1]}`, `others/${FILES[4]}`, `reuters/${FILES[0]}`, `reuters/${FILES[2]}`]);
  const others = await c.request<MatrixModel>('quoteLens/matrix', { folderUri: uriOf(path.join(ws, 'others')) });
  assert.equal(others.scope.name, 'others');
  assert.deepEqual(others.columns.map((x) => x.name), [FILES[1], FILES[4]]);
  // AP's M2 wording in 001 and 004 is the same: one row, a duplicate.
  assert.deepEqual(others.rows.map((r) => [core(r.cells[r.reference].places[0].text), r.cells.map((x) => x.status)]), [[FIRING_001, ['reference', 'duplicate']]]);
  assert.equal(others.rows[0].text, `${FIRING_001.slice(0, 89)}…`, 'the row text is shortened');
});
