/**
 * What the editor features (hover, lenses, navigation, symbols, code actions, tokens) need from the
 * server, passed to each handler instead of the server itself, plus the shared lookups: the quotation
 * at a position and its matches.
 *
 * Positions: features answer from the last analysed results. While the user types, the open document is
 * ahead of them (edits are analysed after a debounce), so offsets are carried across the pending edit
 * (unchanged prefix and suffix) — lenses and highlights stay on their quotes instead of jumping.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Quotation } from '../engine/types';
import type { Annotation } from '../annotations/store';
import type { QuoteLensSettings } from '../protocol';
import { offsetToPosition } from '../workspace/workspaceIndex';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { MatchGroup, MatchPair } from '../workspace/analyzers';

/** Annotation lookups, by file path and the quotation's words and speaker. */
export interface AnnotationLookup {
  get(path: string, q: { text: string; speaker: string | null }): Annotation | undefined;
  /** Is the match between these two quotations ignored (by either side)? */
  ignored(pathA: string, a: { text: string; speaker: string | null }, pathB: string, b: { text: string; speaker: string | null }): boolean;
}

export interface FeatureContext {
  index(): WorkspaceIndex;
  pathOf(uri: string): string | undefined;
  uriFor(path: string): string;
  /** The open document of a path, if any. */
  document(path: string): TextDocument | undefined;
  /** The text the index last analysed for an open document (undefined: not open). */
  analysedText(path: string): string | undefined;
  settings(path: string): QuoteLensSettings;
  annotations: AnnotationLookup;
  /** The client runs Quote Lens's client-side commands (the VS Code extension); other editors do not. */
  clientCommands(): boolean;
}

/** Maps offsets between the analysed text and the editor's current text across one pending edit region. */
export interface OffsetMap {
  toCurrent(offset: number): number;
  toAnalysed(offset: number): number | undefined;
}

const IDENTITY: OffsetMap = { toCurrent: (o) => o, toAnalysed: (o) => o };
const mapCache = new WeakMap<TextDocument, { version: number; analysed: string; map: OffsetMap }>();

export function offsetMap(ctx: FeatureContext, path: string): OffsetMap {
  const doc = ctx.document(path);
  const analysed = ctx.analysedText(path);
  if (!doc || analysed === undefined) return IDENTITY;
  const hit = mapCache.get(doc);
  if (hit && hit.version === doc.version && hit.analysed === analysed) return hit.map;
  const map = diffMap(analysed, doc.getText());
  mapCache.set(doc, { version: doc.version, analysed, map });
  return map;
}

/** The common prefix and suffix of two texts, as an offset map (everything between is "edited"). */
export function diffMap(before: string, after: string): OffsetMap {
  if (before === after) return IDENTITY;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const beforeTail = before.length - s;
  const afterTail = after.length - s;
  const delta = after.length - before.length;
  return {
    toCurrent: (o) => (o <= p ? o : o >= beforeTail ? o + delta : Math.min(o, afterTail)),
    toAnalysed: (o) => (o <= p ? o : o >= afterTail ? o - delta : undefined),
  };
}

/** The range of [start, end) of an indexed file, in the editor's current text when it is open. */
export function rangeOf(ctx: FeatureContext, path: string, start: number, end: number): Range | undefined {
  const doc = ctx.document(path);
  if (doc && ctx.analysedText(path) !== undefined) {
    const m = offsetMap(ctx, path);
    const s = m.toCurrent(start);
    const e = Math.max(s, m.toCurrent(end));
    return { start: doc.positionAt(s), end: doc.positionAt(e) };
  }
  const f = ctx.index().file(path);
  if (!f) return undefined;
  const s = Math.max(0, Math.min(start, f.textLength));
  const e = Math.max(s, Math.min(end, f.textLength));
  return { start: offsetToPosition(f.lineStarts, s), end: offsetToPosition(f.lineStarts, e) };
}

export function location(ctx: FeatureContext, path: string, start: number, end: number): { uri: string; range: Range } | undefined {
  const range = rangeOf(ctx, path, start, end);
  return range ? { uri: ctx.uriFor(path), range } : undefined;
}

