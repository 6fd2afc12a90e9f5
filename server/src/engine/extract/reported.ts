import type { TextSpan } from '../types';
import { speechLemma, type Cue } from './cues';
import type { Token } from './tokens';

export interface ReportedContent {
  span: TextSpan;
  /** The attribution follows the content ("…, Konashenkov said."). */
  inverted: boolean;
}

const TIME_AFTER_CUE = /^(on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|earlier|later|late|previously|recently|again|also)$/;
const TIME_PHRASE = /^(last|this|next)$/;
const TIME_NOUN = /^(week|month|year|weekend|night|morning|evening|afternoon|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
/** Verbs whose object comes before the reported clause: "warned the United States (that) …". */
const TAKES_OBJECT = /^(warn|assure|remind|inform|advise|promise|notify|caution|urge)$/;
const NOT_A_CLAUSE = /^(to|against|for|of|about|with|by|from|in|on|at|into|over|up|out|off|down|under|via|through|across|behind|amid|among|despite|nothing|anything|something|comment|morning|night|evening|afternoon|after|before|when|while|as|during|since|until|much|so|goodbye|hello|yes|thanks|sorry)$/;
const CLAUSAL_VERBS = new Set(['say', 'claim', 'argue', 'insist', 'contend', 'assert', 'tell', 'add', 'write', 'tweet', 'explain', 'maintain', 'predict', 'reiterate', 'warn', 'stress', 'emphasize', 'emphasise', 'note', 'point']);
const CLAUSE_BREAK = /^(something|adding|saying|calling|describing|referring|while|although|though|but|as|according|whereas|citing|noting|warning)$/;
const FINITE = /^(is|was|were|are|am|will|would|can|could|may|might|must|should|shall|has|have|had|did|does|do|won't|can't|isn't|wasn't|aren't|weren't|doesn't|didn't|hasn't|haven't|wouldn't|couldn't|shouldn't|remains|remain|needs|need|wants|want|plans|seeks|faces|lacks|knows|knew|thinks|believes|means|makes|made|takes|took|got|gets|gave|gives|came|comes|went|goes|saw|sees|left|kept|became|began|told|said|says)$/;

const ON_TIME = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|the|that|this|election|christmas|thanksgiving|friday's|sunday's)$/;

/** Reported content is cut at this many tokens (see clauseFrom). */
const MAX_CONTENT_TOKENS = 150;

/**
 * The reported clause of one cue in a sentence, without the complementiser "that": the words after
 * "X said (that) …", or the clause before an inverted "…, X said". Null when the cue takes no clause
 * ("warned against", "declined to comment", a bare noun phrase).
 */
export function reportedContent(text: string, sent: TextSpan, tokens: readonly Token[], cues: readonly Cue[], c: number): ReportedContent | null {
  const cue = cues[c];
  if (cue.form === 'according') {
    if (cue.first === 0) {
      const comma = tokens.findIndex((t, k) => k > cue.last && t.text === ',');
      if (comma < 0) return null;
      // "According to the results, Clinton increases her lead …": what follows the source is the main clause.
      return clauseFrom(text, sent, tokens, comma + 1, true);
    }
    if (tokens[cue.first - 1]?.text === ',') return clauseBefore(text, sent, tokens, cue.first - 1);
    return null;
  }
  // "“…,” said Douglas Holtz-Eakin, an economist": the quotation is what was said, already reported.
  if (tokens[cue.first - 1]?.quote) return null;
  if (tokens[cue.first - 2]?.quote && !/^[,;]$/.test(tokens[cue.first - 1]?.text ?? '')) {
    const q = cue.first - 2;
    if (q === 0 || tokens[q - 1]?.text === ',' || tokens[q - 1]?.text === ':') return null;
  }
  // "what Trump says his plan would do": a free relative names a statement, it does not report one.
  if (/^(what|whatever|everything|anything)$/.test(tokens[cue.first - 2]?.lower ?? '') || /^(what|whatever)$/.test(tokens[cue.first - 1]?.lower ?? '')) return null;
  // Inverted: "<content>, <subject> said …" or "<content>, said <subject>".
  const comma = lastCommaBefore(tokens, cue.first);
  // "…, something Moscow denied" / "…, a claim Moscow denied": an anaphoric denial reports nothing new.
  const anaphoric = /^(something|which|what|as)$/.test(tokens[comma + 1]?.lower ?? '') ||
    (/^(a|an)$/.test(tokens[comma + 1]?.lower ?? '') && /^(claim|charge|accusation|allegation|report|suggestion|notion|view)$/.test(tokens[comma + 2]?.lower ?? ''));
  // "When Clinton noted that …, Trump boasted": a subordinate clause is not what the main verb reports.
  const subordinate = /^(when|if|as|after|before|while|because|although|though|since|once|unless|until)$/.test(tokens[0]?.lower ?? '');
  if (!cue.participle && !anaphoric && !subordinate && comma >= 2 && isSubjectOnly(tokens, comma + 1, cue.first) &&
    isInvertedTail(tokens, cue.last + 1, comma + 1 < cue.first)) {
    const before = clauseBefore(text, sent, tokens, comma);
    if (before) {
      // "During his years in office, Mr. Obama said, a majority …": the attribution interrupts the clause.
      const k = skipTime(tokens, cue.last + 1);
      // "On ABC’s “Good Morning America” Tuesday, he said, “I never …”": the quotation after the
      // attribution is what was said; the words before it set the scene or open it.
      if (tokens[k]?.text === ',' && tokens[k + 1]?.quote) return null;
      if (tokens[k]?.text === ',' && tokens.length - k > 4 && !/ing$/.test(tokens[k + 1]?.lower ?? '') && /^\p{Ll}/u.test(tokens[k + 1]?.text ?? '')) {
        const after = clauseFrom(text, sent, tokens, k + 1, true);
        return { span: trimContent(text, { start: before.span.start, end: after ? after.span.end : sent.end }), inverted: true };
      }
      return before;
    }
  }
  if (cue.form === 'quoted') return null;
  if (cue.form === 'noun' && tokens[cue.last + 1]?.lower !== 'that') return null;
  let k = skipTime(tokens, cue.last + 1);
  if (TAKES_OBJECT.test(cue.lemma)) {
    let j = k;
    while (j < tokens.length && !tokens[j].quote && (/^\p{Lu}/u.test(tokens[j].text) || /^(the|a|an|its|his|her|their|all|both)$/.test(tokens[j].lower))) j++;
    if (j > k) {
      k = skipTime(tokens, j);
      if (tokens[k]?.lower === 'of') k++;
    }
  }
  if (tokens[k]?.text === ',' || tokens[k]?.text === ':') k++;
  const afterThat = tokens[k]?.lower === 'that';
  if (afterThat) k++;
  else {
    // "told reporters via video conference from Baghdad that …": the clause starts after "that".
    for (let j = k; j < Math.min(tokens.length, k + 9); j++) {
      if (tokens[j].quote || FINITE.test(tokens[j].lower) || /^[,;:]$/.test(tokens[j].text)) break;
      if (tokens[j].lower === 'that') { k = j + 1; break; }
    }
  }
  const first = tokens[k];
  if (!first) return null;
  // After "that" a clause follows whatever its first word ("noted that at one of his meetings, …").
  if (!afterThat && !first.quote && NOT_A_CLAUSE.test(first.lower) && cue.lemma !== 'accuse') {
    // "said after the convention he would …", "said about 20 people have …": a phrase, then the clause.
    const subject = indexInWindow(tokens, k + 1, k + 6, (t) => /^(he|she|they|it|we|i|that)$/.test(t.lower));
    if (first.lower === 'about' && /^\d/.test(tokens[k + 1]?.text ?? '')) { /* "about 20 people" is the clause's subject */ }
    else if (first.lower === 'at' && /^(least|most)$/.test(tokens[k + 1]?.lower ?? '')) { /* "reported at least six planes …" */ }
    else if (subject > k && /^(after|before|during|at|in|on|since|until)$/.test(first.lower)) k = tokens[subject].lower === 'that' ? subject + 1 : subject;
    else return null;
  }
  return clauseFrom(text, sent, tokens, k, cue.lemma === 'accuse', cue.lemma);
}

function skipTime(tokens: readonly Token[], k: number): number {
  for (;;) {
    const t = tokens[k];
    if (!t || t.quote) return k;
    if (t.lower === 'on' && !ON_TIME.test(tokens[k + 1]?.lower ?? '') && !/^\d/.test(tokens[k + 1]?.text ?? '')) return k;
    if (TIME_AFTER_CUE.test(t.lower)) k++;
    else if (TIME_PHRASE.test(t.lower) && TIME_NOUN.test(tokens[k + 1]?.lower ?? '')) k += 2;
    else if (/^(morning|night|evening|afternoon)$/.test(t.lower) && k > 0 && TIME_NOUN.test(tokens[k - 1].lower)) k++;
    else return k;
  }
}

function lastCommaBefore(tokens: readonly Token[], i: number): number {
  for (let k = i - 1; k >= 0 && i - k <= 14; k--) if (tokens[k].text === ',') return k;
  return -1;
}

/** Between the comma and the cue there is at most a speaker phrase (no verb, no quote). */
function isSubjectOnly(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.quote || /^[;:]$/.test(t.text) || FINITE.test(t.lower) || /^(that|and|but|which|because|if)$/.test(t.lower)) return false;
  }
  return true;
}

