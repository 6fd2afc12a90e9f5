// `npm run package`: builds the bundles for production and packs them into quote-lens-<version>.vsix with
// @vscode/vsce (run with the Node 24 binary from .tools/, since vsce 4 needs Node >= 22). What goes in is
// decided by the allowlist in .vscodeignore; the runtime dependencies are inside dist/*.js.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, ensureTools } from './tools.ts';

export function vsixPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} failed (${r.status ?? r.signal})`);
}

export function packageVsix(): string {
  const tools = ensureTools();
  run(process.execPath, ['esbuild.mjs', '--production']);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: unknown };
  const out = vsixPath();
  const args = [tools.vsceCli, 'package', '--no-dependencies', '--out', out];
  if (!pkg.repository) {
    // Without a repository field vsce asks interactively and cannot resolve the README's relative links.
    const repo = 'https://github.com/quote-lens/quote-lens';
    args.push('--allow-missing-repository', '--baseContentUrl', `${repo}/blob/HEAD`, '--baseImagesUrl', `${repo}/raw/HEAD`);
  }
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(ROOT, f)))) args.push('--skip-license');
  run(tools.node, args);
  const size = fs.statSync(out).size;
  process.stdout.write(`${path.relative(ROOT, out)}: ${(size / 1024).toFixed(0)} KiB\n`);
  return out;
}

if (require.main === module) {
  try {
    packageVsix();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
