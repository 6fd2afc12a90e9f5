// Shared helpers of the real-workbench tests: the fixture workspace, gold annotations, text positions
// computed from the sample text itself, and waiting for editor events (never fixed sleeps).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexStatusParams } from '../../../server/src/protocol';

export const EXTENSION_ID = 'quote-lens.quote-lens';
export const DEFAULT_TIMEOUT = 45_000;

/** What the extension's `activate` returns (client/src/extension.ts). */
export interface QuoteLensApi {
  client:
    | {
        isRunning(): boolean;
        sendRequest<R>(method: string, params?: unknown): Promise<R>;
        initializeResult?: { capabilities: Record<string, unknown> };
      }
    | undefined;
  status: () => IndexStatusParams | undefined;
}

export function extension(): vscode.Extension<QuoteLensApi> {
  const ext = vscode.extensions.getExtension<QuoteLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

/** The sample file whose name starts with `prefix` ("000" … "004") in the fixture workspace. */
export function sampleUri(prefix: string): vscode.Uri {
  const dir = workspaceDir();
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!name) throw new Error(`no sample ${prefix}*.txt in ${dir}`);
  return vscode.Uri.file(path.join(dir, name));
}

export function sampleText(uriOrPrefix: vscode.Uri | string): string {
  const uri = typeof uriOrPrefix === 'string' ? sampleUri(uriOrPrefix) : uriOrPrefix;
  return fs.readFileSync(uri.fsPath, 'utf8');
}

/** A gold annotation file of the seeds (the samples are the seeds), from the extension's source tree. */
export function gold<T>(name: string): T {
  const file = path.join(extension().extensionPath, 'test', 'fixtures', 'seeds-gold', name);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Position of a UTF-16 offset, as VS Code counts lines (\n, \r\n or \r). */
export function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new vscode.Position(line, offset - lineStart);
}

export function rangeAt(text: string, start: number, end: number): vscode.Range {
  return new vscode.Range(positionAt(text, start), positionAt(text, end));
}

/** Range of the `occurrence`-th (0-based) occurrence of `needle` in `text`; throws when absent. */
export function rangeOf(text: string, needle: string, occurrence = 0): vscode.Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times in the sample`);
  }
  return rangeAt(text, at, at + needle.length);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function codeTarget(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? d.code.target.toString(true) : undefined;
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'quote-lens');
}

export function sameFile(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.fsPath === b.fsPath;
}

export function describe(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${d.message}`;
}

export function describeAll(uri: vscode.Uri): string {
  const ds = ourDiagnostics(uri);
  return ds.length ? ds.map((d) => '  ' + describe(d)).join('\n') : '  (none)';
}

/**
 * Resolves with `probe()`'s first non-undefined value: checked now and after every `events` firing,
 * and also on a short poll for state that has no event (the index status). Rejects after `timeoutMs`
 * with `what()` in the message.
 */
export function waitFor<T>(
  probe: () => T | undefined,
  events: vscode.Event<unknown>[],
  what: () => string,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      subs.forEach((s) => s.dispose());
      fn();
    };
    const check = () => {
      try {
        const v = probe();
        if (v !== undefined) finish(() => resolve(v));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`))), timeoutMs);
    const poll = setInterval(check, 100);
    for (const e of events) subs.push(e(check));
    check();
  });
}

/** Waits until the diagnostics of `uri` satisfy `accept` (returning its non-undefined value). */
export function waitForDiagnostics<T>(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => T | undefined,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<T> {
  return waitFor(
    () => accept(ourDiagnostics(uri)),
    [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
    () => `${what} in ${path.basename(uri.fsPath)}; it has:\n${describeAll(uri)}`,
    timeoutMs,
  );
}

/**
 * Activates the extension (it is already activating on the workspace's .txt files), waits until the server
 * reports a finished index, and makes sure the fixture workspace is as the samples are (see
 * pristineWorkspace): every suite starts from the same state whatever the suites before it left behind.
 */
export async function ready(): Promise<QuoteLensApi> {
  const api = await extension().activate();
  await waitFor(
    () => (api.status()?.state === 'ready' ? true : undefined),
    [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
    () => `the server's index status 'ready' (now: ${JSON.stringify(api.status())})`,
    90_000,
  );
  await pristineWorkspace(api);
  return api;
}

/**
 * Puts the fixture workspace back to a copy of samples/ if a suite left it otherwise (unsaved edits,
 * changed samples, extra files such as .quotelens/ or .vscode/settings.json), then has the server index it
 * again and waits for that to finish (its reindex request answers after the diagnostics are published).
 * Returns what had to be undone, and prints it: the suite that left it should clean up after itself.
 */
/**
 * Makes `doc` the active editor, so that the revert command acts on it. Once more when the workbench
 * opened another editor at the same moment ("Could NOT open editor … because another editor opened in
 * the meantime"), which it does now and then while a suite starts.
 */
