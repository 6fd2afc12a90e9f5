/**
 * The Quote Lens VS Code extension: a thin client that starts the bundled language server
 * (dist/server.js) over IPC and lets it do the work.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, IndexStatusNotification, ReindexRequest, WorkspaceTrustNotification } from '../../server/src/protocol';
import type { IndexStatusParams, QuoteLensInitializationOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { createViews } from './views';
import { registerCompare } from './compare';
import { registerMatrix } from './matrix';

let client: LanguageClient | undefined;

/** The latest index status from the server (for the status item and tests). */
export let lastIndexStatus: IndexStatusParams | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined; status: () => IndexStatusParams | undefined }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Quote Lens', { log: true });
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.txt');
  // Another window (or git) changing the annotations must reach the server.
  const annotationsWatcher = vscode.workspace.createFileSystemWatcher('**/.quotelens/annotations.json');
  // Deleting the whole folder is reported for the folder only.
  const annotationsFolderWatcher = vscode.workspace.createFileSystemWatcher('**/.quotelens');
  context.subscriptions.push(output, watcher, annotationsWatcher, annotationsFolderWatcher);
  const initializationOptions: QuoteLensInitializationOptions = { clientWatchesFiles: true, clientCommands: true, workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext', pattern: '**/*.txt' },
      { scheme: 'file', language: 'news' },
    ],
    // The server registers for `quoteLens` configuration changes itself (dynamic registration).
    synchronize: { fileEvents: [watcher, annotationsWatcher, annotationsFolderWatcher] },
    initializationOptions,
    // Hovers carry `command:` links; only Quote Lens's own navigation commands may run from them.
    markdown: { isTrusted: { enabledCommands: [ClientCommands.openLocation, ClientCommands.peekMatches, ClientCommands.compare] }, supportHtml: false },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('quoteLens', 'Quote Lens', serverOptions, clientOptions);

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'Quote Lens';
  statusItem.command = 'quoteLens.showOutput';
  statusItem.text = '$(quote) Quote Lens';
  statusItem.show();
  const languageStatus = vscode.languages.createLanguageStatusItem('quoteLens.index', [
    { language: 'news' },
    { language: 'plaintext', pattern: '**/*.txt' },
  ]);
  languageStatus.name = 'Quote Lens index';
  languageStatus.text = '$(sync~spin) Quote Lens';
  languageStatus.busy = true;
  languageStatus.command = { command: 'quoteLens.reindex', title: 'Reindex' };
  const views = createViews(() => client);
  const matrix = registerMatrix(() => client);
  let viewTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    languageStatus,
    ...views.disposables,
    ...registerCommands(() => client),
    ...registerCompare(() => client),
    ...matrix.disposables,
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification, { trusted: true });
    }),
  );
  context.subscriptions.push(
    statusItem,
    vscode.commands.registerCommand('quoteLens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('quoteLens.reindex', async () => {
      if (client?.isRunning()) await client.sendRequest(ReindexRequest);
    }),
    vscode.commands.registerCommand('quoteLens.restartServer', async () => {
      output.info('Restarting the Quote Lens server.');
      await client?.restart();
    }),
  );

  context.subscriptions.push(
    client.onNotification(IndexStatusNotification, (s: IndexStatusParams) => {
      lastIndexStatus = s;
      const busy = s.state === 'indexing';
      statusItem.text = busy
        ? `$(sync~spin) Quote Lens: ${s.files}${s.total ? ` / ${s.total}` : ''} files`
        : `$(quote) ${s.files} files · ${s.quotes} quotes · ${s.conflicts} conflicts`;
      statusItem.tooltip =
        `Quote Lens: ${s.files} files indexed, ${s.quotes} quotations, ${s.groups} statements quoted more than once, ` +
        `${s.conflicts} conflicts` +
        (s.skippedCount ? `; ${s.skippedCount} files skipped (see the output)` : '') +
        (s.state === 'cancelled' ? ' — indexing was cancelled' : '');
      languageStatus.busy = busy;
      languageStatus.text = busy
        ? `Indexing ${s.files}${s.total ? ` / ${s.total}` : ''} files`
        : `${s.files} files · ${s.quotes} quotes · ${s.conflicts} conflicts`;
      languageStatus.detail =
        (s.annotations ? `${s.annotations} annotated` : '') +
        (s.skippedCount ? `${s.annotations ? ' · ' : ''}${s.skippedCount} skipped` : '');
      languageStatus.severity = s.annotationErrors?.length ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      if (s.annotationErrors?.length) languageStatus.detail = s.annotationErrors[0];
      if (!busy) {
        if (viewTimer) clearTimeout(viewTimer);
        viewTimer = setTimeout(() => {
          views.refresh();
          matrix.panel.indexChanged();
        }, 300);
      }
    }),
  );
  await client.start();
  return { client, status: () => lastIndexStatus };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
