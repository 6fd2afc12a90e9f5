/**
 * Entry point of the bundled language server (dist/server.js, bin `quote-lens-server`).
 * The transport comes from the command line: `--stdio`, `--node-ipc` (VS Code) or `--socket=<port>`;
 * `createConnection` reads those flags itself.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write('quote-lens-server 0.1.0\n');
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: quote-lens-server --stdio | --node-ipc | --socket=<port>\n' +
      'Quote Lens language server: quotations and their matches across a workspace of .txt files.\n',
  );
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  // Default to stdio, as most editors expect.
  process.argv.push('--stdio');
}

const connection = createConnection(ProposedFeatures.all);
// Never let one bad event take the server down: log it on the connection (the client's output channel).
process.on('uncaughtException', (err) => {
  connection.console.error(`Quote Lens server error: ${err instanceof Error ? err.message : String(err)}`);
});
process.on('unhandledRejection', (err) => {
  connection.console.error(`Quote Lens server error: ${err instanceof Error ? err.message : String(err)}`);
});
startServer({ connection });
