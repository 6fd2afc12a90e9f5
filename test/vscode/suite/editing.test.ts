// The index follows the editor and the disk: unsaved edits, files created and deleted outside the editor,
// and settings changes re-publish the diagnostics of every file whose results changed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  codeOf,
  diagnosticOn,
  gold,
  openSample,
  ourDiagnostics,
  ready,
  relatedTo,
  sameFile,
  uriOfFile,
  waitForDiagnostics,
  workspaceDir,
} from './helpers';
import type { GoldGroup, GoldSpan } from './helpers';

/** Gold group M3: Rudskoi's "According to our information…" in 000 (unmarked) and 002 (direct), same words. */
function rudskoi(): { in000: GoldSpan; in002: GoldSpan } {
  const m3 = gold<GoldGroup[]>('matches.json').find((g) => g.group_id === 'M3')!;
  return { in000: m3.members.find((m) => m.file.startsWith('000'))!, in002: m3.members.find((m) => m.file.startsWith('002'))! };
}

suite('Editing, files on disk and settings', () => {
  suiteSetup(async () => {
    await ready();
  });

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The severity test leaves an empty .vscode/settings.json behind.
    fs.rmSync(path.join(workspaceDir(), '.vscode'), { recursive: true, force: true });
  });

  test('an unsaved edit that removes a quotation clears it in this file and in the closed file it matched', async () => {
    const { in000, in002 } = rudskoi();
    const editor = await openSample('000');
    const doc = editor.document;
    assert.equal(doc.getText().slice(in000.start, in000.end), in000.text);
    await waitForDiagnostics(doc.uri, () => diagnosticOn(in000), 'the M3 duplicate before the edit');
    const uri002 = uriOfFile(in002.file);
    await waitForDiagnostics(uri002, () => diagnosticOn(in002), 'the M3 duplicate in 002 before the edit');

    // Replace Rudskoi's words by a sentence that quotes nobody.
    const span = new vscode.Range(doc.positionAt(in000.start), doc.positionAt(in000.end));
    assert.ok(await editor.edit((b) => b.replace(span, 'The offensive continued')));
    assert.equal(doc.isDirty, true);
    await waitForDiagnostics(uri002, () => (diagnosticOn(in002) ? undefined : true), 'the M3 diagnostic in the closed file 002 to go');
    await waitForDiagnostics(
      doc.uri,
      (ds) => (ds.some((d) => codeOf(d) === 'quote-duplicate') ? undefined : true),
      'no duplicate left in the edited 000',
    );
    // Nothing else in 000 moved: Konashenkov's statements (before the edit) keep their diagnostics.
    assert.ok(ourDiagnostics(doc.uri).length >= 2, 'the M1 and M2 diagnostics stay');

    // Undo: both come back, without saving anything.
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText().slice(in000.start, in000.end), in000.text);
    const back = await waitForDiagnostics(uri002, () => diagnosticOn(in002), 'the M3 diagnostic in 002 to come back');
    assert.ok(relatedTo(back, in000), '002 points at 000 again');
    await waitForDiagnostics(doc.uri, () => diagnosticOn(in000), 'the M3 diagnostic in 000 to come back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a file created on disk is indexed and matched; deleting it removes its matches', async () => {
    const { in000, in002 } = rudskoi();
    const file = path.join(workspaceDir(), 'zz-wire-copy.txt');
    const uri = vscode.Uri.file(file);
    // A third outlet carrying Rudskoi's statement word for word, in straight quotes.
    const body =
      `MOSCOW (Wire) - Russia's Defence Ministry spoke on Thursday.\n\n` +
      `"${in002.text}" Colonel-General Sergei Rudskoi said.\n`;
    fs.writeFileSync(file, body);
    try {
      const d = await waitForDiagnostics(uri, (ds) => ds.find((x) => codeOf(x) === 'quote-duplicate'), 'a duplicate in the new file');
      const quoteStart = body.indexOf(in002.text);
      const span: GoldSpan = { file: path.basename(file), text: in002.text, start: quoteStart, end: quoteStart + in002.text.length };
      assert.ok(diagnosticOn(span), 'the diagnostic covers the quoted words');
      assert.ok(relatedTo(d, in000) && relatedTo(d, in002), `related: ${JSON.stringify(d.relatedInformation?.map((r) => r.location.uri.fsPath))}`);
      // The other places now list the new file as well.
      await waitForDiagnostics(
        uriOfFile(in000.file),
        () => diagnosticOn(in000)?.relatedInformation?.find((r) => sameFile(r.location.uri, uri)),
        '000 to relate its Rudskoi quotation to the new file',
      );
    } finally {
      fs.rmSync(file, { force: true });
    }
    await waitForDiagnostics(uri, (ds) => (ds.length === 0 ? true : undefined), 'the deleted file to have no diagnostics');
    await waitForDiagnostics(
      uriOfFile(in000.file),
      () => {
        const d = diagnosticOn(in000);
        return d && !d.relatedInformation?.some((r) => sameFile(r.location.uri, uri)) ? d : undefined;
      },
      '000 to forget the deleted file',
    );
  });

  test('severity settings apply at once: duplicate as warning, then off, then back to the default hint', async () => {
    const { in000 } = rudskoi();
    const uri = uriOfFile(in000.file);
    const config = () => vscode.workspace.getConfiguration('quoteLens');
    await waitForDiagnostics(uri, () => (diagnosticOn(in000)?.severity === vscode.DiagnosticSeverity.Hint ? true : undefined), 'the default hint');
    try {
      await config().update('severity.duplicate', 'warning', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, () => (diagnosticOn(in000)?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined), 'a warning');
      await config().update('severity.duplicate', 'off', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, () => (diagnosticOn(in000) ? undefined : true), 'no duplicate diagnostic');
    } finally {
      await config().update('severity.duplicate', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, () => (diagnosticOn(in000)?.severity === vscode.DiagnosticSeverity.Hint ? true : undefined), 'the hint again');
  });
});
