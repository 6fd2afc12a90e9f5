/**
 * The language server's logic, independent of the transport: `startServer` takes a connection (stdio,
 * IPC or an in-memory stream pair) and its dependencies, and registers the handlers.
 *
 * - One {@link WorkspaceIndex} for all workspace folders: every included file on disk, with an open
 *   editor's text taking precedence over the disk.
 * - Cold indexing reports work-done progress (cancellable) when the client supports it.
 * - Edits are re-analysed after a debounce; save, open and close are immediate. Each path has a
 *   generation counter: a disk read that finishes after a newer event for the same path is dropped.
 * - Diagnostics are re-published only for files whose diagnostics changed.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  Connection,
  Diagnostic,
  FileEvent,
  InitializeParams,
  InitializeResult,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  collectTextFiles,
  createPathFilter,
  readTextFile,
} from '../workspace/files';
import type { PathFilter, ReadResult, CollectResult, FileOptions } from '../workspace/files';
import { WorkspaceIndex, oneLine, offsetToPosition } from '../workspace/workspaceIndex';
import type { WorkspaceIndexOptions } from '../workspace/workspaceIndex';
import {
  AnnotateRequest,
  ServerCommands,
  CompareRequest,
  ConflictsRequest,
  MatrixRequest,
  DEFAULT_SETTINGS,
  IndexStatusNotification,
  MatchesRequest,
  NavigateRequest,
  ReindexRequest,
  StatementsRequest,
  WorkspaceTrustNotification,
} from '../protocol';
import type {
  AnnotateParams,
  AnnotateResult,
  CompareParams,
  CompareResult,
  MatrixModel,
  MatrixParams,
  NavigateParams,
  WorkspaceTrustParams,
  IndexStatusParams,
  MatchesParams,
  MatchesResult,
  QuoteLensInitializationOptions,
  QuoteLensSettings,
  SkippedFileInfo,
} from '../protocol';
import { buildDiagnostics } from './diagnostics';
import { fileSetChanged, maxBytes, normalizeSettings } from './settings';
import { AnnotationService } from './annotations';
import type { FeatureContext } from './context';
import { quoteAt, rangeOf } from './context';
import { hover } from './hover';
import { codeLenses } from './codeLens';
import { definition, documentHighlights, navigate, references } from './navigation';
import { documentSymbols, workspaceSymbols } from './symbols';
import { ANNOTATE_KIND, codeActions } from './codeActions';
import { SEMANTIC_LEGEND, semanticTokens } from './semanticTokens';
import { conflicts as conflictItems, statements } from './views';
import { compare } from './compare';
import { buildMatrix } from './matrix';

/** Watched so that another window's (or git's) change to the annotations reaches this server. */
const ANNOTATIONS_GLOB = '**/.quotelens/annotations.json';

export interface ServerDependencies {
  connection: Connection;
  /** Reads a file from disk (default: the shared loader). */
  readFile?: (file: string, maxBytes: number) => Promise<ReadResult>;
  /** Finds the files under some paths (default: the shared loader). */
  collectFiles?: (paths: readonly string[], opts: FileOptions) => Promise<CollectResult>;
  /** Makes the index (default: the real engine). */
  createIndex?: (opts: WorkspaceIndexOptions) => WorkspaceIndex;
}

export interface ClientCapabilityFlags {
  relatedInformation: boolean;
  codeDescription: boolean;
  workDoneProgress: boolean;
  codeLensRefresh: boolean;
  semanticTokensRefresh: boolean;
  watchedFilesDynamic: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  workspaceFolders: boolean;
}

interface Folder {
  uri: string;
  path: string;
  settings: QuoteLensSettings;
  filter: PathFilter;
}

const MAX_SKIPPED_LISTED = 200;
const READ_CONCURRENCY = 16;

/** Set by esbuild from package.json. */
declare const QUOTE_LENS_VERSION: string | undefined;

export class QuoteLensServer {
  readonly connection: Connection;
  readonly documents = new TextDocuments(TextDocument);
  caps: ClientCapabilityFlags = {
    relatedInformation: false,
    codeDescription: false,
    workDoneProgress: false,
    codeLensRefresh: false,
    semanticTokensRefresh: false,
    watchedFilesDynamic: false,
    configuration: false,
    configurationDynamic: false,
    workspaceFolders: false,
  };
  index: WorkspaceIndex;
  settings: QuoteLensSettings = DEFAULT_SETTINGS;

