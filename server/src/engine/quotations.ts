import { CUE_WORD_RE, findCues, speechLemma, type Cue } from './extract/cues';
import { findMarkedSpans, type MarkedSpan } from './extract/marks';
import { classify, mentionAfterAccording, subjectAfter, subjectBefore, type Mention } from './extract/mentions';
import { splitParagraphs } from './extract/paragraphs';
import { splitSentences } from './extract/sentences';
import { SpeakerIndex, type Speaker } from './extract/speakers';
import { tokenize, type Token } from './extract/tokens';
import { NOT_NAMES } from './extract/lexicon';
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
  text: string;
  tokens: Token[];
  cues: Cue[];
  /** Attribution per cue (same index), null where no speaker phrase was found. */
  attributions: (Attribution | null)[];
}

/**
 * The token index of each quotation in a sentence, built on first use: looking it up per quotation
 * would make a sentence of thousands of short quotes ("A" "A" "A" …) quadratic. The sentence's quotes
 * are attributed one after the other, so the last sentence's index is the only one kept (a WeakMap
 * per sentence made the collector trace an ephemeron per sentence of every file).
 */
let indexedContext: SentenceContext | null = null;
let quoteTokenPositions = new Map<MarkedSpan, number>();

function quoteTokenIndex(ctx: SentenceContext, m: MarkedSpan): number {
  if (ctx !== indexedContext) {
    indexedContext = ctx;
    quoteTokenPositions = new Map();
    for (let k = 0; k < ctx.tokens.length; k++) {
      const q = ctx.tokens[k].quote;
      if (q) quoteTokenPositions.set(q, k);
    }
  }
  return quoteTokenPositions.get(m) ?? -1;
}

