import { IRREGULAR_FORMS, SPEECH_VERBS_STRONG, SPEECH_VERBS_WEAK } from './lexicon';
import type { Token } from './tokens';

export type CueForm = 'verb' | 'according' | 'quoted';

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
  'vow', 'reply', 'urge', 'continue', 'maintain', 'describe', 'conclude', 'agree', 'reveal', 'indicate', 'observe', 'ask',
  'disclose', 'suggest', 'recall', 'remark', 'stress', 'confirm', 'announce', 'complain', 'testify']);

const lemmaCache = new Map<string, string | null>();

/** The speech verb a word is a form of, or null. */
export function speechLemma(lower: string): string | null {
  const hit = lemmaCache.get(lower);
  if (hit !== undefined) return hit;
  const lemma = computeLemma(lower);
  if (lemmaCache.size < 50_000) lemmaCache.set(lower, lemma);
  return lemma;
}

function computeLemma(w: string): string | null {
  const irregular = IRREGULAR_FORMS[w];
  if (irregular) return irregular;
  const known = (c: string) => SPEECH_VERBS_STRONG.has(c) || SPEECH_VERBS_WEAK.has(c);
  if (known(w)) return NOUN_LIKE.has(w) ? null : w;
  const candidates: string[] = [];
  if (w.endsWith('ies')) candidates.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ied')) candidates.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) candidates.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) candidates.push(w.slice(0, -1));
  if (w.endsWith('ed')) candidates.push(w.slice(0, -2), w.slice(0, -1), w.slice(0, -3));
  if (w.endsWith('ing')) candidates.push(w.slice(0, -3), w.slice(0, -3) + 'e', w.slice(0, -4));
  for (const c of candidates) {
    if (!known(c)) continue;
    // "claims", "reports", "notes" are nouns as often as verbs: only their -ed / -ing forms count.
    if (NOUN_LIKE.has(c) && !w.endsWith('ed') && !w.endsWith('ing') && !w.endsWith('ied')) return null;
    return c;
  }
  return null;
}

const AUX = new Set(['has', 'have', 'had', 'also', 'later', 'further', 'previously', 'repeatedly', 'again', 'would', 'will',
  'did', 'does', 'do', 'earlier', 'then', 'separately', 'once', 'often', 'publicly', 'privately', 'flatly', 'has\'',
  'reportedly', 'subsequently', 'still', 'just', 'already', 'never']);
const MANNER = /^(in|on|during|at|via)$/;
const MANNER_NOUN = /^(statement|interview|briefing|speech|post|tweet|email|e-mail|letter|release|conference|call|address|broadcast|message|blog|op-ed|column|video|facebook|twitter)$/;

/** Finds every speech cue among the tokens of one sentence. */
export function findCues(tokens: readonly Token[]): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quote) continue;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      // "According to our information, …" is the speaker's own sourcing, not an attribution.
      if (/^(our|my|their|his|her|its|this|that|these|those)$/.test(tokens[i + 2]?.lower ?? '')) { i++; continue; }
      cues.push({ form: 'according', lemma: 'according to', strong: true, verbIndex: i, first: i, last: i + 1, participle: false });
      i++;
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
    const lemma = speechLemma(t.lower);
    if (!lemma) continue;
    // "the said agreement", "as reported by": not a speech act with a speaker before it.
    const prev = tokens[i - 1]?.lower;
    if (prev === 'the' || prev === 'a' || prev === 'an') continue;
    // Passive ("was told in no uncertain terms"): the speaker is not the subject before it.
    if (/^(was|were|is|are|be|been|being|am|get|got)$/.test(prev ?? '') && /(ed|told|said|written)$/.test(t.lower)) continue;
    const strong = SPEECH_VERBS_STRONG.has(lemma);
    let first = i;
    while (first > 0 && AUX.has(tokens[first - 1].lower)) first--;
    let last = i;
    if (lemma === 'tell') last = extendObject(tokens, i);
    else last = extendManner(tokens, i);
    const participle = t.lower.endsWith('ing') && (tokens[i - 1]?.text === ',' || i === 0 || tokens[i - 1]?.text === '—');
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
