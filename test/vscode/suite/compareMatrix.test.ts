// Issue 7 in the real workbench: "Compare with …" opens VS Code's diff editor on two places of a statement
// (read-only virtual documents), and the statement matrix webview draws the seed groups' cells.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { DEFAULT_TIMEOUT, gold, positionAt, ready, sampleText, sampleUri, waitFor } from './helpers';
import type { GoldGroup, GoldSpan, QuoteLensApi } from './helpers';
import { hoverAt, hoverMarkdown, positionIn } from './featureHelpers';

const FIRE = 'Fire points in those areas will be immediately suppressed with all military means';
const FIRING_001 = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal';
/** The sentence before 001's M2 quotation, in the same paragraph. */
const ATTEMPTS_001 = '"Attempts to open fire from SDF-controlled areas would be immediately met with retaliation," he said.';

interface CompareOutcome {
  title: string;
  original: string;
  modified: string;
  self: { label: string; text: string };
  other: { label: string; text: string; relation?: string };
}
interface RenderedMatrix {
  version: number;
  scope: string;
  columns: string[];
  rows: Array<{ id: string; speaker: string; text: string; cells: string[] }>;
  legend: string[];
}
interface MatrixState {
  visible: boolean;
  version: number;
  model: { columns: Array<{ label: string; name: string }>; rows: Array<{ id: string; reference: number; cells: Array<{ status: string; places: Array<{ text: string; status: string }> }> }> } | undefined;
  rendered: RenderedMatrix | undefined;
}

const core = (s: string) => s.trim().replace(/^["“]|["”]$/g, '').replace(/[,.;:]+$/, '');
const relationOf = (p: { relation: string; subtype?: string }) => (p.relation === 'variant' && p.subtype === 'excerpt' ? 'excerpt' : p.relation);
const STATUS_ORDER: Record<string, number> = { reference: 0, duplicate: 1, excerpt: 2, variant: 3, conflict: 4, absent: 5 };

/** The cells of a gold group, from the gold alone (see test/lsp/compareMatrix.test.ts). */
function expectedCells(g: GoldGroup, files: string[]): { ref: GoldSpan; cells: string[] } {
  const members = [...g.members].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
  const pair = (x: GoldSpan, y: GoldSpan) => g.pairs.find((p) => (p.a === x.id && p.b === y.id) || (p.a === y.id && p.b === x.id));
  const isExcerpt = (m: GoldSpan) => members.some((o) => o !== m && pair(m, o) && relationOf(pair(m, o)!) === 'excerpt' && m.text.length < o.text.length);
  const ref = members.find((m) => !isExcerpt(m))!;
  const cells = files.map((f) => {
    if (f === ref.file) return 'reference';
    const rels = members.filter((m) => m.file === f).map((m) => relationOf(pair(m, ref)!));
    return rels.sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b])[0] ?? 'absent';
  });
  return { ref, cells };
}

/** Re-checks an async probe on every event, and on a short poll (the webview's report has no public event). */
async function until<T>(probe: () => Promise<T | undefined>, what: () => string, events: vscode.Event<unknown>[] = [], timeoutMs = DEFAULT_TIMEOUT): Promise<T> {
  let latest: T | undefined;
  let busy = false;
  return waitFor(
    () => {
      if (!busy) {
        busy = true;
        void probe().then(
          (v) => {
            latest = v;
            busy = false;
          },
          () => (busy = false),
        );
      }
      return latest;
    },
    events,
    what,
    timeoutMs,
  );
}

function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