async function showForRevert(doc: vscode.TextDocument): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await vscode.window.showTextDocument(doc, { preview: false });
      return;
    } catch (err) {
      if (attempt >= 3 || !/another editor opened/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function pristineWorkspace(api: QuoteLensApi): Promise<string[]> {
  const dir = workspaceDir();
  const src = path.join(extension().extensionPath, 'samples');
  const undone: string[] = [];
  // Only the workspace's files: the user's settings.json may be open and dirty while the workbench
  // writes it, and showing it then races with the workbench's own editor ("another editor opened").
  const inWorkspace = (d: vscode.TextDocument): boolean => d.uri.scheme === 'file' && !path.relative(dir, d.uri.fsPath).startsWith('..');
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && inWorkspace(d))) {
    undone.push(`unsaved edits in ${path.basename(doc.uri.fsPath)}`);
    await showForRevert(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  for (const name of fs.readdirSync(dir)) {
    if (fs.existsSync(path.join(src, name))) continue;
    undone.push(`extra ${name}`);
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  for (const name of fs.readdirSync(src)) {
    const want = fs.readFileSync(path.join(src, name));
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file).equals(want)) continue;
    undone.push(`changed ${name}`);
    fs.writeFileSync(file, want);
    // An open editor keeps the old text until it reloads, and the server prefers an open editor's text.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (doc) {
      await showForRevert(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      const text = want.toString('utf8');
      await waitFor(
        () => (doc.getText() === text ? true : undefined),
        [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>],
        () => `the editor of ${name} to reload the sample`,
      );
    }
  }
  if (undone.length) {
    console.log(`${process.env.QUOTE_LENS_LOG_MARKER ?? ''}    (fixture workspace restored: ${undone.join(', ')})`);
    await api.client?.sendRequest('quoteLens/reindex');
  }
  return undone;
}

export async function openSample(prefix: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(sampleUri(prefix));
  return vscode.window.showTextDocument(doc, { preview: false });
}

// ---------------------------------------------------------------------------------------------------
// Gold annotations (test/fixtures/seeds-gold; the samples are the seeds, byte for byte).

export interface GoldSpan {
  id?: string;
  file: string;
  text: string;
  start: number;
  end: number;
  speaker?: string;
  kind?: string;
}
export interface GoldGroup {
  group_id: string;
  speaker: string;
  members: GoldSpan[];
  pairs: { a: string; b: string; relation: string; subtype?: string }[];
}
export interface GoldConflict {
  id: string;
  scope: string;
  a: GoldSpan;
  b: GoldSpan;
}
export interface GoldNegative {
  a: GoldSpan;
  b: GoldSpan;
  reason: string;
}

/** The relation a gold pair should get from Quote Lens (issue 3 splits gold's variant/excerpt off). */
export function expectedRelation(p: { relation: string; subtype?: string }): string {
  return p.relation === 'variant' && p.subtype === 'excerpt' ? 'excerpt' : p.relation;
}

export const RANK: Record<string, number> = { conflict: 4, variant: 3, excerpt: 2, duplicate: 1 };

export const DEFAULT_SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  conflict: vscode.DiagnosticSeverity.Warning,
  variant: vscode.DiagnosticSeverity.Information,
  excerpt: vscode.DiagnosticSeverity.Hint,
  duplicate: vscode.DiagnosticSeverity.Hint,
};

export function uriOfFile(file: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), file));
}

export function offsetAt(text: string, pos: vscode.Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) line++;
  }
  return i + pos.character;
}

const EDGE = /[\s"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?\u2026\u2013\u2014-]/;

/** [start, end) of a span without leading and trailing whitespace, quotation marks and punctuation. */
export function core(text: string, start: number, end: number): [number, number] {
  while (start < end && EDGE.test(text[start])) start++;
  while (end > start && EDGE.test(text[end - 1])) end--;
  return [start, end];
}

/** Does `range` (in the file whose text is `text`) cover the same words as the span [start, end)? */
export function sameWords(text: string, range: vscode.Range, start: number, end: number): boolean {
  const [a, b] = core(text, offsetAt(text, range.start), offsetAt(text, range.end));
  const [c, d] = core(text, start, end);
  return a === c && b === d;
}

/** Our diagnostic in `span.file` covering exactly the words of `span`, if any. */
export function diagnosticOn(span: GoldSpan): vscode.Diagnostic | undefined {
  const text = sampleText(uriOfFile(span.file));
  return ourDiagnostics(uriOfFile(span.file)).find((d) => sameWords(text, d.range, span.start, span.end));
}

export function relatedTo(d: vscode.Diagnostic, span: GoldSpan): vscode.DiagnosticRelatedInformation | undefined {
  const uri = uriOfFile(span.file);
  const text = sampleText(uri);
  return d.relatedInformation?.find((r) => sameFile(r.location.uri, uri) && sameWords(text, r.location.range, span.start, span.end));
}

/** Is any part of the span [start, end) of `file` under one of our diagnostics? */
export function flagged(file: string, start: number, end: number): vscode.Diagnostic[] {
  const uri = uriOfFile(file);
  const text = sampleText(uri);
  const r = rangeAt(text, start, end);
  return ourDiagnostics(uri).filter((d) => d.range.intersection(r) !== undefined && !d.range.intersection(r)!.isEmpty);
}