/**
 * After an inverted cue only time phrases and an apposition may follow ("…, Dillon said on Thursday,
 * adding …"); with no subject before the cue, the speaker must follow it ("…, said Col. Ryan Dillon").
 */
function isInvertedTail(tokens: readonly Token[], from: number, subjectBefore: boolean): boolean {
  const k = skipTime(tokens, from);
  const t = tokens[k];
  if (subjectBefore) return !t || t.text === ',' || t.text === ';' || t.text === '\u2014';
  if (!t || t.quote || !(/^\p{Lu}/u.test(t.text) || /^(the|a|an|one|another|two|several|some|many)$/.test(t.lower))) return false;
  // The speaker phrase ends the sentence or opens an apposition: "said Col. Ryan Dillon, a spokesman".
  for (let j = k; j < Math.min(tokens.length, k + 8); j++) {
    if (tokens[j].text === ',' || tokens[j].quote) return true;
    if (FINITE.test(tokens[j].lower) || /\p{Ll}{2,}ed$/u.test(tokens[j].text)) return false;
  }
  return tokens.length - k <= 8;
}

function clauseBefore(text: string, sent: TextSpan, tokens: readonly Token[], comma: number): ReportedContent | null {
  if (comma > MAX_CONTENT_TOKENS) {
    const span = trimContent(text, { start: tokens[comma - MAX_CONTENT_TOKENS].start, end: tokens[comma].start });
    return { span, inverted: true };
  }
  let start = sent.start;
  // Skip an opening dateline ("MOSCOW (Reuters) - ") that belongs to the page, not the speaker.
  const dateline = /^[\p{Lu}\/ .,]{3,}\([^)]*\)\s*[-\u2013\u2014]\s*/u.exec(text.slice(sent.start, tokens[comma].start));
  if (dateline) start += dateline[0].length;
  const span = trimContent(text, { start, end: tokens[comma].start });
  // The inverted form is evidence enough that the words before it were said.
  return text.slice(span.start, span.end).split(/\s+/).length >= 3 ? { span, inverted: true } : null;
}

