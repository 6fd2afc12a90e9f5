/**
 * Entry point of the bundled language server (dist/server.js, bin `quote-lens-server`).
 * The transport comes from the command line: `--stdio` (the default, what most editors use), `--node-ipc`
 * (VS Code) or `--socket=<port>`; `createConnection` reads those flags itself. Nothing here depends on VS Code:
 * settings come from `initializationOptions` and `workspace/configuration`, section `quoteLens`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';

declare const QUOTE_LENS_VERSION: string | undefined;
/** Set by esbuild from package.json; "dev" when bundled without it (tests). */
const VERSION = typeof QUOTE_LENS_VERSION === 'string' ? QUOTE_LENS_VERSION : 'dev';

const HELP = `Usage: quote-lens-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

The Quote Lens language server: finds quotations and their speakers in the .txt files of the workspace
folders and publishes diagnostics where a statement is quoted again, reworded or contradicted.

  --stdio            talk LSP over stdin/stdout (the default)
  --node-ipc         talk over Node IPC (VS Code)
  --socket=<port>    connect to a TCP port
  --version, -v      print the version
  --help, -h         print this help

Settings (all optional) are the "quoteLens" object, e.g. { "quoteLens": { "severity": { "conflict": "error" } } },
read from initializationOptions and, when the client supports it, workspace/configuration (section "quoteLens").
Editor setup: see "Other editors" in the README.
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`quote-lens-server ${VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
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
