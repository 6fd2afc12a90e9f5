/**
 * Data for the client's trees: the Quotes tree (speaker → matched statement → places) and the Conflicts
 * tree. Built from the whole index on request (only when a tree is visible), never on the edit path.
 */
import type { ConflictItem, ConflictsResult, StatementPlace, StatementsResult, SpeakerStatements } from '../protocol';
import type { FeatureContext } from './context';
import { labelOf, location, RELATION_RANK } from './context';
import { toInfo } from './annotations';
import { snippet } from './diagnostics';
import type { MatchGroup } from '../workspace/analyzers';

function place(ctx: FeatureContext, m: { path: string; start: number; end: number; text: string; kind?: string; speaker?: string | null }, relation: string): StatementPlace | undefined {
  const loc = location(ctx, m.path, m.start, m.end);
  if (!loc) return undefined;
  const ann = m.speaker !== undefined ? ctx.annotations.get(m.path, { text: m.text, speaker: m.speaker }) : undefined;
  return { ...loc, label: labelOf(ctx, m.path), text: m.text, kind: m.kind ?? 'statement', relation, ...(ann ? { annotation: toInfo(ann) } : {}) };
}

function worstRelation(g: MatchGroup, i: number): string {
  let best = '';
  for (const p of g.pairs) {
    if (p.a !== i && p.b !== i) continue;
    if (!best || (RELATION_RANK[p.relation] ?? 0) > (RELATION_RANK[best] ?? 0)) best = p.relation;
  }
  return best;
}

export function statements(ctx: FeatureContext): StatementsResult {
  const bySpeaker = new Map<string, SpeakerStatements>();
  for (const g of ctx.index().groups()) {
    const places = g.members.map((m, i) => place(ctx, m, worstRelation(g, i))).filter((p): p is StatementPlace => !!p);
    if (!places.length) continue;
    const counts: Record<string, number> = {};
    for (const p of g.pairs) counts[p.relation] = (counts[p.relation] ?? 0) + 1;
    const speaker = g.speaker || 'No speaker';
    let s = bySpeaker.get(speaker);
    if (!s) bySpeaker.set(speaker, (s = { speaker, statements: [] }));
    const longest = g.members.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    s.statements.push({ groupId: g.id, text: snippet(longest.text, 100), counts, places });
  }
  const speakers = [...bySpeaker.values()].sort((a, b) => a.speaker.localeCompare(b.speaker));
  for (const s of speakers) s.statements.sort((a, b) => a.text.localeCompare(b.text));
  return { speakers };
}

export function conflicts(ctx: FeatureContext): ConflictsResult {
  const items: ConflictItem[] = [];
  for (const g of ctx.index().groups()) {
    for (const p of g.pairs) {
      if (p.relation !== 'conflict') continue;
      const a = g.members[p.a];
      const b = g.members[p.b];
      if (!a || !b || ctx.annotations.ignored(a.path, a, b.path, b)) continue;
      const pa = place(ctx, a, 'conflict');
      const pb = place(ctx, b, 'conflict');
      if (pa && pb) items.push({ kind: 'quote', speaker: g.speaker || null, detail: p.detail, a: pa, b: pb });
    }
  }
  for (const c of ctx.index().conflicts()) {
    const a = place(ctx, c.a, c.kind);
    const b = c.b ? place(ctx, c.b, c.kind) : null;
    if (a) items.push({ kind: c.b ? 'fact' : 'conversion', speaker: null, detail: c.detail, a, b: b ?? null });
  }
  items.sort((x, y) => x.a.label.localeCompare(y.a.label) || x.a.range.start.line - y.a.range.start.line);
  return { items };
}
