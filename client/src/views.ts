/**
 * The Quotes tree (speaker → statement → places) and the Conflicts tree. Their data comes from the server
 * (`quoteLens/statements`, `quoteLens/conflicts`); they reload when the server reports a change, and only
 * while visible.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConflictsRequest, StatementsRequest } from '../../server/src/protocol';
import type { ConflictItem, ConflictsResult, SpeakerStatements, StatementInfo, StatementPlace, StatementsResult } from '../../server/src/protocol';

type QuoteNode = { kind: 'speaker'; s: SpeakerStatements } | { kind: 'statement'; st: StatementInfo } | { kind: 'place'; p: StatementPlace };
type ConflictNode = { kind: 'conflict'; c: ConflictItem } | { kind: 'place'; p: StatementPlace };

const RELATION_ICON: Record<string, string> = { conflict: 'warning', variant: 'diff', excerpt: 'quote', duplicate: 'copy' };

function placeItem(p: StatementPlace, withRelation: boolean): vscode.TreeItem {
  const uri = vscode.Uri.parse(p.uri);
  const line = p.range.start.line + 1;
  const item = new vscode.TreeItem(`${p.label}, line ${line}`, vscode.TreeItemCollapsibleState.None);
  const status = p.annotation?.status === 'verified' ? '✓ ' : p.annotation?.status === 'disputed' ? '✗ ' : '';
  item.description = `${status}${withRelation && p.relation ? `${p.relation} · ` : ''}${short(p.text, 80)}`;
  item.tooltip = new vscode.MarkdownString().appendText(`${path.basename(uri.fsPath)}:${line}\n\n${p.text}`);
  item.iconPath = new vscode.ThemeIcon(RELATION_ICON[p.relation] ?? 'quote');
  item.resourceUri = uri;
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character) }] };
  return item;
}

function short(t: string, max: number): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

abstract class ServerTree<T> implements vscode.TreeDataProvider<T> {
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(protected readonly client: () => LanguageClient | undefined) {}
  refresh(): void {
    this.changed.fire(undefined);
  }
  protected async request<R>(method: string, empty: R): Promise<R> {
    const c = this.client();
    if (!c?.isRunning()) return empty;
    try {
      return await c.sendRequest<R>(method, {});
    } catch {
      return empty;
    }
  }
  abstract getTreeItem(e: T): vscode.TreeItem;
  abstract getChildren(e?: T): Promise<T[]>;
}

export class QuotesTree extends ServerTree<QuoteNode> {
  async getChildren(e?: QuoteNode): Promise<QuoteNode[]> {
    if (!e) return (await this.request<StatementsResult>(StatementsRequest, { speakers: [] })).speakers.map((s) => ({ kind: 'speaker', s }));
    if (e.kind === 'speaker') return e.s.statements.map((st) => ({ kind: 'statement', st }));
    if (e.kind === 'statement') return e.st.places.map((p) => ({ kind: 'place', p }));
    return [];
  }
  getTreeItem(e: QuoteNode): vscode.TreeItem {
    if (e.kind === 'speaker') {
      const item = new vscode.TreeItem(e.s.speaker, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${e.s.statements.length} statement${e.s.statements.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('person');
      return item;
    }
    if (e.kind === 'statement') {
      const item = new vscode.TreeItem(`“${short(e.st.text, 70)}”`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = Object.entries(e.st.counts).map(([r, n]) => `${n} ${r}`).join(' · ');
      item.tooltip = e.st.text;
      item.iconPath = new vscode.ThemeIcon(e.st.counts.conflict ? 'warning' : 'quote');
      return item;
    }
    return placeItem(e.p, true);
  }
}

export class ConflictsTree extends ServerTree<ConflictNode> {
  async getChildren(e?: ConflictNode): Promise<ConflictNode[]> {
    if (!e) return (await this.request<ConflictsResult>(ConflictsRequest, { items: [] })).items.map((c) => ({ kind: 'conflict', c }));
    if (e.kind === 'conflict') return [e.c.a, ...(e.c.b ? [e.c.b] : [])].map((p) => ({ kind: 'place', p }));
    return [];
  }
  getTreeItem(e: ConflictNode): vscode.TreeItem {
    if (e.kind === 'place') return placeItem(e.p, false);
    const c = e.c;
    const what = c.kind === 'quote' ? `${c.speaker ?? 'Quotation'}` : c.kind === 'conversion' ? 'Wrong conversion' : 'Figures differ';
    const item = new vscode.TreeItem(`${what}: ${short(c.detail, 80)}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = c.b ? `${c.a.label} ↔ ${c.b.label}` : c.a.label;
    item.iconPath = new vscode.ThemeIcon('warning');
    item.tooltip = c.detail;
    return item;
  }
}

/** Creates both trees; `refresh` reloads the visible ones (debounced by the caller's events). */
export function createViews(client: () => LanguageClient | undefined): { disposables: vscode.Disposable[]; refresh: () => void } {
  const quotes = new QuotesTree(client);
  const conflicts = new ConflictsTree(client);
  const qv = vscode.window.createTreeView('quoteLens.quotes', { treeDataProvider: quotes, showCollapseAll: true });
  const cv = vscode.window.createTreeView('quoteLens.conflicts', { treeDataProvider: conflicts, showCollapseAll: true });
  let stale = false;
  const refresh = (): void => {
    if (!qv.visible && !cv.visible) {
      stale = true;
      return;
    }
    stale = false;
    if (qv.visible) quotes.refresh();
    if (cv.visible) conflicts.refresh();
  };
  const onVisible = (e: vscode.TreeViewVisibilityChangeEvent, tree: ServerTree<unknown>): void => {
    if (e.visible && stale) tree.refresh();
  };
  return {
    disposables: [
      qv,
      cv,
      qv.onDidChangeVisibility((e) => onVisible(e, quotes as ServerTree<unknown>)),
      cv.onDidChangeVisibility((e) => onVisible(e, conflicts as ServerTree<unknown>)),
      vscode.commands.registerCommand('quoteLens.refreshViews', () => {
        quotes.refresh();
        conflicts.refresh();
      }),
    ],
    refresh,
  };
}
