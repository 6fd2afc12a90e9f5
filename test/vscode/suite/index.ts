// Entry point of the real-workbench tests: VS Code loads this module in the extension host (the
// `extensionTestsPath`) and awaits `run()`; the window closes with exit code 0 when it resolves and 1 when
// it rejects. It runs every compiled `*.test.js` next to it with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * Under code-server the workbench forwards its own logs and the extension host's console through one
 * channel; the runner (scripts/vscode/runner.ts) sets QUOTE_LENS_LOG_MARKER and prints only the lines that
 * start with it, so the test report is not drowned in workbench logs. A desktop VS Code leaves it unset.
 * (The extension host's console methods cannot be replaced: VS Code defines them with a no-op setter.)
 */
export function testLog(...args: unknown[]): void {
  console.log((process.env.QUOTE_LENS_LOG_MARKER ?? '') + format(...args));
}

export async function run(): Promise<void> {
  // mocha's reporters print through Base.consoleLog.
  (Mocha.reporters.Base as unknown as { consoleLog: typeof console.log }).consoleLog = testLog;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.QUOTE_LENS_TEST_TIMEOUT ?? 60_000),
    grep: process.env.QUOTE_LENS_TEST_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} real-workbench test(s) failed`);
}
