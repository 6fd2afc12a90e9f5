// Bundles the real-workbench tests (test/vscode/suite/*.ts) into dist/test/vscode/, one file per module,
// for the extension host to load. `vscode` is provided by the host and `mocha` is loaded from node_modules
// (so that the runner and the test files share one mocha instance).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SUITE_SRC = path.join(ROOT, 'test', 'vscode', 'suite');
export const SUITE_OUT = path.join(ROOT, 'dist', 'test', 'vscode');

export async function buildTests(): Promise<string> {
  const entryPoints = fs
    .readdirSync(SUITE_SRC)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(SUITE_SRC, f));
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
  });
  return path.join(SUITE_OUT, 'index.js');
}

if (require.main === module) {
  buildTests().then(
    (p) => process.stdout.write(`built ${path.relative(ROOT, p)}\n`),
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}
