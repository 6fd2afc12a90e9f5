// Editor features in the real workbench (issue 5): hover, lenses and running one, definition and
// references, next / previous, the outline, an annotation that survives a restart and an edit that moves
// the quote, and a quick fix's edit. Every expectation is located in the sample text itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openSample, ourDiagnostics, ready, sampleText, sampleUri, waitFor, waitForDiagnostics, workspaceDir } from './helpers';
import { annotationsFile, hoverAt, hoverMarkdown, positionIn, revert, waitForAnnotation } from './featureHelpers';

const FIRE = 'Fire points in those areas will be immediately suppressed with all military means';
const FIRING_001 = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal';

function base(uri: vscode.Uri): string {
  return path.basename(uri.fsPath).slice(0, 3);
}

function textOf(uri: vscode.Uri, range: vscode.Range): string {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
  const t = doc ? doc.getText(range) : (() => {
    const lines = sampleText(uri).split('\n');
    return range.isSingleLine ? lines[range.start.line].slice(range.start.character, range.end.character) : '';
  })();
  return t.trim().replace(/[,.;:]+$/, '');
}

suite('Editor features: hover, lenses, navigation, outline, annotations, quick fixes', () => {
  suiteSetup(async () => {
    await ready();
  });

  suiteTeardown(async () => {
    fs.rmSync(path.join(workspaceDir(), '.quotelens'), { recursive: true, force: true });
    for (const d of vscode.workspace.textDocuments) await revert(d);
  });

  test("hover on Konashenkov's “Fire points …” names him and every other place, with a word diff", async () => {
    const md = hoverMarkdown(await hoverAt(sampleUri('000'), positionIn('000', FIRE, 10)));
    assert.match(md, /^\*\*Igor Konashenkov\*\* · quotation without quotation marks/, md);
    assert.match(md, /Speaker: “Major-General Igor Konashenkov” \(name\)/, md);
    assert.match(md, /\*\*Quoted in 4 other places\*\*/, md);
    for (const place of ['file 001, line 21', 'file 003, line 45', 'file 004, line 32', 'Reuters file 002, line 377']) {
      assert.ok(md.includes(`[${place}](command:quoteLens.openLocation?`), `${place} in\n${md}`);
    }
    assert.match(md, /~~Fire points~~ \*\*The firing positions\*\*/, md);
  });

  test('lens titles, and running a lens peeks at the matching places', async () => {
    const uri = sampleUri('000');
    await openSample('000');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    const titles = new Map(lenses.map((l) => [l.range.start.line, l.command?.title]));
    assert.equal(titles.get(positionIn('000', FIRE).line), '4 sources · 3 reworded');
    assert.equal(titles.get(positionIn('000', 'A representative of the U.S. military').line), '3 sources · 1 reworded');
    assert.equal(titles.get(positionIn('000', 'According to our information').line), '1 source');
    const lens = lenses.find((l) => l.range.start.line === positionIn('000', FIRE).line)!;
    assert.equal(lens.command!.command, 'quoteLens.peekMatches');
    const shown = await vscode.commands.executeCommand<vscode.Location[]>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.deepEqual(shown.map((l) => base(l.uri)), ['001', '003', '004', '002']);
    assert.equal(textOf(shown[0].uri, shown[0].range), FIRING_001);
    assert.equal(textOf(shown[3].uri, shown[3].range), FIRE);
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  test('definition goes to the first occurrence; references list all five places', async () => {
    const from = sampleUri('002');
    const pos = positionIn('002', FIRE, 5);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', from, pos);
    assert.equal(defs.length, 1);
    const d = defs[0];
    const [uri, range] = 'targetUri' in d ? [d.targetUri, d.targetRange] : [d.uri, d.range];
    assert.equal(base(uri), '000');
    assert.equal(textOf(uri, range), FIRE);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', from, pos);
    assert.deepEqual(refs.map((r) => base(r.uri)).sort(), ['000', '001', '002', '003', '004']);
    const in003 = refs.find((r) => base(r.uri) === '003')!;
    assert.equal(textOf(in003.uri, in003.range), 'Firing positions in those areas will be immediately suppressed with all military means');
  });

  test('next / previous matching quote move the cursor between the places of the statement', async () => {
    const editor = await openSample('000');
    const at = positionIn('000', FIRE, 3);
    editor.selection = new vscode.Selection(at, at);
    const next = await vscode.commands.executeCommand<{ index: number; total: number; label: string }>('quoteLens.nextMatch');
    assert.deepEqual([next.index, next.total, next.label], [2, 5, 'file 001']);
    const e1 = vscode.window.activeTextEditor!;
    assert.equal(base(e1.document.uri), '001');
    assert.deepEqual(e1.selection.active, positionIn('001', FIRING_001));
    await vscode.commands.executeCommand('quoteLens.previousMatch');
    const e0 = vscode.window.activeTextEditor!;
    assert.equal(base(e0.document.uri), '000');
    assert.deepEqual(e0.selection.active, positionIn('000', FIRE));
  });

  test('the outline groups quotations by speaker', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', sampleUri('000'));
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Igor Konashenkov') && names.includes('Sergei Rudskoi'), names.join(', '));
    const kon = symbols.find((s) => s.name === 'Igor Konashenkov')!;
    const fire = kon.children.find((c) => c.name.startsWith('“Fire points'))!;
    assert.ok(fire, kon.children.map((c) => c.name).join('\n'));
    assert.equal(fire.detail, 'unmarked · 4 sources');
    assert.equal(fire.range.start.line, positionIn('000', FIRE).line);
  });

  test('an annotation is saved, survives a server restart (the window state is only the file) and an edit that moves the quote', async () => {
    const uri = sampleUri('000');
    const editor = await openSample('000');
    const at = positionIn('000', FIRE, 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('quoteLens.markVerified');
    const entry = await waitForAnnotation((a) => a.speaker === 'Igor Konashenkov' && a.status === 'verified', 'the verified entry');
    assert.equal(entry.file, path.basename(uri.fsPath));
    assert.equal(entry.quote, `${FIRE}.`);
    const onFire = (ds: vscode.Diagnostic[], line: number) => ds.find((d) => d.range.start.line === line && d.message.startsWith('✓ Verified · '));
    const verified = await waitForDiagnostics(uri, (ds) => onFire(ds, at.line), 'the verified diagnostic on Fire points');
    assert.equal(verified.severity, vscode.DiagnosticSeverity.Hint);

    // A reload of the window restarts the language server; the verdict comes back from the file.
    await vscode.commands.executeCommand('quoteLens.restartServer');
    await waitForDiagnostics(uri, (ds) => onFire(ds, at.line), 'the verified diagnostic after the restart');
    assert.match(hoverMarkdown(await hoverAt(uri, at)), /✓ \*\*Verified\*\*/);

    // Two lines inserted above (unsaved): the quote moves and keeps its verdict.
    const ed = await openSample('000');
    await ed.edit((b) => b.insert(new vscode.Position(0, 0), 'EDITOR NOTE: this paragraph was added.\n\n'));
    await waitForDiagnostics(uri, (ds) => onFire(ds, at.line + 2), 'the verified diagnostic two lines lower');
    const moved = new vscode.Position(at.line + 2, at.character);
    assert.match(hoverMarkdown(await hoverAt(uri, moved)), /✓ \*\*Verified\*\*/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    assert.equal(lenses.find((l) => l.range.start.line === at.line + 2)?.command?.title, '✓ verified · 4 sources · 3 reworded');
    // Take the two lines out again and save (the text is then the sample's, byte for byte).
    await ed.edit((b) => b.delete(new vscode.Range(0, 0, 2, 0)));
    await ed.document.save();
    assert.equal(ed.document.getText(), sampleText('000'));

    // Removing the file removes the verdict (the server watches it).
    fs.rmSync(annotationsFile(), { force: true });
    await waitForDiagnostics(uri, (ds) => (ds.some((d) => d.range.start.line === at.line && !d.message.startsWith('✓')) ? true : undefined), 'the diagnostic without the check');
  });

  test("a quick fix takes another source's wording", async () => {
    const uri = sampleUri('000');
    const editor = await openSample('000');
    const line = positionIn('000', FIRE).line;
    const diag = await waitForDiagnostics(uri, (ds) => ds.find((d) => d.range.start.line === line && d.code !== undefined), 'the variant on Fire points');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    // The server's order is wording, intended, ignore; VS Code lists the preferred fix first.
    assert.deepEqual(titles.slice(0, 3), [
      'Mark as intended (verified)',
      'Use the wording of file 001: “The firing positions in those areas will be immed…”',
      'Use the wording of file 003: “Firing positions in those areas will be immediate…”',
    ]);
    assert.equal(actions.find((a) => a.isPreferred)?.title, 'Mark as intended (verified)');
    assert.ok(await vscode.workspace.applyEdit(actions[1].edit!));
    assert.equal(editor.document.lineAt(line).text.trim(), `${FIRING_001}.`);
    // The edited quote is analysed again: it is now worded as 001 and 004 (a duplicate of theirs).
    await waitFor(
      () => (ourDiagnostics(uri).some((d) => d.range.start.line === line && /Reworded quotation|Same quotation/.test(d.message) && !d.message.includes("'The firing positions' where this has")) ? true : undefined),
      [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
      () => 'the diagnostic of the new wording',
    );
    await revert(editor.document);
  });
});
