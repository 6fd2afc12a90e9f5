import { compareWords, flipMatch, type TextMatch } from './compare';
import { describePair, type QuoteSide } from './describe';
import { tokenize } from './normalize';
import { relationOf, speakerRelation, type RelationVerdict } from './relation';

export interface QuoteText {
  text: string;
  speaker: string | null;
  speaker_id: string | null;
}

export interface PairVerdict extends RelationVerdict {
  /** The difference as seen from a ("this" is a): "'160 miles' where this has '62 miles'". */
  detail: string;
  /** The same difference as seen from b. */
  detailForB: string;
}

/** Relation, subtype and both-sided descriptions for a text match between two quotations. */
export function verdictFor(match: TextMatch, a: QuoteSide & QuoteText, b: QuoteSide & QuoteText): PairVerdict | null {
  const aWords = a.tokens.map((t) => t.norm);
  const bWords = b.tokens.map((t) => t.norm);
  const verdict = relationOf(match, aWords, bWords, speakerRelation(a.speaker_id, b.speaker_id));
  if (!verdict) return null;
  return {
    ...verdict,
    detail: describePair(verdict, match, a, b),
    detailForB: describePair(verdict, flipMatch(match), b, a),
  };
}

/**
 * Decides whether two quotations render the same statement and how: duplicate, excerpt, variant or
 * conflict (number changed, negation added or dropped, same words credited to another speaker).
 * Returns null for unrelated quotations. This is the per-pair decision the index applies to its candidates.
 */
export function classifyPair(a: QuoteText, b: QuoteText): PairVerdict | null {
  const aSide = { ...a, tokens: tokenize(a.text) };
  const bSide = { ...b, tokens: tokenize(b.text) };
  const match = compareWords(aSide.tokens.map((t) => t.norm), bSide.tokens.map((t) => t.norm));
  return match ? verdictFor(match, aSide, bSide) : null;
}
