// Starting and stopping code-server and a headless chromium for the real-editor tests.
//
// Every process started here carries a marker in its environment (QUOTE_LENS_TEST_RUN=<id>), inherited by
// code-server's extension hosts and the language server they spawn. Cleanup kills code-server's process
// group (it is started detached) and then every process still carrying the marker, so nothing survives a
// run, even when code-server moved a child into another group. Temp folders are removed the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { Tools } from './tools.ts';

export const CHROMIUM = process.env.QUOTE_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const VERBOSE = !!process.env.QUOTE_LENS_VERBOSE;

/** The subset of playwright-core's API used here (it lives in .tools/, outside the type-checked tree). */
export interface PwLocator {
  first(): PwLocator;
  nth(i: number): PwLocator;
  count(): Promise<number>;
  click(opts?: { timeout?: number; button?: 'left' | 'right'; position?: { x: number; y: number } }): Promise<void>;
  hover(opts?: { timeout?: number; position?: { x: number; y: number }; force?: boolean }): Promise<void>;
  waitFor(opts?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  innerText(opts?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  locator(selector: string): PwLocator;
}
export interface PwPage {
  goto(url: string, opts?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  on(event: 'console', fn: (msg: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', fn: (err: Error) => void): void;
  on(event: 'crash' | 'close', fn: () => void): void;
  locator(selector: string): PwLocator;
  keyboard: { press(key: string): Promise<void>; type(text: string, opts?: { delay?: number }): Promise<void> };
  mouse: { move(x: number, y: number, opts?: { steps?: number }): Promise<void> };
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<Buffer>;
  waitForFunction(fn: string, arg?: unknown, opts?: { timeout?: number; polling?: number | 'raf' }): Promise<unknown>;
  evaluate<T>(fn: string): Promise<T>;
}
/** A persistent browser context (its own profile folder, inside the session). */
export interface PwBrowser {
  newPage(): Promise<PwPage>;
  pages(): PwPage[];
  close(): Promise<void>;
}
interface PwChromium {
  launchPersistentContext(userDataDir: string, opts: {
    executablePath: string;
    headless: boolean;
    args: string[];
    env?: NodeJS.ProcessEnv;
    timeout?: number;
    handleSIGINT?: boolean;
    handleSIGTERM?: boolean;
    handleSIGHUP?: boolean;
    viewport?: { width: number; height: number };
  }): Promise<PwBrowser>;
}

/** Lines of code-server's output that are only noise offline (failed lookups of marketplaces, telemetry…). */
const NOISE = [
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  /open-vsx\.org|api\.github\.com|update\.code\.visualstudio\.com|marketplace\.visualstudio\.com/,
  /vscode-unpkg|vscode-cdn\.net|default\.exp-tas\.com|mobile\.events\.data\.microsoft\.com/,
  /Failed to fetch|ERR_NAME_NOT_RESOLVED|net::ERR_/,
  /node_modules\/vsda\//, // a Microsoft-only module code-server does not ship
  /^\s*$/,
];
export function isNoise(line: string): boolean {
  return NOISE.some((re) => re.test(line));
}

/** A run's scratch space and process marker; `dispose()` kills and removes everything it started. */
export class Session {
  readonly id = randomUUID();
  readonly root: string;
  private readonly procs: ChildProcess[] = [];
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  /** Last lines of code-server's output, printed when a run fails. */
  readonly serverLog: string[] = [];
  private disposed = false;

  constructor(prefix = 'quote-lens-vscode-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  dir(name: string): string {
    const d = path.join(this.root, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  }

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      QUOTE_LENS_TEST_RUN: this.id,
      XDG_CONFIG_HOME: this.dir('xdg-config'),
      XDG_DATA_HOME: this.dir('xdg-data'),
      XDG_CACHE_HOME: this.dir('xdg-cache'),
    };
  }

  track(p: ChildProcess): void {
    this.procs.push(p);
  }

  onDispose(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** Stops everything this session started and removes its temp folder. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        if (VERBOSE) process.stderr.write(`[cleanup] ${String(e)}\n`);
      }
    }
    for (const p of this.procs) await killGroup(p);
    await killMarked(this.id);
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!pids.some(alive)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !pids.some(alive);
}

/** SIGTERM to the process group, SIGKILL after 3 s. */
export async function killGroup(p: ChildProcess): Promise<void> {
  if (p.pid === undefined) return;
  const pgid = p.pid;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* group gone */
    }
  };
  signal('SIGTERM');
  const end = Date.now() + 3000;
  while (Date.now() < end && groupAlive(pgid)) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) signal('SIGKILL');
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of processes whose environment holds QUOTE_LENS_TEST_RUN=<id> (Linux /proc). */
export function markedPids(id: string): number[] {
  const needle = Buffer.from(`QUOTE_LENS_TEST_RUN=${id}\0`);
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/environ`).includes(needle)) out.push(pid);
    } catch {
      /* gone or not ours */
    }
  }
  return out;
}

async function killMarked(id: string): Promise<void> {
  let pids = markedPids(id);
  if (pids.length === 0) return;
  const describePid = (pid: number) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 120);
      const pgid = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[2];
      return `${pid} (pgid ${pgid}) ${cmd}`;
    } catch {
      return String(pid);
    }
  };
  process.stderr.write(`[cleanup] killing ${pids.length} leftover process(es) of this run:\n  ${pids.map(describePid).join('\n  ')}\n`);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  if (await waitGone(pids, 3000)) return;
  pids = markedPids(id);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await waitGone(pids, 2000);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('"status"')));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Default user settings for a test profile: quiet, no welcome page, no network features. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

function pipeLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  stream.on('end', () => buf && onLine(buf));
}

/**
 * If this process dies without cleaning up (SIGKILL, a CI timeout), a detached shell stops the process group
 * `p` leads a few seconds later and removes the session's temp folder. (Chromium needs no such guard: it
 * exits when playwright's pipe closes; its temp files are in the session folder, see launchBrowser.)
 */
function watchdog(session: Session, p: ChildProcess): void {
  if (p.pid === undefined) return;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `kill -TERM -- -${p.pid} 2>/dev/null; sleep 3; kill -KILL -- -${p.pid} 2>/dev/null; ` +
    `rm -rf '${session.root}'`;
  const dog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore', env: session.env });
  dog.unref();
  session.track(dog);
}

export interface CodeServer {
  port: number;
  origin: string;
  proc: ChildProcess;
  userDataDir: string;
  extensionsDir: string;
}

/** Runs `code-server --install-extension <vsix>` into an extensions folder (a short-lived process). */
export async function installExtension(
  tools: Tools,
  session: Session,
  vsix: string,
  dirs: { userDataDir: string; extensionsDir: string },
): Promise<string> {
  const args = [
    tools.codeServerEntry,
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    '--install-extension', vsix,
  ];
  const p = spawn(tools.node, args, { env: session.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  session.track(p);
  let out = '';
  p.stdout!.on('data', (d) => (out += d));
  p.stderr!.on('data', (d) => (out += d));
  const code: number | null = await new Promise((r) => p.on('close', r));
  if (code !== 0) throw new Error(`code-server --install-extension failed (${code}):\n${out}`);
  return out;
}

/** Starts code-server on a fresh free port, in its own process group, and waits for /healthz. */
export async function startCodeServer(
  tools: Tools,
  session: Session,
  opts: { userDataDir?: string; extensionsDir?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<CodeServer> {
  const userDataDir = opts.userDataDir ?? session.dir('user-data');
  const extensionsDir = opts.extensionsDir ?? session.dir('extensions');
  writeUserSettings(userDataDir);
  const port = await freePort();
  const args = [
    tools.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(session.dir('xdg-config'), 'code-server.yaml'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  fs.writeFileSync(path.join(session.dir('xdg-config'), 'code-server.yaml'), 'auth: none\ncert: false\n');
  const proc = spawn(tools.node, args, {
    // The extension hosts inherit code-server's environment (the workbench payload's extensionEnvironment is
    // not passed on to a remote extension host), so variables for the extensions go here.
    env: { ...session.env, ...opts.env },
    cwd: session.root,
    detached: true, // own process group: killed as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  session.track(proc);
  watchdog(session, proc);
  const onLine = (line: string) => {
    if (isNoise(line)) return;
    session.serverLog.push(line);
    if (session.serverLog.length > 300) session.serverLog.shift();
    if (VERBOSE) process.stderr.write(`[code-server] ${line}\n`);
  };
  pipeLines(proc.stdout!, onLine);
  pipeLines(proc.stderr!, onLine);
  let exited: string | undefined;
  proc.on('exit', (code, sig) => (exited = `code-server exited early (${code ?? sig})`));

  const end = Date.now() + (opts.timeoutMs ?? 60_000);
  while (!(await healthz(port))) {
    if (exited) throw new Error(`${exited}\n${session.serverLog.join('\n')}`);
    if (Date.now() > end) throw new Error(`code-server did not answer /healthz on port ${port}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return { port, origin: `http://127.0.0.1:${port}`, proc, userDataDir, extensionsDir };
}

/** Launches Debian's chromium (never a downloaded browser) headless, with a fresh profile. */
export async function launchBrowser(tools: Tools, session: Session): Promise<PwBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`);
  }
  const req = createRequire(path.join(tools.playwrightCore, 'package.json'));
  const pw = req(tools.playwrightCore) as { chromium: PwChromium };
  // playwright puts its artifacts folder in os.tmpdir() at launch: keep it inside the session.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = session.dir('tmp');
  const launching = pw.chromium.launchPersistentContext(session.dir('chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...session.env, PLAYWRIGHT_BROWSERS_PATH: '0' },
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  let browser: PwBrowser;
  try {
    browser = await launching;
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  session.onDispose(() => browser.close());
  return browser;
}

/** `vscode-remote://` URI of a server-side path, as the workbench payload wants it. */
export function remoteUri(cs: CodeServer, p: string): string {
  return `vscode-remote://127.0.0.1:${cs.port}${path.resolve(p)}`;
}

/** Workbench URL opening a folder (or .code-workspace file), with an optional payload. */
export function workbenchUrl(cs: CodeServer, target: string, payload: [string, string][] = []): string {
  const abs = path.resolve(target);
  const q = new URLSearchParams();
  q.set(abs.endsWith('.code-workspace') ? 'workspace' : 'folder', abs);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${cs.origin}/?${q.toString()}`;
}
