/**
 * Semantic tokens for what the TextMate grammar cannot know: who speaks (every mention that the engine
 * attributed a quotation to, with its kind: name, pronoun, description) and quotations without marks.
 * The legend is `SemanticTokenTypes` / `SemanticTokenModifiers` in protocol.ts.
 */
import type { SemanticTokens, SemanticTokensParams } from 'vscode-languageserver';
import { SemanticTokenModifiers, SemanticTokenTypes } from '../protocol';
import type { FeatureContext } from './context';
import { rangeOf } from './context';

type TokenType = (typeof SemanticTokenTypes)[number];
type TokenModifier = (typeof SemanticTokenModifiers)[number];

export const SEMANTIC_LEGEND = { tokenTypes: [...SemanticTokenTypes] as string[], tokenModifiers: [...SemanticTokenModifiers] as string[] };

interface Span {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

export function semanticTokens(ctx: FeatureContext, params: SemanticTokensParams): SemanticTokens {
  const path = ctx.pathOf(params.textDocument.uri);
  const f = path ? ctx.index().file(path) : undefined;
  if (!path || !f) return { data: [] };
  const spans: Span[] = [];
  const mentions = new Set<string>();
  for (const q of f.quotes) {
    const ann = ctx.annotations.get(path, q);
    const status: TokenModifier[] = ann?.status ? [ann.status] : [];
    if (q.kind === 'unmarked') spans.push({ start: q.start, end: q.end, type: 'quotation', modifiers: ['unmarked', ...status] });
    if (q.mention_start !== null && q.mention_end !== null && q.mention_end > q.mention_start) {
      const k = `${q.mention_start}:${q.mention_end}`;
      if (!mentions.has(k)) {
        mentions.add(k);
        const m: TokenModifier[] = q.mention_type === 'pronoun' ? ['pronoun'] : q.mention_type === 'nominal' ? ['nominal'] : [];
        spans.push({ start: q.mention_start, end: q.mention_end, type: 'speaker', modifiers: m });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { data: encode(ctx, path, spans) };
}

/** LSP's relative encoding; tokens cannot span lines or overlap, so spans are cut at line ends and overlaps dropped. */
function encode(ctx: FeatureContext, path: string, spans: Span[]): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const s of spans) {
    if (s.start < lastEnd) continue;
    lastEnd = s.end;
    const r = rangeOf(ctx, path, s.start, s.end);
    if (!r) continue;
    const type = SemanticTokenTypes.indexOf(s.type);
    let mods = 0;
    for (const m of s.modifiers) mods |= 1 << SemanticTokenModifiers.indexOf(m);
    for (let line = r.start.line; line <= r.end.line; line++) {
      const from = line === r.start.line ? r.start.character : 0;
      const to = line === r.end.line ? r.end.character : lineLength(ctx, path, line);
      if (to <= from) continue;
      data.push(line - prevLine, line === prevLine ? from - prevChar : from, to - from, type, mods);
      prevLine = line;
      prevChar = from;
    }
  }
  return data;
}

function lineLength(ctx: FeatureContext, path: string, line: number): number {
  const doc = ctx.document(path);
  if (doc) return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
  const f = ctx.index().file(path)!;
  const start = f.lineStarts[line];
  const end = line + 1 < f.lineStarts.length ? f.lineStarts[line + 1] - 1 : f.textLength;
  return Math.max(0, end - start);
}
