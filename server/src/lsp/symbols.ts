/**
 * Outline and workspace symbols. Outline: the file's quotations grouped by speaker (speakers in order of
 * their first quotation). Workspace symbols: quotations whose speaker or words contain every word of the
 * query, so "Konashenkov fire" finds his "Fire points …" in every file.
 */
import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { Quotation } from '../engine/types';
import type { FeatureContext } from './context';
import { labelOf, location, membershipsOf, otherPlaces, plural, rangeOf } from './context';
import { snippet } from './diagnostics';

const NO_SPEAKER = 'No speaker';
const SCARE = 'Scare quotes';
const MAX_WORKSPACE_SYMBOLS = 500;

function quoteName(q: Quotation, max = 60): string {
  return `“${snippet(q.text, max)}”`;
}

export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const path = ctx.pathOf(params.textDocument.uri);
  const f = path ? ctx.index().file(path) : undefined;
  if (!path || !f) return [];
  const bySpeaker = new Map<string, DocumentSymbol[]>();
  for (const q of [...f.quotes].sort((a, b) => a.start - b.start)) {
    const range = rangeOf(ctx, path, q.start, q.end);
    if (!range) continue;
    const places = otherPlaces(ctx, { path, memberships: membershipsOf(ctx, path, q) });
    const ann = ctx.annotations.get(path, q);
    const detail = [
      q.kind,
      places.length ? plural(places.length, 'source') : '',
      ann?.status === 'verified' ? '✓ verified' : ann?.status === 'disputed' ? '✗ disputed' : '',
    ].filter(Boolean).join(' · ');
    const who = q.kind === 'scare' ? SCARE : (q.speaker ?? NO_SPEAKER);
    const list = bySpeaker.get(who) ?? [];
    list.push({ name: quoteName(q), detail, kind: SymbolKind.String, range, selectionRange: range });
    bySpeaker.set(who, list);
  }
  const out: DocumentSymbol[] = [];
  for (const [speaker, children] of bySpeaker) {
    // A speaker's range spans its quotations (they interleave with other speakers').
    let start = children[0].range.start;
    let end = children[0].range.end;
    for (const c of children) {
      if (before(c.range.start, start)) start = c.range.start;
      if (before(end, c.range.end)) end = c.range.end;
    }
    out.push({
      name: speaker,
      detail: plural(children.length, 'quotation'),
      kind: speaker === SCARE || speaker === NO_SPEAKER ? SymbolKind.Namespace : SymbolKind.Object,
      range: { start, end },
      selectionRange: children[0].selectionRange,
      children,
    });
  }
  return out;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function workspaceSymbols(ctx: FeatureContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const words = params.query.toLowerCase().split(/\s+/).filter(Boolean);
  const index = ctx.index();
  const out: SymbolInformation[] = [];
  for (const path of index.paths().sort()) {
    const f = index.file(path);
    if (!f) continue;
    for (const q of f.quotes) {
      if (q.kind === 'scare') continue;
      const hay = `${q.speaker ?? ''} ${q.speaker_mention ?? ''} ${q.text}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
      const loc = location(ctx, path, q.start, q.end);
      if (!loc) continue;
      // The name carries speaker and words: VS Code filters workspace symbols by name.
      out.push({ name: `${q.speaker ?? NO_SPEAKER}: ${quoteName(q, 80)}`, kind: SymbolKind.String, location: loc, containerName: labelOf(ctx, path) });
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    }
  }
  return out;
}
