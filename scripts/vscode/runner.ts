// A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) and
// @vscode/test-cli: it takes the arguments a VS Code binary takes
//   --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [--user-data-dir=<d>] [--extensions-dir=<d>] <workspace>
// and runs the extension's tests in a real VS Code workbench: code-server (Node extension host) opened in
// Debian's headless chromium. The tests' output is forwarded to stdout, the process exits with the tests' exit
// code, and every process and temp folder it started is removed (see codeServer.ts).
//
// Environment: QUOTE_LENS_VSCODE_TIMEOUT (ms, default 600000), QUOTE_LENS_VERBOSE=1 (code-server and browser
// logs), QUOTE_LENS_* and MOCHA_* variables are also passed to the extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Session,
  VERBOSE,
  isNoise,
  launchBrowser,
  remoteUri,
  startCodeServer,
  workbenchUrl,
} from './codeServer.ts';
import { ensureTools } from './tools.ts';

interface Args {
  extensionDevelopmentPath: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  targets: string[];
}

/** Flags of a VS Code binary that take a value when not written as `--flag=value`. */
const VALUE_FLAGS = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'user-data-dir',
  'extensions-dir',
  'locale',
  'log',
  'profile',
  'crash-reporter-directory',
  'inspect-extensions',
  'inspect-brk-extensions',
]);

export function parseArgs(argv: string[]): Args {
  const a: Args = { extensionDevelopmentPath: [], targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      a.targets.push(path.resolve(arg));
      continue;
    }
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else if (VALUE_FLAGS.has(name)) {
      value = argv[++i];
    }
    switch (name) {
      case 'extensionDevelopmentPath':
        if (value) a.extensionDevelopmentPath.push(path.resolve(value));
        break;
      case 'extensionTestsPath':
        if (value) a.extensionTestsPath = path.resolve(value);
        break;
      case 'user-data-dir':
        if (value) a.userDataDir = path.resolve(value);
        break;
      case 'extensions-dir':
        if (value) a.extensionsDir = path.resolve(value);
        break;
      default:
        // Desktop-only flags (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, …) mean nothing here.
        break;
    }
  }
  return a;
}

/** The extension-test entry point: resolve a folder to its index.js as VS Code does. */
function testsModule(p: string): string {
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return path.join(p, 'index.js');
  if (!fs.existsSync(p) && fs.existsSync(p + '.js')) return p + '.js';
  return p;
}

/** Prefix of the lines the tests print (see test/vscode/suite/index.ts). */
const LOG_MARKER = '@@quote-lens-test@@';

function forwardedEnv(): Record<string, string> {
  const env: Record<string, string> = { QUOTE_LENS_LOG_MARKER: LOG_MARKER };
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (k.startsWith('QUOTE_LENS_') || k.startsWith('MOCHA_')) && k !== 'QUOTE_LENS_TEST_RUN') env[k] = v;
  }
  return env;
}

function format(args: unknown): string {
  if (typeof args === 'string') return args;
  if (Array.isArray(args)) return args.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return JSON.stringify(args);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.extensionTestsPath || args.extensionDevelopmentPath.length === 0) {
    process.stderr.write('usage: code-server-test --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [workspace]\n');
    return 2;
  }
  if (args.targets.length > 1) process.stderr.write(`[runner] only the first workspace is opened: ${args.targets[0]}\n`);
  const timeoutMs = Number(process.env.QUOTE_LENS_VSCODE_TIMEOUT ?? 600_000);
  const tools = ensureTools();
  const session = new Session();
  let signalled = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`[runner] ${sig}: stopping code-server and the browser\n`);
    void session.dispose().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  const started = Date.now();
  const browserLog: string[] = [];
  try {
    const cs = await startCodeServer(tools, session, {
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
      env: forwardedEnv(),
    });
    if (VERBOSE) process.stderr.write(`[runner] code-server ready on ${cs.origin} in ${Date.now() - started} ms\n`);
    const browser = await launchBrowser(tools, session);
    const page = await browser.newPage();
    page.on('console', (m) => {
      const line = `[browser ${m.type()}] ${m.text()}`;
      if (isNoise(line)) return;
      browserLog.push(line);
      if (browserLog.length > 200) browserLog.shift();
      if (VERBOSE) process.stderr.write(line + '\n');
    });
    page.on('pageerror', (e) => browserLog.push(`[page error] ${e.message}`));

    let finish!: (code: number) => void;
    const exitCode = new Promise<number>((resolve) => (finish = resolve));
    // The workbench's own logs and the extension host's console arrive here together; the test entry point
    // (test/vscode/suite/index.ts) prefixes its console output with LOG_MARKER: print those, keep the rest
    // for a failure report (or print it with QUOTE_LENS_VERBOSE=1).
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
      let text = format(message);
      if (!text.endsWith('\n')) text += '\n';
      const at = text.indexOf(LOG_MARKER);
      if (at >= 0) {
        text = text.slice(at + LOG_MARKER.length);
        (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text);
        return;
      }
      if (isNoise(text)) return;
      browserLog.push(`[workbench ${type}] ${text.trimEnd()}`);
      if (browserLog.length > 200) browserLog.shift();
      if (VERBOSE) process.stderr.write(`[workbench ${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      finish(typeof code === 'number' ? code : 1);
    });
    page.on('crash', () => {
      process.stderr.write('[runner] the browser page crashed\n');
      finish(1);
    });

    const payload: [string, string][] = [
      ...args.extensionDevelopmentPath.map((p): [string, string] => ['extensionDevelopmentPath', remoteUri(cs, p)]),
      ['extensionTestsPath', remoteUri(cs, testsModule(args.extensionTestsPath))],
      ['extensionEnvironment', JSON.stringify(forwardedEnv())],
    ];
    const target = args.targets[0] ?? session.dir('empty-workspace');
    await page.goto(workbenchUrl(cs, target, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`[runner] no result from the extension host after ${timeoutMs} ms\n`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (code !== 0 && !VERBOSE) {
      process.stderr.write('[runner] last code-server output:\n' + session.serverLog.slice(-20).join('\n') + '\n');
      const errors = browserLog.filter((l) => /^\[(workbench error|page error)\]/.test(l)).slice(-10);
      if (errors.length) process.stderr.write('[runner] last workbench errors:\n' + errors.join('\n') + '\n');
      process.stderr.write('[runner] (QUOTE_LENS_VERBOSE=1 prints all code-server and workbench logs)\n');
    }
    if (VERBOSE) process.stderr.write(`[runner] tests exited with ${code} after ${Date.now() - started} ms\n`);
    return code;
  } catch (e) {
    process.stderr.write(`[runner] ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    if (session.serverLog.length) process.stderr.write(session.serverLog.slice(-60).join('\n') + '\n');
    return 1;
  } finally {
    await session.dispose();
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}
