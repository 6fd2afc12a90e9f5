import { findCues, type Cue } from './extract/cues';
import { findMarkedSpans, type MarkedSpan } from './extract/marks';
import { classify, mentionAfterAccording, subjectAfter, subjectBefore, type Mention } from './extract/mentions';
import { splitParagraphs } from './extract/paragraphs';
import { splitSentences } from './extract/sentences';
import { SpeakerIndex, type Speaker } from './extract/speakers';
import { tokenize, type Token } from './extract/tokens';
import { hasStrippedQuoteMarks } from './extract/stripped';
import { reportedContent } from './extract/reported';
import type { AttributionType, Quotation, QuoteKind, TextSpan } from './types';

/** Who said something and with which words: the result of resolving one cue. */
export interface Attribution {
  mention: Mention;
  speaker: Speaker | null;
  cueStart: number;
  cueEnd: number;
  cueText: string;
}

interface SentenceContext {
  tokens: Token[];
  cues: Cue[];
  /** Attribution per cue (same index), null where no speaker phrase was found. */
  attributions: (Attribution | null)[];
}

interface ParagraphState {
  /** The last attribution made in this paragraph (for continuation quotes). */
  last: Attribution | null;
  lastKind: QuoteKind | null;
}

const MAX_LABEL_WORDS = 4;

/**
 * Finds every quotation in a news text — marked (direct, partial, scare), unmarked (a file whose
 * quote marks were stripped) and reported speech (indirect) — with its speaker, mention and cue.
 */
