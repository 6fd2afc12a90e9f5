import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { makeTempDir } from './tempDir';

const ROOT = path.resolve(__dirname, '..');

/**
 * Bundles one entry point of the project (as esbuild.mjs does) into a fresh temp folder, so that tests
 * run what ships without depending on, or racing with, dist/. Returns the bundle's path.
 */
export async function bundleEntry(name: string, entry: string): Promise<string> {
  const outdir = makeTempDir(`ql-${name}-`);
  await esbuild.build({
    entryPoints: { [name]: path.join(ROOT, entry) },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir,
    logLevel: 'error',
    external: ['vscode'],
  });
  return path.join(outdir, `${name}.js`);
}