  private readonly readFile: (file: string, maxBytes: number) => Promise<ReadResult>;
  private readonly collectFiles: (paths: readonly string[], opts: FileOptions) => Promise<CollectResult>;
  private readonly createIndex: (opts: WorkspaceIndexOptions) => WorkspaceIndex;
  private initSettings: unknown = undefined;
  private clientWatchesFiles = false;
  private folders: Folder[] = [];
  /** Files found on disk under a workspace folder (and included): closing one reverts it to disk. */
  private readonly diskFiles = new Set<string>();
  private readonly skipped = new Map<string, string>();
  private readonly failed = new Set<string>();
  /** Generation per path: bumped by every event; async results for an older generation are dropped. */
  private readonly generation = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Last analysed version per open document URI. */
  private readonly analysedVersion = new Map<string, number>();
  /** Path → URI of the open document (the client's spelling of the URI). */
  private readonly openUris = new Map<string, string>();
  /** Path → serialized diagnostics last published (absent = none published). */
  private readonly published = new Map<string, { uri: string; key: string }>();
  private indexRun = 0;
  private indexing = false;
  private indexState: IndexStatusParams['state'] = 'indexing';
  private indexTotal = 0;
  private statusTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;
  private skippedLogged = 0;
  private clientCommands = false;
  /** Text last analysed per open document path: features map it onto the editor's newer text. */
  private readonly analysedTexts = new Map<string, string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  readonly annotations: AnnotationService;
  /** What the feature handlers get from the server. */
  readonly features: FeatureContext;
  /** Resolves when the first cold index is done (for tests and the bench). */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;

  constructor(deps: ServerDependencies) {
    this.connection = deps.connection;
    this.readFile = deps.readFile ?? readTextFile;
    this.collectFiles = deps.collectFiles ?? collectTextFiles;
    this.createIndex = deps.createIndex ?? ((o) => new WorkspaceIndex(o));
    this.index = this.newIndex();
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.annotations = new AnnotationService({
      log: (m) => this.connection.console.error(m),
      showError: (m) => this.connection.window.showErrorMessage(m),
    });
    this.features = {
      index: () => this.index,
      pathOf: uriToPath,
      uriFor: (p) => this.uriFor(p),
      document: (p) => {
        const u = this.openUris.get(p);
        return u ? this.documents.get(u) : undefined;
      },
      analysedText: (p) => this.analysedTexts.get(p),
      settings: (p) => this.settingsFor(p),
      annotations: this.annotations,
      clientCommands: () => this.clientCommands,
    };
  }

  private newIndex(): WorkspaceIndex {
    return this.createIndex({ log: (m) => this.connection.console.error(m) });
  }