const OPENING_CHAR = /[\s\u201C\u201E"'‘(\u2014\u2013-]/;
const OPENING_MARK_OR_SPACE = /[\s\u201C\u201E"'‘(]/;
/** The sentence whose opening runs are remembered (see runEnd), and the two runs' ends (-1: not yet). */
let runsSentence: TextSpan | null = null;
const runEnds = [-1, -1];

/**
 * Where the run of `chars` that opens the sentence ends, remembered for the current sentence: "only
 * opening marks before this quote" is then one comparison, not a rescan from the sentence start for
 * every quote.
 */
function runEnd(text: string, sent: TextSpan, chars: RegExp): number {
  if (sent !== runsSentence) {
    runsSentence = sent;
    runEnds[0] = runEnds[1] = -1;
  }
  const slot = chars === OPENING_CHAR ? 0 : 1;
  let end = runEnds[slot];
  if (end < 0) {
    end = sent.start;
    while (end < sent.end && chars.test(text[end])) end++;
    runEnds[slot] = end;
  }
  return end;
}

/** Lets go of the last document's sentence (its tokens hold slices of the text). */
function forgetLastSentence(): void {
  indexedContext = null;
  quoteTokenPositions = new Map();
  runsSentence = null;
}

/** The index of the last non-space character in [from, to), or -1. */
function lastNonSpace(text: string, from: number, to: number): number {
  let k = to - 1;
  while (k >= from && /\s/.test(text[k])) k--;
  return k >= from ? k : -1;
}

function endsWithColon(text: string, from: number, to: number): boolean {
  return text[lastNonSpace(text, from, to)] === ':';
}

interface ParagraphState {
  /** The last attribution made in this paragraph (for continuation quotes). */
  last: Attribution | null;
  lastKind: QuoteKind | null;
  /** Where the last partial quotation with a speaker closed, and its attribution (see `joinedToPartial`). */
  lastPartial?: { close: number; attribution: Attribution };
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
  let paragraphIndex = 0;
  for (const para of splitParagraphs(text)) {
    const marks = findMarkedSpans(text, para);
    const sentences = splitSentences(text, para, marks);
    const headline = isHeadline(text, para, paragraphIndex++ === 0);
    const state: ParagraphState = { last: null, lastKind: null };
    const paraStartCount = out.length;
    let sawCue = false;
    // Marks are sorted by position: walk them alongside the sentences so that a paragraph with
    // thousands of quotations costs linear time, not a scan of every mark per sentence.
    let markCursor = 0;
    for (const sent of sentences) {
      while (markCursor < marks.length && marks[markCursor].close <= sent.start) markCursor++;
      let markEnd = markCursor;
      while (markEnd < marks.length && marks[markEnd].open < sent.end) markEnd++;
      const sentMarks = marks.slice(markCursor, markEnd);
      const ctx = analyseSentence(text, sent, sentMarks, speakers);
      if (ctx.cues.length > 0) sawCue = true;
      for (const m of sentMarks) {
        if (m.open < sent.start) continue;
        const q = attributeMarked(text, m, sent, ctx, state, previous, para, headline, marks, speakers);
        if (q) out.push(q);
      }
      // "He said:" at the end of a paragraph governs the quotation paragraphs that follow.
      if (endsWithColon(text, sent.start, sent.end)) {
        const governing = ctx.attributions.filter((a) => a !== null).pop();
        if (governing) state.last = governing;
      }
      for (const r of reportedSpeech(text, sent, ctx, sentMarks, headline, stripped, speakers)) {
        if (r.speaker) speakers.noteSpeaker(r.speaker);
        out.push(r.quote);
        if (!state.last || r.quote.start > (state.last.cueStart ?? 0)) state.last = r.attribution;
        state.lastKind = r.quote.kind;
      }
      // "Donald Trump is urging his supporters to …. Make sure everything is “on the up and up.”":
      // a speaker named earlier in the paragraph is the one a later unattributed quote continues.
      if (!state.last) state.last = ctx.attributions.filter((a) => a !== null && a.mention.type !== 'nominal').pop() ?? null;
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
  forgetLastSentence();
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

const NO_CUES: SentenceContext = { text: '', tokens: [], cues: [], attributions: [] };

function analyseSentence(text: string, sent: TextSpan, marks: MarkedSpan[], speakers: SpeakerIndex): SentenceContext {
  // Most sentences hold neither a quotation nor a speech verb: skip them without tokenising.
  const hasMark = marks.some((m) => m.open < sent.end && m.close > sent.start);
  if (!hasMark && !CUE_WORD_RE.test(text.slice(sent.start, sent.end))) return NO_CUES;
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
  const ctx = { text, tokens, cues, attributions };
  for (let c = 0; c < cues.length; c++) {
    if (!attributions[c] && cues[c].participle) attributions[c] = inheritedAttribution(ctx, c, speakers);
  }
  return ctx;
}

function mentionForCue(tokens: Token[], cue: Cue, lo: number): Mention | null {
  if (cue.form === 'according') {
    const m = mentionAfterAccording(tokens, cue.last);
    // "According to our information, …" is the speaker's own sourcing, not an attribution.
    if (!m || /^(our|my|their|his|her|its|this|that|these)\b/i.test(tokens[cue.last + 1]?.text ?? '')) return null;
    return m;
  }
  if (cue.form === 'quoted' || cue.form === 'noun') {
    return cue.objectFirst !== undefined && cue.objectLast !== undefined && cue.objectLast >= cue.objectFirst
      ? classify(tokens, cue.objectFirst, cue.objectLast) : null;
  }
  // ", saying …" has no subject of its own; "Hillary Clinton asking, …" has one right before it.
  if (cue.participle && (cue.first === 0 || tokens[cue.first - 1].text === ',' || tokens[cue.first - 1].quote || !/^\p{Lu}/u.test(tokens[cue.first - 1].text) ||
    !(tokens[cue.last + 1]?.quote || /^[,:]$/.test(tokens[cue.last + 1]?.text ?? '')))) return null;
  // A quotation cannot be part of the subject: start after the last quote before the cue.
  let from = lo;
  for (let k = cue.first - 1; k >= lo; k--) if (tokens[k].quote) { from = k + 1; break; }
  const prev = tokens[cue.first - 1];
  if (prev && /^(and|but)$/.test(prev.lower)) {
    // "Mr. Schultz left in 2015, and said …": a second verb of the sentence's subject.
    return subjectBefore(tokens, cue.first, from) ?? sentenceSubject(tokens, cue.first);
  }
  if (prev && !prev.quote && prev.text !== ',') {
    const subject = subjectBefore(tokens, cue.first, from);
    // "Ban Ki-moon condemned what he called a “brazen breach”": the pronoun is the sentence's subject.
    if (subject?.type === 'pronoun' && tokens[cue.first - 2]?.lower === 'what') {
      const named = sentenceSubject(tokens, cue.first - 2);
      if (named && named.type === 'name') return named;
    }
    return subject;
  }
  // After a comma or a quotation the speaker may come after the verb ("…, said Col. Ryan Dillon")
  // or stand in apposition before it ("A spokesman, Maj. Gen. Igor Konashenkov, said").
  const before = prev?.text === ',' ? subjectBefore(tokens, cue.first, from) : null;
  if (before && before.type === 'name' && before.kind === 'person') return before;
  const after = subjectAfter(tokens, cue.last);
  if (after && (!before || (after.type === 'name' && after.kind === 'person') || after.type === 'pronoun')) return after;
  return before ?? after;
}

/** Attributes one marked quotation and decides its kind. */
function attributeMarked(
  text: string, m: MarkedSpan, sent: TextSpan, ctx: SentenceContext, state: ParagraphState,
  previous: ParagraphState, para: TextSpan, headline: boolean, marks: MarkedSpan[], speakers: SpeakerIndex,
): Quotation | null {
  let span = trimSpan(text, { start: m.start, end: m.end });
  const label = transcriptLabel(text, span);
  if (label) {
    // "WALLACE: Let's start …": the speaker's name opens the quoted turn.
    const speaker = speakers.resolve(label);
    if (speaker) speakers.noteSpeaker(speaker);
    // "D : …": spaces may stand between the name and its colon.
    const colon = text.indexOf(':', label.end);
    span = trimSpan(text, { start: colon + 1, end: span.end });
    if (span.end <= span.start) return null;
    const a: Attribution = { mention: label, speaker, cueStart: colon, cueEnd: colon + 1, cueText: ':' };
    state.last = a;
    state.lastKind = 'direct';
    return toQuotation(text, 'direct', span, a, 'explicit');
  }
  if (span.end <= span.start) return null;
  const inner = text.slice(span.start, span.end);
  const wordCount = countWords(inner, MAX_LABEL_WORDS + 1);
  if (m.depth > 0) {
    return wordCount <= MAX_LABEL_WORDS ? scare(text, span) : null;
  }
  const qi = quoteTokenIndex(ctx, m);
  const found = qi >= 0 ? pickAttribution(ctx, qi, inner) ?? dashAttribution(ctx, qi, speakers) : null;
  const short = wordCount <= MAX_LABEL_WORDS && !/[.!?]["”]?$/.test(inner);
  // "Trump called the winner “Miss Piggy”", "PolitiFact rated 32% of claims as “false”": a verb that
  // names or characterises gives the quoted words to its subject, whatever their shape.
  const characterized = wordCount <= MAX_LABEL_WORDS && qi >= 0 && !isLabel(text, m) ? characterizedBy(ctx.tokens, qi, speakers, found) : null;
  // "called her “Miss Piggy” and “Miss Housekeeping”": joined to a partial quotation, the same speaker's words.
  const joined = characterized ?? (short && qi >= 2 ? joinedToPartial(ctx.tokens, qi, state.lastPartial) : null);
  if (joined) {
    state.last = joined;
    state.lastKind = 'partial';
    state.lastPartial = { close: m.close, attribution: joined };
    return toQuotation(text, 'partial', span, joined, 'explicit');
  }
  // "refused to say the words “radical Islam”", "used the term “pivot”" mention words; "she added the
  // words, ''Hillary Clinton.''" says them.
  const named = namedWords(text, m, ctx.tokens, qi, wordCount);
  if (named === 'mentioned') return scare(text, span);
  // "“Your Honor,” I said, “I would like …”": the opening of a quotation its attribution interrupts is
  // said, however short or capitalised.
  // Not a title that ends a phrase ("the anthem ''A Change Is Gonna Come,'' she added …"): the quote
  // opens the sentence or follows a comma or colon.
  const opensSentence = m.open <= runEnd(text, sent, OPENING_CHAR);
  if (found && qi >= 0 && (opensSentence || /^[,:]$/.test(ctx.tokens[qi - 1]?.text ?? '')) && opensInterruptedQuote(ctx.tokens, qi, inner, found)) {
    const kind: QuoteKind = opensSentence ? 'direct' : 'partial';
    state.last = found;
    state.lastKind = kind;
    return toQuotation(text, kind, span, found, headline ? 'headline' : 'explicit');
  }
  // Titles of shows, books and programmes ("Face the Nation", “Contract with America”) quote no one.
  if (!headline && named !== 'spoken' && isTitleOrLabel(text, m, inner, wordCount, sent, ctx, qi)) return scare(text, span);
  const headlineSpeaker = !found && headline && qi >= 0 && headlineSubject(ctx.tokens, qi, speakers, text) !== null;
  if (short && isLabel(text, m)) return scare(text, span);
  if (short && !headlineSpeaker && isScare(text, m, inner, ctx, qi, found, state.last !== null)) return scare(text, span);

  const startsSentence = m.open <= runEnd(text, sent, OPENING_CHAR);
  const afterCueColon = found !== null && found.cueEnd <= m.open && /[:,]/.test(text[lastNonSpace(text, sent.start, m.open)] ?? '');
  let kind: QuoteKind = startsSentence || afterCueColon ? 'direct' : 'partial';
  // "The “intruders” had taken over …" runs on as prose; "“We're America,” the president added." does not.
  const attributedAfter = found !== null && found.cueStart >= m.close && found.cueStart - m.close < 60;
  if (kind === 'direct' && short && qi >= 0 && !attributedAfter && continuesAsProse(ctx.tokens, qi)) kind = 'partial';

  let attribution: Attribution | null = found ?? (headline && qi >= 0 ? headlineSubject(ctx.tokens, qi, speakers, text) : null) ??
    (qi >= 0 ? nameColonLabel(ctx.tokens, qi, speakers) : null);
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
    } else if (previous.last) {
      // A quotation with no attribution in its paragraph most often continues the last speaker.
      attribution = previous.last;
      how = 'implicit';
    }
  }
  state.last = attribution ?? state.last;
  state.lastKind = kind;
  if (kind === 'partial' && attribution) state.lastPartial = { close: m.close, attribution };
  return toQuotation(text, kind, span, attribution, attribution ? how : 'implicit');
}

/**
 * A quotation introduced as words ("the words …", "the phrase …", "the term …"): 'spoken' when a speech verb
 * introduces them with a comma or colon ("added the words, …"), 'mentioned' when they are a term of a few
 * words, else null (not so introduced, or a text reproduced: "a sign bearing the words …").
 */
function namedWords(text: string, m: MarkedSpan, tokens: Token[], qi: number, wordCount: number): 'spoken' | 'mentioned' | null {
  const before = text.slice(Math.max(0, m.open - 24), m.open);
  const intro = /\b(?:the|that|those)\s+(?:words?|phrase|term|expression)(\s*[,:])?\s*$/i.exec(before);
  if (!intro) return null;
  // tokens: … verb the words , “…”
  let k = qi - 1;
  while (k >= 0 && !/^(?:the|that|those)$/.test(tokens[k].lower)) k--;
  const verb = k > 0 ? tokens[k - 1] : undefined;
  // "a T-shirt emblazoned with the words ''I can't breathe''", "a sign bearing the words …" reproduce a text.
  if (verb && /^(with|bearing|reading|reads|read|displaying)$/.test(verb.lower)) return null;
  if (verb && !verb.quote && intro[1] && speechLemma(verb.lower) !== null) return 'spoken';
  // A term is a few words; "used the words, “I’m not quite there yet,”" quotes a sentence.
  return wordCount <= MAX_LABEL_WORDS ? 'mentioned' : null;
}

/** The attribution of the partial quotation that the quote at `qi` is coordinated with ("“A” and “B”", "“A”, “B” or “C”"). */
function joinedToPartial(tokens: Token[], qi: number, last: ParagraphState['lastPartial']): Attribution | null {
  if (!last) return null;
  const gap = tokens[qi - 1];
  const prev = gap.text === ',' || /^(and|or)$/.test(gap.lower) ? tokens[qi - 2] : null;
  const prevQuote = prev?.quote ?? (gap.text !== ',' && tokens[qi - 2]?.text === ',' ? tokens[qi - 3]?.quote : undefined);
  return prevQuote && prevQuote.close === last.close ? last.attribution : null;
}

/**
 * Chooses the cue that attributes the quote at token `qi`: one right after it ("…," he said) when the
 * quote ends with a comma, else the nearest one before it, else any other in the sentence.
 */
function pickAttribution(ctx: SentenceContext, qi: number, inner: string): Attribution | null {
  const { tokens, cues, attributions } = ctx;
  // A speech noun ("his remarks") attributes a quotation only when no verb in the sentence does.
  const usable = (c: number) => attributions[c] !== null && cues[c].form !== 'noun';
  let after = -1;
  for (let c = 0; c < cues.length; c++) {
    if (cues[c].first <= qi || cues[c].form === 'noun') continue;
    const gap = tokens.slice(qi + 1, cues[c].first);
    if (gap.length <= 10 && !gap.some((t) => t.quote) && usable(c)) after = c;
    break;
  }
  let before = -1;
  for (let c = cues.length - 1; c >= 0; c--) {
    if (cues[c].last < qi && usable(c)) { before = c; break; }
  }
  const endsOpen = /[,?!\u2014\u2013-]$/.test(inner) || tokens[qi + 1]?.text === ',';
  const order = endsOpen ? [after, before] : [before, after];
  for (const c of order) if (c >= 0) return attributions[c];
  for (let c = 0; c < cues.length; c++) if (usable(c)) return attributions[c];
  for (let c = 0; c < cues.length; c++) if (attributions[c]) return attributions[c];
  return null;
}

/**
 * Labels, titles and word-mentions in quote marks ("foreign agents", the film "13th", "Zapad" is the
 * word for "west") quote no one. A short quote with a speech cue is a partial quotation; without
 * one it is a scare quote unless the paragraph already has a speaker it can continue.
 */
function isScare(text: string, m: MarkedSpan, inner: string, ctx: SentenceContext, qi: number, found: Attribution | null, paragraphHasSpeaker: boolean): boolean {
  const before = text.slice(Math.max(0, m.open - 40), m.open).toLowerCase();
  const after = text.slice(m.close, m.close + 40).toLowerCase();
  if (/\b(word|term|name)\s+for\s+$/.test(before) || /^\s*(is|was|means|meaning|refers to)\s+(the|a)?\s*(\w+\s+)?(word|term|name)\b/.test(after)) return true;
  if (found) return false;
  if (isTitleCase(inner)) return true;
  // "that they are “foreign agents”": a multi-word label after a copula; a lone adjective ("was “justified”") is a quote.
  if (/\b(are|is|be|been|being|were|was)\s*$/.test(before) && /\s/.test(inner)) return true;
  if (/\b(declared|register(ed)? as(\s+an?)?)\s*$/.test(before)) return true;
  return false;
}

/**
 * "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud’", "Obama on Climate Change: The Trends Are
 * ‘Terrifying’": a headline's quote belongs to the name that opens the headline.
 */
function headlineSubject(tokens: Token[], qi: number, speakers: SpeakerIndex, text: string): Attribution | null {
  // "A lesson from Loretta Lynch: ‘Be the voice …’": the name right before the colon.
  if (tokens[qi - 1]?.text === ':' && qi >= 2) {
    let first = qi - 2;
    while (first > 0 && /^\p{Lu}/u.test(tokens[first - 1].text) && qi - 2 - first < 3) first--;
    const named = classify(tokens, first, qi - 2);
    if (named && named.type === 'name') {
      const speaker = speakers.resolve(named);
      return { mention: named, speaker, cueStart: tokens[qi - 1].start, cueEnd: tokens[qi - 1].end, cueText: ':' };
    }
  }
  let last = -1;
  for (let k = 0; k < Math.min(qi, 5); k++) {
    if (!/^\p{Lu}/u.test(tokens[k].text) || tokens[k].quote) break;
    if (k > 0 && speechLemma(tokens[k].lower)) break;
    last = k;
    const next = tokens[k + 1];
    if (!next || next.text === ':' || /^(on|says|say|to|in|at|of)$/.test(next.lower)) break;
  }
  if (last < 0) return null;
  // Title case capitalises the verb too: keep at most a two-word name ("Black Lawmakers", "Obama").
  const end = Math.min(last, 1);
  const mention = classify(tokens, 0, end);
  if (!mention || mention.type !== 'name') return null;
  const speaker = speakers.resolve(mention);
  void text;
  return { mention, speaker, cueStart: tokens[end].end, cueEnd: tokens[end].end, cueText: '' };
}

const DETERMINER = /^(the|a|an|his|her|its|their|our|my|your|this|that|these|those|past|recent|earlier|such)$/;

/** Verbs whose subject chooses the quoted words that follow: it names, rates or characterises something with them. */
const CHARACTERIZING = /^(calls?|called|calling|rated?|rates|labell?ed|labels|dubbed|dubs|hail(ed|s)?|described?|describes|dismiss(ed|es)?|admires?|admired|referenced|references|reported|cited?|cites|proclaim(ed|s)?|specified|specifies|compared?|compares|deem(ed|s)?|terms|concluded|says|said)$/;

/**
 * The subject of a characterising verb a few words before the quote at `qi`, in the same clause:
 * "Obama and Clinton call them “lone wolves”". Not when a preposition or a possessive stands right before
 * the quote ("said on CNN's “State of the Union”", "in “13th”"): then the quote names a show or a work.
 */
function characterizedBy(tokens: Token[], qi: number, speakers: SpeakerIndex, found: Attribution | null): Attribution | null {
  const prev = tokens[qi - 1];
  if (!prev || prev.quote || /['’]s$/.test(prev.lower) || /^(on|of|in|at|from|during|to|for|with|by|into|about)$/.test(prev.lower)) return null;
  // "He said, “I never said that.”": after a comma or colon the quotation is said, not a name for something.
  if (prev.text === ',' || prev.text === ':') return null;
  for (let k = qi - 1; k >= Math.max(0, qi - 12); k--) {
    const t = tokens[k];
    if (t.quote || /^[;:.!?\u2014]$/.test(t.text)) return null;
    if (!CHARACTERIZING.test(t.lower)) continue;
    const before = tokens[k - 1];
    // "cited Trump's past references to Machado as …", "taking calls from …": a noun, not the verb; look further back.
    if (before && (/['’]s$/.test(before.lower) || DETERMINER.test(before.lower))) continue;
    if (/s$/.test(t.lower) && !(before && (/^\p{Lu}/u.test(before.text) || /^(he|she|it|they|and|also|who|which|that|often|still|openly|now)$/.test(before.lower) || /ly$/.test(before.lower)))) continue;
    // "has been called a charlatan … for promoting “quack” cures": in the passive the subject did not choose the words.
    if (before && /^(been|be|being|is|was|were|are)$/.test(before.lower)) return null;
    // The sentence's own attribution knows the speaker better ("condemned what he called a “brazen breach”").
    if (found) return found;
    // "the Chicago Police Department which reported …": the relative pronoun stands for the name before it.
    const relative = k > 1 && /^(which|who|that)$/.test(tokens[k - 1].lower);
    const mention = (relative ? subjectBefore(tokens, k - 1) : subjectBefore(tokens, k)) ?? sentenceSubject(tokens, k);
    if (!mention) return null;
    const speaker = speakers.resolve(mention);
    return { mention, speaker, cueStart: t.start, cueEnd: t.end, cueText: t.text };
  }
  return null;
}

/** "so-called “X”", "classify U.S. media ‘foreign agents’", "known as the ''Buffett rule''": a name for something. */
function isLabel(text: string, m: MarkedSpan): boolean {
  const before = text.slice(Math.max(0, m.open - 60), m.open).toLowerCase();
  if (/\b(so-called|dubbed|titled|entitled|nicknamed|known as( the| an?)?|termed|labell?ed|branded)\s*$/.test(before)) return true;
  return /\b(classify|classified|classifying|brand|branding|designate|designated|designating)\s+(\S+\s+){0,4}(as\s+)?$/.test(before);
}

/** Words in `s`, counting no further than `limit` (only "short or not" matters to the callers). */
function countWords(s: string, limit: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n < limit; i++) {
    const space = s.charCodeAt(i) <= 32 || s.charCodeAt(i) === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * Titles of shows, books and programmes (“Face the Nation”, ''Make Your Kid a Millionaire,''), stage
 * directions ("(CROSSTALK.)") and a lone capitalised word inside a sentence (the documentary “13th”, Marcia
 * "Cia" Price) name things; they quote no one.
 */
function isTitleOrLabel(text: string, m: MarkedSpan, inner: string, wordCount: number, sent: TextSpan, ctx: SentenceContext, qi: number): boolean {
  if (/^\(.*\)[.,]?$/.test(inner)) return true;
  // A title has no sentence inside it: "We're America." and "U-S-A! U-S-A!" are said, not titles.
  const body = inner.replace(/[.,!?]+$/, '');
  if (wordCount >= 2 && wordCount <= 7 && isTitleCase(inner) && !/[.!?]/.test(body) && !/['’](re|s|ll|ve|m|d|t)\b/i.test(body)) return true;
  if (wordCount === 1 && /^[\p{Lu}\d]/u.test(inner) && m.open > runEnd(text, sent, OPENING_MARK_OR_SPACE)) {
    // Unless a speech verb introduces it ("he said “Yes”").
    const before = ctx.tokens.slice(Math.max(0, qi - 3), Math.max(0, qi));
    return !before.some((t) => !t.quote && speechLemma(t.lower) !== null);
  }
  return false;
}

/**
 * The quote at `qi` ends open (a comma inside or right after its marks), its attribution follows, and
 * a comma and another quotation come right after that: "“In Fisher,” Dean Amar said, “even though …”".
 */
function opensInterruptedQuote(tokens: Token[], qi: number, inner: string, found: Attribution): boolean {
  const q = tokens[qi].quote!;
  let k = qi + 1;
  if (!/,$/.test(inner)) {
    if (tokens[k]?.text !== ',') return false;
    k++;
  }
  if (found.cueStart < q.close) return false;
  for (let j = k; j < Math.min(tokens.length, k + 10); j++) {
    const t = tokens[j];
    if (t.quote) return tokens[j - 1].text === ',' && tokens[j - 1].start >= found.cueEnd && j - 1 > k;
    if (/^[;:.!?]$/.test(t.text)) return false;
  }
  return false;
}

function isTitleCase(inner: string): boolean {
  const words = inner.split(/\s+/).filter(Boolean);
  return words.length > 0 && /^[\p{Lu}\d]/u.test(words[0]) &&
    words.every((w) => /^[\p{Lu}\d(‘'“"]/u.test(w) || /^(of|the|and|a|an|in|on|for|to|at|with|is|are|be|by|or|as|from)$/.test(w));
}


/** "Sanders: Clinton needs to ‘get away from …’": a name and a colon open the line that quotes them. */
function nameColonLabel(tokens: Token[], qi: number, speakers: SpeakerIndex): Attribution | null {
  let colon = -1;
  for (let k = 0; k < Math.min(qi, 4); k++) if (tokens[k].text === ':') { colon = k; break; }
  if (colon < 1) return null;
  for (let k = 0; k < colon; k++) if (!/^\p{Lu}/u.test(tokens[k].text)) return null;
  const mention = classify(tokens, 0, colon - 1);
  if (!mention || mention.type !== 'name') return null;
  const speaker = speakers.resolve(mention);
  return { mention, speaker, cueStart: tokens[colon].start, cueEnd: tokens[colon].end, cueText: ':' };
}

/** `“…” ― Pamela Padilla`: a name after a dash that follows the quotation. */
function dashAttribution(ctx: SentenceContext, qi: number, speakers: SpeakerIndex): Attribution | null {
  const { tokens } = ctx;
  const dash = tokens[qi + 1];
  if (!dash || !/^[\u2014\u2013\u2015-]$/.test(dash.text)) return null;
  let last = qi + 1;
  for (let k = qi + 2; k < Math.min(tokens.length, qi + 8) && /^[\p{Lu}]/u.test(tokens[k].text); k++) last = k;
  if (last === qi + 1) return null;
  const mention = classify(tokens, qi + 2, last);
  if (!mention) return null;
  const speaker = speakers.resolve(mention);
  if (speaker) speakers.noteSpeaker(speaker);
  return { mention, speaker, cueStart: dash.start, cueEnd: dash.end, cueText: dash.text };
}

/** "WALLACE: …" / "Mr. PENCE: …" at the start of a quoted turn in a transcript. */
function transcriptLabel(text: string, span: TextSpan): Mention | null {
  const m = /^((?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?\p{Lu}[\p{Lu}'’.\- ]{1,30}):\s+\S/u.exec(text.slice(span.start, Math.min(span.end, span.start + 40)));
  if (!m) return null;
  const raw = m[1].trim();
  const name = raw.split(/\s+/).map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ');
  return { start: span.start, end: span.start + raw.length, type: 'name', kind: 'person', name, head: name.toLowerCase(), indefinite: false };
}

/** "The “intruders” had taken over …": a short quote that the reporter's sentence runs on from. */
function continuesAsProse(tokens: Token[], qi: number): boolean {
  const next = tokens[qi + 1];
  return next !== undefined && !next.quote && /^\p{Ll}/u.test(next.text) && next.text !== 'he' && next.text !== 'she';
}

function isFirstInParagraph(m: MarkedSpan, para: TextSpan, marks: MarkedSpan[], text: string): boolean {
  // Only the paragraph's first mark can be first; checking the text before it is enough.
  return marks[0] === m && /^[\s\u2026.]*$/.test(text.slice(para.start, m.open));
}

function scare(text: string, span: TextSpan): Quotation {
  return toQuotation(text, 'scare', span, null, 'none');
}

interface ReportedHit { quote: Quotation; speaker: Speaker | null; attribution: Attribution }

/** Reported speech and, in a file whose quote marks were stripped, unmarked quotations. */
function reportedSpeech(
  text: string, sent: TextSpan, ctx: SentenceContext, marks: MarkedSpan[], headline: boolean, stripped: boolean,
  speakers: SpeakerIndex,
): ReportedHit[] {
  const hits: ReportedHit[] = [];
  for (let c = 0; c < ctx.cues.length; c++) {
    if (!ctx.cues[c].strong) continue;
    const attribution = ctx.attributions[c] ?? inheritedAttribution(ctx, c, speakers);
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
function inheritedAttribution(ctx: SentenceContext, c: number, speakers: SpeakerIndex): Attribution | null {
  if (!ctx.cues[c].participle) return null;
  for (let k = c - 1; k >= 0; k--) {
    const a = ctx.attributions[k];
    if (a) {
      const t = ctx.tokens;
      return { ...a, cueStart: t[ctx.cues[c].first].start, cueEnd: t[ctx.cues[c].last].end, cueText: ctx.text.slice(t[ctx.cues[c].first].start, t[ctx.cues[c].last].end) };
    }
  }
  // "Russia on Thursday issued a stern warning …, saying …": the sentence's subject speaks.
  const subject = sentenceSubject(ctx.tokens, ctx.cues[c].first);
  if (!subject) return null;
  const cue = ctx.cues[c];
  const speaker = speakers.resolve(subject);
  return { mention: subject, speaker, cueStart: ctx.tokens[cue.first].start, cueEnd: ctx.tokens[cue.last].end, cueText: ctx.text.slice(ctx.tokens[cue.first].start, ctx.tokens[cue.last].end) };
}

function indexOfComma(tokens: Token[], limit: number): number {
  for (let k = 0; k < limit; k++) if (tokens[k].text === ',') return k;
  return -1;
}

/** The noun phrase that opens a sentence, when it names someone ("Russia on Thursday issued …"). */
function sentenceSubject(tokens: Token[], before: number): Mention | null {
  // Skip an opening phrase set off by a comma ("At the forum, Trump …", "In an August speech, …").
  let from = 0;
  if (tokens[0] && NOT_NAMES.has(tokens[0].lower)) {
    const comma = indexOfComma(tokens, Math.min(before, 10));
    if (comma > 0) from = comma + 1;
  }
  let last = -1;
  for (let k = from; k < Math.min(before, from + 8); k++) {
    const t = tokens[k];
    if (t.quote || !/^[\p{Lu}]/u.test(t.text) && !/^(the|a|an)$/.test(t.lower)) break;
    last = k;
  }
  if (last < from) return null;
  const m = classify(tokens, from, last);
  return m && m.type !== 'nominal' ? m : null;
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
function isHeadline(text: string, para: TextSpan, first: boolean): boolean {
  // Twenty words never take more than a few hundred characters: skip long paragraphs unread.
  if (para.end - para.start > 240) return false;
  // Counted in one pass: this runs for every short paragraph of every file.
  let words = 0;
  let capitalised = 0;
  let inWord = false;
  for (let i = para.start; i < para.end; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (!space && !inWord) {
      words++;
      if (CAPITALISED_START.test(text[i])) capitalised++;
    }
    inWord = !space;
  }
  // (As `split(/\s+/)` counts: leading or trailing space makes an empty word.)
  if (para.end > para.start && isSpaceCode(text.charCodeAt(para.start))) words++;
  if (para.end > para.start && isSpaceCode(text.charCodeAt(para.end - 1))) words++;
  if (words < 3 || words > 20) return false;
  const lastChar = text[para.end - 1] ?? '';
  // A file's first line is its title when it reads like one (most words capitalised, or no closing stop).
  if (first && lastChar !== ':' && text.indexOf('\n', para.end) >= 0) {
    if (capitalised / words >= 0.5 || !/[.!?"”’]/.test(lastChar)) return true;
  }
  if (!/[.!?:;,"”’)]/.test(lastChar)) return true;
  // Title Case with a closing period, as some feeds print the title: most words capitalised.
  return capitalised / words >= 0.75 && !/[“"]/.test(text[para.start] ?? '');
}

const CAPITALISED_START = /[\p{Lu}\d‘'“"]/u;

/** What `\s` matches, as the `split(/\s+/)` this replaced counted (`isSpace` also takes zero-width spaces). */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