/** The analysed-text offset of a position in the client's current text (undefined inside a pending edit). */
export function analysedOffset(ctx: FeatureContext, path: string, pos: Position): number | undefined {
  const doc = ctx.document(path);
  if (doc) return offsetMap(ctx, path).toAnalysed(doc.offsetAt(pos));
  const f = ctx.index().file(path);
  if (!f) return undefined;
  const line = Math.min(Math.max(0, pos.line), f.lineStarts.length - 1);
  const lineEnd = line + 1 < f.lineStarts.length ? f.lineStarts[line + 1] : f.textLength;
  return Math.min(f.lineStarts[line] + Math.max(0, pos.character), lineEnd);
}

/** One quotation's place in a match group. */
export interface Membership {
  group: MatchGroup;
  member: number;
}

export interface QuoteHit {
  path: string;
  quote: Quotation;
  memberships: Membership[];
}

/** The match groups the quotation is a member of. */
export function membershipsOf(ctx: FeatureContext, path: string, q: { start: number; end: number }): Membership[] {
  const out: Membership[] = [];
  for (const group of ctx.index().resultsForFile(path).groups) {
    const member = group.members.findIndex((m) => m.path === path && m.start === q.start && m.end === q.end);
    if (member >= 0) out.push({ group, member });
  }
  return out;
}

/**
 * The quotation at a position: inside its words or marks, on its speaker's mention or on its cue; the
 * smallest span wins. Scare quotes count only with `includeScare`.
 */
export function quoteAt(ctx: FeatureContext, uri: string, pos: Position, includeScare = true): QuoteHit | undefined {
  const path = ctx.pathOf(uri);
  if (!path) return undefined;
  const f = ctx.index().file(path);
  if (!f) return undefined;
  const off = analysedOffset(ctx, path, pos);
  if (off === undefined) return undefined;
  let best: Quotation | undefined;
  let bestLen = Infinity;
  const consider = (q: Quotation, s: number | null, e: number | null, slack: number): void => {
    if (s === null || e === null) return;
    if (off < s - slack || off > e + slack) return;
    const len = e - s;
    if (len < bestLen) {
      best = q;
      bestLen = len;
    }
  };
  for (const q of f.quotes) {
    if (!includeScare && q.kind === 'scare') continue;
    consider(q, q.start, q.end, 1); // the opening and closing marks
    consider(q, q.mention_start, q.mention_end, 0);
    consider(q, q.cue_start, q.cue_end, 0);
  }
  if (!best) return undefined;
  return { path, quote: best, memberships: membershipsOf(ctx, path, best) };
}

export interface OtherPlace {
  group: MatchGroup;
  /** Index of the other member in the group. */
  other: number;
  pair: MatchPair;
  relation: string;
  ignored: boolean;
}

export const RELATION_RANK: Record<string, number> = { conflict: 4, variant: 3, excerpt: 2, duplicate: 1 };

/** Every other place matching a quotation (one per group member), worst relation first, then by label. */
export function otherPlaces(ctx: FeatureContext, hit: { path: string; memberships: Membership[] }): OtherPlace[] {
  const out: OtherPlace[] = [];
  const seen = new Set<string>();
  for (const { group, member } of hit.memberships) {
    const self = group.members[member];
    for (const pair of group.pairs) {
      if (pair.a !== member && pair.b !== member) continue;
      const other = pair.a === member ? pair.b : pair.a;
      const o = group.members[other];
      if (!o || other === member) continue;
      const key = `${o.path}:${o.start}:${o.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ group, other, pair, relation: pair.relation, ignored: ctx.annotations.ignored(hit.path, self, o.path, o) });
    }
  }
  const label = (p: OtherPlace) => labelOf(ctx, p.group.members[p.other].path);
  return out.sort(
    (x, y) =>
      (RELATION_RANK[y.relation] ?? 0) - (RELATION_RANK[x.relation] ?? 0) ||
      label(x).localeCompare(label(y)) ||
      x.group.members[x.other].start - y.group.members[y.other].start,
  );
}

export function labelOf(ctx: FeatureContext, path: string): string {
  return ctx.index().file(path)?.label ?? path;
}

/** "Reuters file 002, line 377" (or "line 377" in the same file). */
export function placeName(ctx: FeatureContext, fromPath: string, path: string, start: number): string {
  const r = rangeOf(ctx, path, start, start);
  const line = r ? `line ${r.start.line + 1}` : '';
  return path === fromPath ? line : `${labelOf(ctx, path)}${line ? `, ${line}` : ''}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
