// The extension in a real workbench: activation on a .txt file, the server's ready status, diagnostics
// for files that were never opened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { extension, openSample, ourDiagnostics, ready, sampleUri, waitForDiagnostics, workspaceDir } from './helpers';
import type { QuoteLensApi } from './helpers';

suite('Activation and index', () => {
  let api: QuoteLensApi;

  suiteSetup(async () => {
    api = await ready();
  });

  test('activates on a .txt news file and starts the language server', async () => {
    const editor = await openSample('000');
    assert.ok(['plaintext', 'news'].includes(editor.document.languageId), `language ${editor.document.languageId}`);
    assert.ok(editor.document.getText().startsWith('MOSCOW/WASHINGTON (Reuters)'), 'the editor shows sample 000');
    assert.equal(extension().isActive, true);
    assert.equal(api.client?.isRunning(), true, 'the language client is running');
  });

  test('the server reports the whole fixture workspace as indexed', () => {
    const status = api.status();
    assert.ok(status, 'an index status notification arrived');
    const txtFiles = fs.readdirSync(workspaceDir()).filter((f) => f.endsWith('.txt')).length;
    assert.equal(txtFiles, 5);
    assert.equal(status.state, 'ready');
    assert.equal(status.files, txtFiles);
    assert.equal(status.skippedCount, 0);
    assert.deepEqual(status.failed, []);
    // The gold annotation (test/fixtures/seeds-gold/quotes.json) has well over 100 quotations in the seeds,
    // and four statements quoted more than once (matches.json).
    assert.ok(status.quotes >= 100, `quotes: ${status.quotes}`);
    assert.ok(status.groups >= 4, `groups: ${status.groups}`);
  });

  test('files that were never opened get diagnostics too', async () => {
    const closed = ['003', '004'].map(sampleUri);
    for (const uri of closed) {
      assert.ok(
        !vscode.workspace.textDocuments.some((d) => d.uri.fsPath === uri.fsPath),
        `${uri.fsPath} is not open`,
      );
      // 003 and 004 both quote Konashenkov's "firing positions" statement (gold group M2).
      await waitForDiagnostics(uri, (ds) => (ds.length > 0 ? true : undefined), 'a diagnostic');
    }
    for (const uri of closed) {
      for (const d of ourDiagnostics(uri)) assert.equal(d.source, 'quote-lens');
    }
  });
});