function clauseFrom(text: string, sent: TextSpan, tokens: readonly Token[], k: number, lenient: boolean, lemma = ''): ReportedContent | null {
  if (k >= tokens.length) return null;
  let end = sent.end;
  // A reported clause longer than this is a run-on without sentence ends (a wire dump, a fuzzed line):
  // cut it, so the work per cue stays bounded however long the sentence is.
  const last = Math.min(tokens.length, k + MAX_CONTENT_TOKENS);
  if (last < tokens.length) end = tokens[last - 1].end;
  for (let j = k + 1; j < last; j++) {
    const nextLower = tokens[j + 1]?.lower ?? '';
    // ", suggesting …", ", which …", ", although …" start another clause; ", prosecuting cases," does not.
    // "…, a recommendation Lynch adopted", "…, a Republican trying to fill …": an apposition to the last
    // noun is the reporter's, not the speaker's.
    if (tokens[j].text === ',' && /^(a|an)$/.test(nextLower) && j > k + 2) { end = tokens[j].start; break; }
    // "…charged Van Dyke with murder, and Emanuel released the video": a new subject, a new clause.
    if (tokens[j].text === ',' && nextLower === 'and' && startsNewSubject(tokens, j + 2)) { end = tokens[j].start; break; }
    if (tokens[j].text === ',' && (CLAUSE_BREAK.test(nextLower) || (nextLower.endsWith('ing') && speechLemma(nextLower)) ||
      (/^(a|an)$/.test(nextLower) && /^(claim|charge|accusation|allegation|denial|view|position)$/.test(tokens[j + 2]?.lower ?? '')))) {
      end = tokens[j].start;
      break;
    }
    // "…, Trump boasted.": the rest of the sentence is another speaker's attribution.
    if (tokens[j].text === ',' && j + 1 < tokens.length) {
      const c = indexInWindow(tokens, j + 1, j + 6, isFiniteSpeechVerb);
      if (c > j + 1 && isSubjectOnly(tokens, j + 1, c) && c >= tokens.length - 4) { end = tokens[j].start; break; }
    }
    // "… a Senate run but noted that …", "… and Democrats accused …": a second report.
    const second = /^(and|but)$/.test(tokens[j].lower)
      ? indexInWindow(tokens, j + 1, j + 5, isFiniteSpeechVerb) : -1;
    if (second > j && isSubjectOnly(tokens, j + 1, second)) {
      end = tokens[j].start;
      break;
    }
    if (tokens[j].text === ';') { end = tokens[j].start; break; }
  }
  const span = trimContent(text, { start: tokens[k].start, end });
  // After "say", "claim" and the like, what follows is nearly always a clause; other verbs
  // ("denied the charges", "announced a plan") often take a noun phrase, so ask for a verb.
  const clausal = lenient || CLAUSAL_VERBS.has(lemma) ? /\s\S+\s/.test(text.slice(span.start, span.end)) : isClause(text, span);
  return clausal && span.end - span.start > 8 ? { span, inverted: false } : null;
}

