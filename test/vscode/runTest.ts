// `npm run test:vscode`: runs the extension's tests inside a real VS Code workbench.
//
// Default (no download possible): scripts/vscode/code-server-test, an executable that takes VS Code's test
// arguments and runs them in code-server + headless Debian chromium (tools in .tools/, installed on first use).
// QUOTE_LENS_VSCODE=desktop: @vscode/test-electron downloads and runs a real desktop VS Code instead
// (QUOTE_LENS_VSCODE_VERSION picks the version, default `stable`). QUOTE_LENS_VSCODE=/path/to/code uses
// that executable.
//
// The fixture workspace is a fresh copy of samples/ in a temp folder, removed afterwards.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, buildTests } from './build.ts';

const RUNNER = path.join(ROOT, 'scripts', 'vscode', 'code-server-test');

async function main(): Promise<number> {
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    process.stderr.write('dist/client.js or dist/server.js is missing: run `npm run build` first\n');
    return 1;
  }
  const extensionTestsPath = await buildTests();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quote-lens-workbench-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
    const mode = process.env.QUOTE_LENS_VSCODE ?? 'code-server';
    const desktop = mode === 'desktop';
    const vscodeExecutablePath = desktop ? undefined : mode === 'code-server' ? RUNNER : path.resolve(mode);
    process.stdout.write(`Real-workbench tests (${desktop ? 'desktop VS Code' : vscodeExecutablePath}) on ${workspace}\n`);
    await runTests({
      vscodeExecutablePath,
      version: desktop ? process.env.QUOTE_LENS_VSCODE_VERSION ?? 'stable' : undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
        '--disable-extensions', // other installed extensions; the one under development still loads
      ],
      extensionTestsEnv: { QUOTE_LENS_FIXTURE: workspace },
    });
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    process.stdout.write(`Real-workbench tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

main().then((code) => process.exit(code));