suite('Compare side by side and statement matrix', () => {
  const files: string[] = [];
  let api: QuoteLensApi;

  suiteSetup(async () => {
    api = await ready();
    for (const p of ['000', '001', '002', '003', '004']) files.push(sampleUri(p).path.split('/').pop()!);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the hover link opens the diff editor on the M2 variant 000 ↔ 001, each side the quotation with its paragraph', async () => {
    const uri0 = sampleUri('000');
    const md = hoverMarkdown(await hoverAt(uri0, positionIn('000', FIRE, 10)));
    const link = /\[⇄ compare\]\(command:quoteLens\.compare\?([^ )]+) "Compare side by side with file 001/.exec(md);
    assert.ok(link, md);
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    const out = await vscode.commands.executeCommand<CompareOutcome>('quoteLens.compare', ...args);
    assert.ok(out, 'the command opened a comparison');
    assert.equal(out.title, 'Reuters file 000 ↔ file 001');
    const diff = await waitFor(
      () => (activeDiff()?.original.toString() === out.original ? activeDiff() : undefined),
      [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>],
      () => `the diff editor on ${out.original} (active tab: ${vscode.window.tabGroups.activeTabGroup.activeTab?.label})`,
    );
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Reuters file 000 ↔ file 001');
    assert.equal(diff.original.scheme, 'quotelens-compare');
    assert.equal(diff.modified.toString(), out.modified);
    // The documents the diff editor shows: read through VS Code, as the editor does.
    const left = vscode.workspace.textDocuments.find((d) => d.uri.toString() === diff.original.toString()) ?? (await vscode.workspace.openTextDocument(diff.original));
    const right = vscode.workspace.textDocuments.find((d) => d.uri.toString() === diff.modified.toString()) ?? (await vscode.workspace.openTextDocument(diff.modified));
    const t0 = sampleText('000');
    const t1 = sampleText('001');
    // 000: one paragraph per line, the quotation is its own line (unmarked in the Reuters copy).
    const line0 = t0.split('\n')[positionIn('000', FIRE).line].trim();
    assert.equal(left.getText(), `${FIRE}.\n\n${line0}\n`);
    // 001: the paragraph separated by blank lines, holding the sentence before the quotation too.
    const lines = right.getText().split('\n');
    assert.equal(core(lines[0]), FIRING_001);
    assert.equal(lines[1], '');
    assert.ok(lines[2].includes(ATTEMPTS_001), right.getText());
    assert.ok(lines[2].includes(`"${FIRING_001}`), right.getText());
    assert.ok(t1.includes(lines.slice(2).join('\n').trim()), 'the paragraph is the sample text');
    // Read-only: VS Code has no file system provider that could save them.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('quotelens-compare'), undefined);
    assert.equal(t0.includes(left.getText()), false, 'a virtual document, not the file');
  });

  test('without a target, a quick pick chooses among the other places (worst relation first)', async () => {
    const uri = sampleUri('000');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const at = positionIn('000', FIRE, 5);
    editor.selection = new vscode.Selection(at, at);
    let done = false;
    const running = vscode.commands.executeCommand<CompareOutcome>('quoteLens.compare').then((r) => {
      done = true;
      return r;
    });
    // Accept the first item once the quick pick is up (nothing happens while it is not).
    await until(
      async () => {
        if (done) return true;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done || undefined;
      },
      () => 'the quick pick of places to be accepted',
    );
    const out = await running;
    assert.equal(out.other.label, 'file 001');
    assert.equal(out.other.relation, 'variant');
    assert.equal(core(out.self.text), FIRE);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Reuters file 000 ↔ file 001');
  });

  test('the statement matrix draws one column per file and the gold cells of M1–M4, then follows an edit', async () => {
    const shown = await vscode.commands.executeCommand<MatrixState>('quoteLens.showMatrix');
    assert.ok(shown.model, 'a model from the server');
    const state = () => vscode.commands.executeCommand<MatrixState>('quoteLens.matrix.currentModel');
    const drawn = await until(
      async () => {
        const s = await state();
        return s.rendered && s.rendered.version === s.version ? s : undefined;
      },
      () => 'the webview to report the drawn matrix',
    );
    const r = drawn.rendered!;
    const labels = ['Reuters file 000', 'file 001', 'Reuters file 002', 'file 003', 'file 004'];
    assert.deepEqual(r.columns, labels);
    assert.deepEqual(drawn.model!.columns.map((c) => c.name), files);
    assert.deepEqual(r.legend, ['reference', 'duplicate', 'excerpt', 'variant', 'conflict', 'absent']);
    assert.match(r.scope, /5 statements · 5 files/);
    const groups = gold<GoldGroup[]>('matches.json');
    const rowOf = (ref: GoldSpan) => {
      const i = drawn.model!.rows.findIndex((row) => row.cells[row.reference].places.some((p) => p.status === 'reference' && core(p.text) === core(ref.text)));
      assert.ok(i >= 0, `a row whose reference is “${ref.text}”`);
      return { model: drawn.model!.rows[i], drawn: r.rows[i] };
    };
    for (const g of groups) {
      const { ref, cells } = expectedCells(g, files);
      const row = rowOf(ref);
      assert.equal(row.drawn.id, row.model.id);
      assert.equal(row.drawn.speaker, g.speaker);
      assert.ok(core(ref.text).startsWith(core(row.drawn.text.replace(/^“|”$/g, '').replace(/…$/, ''))), row.drawn.text);
      // The text labels drawn in the page (readable without colour), as the gold says.
      assert.deepEqual(row.drawn.cells, cells, `${g.group_id}: ${JSON.stringify(row.drawn)}`);
    }
    // The five seed rows spelled out, widest first: M2, M1, M3, C01 figures, M4.
    assert.deepEqual(r.rows.map((x) => x.cells), [
      ['reference', 'variant', 'duplicate', 'variant', 'variant'],
      ['reference', 'variant', 'duplicate', 'excerpt', 'absent'],
      ['reference', 'absent', 'duplicate', 'absent', 'absent'],
      ['reference', 'absent', 'conflict', 'absent', 'absent'],
      ['absent', 'absent', 'reference', 'absent', 'absent'],
    ]);
    assert.equal(r.rows[3].speaker, 'Figures');
    assert.match(r.rows[3].text, /100 km \(62 miles\)/);

    // Rudskoi's M3 quotation pasted into 004 (unsaved): his row gains a duplicate in 004 once re-analysed.
    const m3 = rowOf(groups[2].members[0]).model.id;
    const t2 = sampleText('002');
    const start = t2.indexOf('“According to our information');
    const para = t2.slice(start, t2.indexOf('\n', start));
    const doc = await vscode.workspace.openTextDocument(sampleUri('004'));
    const ed = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    // The text before the edit, from the editor itself: what the file must read again once the edit is undone.
    const original = doc.getText();
    const end = positionAt(doc.getText(), doc.getText().length);
    await ed.edit((b) => b.insert(end, `\n${para}\n`));
    const cellsOf = async (id: string) => {
      const s = await state();
      const row = s.rendered?.version === s.version ? s.rendered.rows.find((x) => x.id === id) : undefined;
      return row?.cells;
    };
    await until(async () => ((await cellsOf(m3))?.[4] === 'duplicate' ? true : undefined), () => 'the M3 row to show a duplicate in 004');
    assert.deepEqual(await cellsOf(m3), ['reference', 'absent', 'duplicate', 'absent', 'duplicate']);
    let last: MatrixState | undefined;
    const now = async () => {
      last = await state();
      return cellsOf(m3);
    };
    const tell = () => `visible ${last?.visible}, version ${last?.version}, drawn ${last?.rendered?.version}: ${JSON.stringify(last?.rendered?.rows.find((x) => x.id === m3))}; 004 dirty: ${doc.isDirty}; status ${JSON.stringify(api.status())}`;
    // Take the paragraph out again and save (the text is then the sample's, byte for byte).
    await ed.edit((b) => b.delete(new vscode.Range(end, positionAt(doc.getText(), doc.getText().length))));
    await doc.save();
    assert.equal(doc.getText(), original);
    assert.equal(doc.isDirty, false);
    await until(async () => ((await now())?.[4] === 'absent' ? true : undefined), () => `the M3 row back to absent in 004 (${tell()})`);
  });
});