/** The first index in [from, to] whose token passes: a bounded scan, since sentences can be megabytes long. */
function indexInWindow(tokens: readonly Token[], from: number, to: number, test: (t: Token) => boolean): number {
  for (let x = from; x <= to && x < tokens.length; x++) if (test(tokens[x])) return x;
  return -1;
}

/** A subject (a name or a determiner's noun phrase) at `k`, with a verb within a few words. */
function startsNewSubject(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || t.quote) return false;
  if (!/^(the|a|an|any|some|his|her|their|its|many|most|other|others)$/.test(t.lower) && !/^\p{Lu}/u.test(t.text)) return false;
  return indexInWindow(tokens, k + 1, k + 8, (w) => !w.quote && (FINITE.test(w.lower) || /\p{Ll}{2,}ed$/u.test(w.text))) > 0;
}

function isFiniteSpeechVerb(t: Token): boolean {
  return !t.quote && speechLemma(t.lower) !== null && !t.lower.endsWith('ing');
}

function isClause(text: string, span: TextSpan): boolean {
  const words = text.slice(span.start, span.end).split(/\s+/);
  if (words.length < 3) return false;
  return words.some((w, i) => (i > 0 || /^(may|might|will|would|could|can|should|must)$/i.test(w)) && (FINITE.test(w.toLowerCase().replace(/[^\p{L}'’]/gu, '')) || /\p{Ll}{2,}ed$/u.test(w)));
}

function trimContent(text: string, s: TextSpan): TextSpan {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /[\s.,;:]/.test(text[end - 1])) end--;
  return { start, end };
}