  /** Registers every handler on the connection and starts listening. */
  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.onInitialize(p));
    c.onInitialized(() => void this.guard('initialized', () => this.onInitialized()));
    c.onShutdown(() => this.shutdown());
    c.onDidChangeConfiguration((p) => void this.guard('configuration', () => this.onConfigurationChanged(p.settings)));
    c.onDidChangeWatchedFiles((p) => void this.guard('watched files', () => this.onWatchedFiles(p.changes)));
    c.onRequest(MatchesRequest, (p: MatchesParams) => this.matches(p));
    c.onRequest(ReindexRequest, async () => {
      await this.reindex();
      return this.status();
    });
    const f = this.features;
    c.onHover((p) => this.answer('hover', null, () => hover(f, p)));
    c.onCodeLens((p) => this.answer('code lens', [], () => codeLenses(f, p)));
    c.onDefinition((p) => this.answer('definition', null, () => definition(f, p)));
    c.onReferences((p) => this.answer('references', null, () => references(f, p)));
    c.onDocumentHighlight((p) => this.answer('highlights', null, () => documentHighlights(f, p)));
    c.onDocumentSymbol((p) => this.answer('document symbols', [], () => documentSymbols(f, p)));
    c.onWorkspaceSymbol((p) => this.answer('workspace symbols', [], () => workspaceSymbols(f, p)));
    c.onCodeAction((p) => this.answer('code actions', [], () => codeActions(f, p)));
    c.languages.semanticTokens.on((p) => this.answer('semantic tokens', { data: [] }, () => semanticTokens(f, p)));
    c.onRequest(NavigateRequest, (p: NavigateParams) => this.answer('navigate', null, () => navigate(f, p)));
    c.onRequest(StatementsRequest, () => this.answer('statements', { speakers: [] }, () => statements(f)));
    c.onRequest(ConflictsRequest, () => this.answer('conflicts', { items: [] }, () => conflictItems(f)));
    c.onRequest(AnnotateRequest, (p: AnnotateParams) => this.annotate(p));
    c.onRequest(CompareRequest, (p: CompareParams) => this.compare(p));
    c.onRequest(MatrixRequest, (p: MatrixParams | null) => this.answer('matrix', this.emptyMatrix(p), () => this.matrix(p)));
    // Editors without the VS Code client run annotation code actions through the server.
    c.onExecuteCommand(async (p) => {
      if (p.command === ServerCommands.annotate && p.arguments?.[0]) await this.annotate(p.arguments[0] as AnnotateParams);
    });
    c.onNotification(WorkspaceTrustNotification, (p: WorkspaceTrustParams) => {
      this.annotations.setTrusted(p.trusted === true);
      this.connection.console.info(p.trusted ? 'Workspace trusted: annotations can be saved.' : 'Workspace not trusted: annotations are read-only.');
    });
    this.documents.onDidOpen((e) => this.guardSync('open', () => this.onOpen(e.document)));
    this.documents.onDidChangeContent((e) => this.guardSync('change', () => this.onChange(e.document)));
    this.documents.onDidSave((e) => this.guardSync('save', () => this.onSave(e.document)));
    this.documents.onDidClose((e) => void this.guard('close', () => this.onClose(e.document)));
    this.documents.listen(c);
    c.listen();
  }

  // -------------------------------------------------------------------------------------------------
  // Lifecycle

  onInitialize(params: InitializeParams): InitializeResult {
    const cc = params.capabilities;
    this.caps = {
      relatedInformation: !!cc.textDocument?.publishDiagnostics?.relatedInformation,
      codeDescription: !!cc.textDocument?.publishDiagnostics?.codeDescriptionSupport,
      workDoneProgress: !!cc.window?.workDoneProgress,
      codeLensRefresh: !!cc.workspace?.codeLens?.refreshSupport,
      semanticTokensRefresh: !!cc.workspace?.semanticTokens?.refreshSupport,
      watchedFilesDynamic: !!cc.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configuration: !!cc.workspace?.configuration,
      configurationDynamic: !!cc.workspace?.didChangeConfiguration?.dynamicRegistration,
      workspaceFolders: !!cc.workspace?.workspaceFolders,
    };
    const init = (params.initializationOptions ?? {}) as QuoteLensInitializationOptions & Record<string, unknown>;
    this.clientWatchesFiles = init.clientWatchesFiles === true;
    this.clientCommands = init.clientCommands === true;
    this.annotations.setTrusted(init.workspaceTrusted !== false);
    this.initSettings = init.quoteLens ?? init.settings ?? init;
    this.settings = normalizeSettings(this.initSettings);
    const folders = params.workspaceFolders?.length
      ? params.workspaceFolders.map((f) => f.uri)
      : params.rootUri
        ? [params.rootUri]
        : params.rootPath
          ? [pathToFileURL(params.rootPath).href]
          : [];
    this.folders = folders
      .map((uri) => ({ uri, path: uriToPath(uri) }))
      .filter((f): f is { uri: string; path: string } => f.path !== undefined)
      .map((f) => ({ ...f, settings: this.settings, filter: createPathFilter(this.settings.include, this.settings.exclude) }));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: { label: 'Quotations' },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ANNOTATE_KIND], resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: false },
        executeCommandProvider: { commands: [ServerCommands.annotate] },
      },
      serverInfo: { name: 'quote-lens-server', version: typeof QUOTE_LENS_VERSION === 'string' ? QUOTE_LENS_VERSION : 'dev' },
    };
  }

  private async onInitialized(): Promise<void> {
    const c = this.connection;
    if (this.caps.configuration && this.caps.configurationDynamic) {
      await c.client.register(DidChangeConfigurationNotification.type, { section: 'quoteLens' }).catch(() => undefined);
    }
    if (this.caps.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) =>
        void this.guard('workspace folders', () => this.onFoldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri))),
      );
    }
    await this.loadSettings();
    await this.registerWatchers();
    await this.annotations.setFolders(this.folders.map((x) => x.path));
    await this.indexWorkspace();
  }

  private shutdown(): void {
    this.shuttingDown = true;
    this.indexRun++;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  /** Asks the client to watch the included files (when the client does not already watch them). */
  private async registerWatchers(): Promise<void> {
    if (!this.caps.watchedFilesDynamic) {
      if (!this.clientWatchesFiles) {
        this.connection.console.info('The client cannot watch files for the server: files changed outside the editor are picked up when opened or on reindex.');
      }
      return;
    }
    const patterns = new Set<string>();
    for (const f of this.folders) for (const p of f.settings.include) patterns.add(p);
    if (!this.folders.length) for (const p of this.settings.include) patterns.add(p);
    if (this.clientWatchesFiles) patterns.delete('**/*.txt');
    else patterns.add(ANNOTATIONS_GLOB);
    if (!patterns.size) return;
    await this.connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [...patterns].map((globPattern) => ({ globPattern })),
      })
      .catch((err) => this.connection.console.warn(`Could not register file watchers: ${oneLine(err)}`));
  }

  /** Reads the `quoteLens` section per folder (and globally) from the client, over initializationOptions. */
  private async loadSettings(): Promise<void> {
    const base = normalizeSettings(this.initSettings);
    if (!this.caps.configuration) {
      this.settings = base;
      for (const f of this.folders) this.setFolderSettings(f, base);
      return;
    }
    try {
      const items = [{ section: 'quoteLens' }, ...this.folders.map((f) => ({ section: 'quoteLens', scopeUri: f.uri }))];
      const res: unknown[] = await this.connection.workspace.getConfiguration(items);
      this.settings = normalizeSettings(res[0], base);
      this.folders.forEach((f, i) => this.setFolderSettings(f, normalizeSettings(res[i + 1], this.settings)));
    } catch (err) {
      this.connection.console.warn(`Could not read settings: ${oneLine(err)}; using defaults.`);
      this.settings = base;
      for (const f of this.folders) this.setFolderSettings(f, base);
    }
  }

  private setFolderSettings(f: Folder, s: QuoteLensSettings): void {
    f.settings = s;
    f.filter = createPathFilter(s.include, s.exclude);
  }

  private async onConfigurationChanged(pushed: unknown): Promise<void> {
    const before = this.folders.map((f) => f.settings);
    const beforeGlobal = this.settings;
    if (!this.caps.configuration && pushed !== undefined && pushed !== null) this.initSettings = pushed;
    await this.loadSettings();
    const filesChanged =
      fileSetChanged(beforeGlobal, this.settings) || this.folders.some((f, i) => !before[i] || fileSetChanged(before[i], f.settings));
    if (filesChanged) {
      await this.registerWatchers();
      await this.reindex();
    } else {
      this.publish(this.index.paths());
    }
  }

  private async onFoldersChanged(added: string[], removed: string[]): Promise<void> {
    const removedPaths = removed.map(uriToPath).filter((p): p is string => !!p);
    this.folders = this.folders.filter((f) => !removedPaths.includes(f.path));
    const affected = new Set<string>();
    for (const rp of removedPaths) {
      for (const p of this.index.paths()) {
        if (isUnder(p, rp) && !this.openUris.has(p) && !this.folderFor(p)) {
          this.bump(p);
          this.diskFiles.delete(p);
          for (const a of this.index.removeFile(p).affected) affected.add(a);
        }
      }
    }
    const newFolders: Folder[] = [];
    for (const uri of added) {
      const p = uriToPath(uri);
      if (!p || this.folders.some((f) => f.path === p)) continue;
      const f: Folder = { uri, path: p, settings: this.settings, filter: createPathFilter(this.settings.include, this.settings.exclude) };
      this.folders.push(f);
      newFolders.push(f);
    }
    this.publish([...affected]);
    await this.annotations.setFolders(this.folders.map((x) => x.path));
    if (newFolders.length) {
      await this.loadSettings();
      await this.indexWorkspace(newFolders, false);
    }
    this.scheduleStatus();
  }

  // -------------------------------------------------------------------------------------------------
  // Cold indexing

  /** Drops everything and indexes the workspace again. */
  async reindex(): Promise<void> {
    this.indexRun++;
    const old = [...this.published.entries()];
    this.index = this.newIndex();
    this.diskFiles.clear();
    this.skipped.clear();
    this.failed.clear();
    this.published.clear();
    for (const [, { uri }] of old) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    await this.indexWorkspace();
  }

  /**
   * Indexes the given folders (default: all) and the open documents, in bulk, then publishes the
   * diagnostics of every file once.
   */
  private async indexWorkspace(folders: Folder[] = this.folders, full = true): Promise<void> {
    const run = ++this.indexRun;
    const index = this.index;
    this.indexing = true;
    this.indexState = 'indexing';
    this.indexTotal = 0;
    let progress: WorkDoneProgressServerReporter | undefined;
    if (this.caps.workDoneProgress) {
      try {
        progress = await this.connection.window.createWorkDoneProgress();
        progress.begin('Quote Lens', 0, 'Finding files…', true);
      } catch {
        progress = undefined;
      }
    }
    this.sendStatus();
    let cancelled = false;
    index.beginBulk();
    try {
      const found: string[] = [];
      for (const f of folders) {
        const res = await this.collectFiles([f.path], {
          include: f.settings.include,
          exclude: f.settings.exclude,
          maxBytes: maxBytes(f.settings),
        });
        if (run !== this.indexRun) return;
        for (const s of res.skipped) {
          if (s.reason === 'no .txt files in this folder') continue;
          this.noteSkipped(s.path, s.reason);
        }
        for (const p of res.files) {
          if (!this.diskFiles.has(p)) found.push(p);
          this.diskFiles.add(p);
        }
      }
      this.indexTotal = found.length;
      let done = 0;
      let next = 0;
      let lastReport = 0;
      const worker = async (): Promise<void> => {
        while (next < found.length) {
          if (run !== this.indexRun) return;
          if (progress?.token.isCancellationRequested) {
            cancelled = true;
            return;
          }
          const p = found[next++];
          const gen = this.gen(p);
          if (this.openUris.has(p)) {
            done++;
            continue; // the editor's text is indexed by the open handler
          }
          const res = await this.readFile(p, maxBytes(this.settingsFor(p)));
          if (run !== this.indexRun) return;
          done++;
          if (this.gen(p) !== gen || this.openUris.has(p)) continue; // a newer event handled it
          this.applyRead(p, res, index);
          const now = Date.now();
          if (progress && now - lastReport > 100) {
            lastReport = now;
            progress.report(Math.floor((done * 100) / Math.max(1, found.length)), `${done} / ${found.length} files`);
          }
        }
      };
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
      if (run !== this.indexRun) return;
      // Open documents (also those outside any folder) are indexed with the editor's text.
      if (full) {
        for (const doc of this.documents.all()) {
          const p = uriToPath(doc.uri);
          if (p && !index.has(p)) this.analyseDocument(doc);
        }
      }
    } catch (err) {
      this.connection.console.error(`Indexing failed: ${oneLine(err)}`);
    } finally {
      index.endBulk();
      progress?.done();
      if (run === this.indexRun) {
        this.indexing = false;
        this.indexState = cancelled ? 'cancelled' : 'ready';
        if (cancelled) this.connection.console.info(`Indexing cancelled: ${index.size} of ${this.indexTotal} files indexed.`);
        this.publish(index.paths(), true);
        this.sendStatus();
        this.resolveReady();
      }
    }
  }

  private applyRead(p: string, res: ReadResult, index: WorkspaceIndex = this.index): string[] {
    if ('skipped' in res) {
      if (res.skipped === 'no such file or folder') this.skipped.delete(p); // deleted or renamed meanwhile
      else this.noteSkipped(p, res.skipped);
      return index.removeFile(p).affected;
    }
    this.skipped.delete(p);
    if (res.note) this.connection.console.info(`${this.rel(p)}: ${res.note}`);
    return this.track(p, index.setFile(p, res.text, { source: 'disk', note: res.note }));
  }

  private track(p: string, r: { affected: string[]; error?: string }): string[] {
    if (r.error) this.failed.add(p);
    else this.failed.delete(p);
    return r.affected;
  }

  private noteSkipped(p: string, reason: string): void {
    const isNew = this.skipped.get(p) !== reason;
    this.skipped.set(p, reason);
    if (!isNew) return;
    if (this.skippedLogged < MAX_SKIPPED_LISTED) {
      this.connection.console.warn(`Skipped ${this.rel(p)}: ${reason}`);
    } else if (this.skippedLogged === MAX_SKIPPED_LISTED) {
      this.connection.console.warn('More files skipped; the index status lists them.');
    }
    this.skippedLogged++;
  }

  // -------------------------------------------------------------------------------------------------
  // Open documents

  private onOpen(doc: TextDocument): void {
    const p = uriToPath(doc.uri);
    if (!p) return;
    this.openUris.set(p, doc.uri);
    this.cancelTimer(doc.uri);
    this.bump(p);
    this.analyseDocument(doc);
  }

  private onChange(doc: TextDocument): void {
    if (this.analysedVersion.get(doc.uri) === doc.version) return; // the open event analysed it
    const p = uriToPath(doc.uri);
    if (!p) return;
    this.bump(p);
    this.cancelTimer(doc.uri);
    const delay = this.settingsFor(p).debounceMs;
    const gen = this.gen(p);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (!current || this.gen(p) !== gen) return; // superseded or closed
        this.guardSync('change', () => this.analyseDocument(current));
      }, delay),
    );
  }

  private onSave(doc: TextDocument): void {
    if (this.timers.has(doc.uri)) {
      this.cancelTimer(doc.uri);
      this.analyseDocument(doc);
    }
  }

  private async onClose(doc: TextDocument): Promise<void> {
    const p = uriToPath(doc.uri);
    if (!p) return;
    this.cancelTimer(doc.uri);
    this.analysedVersion.delete(doc.uri);
    this.openUris.delete(p);
    this.analysedTexts.delete(p);
    const gen = this.bump(p);
    const folder = this.folderFor(p);
    const included = this.diskFiles.has(p) || (folder !== undefined && folder.filter.file(path.relative(folder.path, p)));
    if (!included) {
      this.publish(this.index.removeFile(p).affected);
      this.scheduleStatus();
      return;
    }
    // Back to the disk's text (unsaved changes are gone).
    const res = await this.readFile(p, maxBytes(this.settingsFor(p)));
    if (this.gen(p) !== gen || this.openUris.has(p)) return;
    if ('text' in res) this.diskFiles.add(p);
    else this.diskFiles.delete(p);
    this.publish(this.applyRead(p, res));
    this.scheduleStatus();
  }

  /** Analyses an open document's current text now and publishes what changed. */
  analyseDocument(doc: TextDocument): void {
    const p = uriToPath(doc.uri);
    if (!p) return;
    this.analysedVersion.set(doc.uri, doc.version);
    this.skipped.delete(p);
    const text = doc.getText();
    this.analysedTexts.set(p, text);
    const affected = this.track(p, this.index.setFile(p, text, { source: 'editor' }));
    if (this.indexing) return; // published when indexing ends
    this.publish(affected);
    this.scheduleStatus();
  }

  private cancelTimer(uri: string): void {
    const t = this.timers.get(uri);
    if (t) {
      clearTimeout(t);
      this.timers.delete(uri);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // File watcher

  private async onWatchedFiles(changes: FileEvent[]): Promise<void> {
    const affected = new Set<string>();
    const add = (xs: string[]): void => xs.forEach((x) => affected.add(x));
    const reads: Array<Promise<void>> = [];
    let annotationsChanged = false;
    for (const ch of changes) {
      const p = uriToPath(ch.uri);
      if (!p) continue;
      if (AnnotationService.isAnnotationsPath(p)) {
        if (await this.annotations.reload(p)) annotationsChanged = true;
        continue;
      }
      if (path.basename(p) === '.quotelens') {
        // The folder itself was deleted or restored: watchers report the folder, not the file in it.
        if (await this.annotations.reload(path.join(p, 'annotations.json'))) annotationsChanged = true;
        continue;
      }
      if (this.openUris.has(p)) continue; // the editor's text wins while the file is open
      const gen = this.bump(p);
      if (ch.type === FileChangeType.Deleted) {
        // A file, or a folder with indexed files under it.
        for (const q of this.index.paths()) {
          if ((q === p || isUnder(q, p)) && !this.openUris.has(q)) {
            this.bump(q);
            this.diskFiles.delete(q);
            add(this.index.removeFile(q).affected);
          }
        }
        for (const q of [...this.skipped.keys()]) if (q === p || isUnder(q, p)) this.skipped.delete(q);
        for (const q of [...this.diskFiles]) if (q === p || isUnder(q, p)) this.diskFiles.delete(q);
        continue;
      }
      const folder = this.folderFor(p);
      if (!folder) continue;
      reads.push(
        (async () => {
          // A created folder (moved in, unpacked): index what is under it.
          const res = await this.collectFiles([p], {
            include: folder.settings.include,
            exclude: folder.settings.exclude,
            maxBytes: maxBytes(folder.settings),
          });
          if (this.gen(p) !== gen) return;
          const isFolderEvent = res.files.length !== 1 || res.files[0] !== p;
          for (const s of res.skipped) {
            if (s.reason === 'no .txt files in this folder' || s.reason === 'no such file or folder') continue;
            if (folder.filter.file(path.relative(folder.path, s.path))) this.noteSkipped(s.path, s.reason);
          }
          if (res.skipped.some((s) => s.path === p) && this.index.has(p)) {
            add(this.index.removeFile(p).affected);
            this.diskFiles.delete(p);
          }
          const files = isFolderEvent
            ? res.files
            : folder.filter.file(path.relative(folder.path, p)) ? res.files : [];
          await Promise.all(
            files.map(async (f) => {
              if (this.openUris.has(f)) return;
              const g = f === p ? gen : this.bump(f);
              const r = await this.readFile(f, maxBytes(folder.settings));
              if (this.gen(f) !== g || this.openUris.has(f)) return;
              if ('text' in r) this.diskFiles.add(f);
              else this.diskFiles.delete(f);
              add(this.applyRead(f, r));
            }),
          );
        })(),
      );
    }
    await Promise.all(reads);
    if (annotationsChanged) for (const p of this.index.paths()) affected.add(p);
    if (!this.indexing) this.publish([...affected]);
    if (annotationsChanged) this.scheduleRefresh();
    this.scheduleStatus();
  }

  // -------------------------------------------------------------------------------------------------
  // Publishing

  /** Publishes the diagnostics of these files when they differ from what was last published. */
  publish(paths: Iterable<string>, clearStale = false): void {
    if (this.shuttingDown) return;
    const seen = new Set<string>();
    for (const p of paths) {
      if (seen.has(p)) continue;
      seen.add(p);
      this.publishOne(p);
    }
    if (clearStale) {
      for (const p of [...this.published.keys()]) if (!seen.has(p)) this.publishOne(p);
    }
    if (seen.size) this.scheduleRefresh();
  }

  /**
   * Asks the client to re-request lenses and semantic tokens after the results changed (it only
   * re-requests them by itself when a document changes, not when another file's edit changed this one's
   * matches). Debounced: one refresh per burst of updates.
   */
  private scheduleRefresh(): void {
    if (this.refreshTimer || this.shuttingDown) return;
    if (!this.caps.codeLensRefresh && !this.caps.semanticTokensRefresh) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.shuttingDown) return;
      if (this.caps.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (this.caps.semanticTokensRefresh) void this.connection.languages.semanticTokens.refresh().catch(() => undefined);
    }, 150);
  }

  /** The diagnostics of one file as they would be published. */
  diagnosticsFor(p: string): Diagnostic[] {
    return buildDiagnostics(this.index, p, {
      settings: this.settings,
      relatedInformation: this.caps.relatedInformation,
      codeDescription: this.caps.codeDescription,
      uriFor: (q) => this.uriFor(q),
      annotations: this.annotations,
    });
  }

  private publishOne(p: string): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.diagnosticsFor(p);
    } catch (err) {
      this.connection.console.error(`Building diagnostics failed for ${this.rel(p)}: ${oneLine(err)}`);
      return;
    }
    const prev = this.published.get(p);
    if (!diagnostics.length) {
      if (prev) {
        this.published.delete(p);
        this.connection.sendDiagnostics({ uri: prev.uri, diagnostics: [] });
      }
      return;
    }
    const key = JSON.stringify(diagnostics);
    const uri = this.uriFor(p);
    if (prev && prev.key === key && prev.uri === uri) return;
    if (prev && prev.uri !== uri) this.connection.sendDiagnostics({ uri: prev.uri, diagnostics: [] });
    this.published.set(p, { uri, key });
    this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private scheduleStatus(): void {
    if (this.statusTimer || this.shuttingDown) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.sendStatus();
    }, 250);
  }

  private sendStatus(): void {
    if (this.shuttingDown) return;
    void this.connection.sendNotification(IndexStatusNotification, this.status()).catch(() => undefined);
  }

  status(): IndexStatusParams {
    const st = this.index.stats();
    const skipped: SkippedFileInfo[] = [];
    for (const [p, reason] of this.skipped) {
      if (skipped.length >= MAX_SKIPPED_LISTED) break;
      skipped.push({ uri: this.uriFor(p), reason });
    }
    return {
      state: this.indexState,
      files: st.files,
      total: this.indexing ? this.indexTotal : undefined,
      quotes: st.quotes,
      groups: st.groups,
      conflicts: st.conflicts,
      skipped,
      skippedCount: this.skipped.size,
      failed: [...this.failed].map((p) => this.uriFor(p)),
      annotations: this.annotations.count(),
      annotationErrors: this.annotations.errors(),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Requests

  matches(params: MatchesParams): MatchesResult {
    const p = uriToPath(params.uri);
    if (!p || !this.index.has(p)) return { groups: [], conflicts: [] };
    const { groups, conflicts } = this.index.resultsForFile(p);
    const side = (s: { path: string; start: number; end: number; text: string }) => {
      const f = this.index.file(s.path);
      const ls = f?.lineStarts ?? new Uint32Array([0]);
      return {
        uri: this.uriFor(s.path),
        range: { start: offsetToPosition(ls, s.start), end: offsetToPosition(ls, s.end) },
        start: s.start,
        end: s.end,
        text: s.text,
        label: f?.label ?? path.basename(s.path),
      };
    };
    return {
      groups: groups.map((g) => ({
        id: g.id,
        speaker: g.speaker ?? null,
        members: g.members.map((m) => ({
          ...side(m),
          speaker: m.speaker ?? null,
          speakerId: m.speaker_id ?? null,
          kind: m.kind,
        })),
        pairs: g.pairs.map((x) => ({ a: x.a, b: x.b, relation: x.relation, subtype: x.subtype, detail: x.detail })),
      })),
      conflicts: conflicts.map((c) => ({ kind: c.kind, a: side(c.a), b: c.b ? side(c.b) : null, detail: c.detail })),
    };
  }

  /** The quotation at a position and the other places of its statement, with their paragraphs (issue 7). */
  private async compare(params: CompareParams): Promise<CompareResult> {
    try {
      return await compare(this.features, params, async (p) => {
        const analysed = this.analysedTexts.get(p);
        if (analysed !== undefined) return analysed;
        const res = await this.readFile(p, maxBytes(this.settingsFor(p)));
        return 'text' in res ? res.text : undefined;
      });
    } catch (err) {
      this.connection.console.error(`Quote Lens: compare failed: ${oneLine(err)}`);
      return null;
    }
  }

  /** The statement matrix of the workspace or of a folder under it (issue 7). */
  matrix(params: MatrixParams | null): MatrixModel {
    const folder = params?.folderUri ? uriToPath(params.folderUri) : undefined;
    const files = this.index.paths().filter((p) => !folder || p === folder || isUnder(p, folder));
    return buildMatrix({
      files,
      groups: this.index.groups(),
      conflicts: this.index.conflicts(),
      scope: this.matrixScope(params),
      label: (p) => this.index.file(p)?.label ?? path.basename(p),
      uri: (p) => this.uriFor(p),
      range: (p, s, e) => rangeOf(this.features, p, s, e),
    });
  }

  private matrixScope(params: MatrixParams | null): { path: string | null; uri: string | null; name: string } {
    const folder = params?.folderUri ? uriToPath(params.folderUri) : undefined;
    if (folder) return { path: folder, uri: params!.folderUri!, name: path.basename(folder) };
    return { path: this.folders.length === 1 ? this.folders[0].path : null, uri: null, name: this.folders.map((f) => path.basename(f.path)).join(', ') || 'Workspace' };
  }

  private emptyMatrix(params: MatrixParams | null): MatrixModel {
    const scope = this.matrixScope(params);
    return { scope: { uri: scope.uri, name: scope.name }, columns: [], rows: [], filesWithoutMatches: 0, omittedRows: 0 };
  }

  /** Records a verdict, then re-publishes what it changes (both files of an ignored match). */
  private async annotate(params: AnnotateParams): Promise<AnnotateResult> {
    let result: AnnotateResult;
    try {
      result = await this.annotations.annotate(this.features, params);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.connection.console.warn(`Annotation not saved: ${message}`);
      throw new ResponseError(ErrorCodes.InvalidRequest, message);
    }
    const touched = new Set<string>();
    for (const where of [params, params.other]) {
      const hit = where ? quoteAt(this.features, where.uri, where.position, false) : undefined;
      if (!hit) continue;
      touched.add(hit.path);
      for (const m of hit.memberships) for (const x of m.group.members) touched.add(x.path);
    }
    this.publish(touched);
    this.scheduleRefresh();
    this.sendStatus();
    return result;
  }

  /** Runs a feature handler; a failure is logged once per request and answered with `fallback`. */
  private answer<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.connection.console.error(`Quote Lens: ${what} failed: ${oneLine(err)}`);
      return fallback;
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Helpers

  private gen(p: string): number {
    return this.generation.get(p) ?? 0;
  }

  private bump(p: string): number {
    const g = this.gen(p) + 1;
    this.generation.set(p, g);
    return g;
  }

  private folderFor(p: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) if (isUnder(p, f.path) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  private settingsFor(p: string): QuoteLensSettings {
    return this.folderFor(p)?.settings ?? this.settings;
  }

  uriFor(p: string): string {
    return this.openUris.get(p) ?? pathToFileURL(p).href;
  }

  private rel(p: string): string {
    const f = this.folderFor(p);
    return f ? path.relative(f.path, p) || path.basename(p) : p;
  }

  private async guard(what: string, fn: () => Promise<void> | void): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.connection.console.error(`Quote Lens: ${what} failed: ${oneLine(err)}`);
    }
  }

  private guardSync(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.connection.console.error(`Quote Lens: ${what} failed: ${oneLine(err)}`);
    }
  }
}

/** File URI → absolute path; undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function isUnder(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Creates the server on a connection and starts listening. */
export function startServer(deps: ServerDependencies): QuoteLensServer {
  const server = new QuoteLensServer(deps);
  server.listen();
  return server;
}
