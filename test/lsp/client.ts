/**
 * A small LSP test client: bundles the server (server/src/node/main.ts, as esbuild.mjs does) into a
 * temporary folder once, starts it over stdio, and records what it publishes.
 */
import { makeTempWorkspace } from '../tempDir';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from '../bundle';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  ShutdownRequest,
  ExitNotification,
  LogMessageNotification,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  FileEvent,
  InitializeResult,
  ProtocolConnection,
  Registration,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(__dirname, '..', '..');
export const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');

let bundled: Promise<string> | undefined;

/** Bundles the server once per test process (the same options as esbuild.mjs). */
export function serverBundle(): Promise<string> {
  bundled ??= bundleEntry('server', 'server/src/node/main.ts');
  return bundled;
}

export function uriOf(p: string): string {
  return pathToFileURL(p).href;
}

/** A temporary workspace folder with these files (relative path → content). */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  return makeTempWorkspace('ql-ws-', files);
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    synchronization: { didSave: true, dynamicRegistration: false },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
};

/** What a minimal client (no optional capability) sends. */
export const BARE_CAPABILITIES: ClientCapabilities = {};

export interface StartOptions {
  folders: string[];
  capabilities?: ClientCapabilities;
  /** Returned for every `workspace/configuration` item (the `quoteLens` section). */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
}

export interface IndexStatus {
  state: string;
  files: number;
  quotes: number;
  groups: number;
  conflicts: number;
  skipped: Array<{ uri: string; reason: string }>;
  skippedCount: number;
  failed: string[];
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics in order. */
  readonly publishes: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  readonly registrations: Registration[] = [];
  readonly statuses: IndexStatus[] = [];
  readonly logs: string[] = [];
  readonly progressTokens: Array<string | number> = [];
  readonly progress: unknown[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
  }

  static async start(opts: StartOptions): Promise<TestClient> {
    const bundle = await serverBundle();
    const proc = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.on('data', (d) => process.stderr.write(`[server stderr] ${d}`));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn, opts.settings ?? {});
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.publishes.push({ uri: p.uri, diagnostics: p.diagnostics });
      client.wake();
    });
    conn.onNotification('quoteLens/indexStatus', (s: IndexStatus) => {
      client.statuses.push(s);
      client.wake();
    });
    conn.onNotification(LogMessageNotification.type, (m) => {
      client.logs.push(m.message);
      client.wake();
    });
    conn.onNotification('$/progress', (p: unknown) => {
      client.progress.push(p);
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => client.settings));
    conn.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
      client.wake();
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      client.progressTokens.push(p.token);
    });
    conn.listen();
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      workspaceFolders: opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `pred` holds (checked after every message), or fails after `ms`. */
  async waitFor<T>(what: string, pred: () => T | undefined | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the first cold index to finish. */
  ready(): Promise<IndexStatus> {
    return this.waitFor('index ready', () => this.statuses.find((s) => s.state === 'ready' || s.state === 'cancelled'));
  }

  /** Resolves after the server has handled everything sent so far (a request round trip). */
  async sync(): Promise<void> {
    await this.conn.sendRequest('quoteLens/matches', { uri: 'file:///nonexistent-sync.txt' });
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uriOf(file)) ?? [];
  }

  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<void> {
    this.versions.set(file, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), languageId: 'plaintext', version: 1, text },
    });
  }

  async change(file: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const v = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, v);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), version: v },
      contentChanges: changes,
    });
  }

  async save(file: string): Promise<void> {
    await this.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
  }

  async close(file: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
  }

  async watched(changes: FileEvent[]): Promise<void> {
    await this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { quoteLens: settings } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent). */
export function msg(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The text a range covers in a file's text (line/character in UTF-16 units). */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let off = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl === -1) throw new Error(`line ${pos.line} past the end`);
    off = nl + 1;
  }
  return off + pos.character;
}
