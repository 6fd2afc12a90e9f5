// Bundles the extension client, the language server and the CLI into dist/.
// Type-checking is separate (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // esbuild's tables mark Unicode property escapes (\p{Lu}) unsupported on Node 20 and rewrite every such
  // literal as `new RegExp(…)` where it stands, so a regex inside a function was rebuilt on each call
  // (65 of them in the engine's hot path). Node has had them since 10.
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  define: { QUOTE_LENS_VERSION: JSON.stringify(version) },
};

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' } },
  { entryPoints: { server: 'server/src/node/main.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' } },
];

const contexts = await Promise.all(
  entries.map((e) => esbuild.context({ ...common, ...e, outdir: 'dist' })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