export function findQuotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  const speakers = new SpeakerIndex();
  const stripped = hasStrippedQuoteMarks(text);
  let previous: ParagraphState = { last: null, lastKind: null };
  let paragraphsSinceAttribution = 0;
  for (const para of splitParagraphs(text)) {
    const marks = findMarkedSpans(text, para);
    const sentences = splitSentences(text, para, marks);
    const headline = isHeadline(text, para);
    const state: ParagraphState = { last: null, lastKind: null };
    const paraStartCount = out.length;
    let sawCue = false;
    for (const sent of sentences) {
      const ctx = analyseSentence(text, sent, marks, speakers);
      if (ctx.cues.length > 0) sawCue = true;
      const inSentence = marks.filter((m) => m.open >= sent.start && m.open < sent.end);
      for (const m of inSentence) {
        const q = attributeMarked(text, m, sent, ctx, state, previous, para, headline, marks);
        if (q) out.push(q);
      }
      for (const r of reportedSpeech(text, sent, ctx, marks, headline, stripped)) {
        if (r.speaker) speakers.noteSpeaker(r.speaker);
        out.push(r.quote);
        if (!state.last || r.quote.start > (state.last.cueStart ?? 0)) state.last = r.attribution;
        state.lastKind = r.quote.kind;
      }
    }
    if (stripped && !sawCue && marks.length === 0 && previous.lastKind === 'unmarked' && previous.last && out.length === paraStartCount) {
      // A bare paragraph after an unmarked quotation continues it ("Fire points … means.").
      out.push(toQuotation(text, 'unmarked', para, previous.last, 'carried'));
      state.last = previous.last;
      state.lastKind = 'unmarked';
    }
    if (state.last) {
      previous = state;
      paragraphsSinceAttribution = 0;
    } else if (++paragraphsSinceAttribution > 1) {
      previous = { last: null, lastKind: null };
    } else {
      previous = { last: previous.last, lastKind: null };
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

function analyseSentence(text: string, sent: TextSpan, marks: MarkedSpan[], speakers: SpeakerIndex): SentenceContext {
  const tokens = tokenize(text, sent.start, sent.end, marks);
  const cues = findCues(tokens);
  const attributions = cues.map((cue, ci) => {
    const mention = mentionForCue(tokens, cue, ci > 0 ? cues[ci - 1].last + 1 : 0);
    if (!mention) return null;
    const speaker = speakers.resolve(mention);
    if (speaker) speakers.noteSpeaker(speaker);
    const first = tokens[cue.first];
    const last = tokens[cue.last];
    return { mention, speaker, cueStart: first.start, cueEnd: last.end, cueText: text.slice(first.start, last.end) };
  });
  return { tokens, cues, attributions };
}

function mentionForCue(tokens: Token[], cue: Cue, lo: number): Mention | null {
  if (cue.form === 'according') {
    const m = mentionAfterAccording(tokens, cue.last);
    // "According to our information, …" is the speaker's own sourcing, not an attribution.
    if (!m || /^(our|my|their|his|her|its|this|that|these)\b/i.test(tokens[cue.last + 1]?.text ?? '')) return null;
    return m;
  }
  if (cue.form === 'quoted') {
    return cue.objectFirst !== undefined && cue.objectLast !== undefined && cue.objectLast >= cue.objectFirst
      ? classify(tokens, cue.objectFirst, cue.objectLast) : null;
  }
  if (cue.participle) return null;
  // A quotation cannot be part of the subject: start after the last quote before the cue.
  let from = lo;
  for (let k = cue.first - 1; k >= lo; k--) if (tokens[k].quote) { from = k + 1; break; }
  const before = tokens[cue.first - 1];
  if (!before || before.quote || before.text === ',') {
    const inverted = subjectAfter(tokens, cue.last);
    if (inverted) return inverted;
  }
  return subjectBefore(tokens, cue.first, from);
}

/** Attributes one marked quotation and decides its kind. */
function attributeMarked(
  text: string, m: MarkedSpan, sent: TextSpan, ctx: SentenceContext, state: ParagraphState,
  previous: ParagraphState, para: TextSpan, headline: boolean, marks: MarkedSpan[],
): Quotation | null {
  const span = trimSpan(text, { start: m.start, end: m.end });
  if (span.end <= span.start) return null;
  const inner = text.slice(span.start, span.end);
  const wordCount = inner.split(/\s+/).filter(Boolean).length;
  if (m.depth > 0) {
    return wordCount <= MAX_LABEL_WORDS ? scare(text, span) : null;
  }
  const qi = ctx.tokens.findIndex((t) => t.quote === m);
  const found = qi >= 0 ? pickAttribution(ctx, qi, inner) : null;
  const short = wordCount <= MAX_LABEL_WORDS && !/[.!?]["”]?$/.test(inner);
  if (short && isScare(text, m, ctx, qi, found)) return scare(text, span);

  const startsSentence = /^[\s\u201C\u201E"'‘(\u2014\u2013-]*$/.test(text.slice(sent.start, m.open));
  const afterCueColon = /[:,]\s*$/.test(text.slice(sent.start, m.open)) && found !== null && found.cueEnd <= m.open;
  let kind: QuoteKind = startsSentence || afterCueColon ? 'direct' : 'partial';
  if (kind === 'direct' && short && qi >= 0 && continuesAsProse(ctx.tokens, qi)) kind = 'partial';

  let attribution: Attribution | null = found;
  let how: AttributionType = headline ? 'headline' : 'explicit';
  if (!attribution) {
    if (state.last) {
      attribution = state.last;
      how = 'continuation';
    } else if (previous.last && startsSentence && isFirstInParagraph(m, para, marks, text)) {
      attribution = previous.last;
      how = 'carried';
    } else if (short) {
      return scare(text, span);
    }
  }
  state.last = attribution ?? state.last;
  state.lastKind = kind;
  return toQuotation(text, kind, span, attribution, attribution ? how : 'implicit');
}

/**
 * Chooses the cue that attributes the quote at token `qi`: one right after it ("…," he said) when the
 * quote ends with a comma, else the nearest one before it, else any other in the sentence.
 */
function pickAttribution(ctx: SentenceContext, qi: number, inner: string): Attribution | null {
  const { tokens, cues, attributions } = ctx;
  let after = -1;
  for (let c = 0; c < cues.length; c++) {
    if (cues[c].first <= qi) continue;
    const gap = tokens.slice(qi + 1, cues[c].first);
    if (gap.length <= 10 && !gap.some((t) => t.quote) && attributions[c]) after = c;
    break;
  }
  let before = -1;
  for (let c = cues.length - 1; c >= 0; c--) {
    if (cues[c].last < qi && attributions[c]) { before = c; break; }
  }
  const endsOpen = /[,?!\u2014\u2013-]$/.test(inner) || tokens[qi + 1]?.text === ',';
  const order = endsOpen ? [after, before] : [before, after];
  for (const c of order) if (c >= 0) return attributions[c];
  for (let c = 0; c < cues.length; c++) if (attributions[c]) return attributions[c];
  return null;
}

/**
 * Labels and word-mentions in quote marks ("foreign agents", "Zapad" is the word for "west") quote
 * no one. A short quote is a scare quote when nothing in the sentence says it, or when it follows a
 * labelling word (are, as a, declared, so-called) that is not itself a speech verb's complement.
 */
function isScare(text: string, m: MarkedSpan, ctx: SentenceContext, qi: number, found: Attribution | null): boolean {
  const before = text.slice(Math.max(0, m.open - 40), m.open).toLowerCase();
  const after = text.slice(m.close, m.close + 40).toLowerCase();
  if (/\b(word|term|phrase|name|slogan|hashtag)s?\s+(for\s+)?$/.test(before) || /^\s*(is|was|means|meaning|refers to)\s+(the|a)?\s*(\w+\s+)?(word|term|name)\b/.test(after)) return true;
  if (!found) return true;
  if (/\b(so-called|dubbed|branded|labelled|labeled|termed|declared|classify|classified|register(ed)?\s+as(\s+an?)?|are|is|be|been|being|were|was)\s*$/.test(before)) return true;
  if (/\bas\s+(an?\s+)?$/.test(before)) {
    // "mocks Kim as a “rocket man”", "describing it as a “destabilization campaign”": the speaker's label.
    const labelCue = ctx.cues.some((c) => c.last < qi && /^(mock|describe|call|dub|brand|label|term|denounce|refer)$/.test(c.lemma));
    return !labelCue;
  }
  return false;
}

/** "The “intruders” had taken over …": a short quote that the reporter's sentence runs on from. */
function continuesAsProse(tokens: Token[], qi: number): boolean {
  const next = tokens[qi + 1];
  return next !== undefined && !next.quote && /^\p{Ll}/u.test(next.text) && next.text !== 'he' && next.text !== 'she';
}

function isFirstInParagraph(m: MarkedSpan, para: TextSpan, marks: MarkedSpan[], text: string): boolean {
  const firstMark = marks.find((x) => x.depth === 0 && x.open >= para.start);
  return firstMark === m && /^[\s\u2026.]*$/.test(text.slice(para.start, m.open));
}

function scare(text: string, span: TextSpan): Quotation {
  return toQuotation(text, 'scare', span, null, 'none');
}

interface ReportedHit { quote: Quotation; speaker: Speaker | null; attribution: Attribution }

/** Reported speech and, in a file whose quote marks were stripped, unmarked quotations. */
function reportedSpeech(
  text: string, sent: TextSpan, ctx: SentenceContext, marks: MarkedSpan[], headline: boolean, stripped: boolean,
): ReportedHit[] {
  const hits: ReportedHit[] = [];
  for (let c = 0; c < ctx.cues.length; c++) {
    if (!ctx.cues[c].strong) continue;
    const attribution = ctx.attributions[c] ?? inheritedAttribution(ctx, c);
    if (!attribution) continue;
    const content = reportedContent(text, sent, ctx.tokens, ctx.cues, c);
    if (!content) continue;
    // A content that is one quotation is a direct quote, already reported.
    const covering = marks.find((m) => m.depth === 0 && m.start <= content.span.start + 2 && m.end >= content.span.end - 2);
    if (covering) continue;
    // "“Our partners …” and allow IS to …, Dillon said": a quotation the reporter runs on from is not reported speech.
    if (content.inverted && marks.some((m) => m.depth === 0 && m.open <= content.span.start + 1 && m.open >= content.span.start - 1)) continue;
    let kind: QuoteKind = 'indirect';
    if (stripped && content.inverted && attribution.mention.type === 'name' && attribution.mention.kind === 'person') {
      kind = 'unmarked';
    }
    hits.push({
      quote: toQuotation(text, kind, content.span, attribution, headline ? 'headline' : 'explicit'),
      speaker: attribution.speaker,
      attribution,
    });
  }
  return hits;
}

/** A participle cue (", saying …", ", adding …") speaks for the subject of the cue before it. */
function inheritedAttribution(ctx: SentenceContext, c: number): Attribution | null {
  if (!ctx.cues[c].participle) return null;
  for (let k = c - 1; k >= 0; k--) {
    const a = ctx.attributions[k];
    if (a) {
      const t = ctx.tokens;
      return { ...a, cueStart: t[ctx.cues[c].first].start, cueEnd: t[ctx.cues[c].last].end, cueText: t.slice(ctx.cues[c].first, ctx.cues[c].last + 1).map((x) => x.text).join(' ') };
    }
  }
  return null;
}

function toQuotation(text: string, kind: QuoteKind, span: TextSpan, a: Attribution | null, how: AttributionType): Quotation {
  return {
    kind,
    text: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    speaker: a?.speaker?.name ?? (a ? text.slice(a.mention.start, a.mention.end) : null),
    speaker_id: a?.speaker?.id ?? null,
    speaker_mention: a ? text.slice(a.mention.start, a.mention.end) : null,
    mention_start: a ? a.mention.start : null,
    mention_end: a ? a.mention.end : null,
    mention_type: a ? a.mention.type : 'none',
    attribution: how,
    cue: a ? a.cueText : null,
    cue_start: a ? a.cueStart : null,
    cue_end: a ? a.cueEnd : null,
  };
}

function trimSpan(text: string, s: TextSpan): TextSpan {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** A short line with no closing punctuation: a headline or a caption heading. */
function isHeadline(text: string, para: TextSpan): boolean {
  const line = text.slice(para.start, para.end);
  if (/[.!?:;,"”’)]$/.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words >= 3 && words <= 20;
}
