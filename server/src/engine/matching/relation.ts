import { isContentNorm, type TextMatch } from './compare';

export type Relation = 'duplicate' | 'excerpt' | 'variant' | 'conflict';

/** Variant subtypes: `minor-wording`, `translation` (another rendering), `overlap`; conflict: `number`, `negation`, `speaker`. */
export interface RelationVerdict {
  relation: Relation;
  subtype?: string;
}

/** Whether two quotations are credited to one speaker, to two, or whether one of them has no known speaker. */
export type SpeakerRelation = 'same' | 'different' | 'unknown';

/**
 * Articles name a speaker in full once and by surname after ("Igor Konashenkov" … "Konashenkov said"), so
 * a one-word id equal to the other id's last word is the same person. Two full names sharing a surname
 * ("igor konashenkov" / "sergei konashenkov") stay different.
 */
export function speakerRelation(a: string | null, b: string | null): SpeakerRelation {
  if (a === null || b === null) return 'unknown';
  if (a === b) return 'same';
  return surnameOf(a, b) || surnameOf(b, a) ? 'same' : 'different';
}

/** Whether `short` is a single word and the last word of `full`. */
function surnameOf(short: string, full: string): boolean {
  return short.length > 0 && short.indexOf(' ') < 0 && full.length > short.length + 1 &&
    full.endsWith(short) && full.charCodeAt(full.length - short.length - 1) === 32;
}

/** The last word of a multi-word speaker id, under which its surname-only mentions are found. */
export function surnameKey(id: string): string | null {
  const at = id.lastIndexOf(' ');
  return at < 0 ? null : id.slice(at + 1);
}

/**
 * The same words credited to another speaker only mean something for a real statement: short fragments
 * ("a ploy", "very important") are quoted from many people.
 */
const SWAP_MIN_WORDS = 6;
const SWAP_MIN_CONTENT = 3;
const SWAP_MIN_WORDS_CLOSE = 8;
/** Without a known speaker, a fragment needs some length before it is taken as a quote of another. */
const UNKNOWN_SPEAKER_MIN_EXCERPT = 3;

function sharedWords(match: TextMatch, a: readonly string[]): string[] {
  const out: string[] = [];
  for (const op of match.ops) if (op.type === 'equal') for (let i = op.aStart; i < op.aEnd; i++) out.push(a[i]);
  return out;
}

/**
 * The relation between two quotations given how their words relate and who they are credited to.
 * Number, negation and rewording only make sense for one speaker; across speakers only the same words
 * (whole, in part, or nearly) are reported, as a speaker conflict.
 */
export function relationOf(
  match: TextMatch, a: readonly string[], b: readonly string[], speakers: SpeakerRelation,
): RelationVerdict | null {
  if (speakers === 'different') {
    const common = sharedWords(match, a);
    const longEnough = common.length >= SWAP_MIN_WORDS && common.filter(isContentNorm).length >= SWAP_MIN_CONTENT;
    if (!longEnough) return null;
    if (match.kind === 'same' || match.kind === 'excerpt') return { relation: 'conflict', subtype: 'speaker' };
    if (match.kind === 'close' && Math.min(a.length, b.length) >= SWAP_MIN_WORDS_CLOSE) {
      return { relation: 'conflict', subtype: 'speaker' };
    }
    return null;
  }
  switch (match.kind) {
    case 'same':
      return { relation: 'duplicate' };
    case 'excerpt': {
      const partLength = match.part === 'a' ? a.length : b.length;
      if (speakers === 'unknown' && partLength < UNKNOWN_SPEAKER_MIN_EXCERPT) return null;
      return { relation: 'excerpt' };
    }
    case 'close':
      return { relation: 'variant', subtype: match.overlap ? 'overlap' : 'minor-wording' };
    case 'loose':
      return speakers === 'same' ? { relation: 'variant', subtype: 'translation' } : null;
    case 'number':
    case 'negation':
      return { relation: 'conflict', subtype: match.kind };
  }
}
