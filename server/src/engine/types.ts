/**
 * Engine result types. Field names follow the seed gold (`test/fixtures/seeds-gold/quotes.json`)
 * because the CLI's JSON output is read by other tools: keep them stable.
 * Offsets are UTF-16 code unit indices into the analysed text, end exclusive.
 */

export type QuoteKind = 'direct' | 'partial' | 'unmarked' | 'indirect' | 'scare';

/** The surface form that names the speaker. */
export type MentionType = 'name' | 'pronoun' | 'nominal' | 'none';

/**
 * How the speaker was found: `explicit` (attribution in the same sentence), `continuation` (an earlier
 * quote's attribution in the same paragraph), `carried` (the previous paragraph's speaker),
 * `headline`, `implicit` (no separate mention) or `none` (scare quotes).
 */
export type AttributionType = 'explicit' | 'continuation' | 'carried' | 'headline' | 'implicit' | 'none';

export interface Quotation {
  kind: QuoteKind;
  /** Exactly `source.slice(start, end)`: the quoted words without the marks. */
  text: string;
  start: number;
  end: number;
  /** Canonical speaker name ("Igor Konashenkov", "Russian Defence Ministry"); null for scare quotes. */
  speaker: string | null;
  /** Stable id of the canonical speaker, shared by all its aliases across files. */
  speaker_id: string | null;
  speaker_mention: string | null;
  mention_start: number | null;
  mention_end: number | null;
  mention_type: MentionType;
  attribution: AttributionType;
  cue: string | null;
  cue_start: number | null;
  cue_end: number | null;
}

export interface TextSpan {
  start: number;
  end: number;
}
