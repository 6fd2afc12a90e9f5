import { IRREGULAR_FORMS, SPEECH_VERBS_STRONG, SPEECH_VERBS_WEAK } from './lexicon';
import type { Token } from './tokens';

export type CueForm = 'verb' | 'according' | 'quoted' | 'noun';

/** A speech cue found among a sentence's tokens. */
export interface Cue {
  form: CueForm;
  lemma: string;
  /** Strong cues introduce reported speech on their own; weak ones only attribute quotations. */
  strong: boolean;
  /** Index of the verb token (for `according to`, the token "according"). */
  verbIndex: number;
  /** Token range of the whole cue phrase ("has also said", "told reporters", "said in a statement"). */
  first: number;
  last: number;
  /** `quoted him as saying`: the token range of the object, who is the speaker. */
  objectFirst?: number;
  objectLast?: number;
  /** The verb is a participle opening a subordinate clause (", saying …", "describing it as"). */
  participle: boolean;
}

/** Verbs that are mostly nouns in their base form ("a claim", "the report", "a note"). */
const NOUN_LIKE = new Set(['claim', 'report', 'note', 'state', 'post', 'charge', 'answer', 'promise', 'estimate',
  'counter', 'tweet', 'repeat', 'point', 'call', 'label', 'brand', 'term', 'post', 'joke', 'demand', 'concur', 'muse',
  'vow', 'reply', 'urge', 'continue', 'maintain', 'describe', 'conclude', 'agree', 'reveal', 'indicate', 'observe',
  'disclose', 'suggest', 'recall', 'remark', 'stress', 'confirm', 'announce', 'complain', 'testify', 'comment', 'attack', 'read']);

/** Every inflected form of every speech verb, mapped to its lemma; built once. */
const FORMS: Map<string, string> = buildForms();

/** The speech verb a word is a form of, or null. */
export function speechLemma(lower: string): string | null {
  return FORMS.get(lower) ?? null;
}

/** Matches a sentence that may hold a cue, so that sentences without one are not tokenised. */
export const CUE_WORD_RE = new RegExp(`\\b(?:${[...FORMS.keys(), ...[...NOUN_LIKE].map((v) => (/(s|sh|ch|x|z)$/.test(v) ? `${v}es` : `${v}s`)), 'according', 'quoted', 'quotes', 'quoting']
  .sort((a, b) => b.length - a.length).join('|')})\\b`, 'i');

