import type { AlignOp } from './align';
import { normNumber, type TextMatch } from './compare';
import type { Token } from './normalize';
import type { RelationVerdict } from './relation';

/** One quotation as shown to the reader: its own text and the tokens that index into it. */
export interface QuoteSide {
  text: string;
  tokens: readonly Token[];
  speaker: string | null;
}

const MAX_SHOWN = 80;

function shorten(s: string): string {
  if (s.length <= MAX_SHOWN) return s;
  const half = Math.floor((MAX_SHOWN - 3) / 2);
  return `${s.slice(0, half).trimEnd()} … ${s.slice(s.length - half).trimStart()}`;
}

function surface(side: QuoteSide, from: number, to: number): string {
  if (from >= to) return '';
  return shorten(side.text.slice(side.tokens[from].start, side.tokens[to - 1].end));
}

function quoted(s: string): string {
  return `'${s}'`;
}

/** An edit in the reader's terms, from `self`'s point of view: what the other quotation has instead. */
function describeEdit(op: AlignOp, self: QuoteSide, other: QuoteSide): string {
  const mine = surface(self, op.aStart, op.aEnd);
  const theirs = surface(other, op.bStart, op.bEnd);
  if (!mine) return `adds ${quoted(theirs)}`;
  if (!theirs) return `leaves out ${quoted(mine)}`;
  return `${quoted(theirs)} where this has ${quoted(mine)}`;
}

/**
 * Widens an edit by neighbouring words so the difference reads on its own: a bare figure takes the unit
 * after it ("62" → "62 miles"), a negation takes a word either side ("not" → "is not ready").
 */
function widen(op: AlignOp, match: TextMatch, self: QuoteSide, other: QuoteSide, mode: 'unit' | 'context'): AlignOp {
  const w = { ...op };
  const equalAfter = match.ops.find((o) => o.type === 'equal' && o.aStart === op.aEnd && o.bStart === op.bEnd);
  const equalBefore = match.ops.find((o) => o.type === 'equal' && o.aEnd === op.aStart && o.bEnd === op.bStart);
  if (mode === 'unit') {
    const onlyFigures = (side: QuoteSide, from: number, to: number) =>
      side.tokens.slice(from, to).every((t) => normNumber(t.norm) !== undefined);
    if (!onlyFigures(self, op.aStart, op.aEnd) || !onlyFigures(other, op.bStart, op.bEnd)) return w;
    if (equalAfter) {
      w.aEnd++;
      w.bEnd++;
    } else if (equalBefore) {
      w.aStart--;
      w.bStart--;
    }
    return w;
  }
  if (equalBefore) {
    w.aStart--;
    w.bStart--;
  }
  if (equalAfter) {
    w.aEnd++;
    w.bEnd++;
  }
  return w;
}

function interiorEdits(match: TextMatch): AlignOp[] {
  return match.ops.filter(
    (o, k) => o.type !== 'equal' && !((k === 0 || k === match.ops.length - 1) && (o.type === 'insert' || o.type === 'delete')),
  );
}

function editSize(op: AlignOp): number {
  return Math.max(op.aEnd - op.aStart, op.bEnd - op.bStart);
}

function describeDuplicate(self: QuoteSide, other: QuoteSide): string {
  const trim = (s: string) => s.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  const mine = trim(self.text);
  const theirs = trim(other.text);
  if (mine === theirs) return 'same words';
  const notes: string[] = [];
  let caseDiffers = false;
  for (let i = 0; i < self.tokens.length && i < other.tokens.length; i++) {
    const m = self.text.slice(self.tokens[i].start, self.tokens[i].end);
    const t = other.text.slice(other.tokens[i].start, other.tokens[i].end);
    if (m === t) continue;
    if (m.toLowerCase() === t.toLowerCase()) caseDiffers = true;
    else if (!notes.length) notes.push(`spelling ${quoted(t)} where this has ${quoted(m)}`);
  }
  if (caseDiffers) notes.push('case');
  const skeleton = (s: string) => s.replace(/[\p{L}\p{M}\p{N}]+/gu, 'w').replace(/\s+/g, ' ');
  if (skeleton(mine) !== skeleton(theirs)) notes.push('punctuation');
  return notes.length ? `same words (differs only in ${notes.join(', ')})` : 'same words';
}

/** The difference between two matched quotations, told from `self`'s side ("this"). */
export function describePair(verdict: RelationVerdict, match: TextMatch, self: QuoteSide, other: QuoteSide): string {
  if (verdict.subtype === 'speaker') {
    const extent = match.kind === 'excerpt' ? 'part of the same words' : match.kind === 'close' ? 'nearly the same words' : 'the same words';
    return `${extent} attributed to ${other.speaker ?? 'someone else'} where this has ${self.speaker ?? 'another speaker'}`;
  }
  switch (verdict.relation) {
    case 'duplicate':
      return describeDuplicate(self, other);
    case 'excerpt':
      return match.part === 'a'
        ? `this quotes only part of it; the full quotation is ${quoted(shorten(other.text.trim()))}`
        : `quotes only part of this: ${quoted(shorten(other.text.trim()))}`;
    case 'conflict': {
      const mode = verdict.subtype === 'number' ? 'unit' : 'context';
      const edits = (match.keyOps ?? []).map((k) => describeEdit(widen(match.ops[k], match, self, other, mode), self, other));
      const prefix = verdict.subtype === 'negation' ? 'negation differs: ' : '';
      return prefix + edits.slice(0, 3).join('; ');
    }
    case 'variant': {
      if (verdict.subtype === 'overlap') {
        const shared = match.ops.find((o) => o.type === 'equal');
        return `overlapping quotation; both have ${quoted(shared ? surface(self, shared.aStart, shared.aEnd) : '')}`;
      }
      const edits = interiorEdits(match);
      if (verdict.subtype === 'translation') {
        const biggest = [...edits].sort((x, y) => editSize(y) - editSize(x) || x.aStart - y.aStart).slice(0, 2);
        biggest.sort((x, y) => x.aStart - y.aStart);
        return `another rendering: ${biggest.map((op) => describeEdit(op, self, other)).join('; ')}`;
      }
      return edits.slice(0, 3).map((op) => describeEdit(op, self, other)).join('; ') || 'nearly the same words';
    }
  }
}