function buildForms(): Map<string, string> {
  const forms = new Map<string, string>();
  const add = (form: string, lemma: string) => { if (!forms.has(form)) forms.set(form, lemma); };
  for (const [form, lemma] of Object.entries(IRREGULAR_FORMS)) add(form, lemma);
  for (const lemma of [...SPEECH_VERBS_STRONG, ...SPEECH_VERBS_WEAK]) {
    // Noun-like verbs ("claim", "report") count only in their -ed and -ing forms.
    const nounLike = NOUN_LIKE.has(lemma);
    const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
    const doubled = /[^aeiou][aeiou][bdgmnprt]$/.test(lemma) && lemma.length <= 5 ? lemma + lemma.slice(-1) : lemma;
    if (!nounLike) {
      add(lemma, lemma);
      add(/(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`, lemma);
    }
    if (/[^aeiou]y$/.test(lemma)) add(`${lemma.slice(0, -1)}ied`, lemma);
    else add(lemma.endsWith('e') ? `${lemma}d` : `${doubled}ed`, lemma);
    add(`${stem === lemma ? doubled : stem}ing`, lemma);
    add(`${lemma}ed`, lemma);
    add(`${lemma}ing`, lemma);
  }
  return forms;
}

const SPEECH_NOUNS = new Set(['claim', 'claims', 'statement', 'statements', 'remark', 'remarks', 'comment', 'comments',
  'assertion', 'warning', 'promise', 'pledge', 'accusation', 'allegation', 'words', 'message', 'tweet', 'tweets',
  'speech', 'description', 'argument', 'insistence', 'answer', 'response', 'testimony', 'prediction']);

function introducesWords(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return !next || next.quote !== undefined || /^(that|:|,|about|of)$/.test(next.lower);
}

function isPossessive(t: Token): boolean {
  return !t.quote && (/^(his|her|their|its|my|our)$/.test(t.lower) || /^\p{Lu}.*['’]s$/u.test(t.text));
}

const AUX = new Set(['has', 'have', 'had', 'also', 'later', 'further', 'previously', 'repeatedly', 'again', 'would', 'will',
  'did', 'does', 'do', 'earlier', 'then', 'separately', 'once', 'often', 'publicly', 'privately', 'flatly', 'has\'',
  'reportedly', 'subsequently', 'still', 'just', 'already', 'never', 'now', 'often', 'is', 'are', 'was', 'were',
  "isn't", "wasn't", "aren't", "weren't", 'been', 'not', "hasn't", "haven't", "didn't", "doesn't", 'has', 'had']);
const MANNER = /^(in|on|during|at|via)$/;
const MANNER_NOUN = /^(statement|interview|briefing|speech|post|tweet|email|e-mail|letter|release|conference|call|address|broadcast|message|blog|op-ed|column|video|facebook|twitter)$/;

/** Every word that can be (or start) a cue in findCues: its forms, speech nouns, and the special openers. */
const CUE_CANDIDATES: ReadonlySet<string> = new Set([
  ...FORMS.keys(), ...SPEECH_NOUNS, ...NOUN_LIKE, ...[...NOUN_LIKE].flatMap((b) => [`${b}s`, `${b}es`]),
  'according', 'put', 'quoted', 'quotes', 'quoting',
]);

/** Finds every speech cue among the tokens of one sentence. */
export function findCues(tokens: readonly Token[]): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quote) continue;
    // Most words are none of the forms below: one look-up sends them on.
    if (!CUE_CANDIDATES.has(t.lower)) continue;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      // "According to our information, …" is the speaker's own sourcing, not an attribution.
      if (/^(our|my|their|his|her|its|this|that|these|those)$/.test(tokens[i + 2]?.lower ?? '')) { i++; continue; }
      cues.push({ form: 'according', lemma: 'according to', strong: true, verbIndex: i, first: i, last: i + 1, participle: false });
      i++;
      continue;
    }
    if (t.lower === 'put' && tokens[i + 1]?.lower === 'it' && (tokens[i + 2]?.text === ',' || tokens[i + 2]?.text === ':' || tokens[i + 2]?.quote)) {
      // "as Steven Rosenthal recently put it, “…”"
      cues.push({ form: 'verb', lemma: 'say', strong: false, verbIndex: i, first: i, last: i + 1, participle: false });
      i++;
      continue;
    }
    // Only when the words follow the noun ("his remarks, “…”", "Trump’s claim that …"): in "Trump’s
    // statement was “true”" the statement is the topic, and someone else judges it.
    if (SPEECH_NOUNS.has(t.lower) && i > 0 && isPossessive(tokens[i - 1]) && introducesWords(tokens, i)) {
      // "Trump’s claim that …", "his remarks": the possessor is the speaker.
      let first = i - 1;
      while (first > 0 && /^\p{Lu}/u.test(tokens[first - 1].text) && !tokens[first - 1].quote && i - first < 5) first--;
      cues.push({ form: 'noun', lemma: t.lower.replace(/s$/, ''), strong: tokens[i + 1]?.lower === 'that', verbIndex: i, first: i, last: i,
        objectFirst: first, objectLast: i - 1, participle: false });
      continue;
    }
    if (t.lower === 'quoted' || t.lower === 'quotes' || t.lower === 'quoting') {
      // "Interfax news agency quoted him as saying"
      for (let k = i + 1; k < Math.min(tokens.length, i + 10); k++) {
        if (tokens[k].lower === 'as' && /^(saying|telling|writing)$/.test(tokens[k + 1]?.lower ?? '')) {
          cues.push({ form: 'quoted', lemma: 'say', strong: true, verbIndex: i, first: i, last: k + 1, objectFirst: i + 1,
            objectLast: k - 1, participle: false });
          i = k + 1;
          break;
        }
        if (tokens[k].quote || /[,;:]/.test(tokens[k].text)) break;
      }
      continue;
    }
    let lemma = speechLemma(t.lower);
    // "He notes that …", "Trump charges that …": a noun-like verb in its -s form, before "that".
    // "“…,” he notes.", "He jokes, “…”": after a subject pronoun, or before a quotation, the -s form is a verb.
    const before = tokens[i - 1];
    const quoteNext = tokens[i + 1]?.quote !== undefined || (tokens[i + 1]?.text === ',' && tokens[i + 2]?.quote !== undefined);
    if (!lemma && t.lower.endsWith('s') && (tokens[i + 1]?.lower === 'that' || tokens[i + 1]?.text === ':' ||
      (before !== undefined && !before.quote && /^(he|she|it)$/.test(before.lower)) || (quoteNext && before !== undefined && /^\p{Lu}/u.test(before.text) && !before.quote))) {
      const base = t.lower.replace(/e?s$/, '');
      lemma = NOUN_LIKE.has(base) ? base : NOUN_LIKE.has(t.lower.slice(0, -1)) ? t.lower.slice(0, -1) : null;
    }
    // "they claim", "we note": the base form after a plural or first-person subject pronoun.
    if (!lemma && NOUN_LIKE.has(t.lower) && before !== undefined && !before.quote && /^(they|we|i|you)$/.test(before.lower)) lemma = t.lower;
    if (!lemma) continue;
    if (lemma === 'point' && tokens[i + 1]?.lower !== 'out') continue;
    // "the said agreement", "as reported by": not a speech act with a speaker before it.
    const prev = tokens[i - 1]?.lower;
    if (prev === 'the' || prev === 'a' || prev === 'an') continue;
    // "It goes without saying that", "Having said that", "It is worth noting that": the writer's own voice.
    if (prev === 'without' || prev === 'having' || prev === 'worth' || prev === 'needless') continue;
    // "stopped writing his speech", "kept saying": an -ing complement of an aspect verb is an activity, not a report.
    if (t.lower.endsWith('ing') && /^(stopped|stop|stops|started|start|starts|began|begin|begins|kept|keep|keeps|quit|finished|avoid|avoided|resumed|spent)$/.test(prev ?? '')) continue;
    // "The Russian warning underscored …": an -ing word after a determiner is a noun.
    if (t.lower.endsWith('ing') && (/^(the|a|an|this|that|its|his|her|their|our|such|any|no)$/.test(prev ?? '') ||
      (/^(the|a|an|this|that|its|his|her|their|our)$/.test(tokens[i - 2]?.lower ?? '') && /^\p{Lu}/u.test(tokens[i - 1]?.text ?? '')))) continue;
    // Passive ("was told in no uncertain terms"): the speaker is not the subject before it.
    if (/^(was|were|is|are|be|been|being|am|get|got)$/.test(prev ?? '') && /(ed|told|said|written)$/.test(t.lower)) continue;
    // "called for", "asked for": they can attribute a quotation but report no statement.
    const strong = SPEECH_VERBS_STRONG.has(lemma) && !(/^(for|on|off|up)$/.test(tokens[i + 1]?.lower ?? '') && lemma !== 'say');
    let first = i;
    while (first > 0 && AUX.has(tokens[first - 1].lower)) first--;
    let last = i;
    if (lemma === 'tell') last = extendObject(tokens, i);
    else last = extendManner(tokens, i);
    // ", saying …" opens a clause of the sentence's subject; "is saying" is a verb with its own subject.
    const participle = t.lower.endsWith('ing') && (tokens[i - 1]?.text === ',' || i === 0 || tokens[i - 1]?.text === '—' ||
      !/^(is|are|was|were|be|been|isn't|wasn't|aren't|weren't|not|also|still|now)$/.test(tokens[i - 1]?.lower ?? ''));
    cues.push({ form: 'verb', lemma, strong, verbIndex: i, first, last, participle });
  }
  return cues;
}

/** "told reporters", "told a news conference", "told the United Nations General Assembly". */
function extendObject(tokens: readonly Token[], i: number): number {
  let last = i;
  for (let k = i + 1; k < Math.min(tokens.length, i + 7); k++) {
    const t = tokens[k];
    if (t.quote || /^[,;:()\u2014\u2013]$/.test(t.text)) break;
    if (/^(that|on|in|at|from|via|last|this|he|she|they|it|we|i|during|after|before|about|when|while|to|of|by|as|on|if)$/.test(t.lower)) break;
    last = k;
  }
  return last;
}

/** "said in a statement", "said in an interview with …". */
function extendManner(tokens: readonly Token[], i: number): number {
  const a = tokens[i + 1];
  if (!a || !MANNER.test(a.lower)) return i;
  for (let k = i + 2; k < Math.min(tokens.length, i + 6); k++) {
    if (MANNER_NOUN.test(tokens[k].lower)) return k;
    if (tokens[k].quote || /[,;:]/.test(tokens[k].text)) break;
  }
  return i;
}
