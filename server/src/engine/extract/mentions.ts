import type { MentionType } from '../types';
import {
  COUNTRY_ADJECTIVES, METONYMS, NAME_PARTICLES, NOT_NAMES, NOMINAL_HEADS, NP_BARRIERS, ORG_HEADS, OTHER_PRONOUNS,
  PERSON_PRONOUNS, PLURAL_PRONOUNS, RANKS, ROLE_WORDS, US_STATE_ABBREVIATIONS,
} from './lexicon';
import { classifyWord } from './names';
import { isCapitalized, type Token } from './tokens';

export type EntityKind = 'person' | 'org' | 'country' | 'group' | 'unknown';

/** The words that attribute a statement, before they are resolved to a canonical speaker. */
export interface Mention {
  start: number;
  end: number;
  type: MentionType;
  kind: EntityKind;
  /** For names: the person's name without ranks ("Igor Konashenkov"); for orgs: the cleaned name. */
  name: string;
  /** Lower-cased pronoun, or the head noun of a description ("ministry", "official"). */
  head: string;
  /** Indefinite description ("a U.S. official"): a new anonymous speaker, not an earlier one. */
  indefinite: boolean;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'some', 'two', 'three', 'several', 'many', 'its',
  'his', 'her', 'their', 'our', 'my', 'your', 'other', 'both', 'senior', 'top']);
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some', 'two', 'three', 'several', 'many', 'other']);
const LINKING = new Set(['of', 'for', 'on', 'and', '&']);
const SKIP_BEFORE_CUE = /^(now|also|later|further|previously|repeatedly|again|has|have|had|would|will|earlier|then|separately|once|often|publicly|privately|flatly|reportedly|subsequently|still|already|never|just|recently|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|on|last|this|week|month|year|night|morning|evening|afternoon|in|a|an|the|statement|interview|late|early|,)$/;

/** The speaker phrase that ends right before token `cueFirst` ("Maj Gen Igor Konashenkov said"). */
export function subjectBefore(tokens: readonly Token[], cueFirst: number, lo = 0): Mention | null {
  let i = cueFirst - 1;
  // Step back over time phrases and adverbs between subject and verb ("Tillerson on Thursday said").
  let skipped = 0;
  while (i >= lo && skipped < 6 && SKIP_BEFORE_CUE.test(tokens[i].lower) && tokens[i].text !== ',') { i--; skipped++; }
  // "“…,” the statement said": the words passed over as "in a statement" were the whole subject.
  if (skipped > 0 && (i < lo || tokens[i].quote)) return wholeDescription(tokens, i + 1, cueFirst - 1);
  if (i < lo) return null;
  if (tokens[i].text === ',') {
    // Appositions between subject and verb: "Volodin, the speaker of the State Duma, said",
    // "Andrey Kortunov, head of …, a think-tank close to …, told Reuters". The person named at the
    // end of a segment wins; else the phrase that opens the first segment.
    let comma = i;
    let farthest: Mention | null = null;
    let place = false;
    for (let seg = 0; seg < 5 && comma >= lo; seg++) {
      const np = collectBackward(tokens, comma - 1, lo);
      // "Cory James, 22, of Flint, Mich., said": a state's abbreviation, and the town before it, are no person.
      const town = place;
      place = np !== null && np.first === np.last && US_STATE_ABBREVIATIONS.has(tokens[np.first].lower);
      const m = np && !place && !town ? classify(tokens, np.first, np.last) : null;
      if (m && m.type === 'name' && m.kind === 'person') return m;
      if (m) farthest = m;
      let k = (np ? np.first : comma) - 1;
      while (k >= lo && tokens[k].text !== ',' && !tokens[k].quote && comma - k < 30) k--;
      if (k < lo || tokens[k].text !== ',') {
        // The first segment: its opening phrase is the subject when it starts the clause, unless it is
        // a participle's ("Appearing on CBS' Face the Nation, the GOP front-runner said").
        if (k < lo && np && np.first === lo && m && !OPENING_PARTICIPLE.test(tokens[np.first].text)) return m;
        break;
      }
      comma = k;
    }
    return farthest;
  }
  if (tokens[i].lower === 'who' && tokens[i - 1]?.text === ',') {
    const outer = collectBackward(tokens, i - 2, lo);
    return outer ? classify(tokens, outer.first, outer.last) : null;
  }
  const share = quantifiedGroupStart(tokens, i, lo);
  if (share >= 0 && (share === lo || !/^(of|than|to|by|from|with)$/.test(tokens[share - 1].lower))) {
    const span = tokens.slice(share, i + 1);
    return { start: span[0].start, end: span[span.length - 1].end, type: 'nominal', kind: 'group', name: span.map((t) => t.text).join(' '), head: tokens[i].lower, indefinite: true };
  }
  const np = collectBackward(tokens, i, lo);
  const m = np ? classify(tokens, np.first, np.last) : null;
  if (m) return m;
  // "“…,” the billionaire business mogul told Politico": a description that is the clause's whole subject.
  let b = i;
  while (b > lo && i - b < 4 && !tokens[b - 1].quote && tokens[b - 1].text !== ',') b--;
  return b === lo || tokens[b - 1].quote || tokens[b - 1].text === ',' ? wholeDescription(tokens, b, i) : null;
}

/** A clause-opening participle: "Appearing on …, ", "Asked about …, ". */
const OPENING_PARTICIPLE = /^\p{Lu}\p{Ll}+(?:ing|ed)$/u;

/** A description that makes up a whole subject: a determiner, then at most four other words ("the statement"). */
function wholeDescription(tokens: readonly Token[], first: number, last: number): Mention | null {
  if (last <= first || last - first > 4 || !/^(the|a|an)$/.test(tokens[first].lower)) return null;
  // Capitalised modifiers may stand inside it ("the GOP front-runner"); the head is a common noun.
  const head = tokens[last];
  if (!DESCRIPTION_WORD.test(head.text) || /(?:ed|ing|ly)$/.test(head.lower)) return null;
  for (let k = first + 1; k <= last; k++) {
    const w = tokens[k];
    if (NOT_IN_DESCRIPTION.test(w.lower)) return null;
    if (k < last && !DESCRIPTION_WORD.test(w.text) && !/^\p{Lu}[\p{L}.'’-]*$/u.test(w.text)) return null;
  }
  return classify(tokens, first, last);
}

/** A word of a description: lower-case letters, digits and hyphens, with a letter ("46-year-old", "mogul"). */
const DESCRIPTION_WORD = /^(?=[\d-]*\p{Ll})[\p{Ll}\d]+(?:-[\p{Ll}\d]+)*$/u;
/** Verbs and function words: "the government could deny" has no description before the cue. */
const NOT_IN_DESCRIPTION = /^(?:could|would|should|will|can|may|might|must|shall|has|have|had|is|are|was|were|be|been|being|does|did|do|not|also|then|that|which|who|and|or|but|to|of|in|on|at|for|with|by|from|as)$/;
/** Words that end a description after an inverted cue ("…,” said the 46-year-old."). */
const DESCRIPTION_END = /^[.,!?;]$/;

/** The speaker phrase after an inverted cue ("…, said Army Colonel Ryan Dillon, a spokesman"). */
export function subjectAfter(tokens: readonly Token[], cueLast: number, hi = tokens.length): Mention | null {
  let i = cueLast + 1;
  while (i < hi && /^(on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|last|this|week|late|earlier)$/.test(tokens[i].lower)) i++;
  if (i >= hi) return null;
  const t = tokens[i];
  if (t.quote || /^[,;:()]$/.test(t.text)) return null;
  if (PERSON_PRONOUNS.has(t.lower) || PLURAL_PRONOUNS.has(t.lower) || OTHER_PRONOUNS.has(t.lower)) {
    // "…,” said he." is inverted; "said it was opposed" is the reported clause's own subject.
    const next = tokens[i + 1];
    return !next || /^[,;:.]$/.test(next.text) ? classify(tokens, i, i) : null;
  }
  let last = i - 1;
  for (let k = i; k < Math.min(hi, i + 10); k++) {
    const w = tokens[k];
    if (w.quote || /^[,;:()\u2014\u2013]$/.test(w.text)) break;
    const ok = isCapitalized(w) || /^\d[\d/]*$/.test(w.text) || DETERMINERS.has(w.lower) || NAME_PARTICLES.has(w.lower) || ROLE_WORDS.has(w.lower) ||
      NOMINAL_HEADS.has(w.lower) || ORG_HEADS.has(w.lower) ||
      (LINKING.has(w.lower) && k + 1 < hi && isCapitalized(tokens[k + 1]));
    if (!ok) break;
    last = k;
  }
  const found = last >= i ? classify(tokens, i, last) : null;
  if (found || !/^(the|a|an)$/.test(t.lower)) return found;
  // "said the 46-year-old.", "said the billionaire business mogul": a description that ends the clause.
  let end = i + 1;
  while (end < hi && end - i <= 4 && DESCRIPTION_WORD.test(tokens[end].text)) end++;
  return end > i + 1 && (end >= hi || DESCRIPTION_END.test(tokens[end].text)) ? wholeDescription(tokens, i, end - 1) : null;
}

/** The phrase after "according to", up to the next comma. */
export function mentionAfterAccording(tokens: readonly Token[], cueLast: number, hi = tokens.length): Mention | null {
  const i = cueLast + 1;
  let last = i - 1;
  for (let k = i; k < Math.min(hi, i + 12); k++) {
    const w = tokens[k];
    if (w.quote || /^[,;:()\u2014\u2013]$/.test(w.text)) break;
    if (k > i && /^(that|who|which|in|on|at|last|this|from|after|before|during)$/.test(w.lower) && !isCapitalized(tokens[k + 1] ?? w)) break;
    last = k;
  }
  if (last < i) return null;
  // "according to state law", "according to recent polling": whatever the phrase names is the source.
  return classify(tokens, i, last) ?? sourcePhrase(tokens, i, last);
}

/** A document, a law or a poll as a source: a nominal mention of the phrase, when it is a short run of words. */
function sourcePhrase(tokens: readonly Token[], first: number, last: number): Mention | null {
  if (last - first > 7) return null;
  const span = tokens.slice(first, last + 1);
  if (!span.every((t) => /^[\p{L}\d]/u.test(t.text)) || NP_BARRIERS.has(span[span.length - 1].lower)) return null;
  const head = span[span.length - 1].lower;
  return { start: span[0].start, end: span[span.length - 1].end, type: 'nominal', kind: 'unknown', name: cleanOrgName(span), head, indefinite: INDEFINITE.has(span[0].lower) };
}

/** Collects a noun phrase backward from token `i` inclusive. */
function collectBackward(tokens: readonly Token[], i: number, lo: number): { first: number; last: number } | null {
  if (i < lo) return null;
  const last = i;
  let first = i + 1;
  for (let k = i; k >= lo && last - k < 12; k--) {
    const w = tokens[k];
    if (w.quote || /^([,;:(\u2014\u2013]|-{1,2})$/.test(w.text)) break;
    // "MOSCOW (Reuters) - Russia warned": a dateline is not part of the speaker.
    if (w.text === ')' && /^(reuters|ap|afp|bloomberg|tass|interfax|xinhua|upi|dpa)$/.test(tokens[k - 1]?.lower ?? '')) break;
    const lower = w.lower;
    const pronoun = PERSON_PRONOUNS.has(lower) || PLURAL_PRONOUNS.has(lower) || OTHER_PRONOUNS.has(lower);
    if (pronoun) {
      // A pronoun is a whole subject on its own, unless it is a possessive determiner ("his aide").
      if (k === last) { first = k; break; }
      if (/^(his|her|their|its|our)$/.test(lower)) { first = k; break; }
      break;
    }
    if (LINKING.has(lower)) {
      // "Secretary of State", "Observatory for Human Rights", "ministry of defence".
      const left = tokens[k - 1];
      if (left && k - 1 >= lo && (isCapitalized(left) || ORG_HEADS.has(left.lower)) && k < last) { first = k; continue; }
      break;
    }
    // A capitalised "May" or "Will" inside a sentence is a name, not a modal verb.
    if (NP_BARRIERS.has(lower) && !DETERMINERS.has(lower) && !(isCapitalized(w) && k > 0 && tokens[k - 1].text !== ',')) break;
    // "Russia s Defence Ministry": a possessive whose apostrophe was stripped.
    if (lower === 's' && k > lo && isCapitalized(tokens[k - 1])) { first = k; continue; }
    if (w.text === ')' ) {
      // "Rep. Gwen Moore (D-Wis.) said": a parenthesis inside the speaker phrase.
      let j = k - 1;
      while (j >= lo && tokens[j].text !== '(' && k - j < 8) j--;
      if (j >= lo && tokens[j].text === '(') { first = j; k = j; continue; }
      break;
    }
    if (isCapitalized(w) || /^\d[\d,.]*%?$/.test(w.text) || DETERMINERS.has(lower) || NAME_PARTICLES.has(lower) || ROLE_WORDS.has(lower) ||
      NOMINAL_HEADS.has(lower) || ORG_HEADS.has(lower) || /^[\p{Ll}]+-(based|led|backed|born|owned|run)$/u.test(lower) ||
      (/^\p{Ll}+('s)?$/u.test(lower) && lower.length > 2 && !/(ly|ed|ing)$/.test(lower) &&
        (k < last || /^(the|a|an|his|her|their|its|one|another|my|our|your)$/.test(tokens[k - 1]?.lower ?? '') || /^\d/.test(tokens[k - 1]?.text ?? '') ||
          /['’]s$/.test(tokens[k - 1]?.text ?? '') || (k - 1 >= lo && isCapitalized(tokens[k - 1]) && (k - 1 > 0 || isGroupHead(lower))) ||
          modifiedHead(tokens, k, lo) ||
          // "…,” donors said": a plural that people are, alone after the quotation's comma.
          (k === last && /[^s]s$/.test(lower) && (k - 1 < lo || tokens[k - 1].text === ',' || tokens[k - 1].quote !== undefined))))) {
      first = k;
      if (DETERMINERS.has(lower) && !/^(senior|top|other|both)$/.test(lower)) break;
      continue;
    }
    break;
  }
  if (first > last) return null;
  // Trim leading lower-case words that are not determiners, roles or particles ("warned Russia").
  while (first < last && !isCapitalized(tokens[first]) && !DETERMINERS.has(tokens[first].lower) &&
    !ROLE_WORDS.has(tokens[first].lower) && !NOMINAL_HEADS.has(tokens[first].lower) && !ORG_HEADS.has(tokens[first].lower)) first++;
  return { first, last };
}

/** A head that names people on its own ("opponents", "senators", "officials"), so "Abortion opponents said" is a speaker. */
function isGroupHead(lower: string): boolean {
  return NOMINAL_HEADS.has(lower) || ROLE_WORDS.has(lower) || (/[^s]s$/.test(lower) && lower.length > 3);
}

/**
 * "The billionaire businessman said", "some longtime party donors said": a head after a few lower-case
 * modifiers that a determiner (or a name, a number) opens.
 */
function modifiedHead(tokens: readonly Token[], k: number, lo: number): boolean {
  if (!isGroupHead(tokens[k].lower) && !/(man|woman|er|or|ist|ian|ant|ent)$/.test(tokens[k].lower)) return false;
  for (let j = k - 1; j >= lo && k - j <= 3; j--) {
    const w = tokens[j];
    if (DETERMINERS.has(w.lower) || /^\d/.test(w.text) || /['’]s$/.test(w.text)) return j < k - 1;
    if (isCapitalized(w)) return j < k - 1 && j > lo;
    if (!/^\p{Ll}[\p{Ll}-]+$/u.test(w.lower) || w.lower.length < 3 || /ly$/.test(w.lower) || NP_BARRIERS.has(w.lower)) return false;
  }
  return false;
}

/**
 * A share of a surveyed group that ends right at `i`: "47 percent", "Sixty-six percent", "six in 10",
 * "about three in 10", "almost half", "a majority", "two-thirds". Returns the first token, or -1.
 */
function quantifiedGroupStart(tokens: readonly Token[], i: number, lo: number): number {
  const w = tokens[i];
  if (!w) return -1;
  let first = -1;
  const isNumber = (t: Token | undefined): boolean => t !== undefined && (/^\d[\d,.]*%?$/.test(t.text) || NUMBER_WORD.test(t.lower));
  if ((w.lower === 'percent' || w.lower === 'pct') && isNumber(tokens[i - 1])) first = i - 1;
  else if (/^\d[\d,.]*%$/.test(w.text)) first = i;
  else if (/^\d+$/.test(w.text) && tokens[i - 1]?.lower === 'in' && isNumber(tokens[i - 2])) first = i - 2;
  else if (/^(half|majority|two-thirds|third|quarter|three-quarters|plurality)$/.test(w.lower)) {
    if (/^(a|the)$/.test(tokens[i - 1]?.lower ?? '')) first = i - 1;
    else if (w.lower === 'half' || /-/.test(w.lower)) first = i;
  }
  if (first < lo) return -1;
  // "about", "nearly", "more than", "only": the hedge belongs to the figure.
  while (first - 1 >= lo && /^(about|nearly|almost|roughly|around|some|only|just|over|than|more|less|fewer|under|barely)$/.test(tokens[first - 1].lower)) first--;
  return first;
}

const NUMBER_WORD = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\p{Ll}+)?$/u;

/** Decides what kind of speaker a token range names, and its cleaned name. */
export function classify(tokens: readonly Token[], first: number, last: number): Mention | null {
  if (tokens[last]?.text === ')' && last > first) {
    // "Rep. Gwen Moore (D-Wis.)": the party and state tag is part of the mention, not of the name.
    let open = last - 1;
    while (open > first && tokens[open].text !== '(') open--;
    if (open > first) {
      const inner = classify(tokens, first, open - 1);
      return inner ? { ...inner, end: tokens[last].end } : null;
    }
  }
  // "After Clinton said …", "Meanwhile, …", "In 2010 …": sentence openers are not part of a name.
  while (first <= last && (NOT_NAMES.has(tokens[first].lower) && !(DETERMINERS.has(tokens[first].lower) && first < last)) ) first++;
  while (first <= last && /^\d+$/.test(tokens[first].text) && first === last) first++;
  const span = tokens.slice(first, last + 1);
  if (span.length === 0) return null;
  const lastTok = span[span.length - 1];
  const start = span[0].start;
  const end = lastTok.end;
  if (span.length === 1 && (PERSON_PRONOUNS.has(lastTok.lower) || PLURAL_PRONOUNS.has(lastTok.lower) || OTHER_PRONOUNS.has(lastTok.lower))) {
    const kind: EntityKind = PERSON_PRONOUNS.has(lastTok.lower) ? 'person' : lastTok.lower === 'it' ? 'org' : 'group';
    return { start, end, type: 'pronoun', kind, name: lastTok.text, head: lastTok.lower, indefinite: false };
  }
  const head = lastTok.lower.replace(/'s$/, '');
  const indefinite = INDEFINITE.has(span[0].lower);
  if (!isCapitalized(lastTok)) {
    // Descriptions: "the ministry", "a U.S. military spokesman", "The Russian Defence Ministry".
    const hasProper = span.some((t, k) => isCapitalized(t) && !(k === 0 && DETERMINERS.has(t.lower)));
    const orgLike = ORG_HEADS.has(head);
    const described = DETERMINERS.has(span[0].lower) || /^\d/.test(span[0].text) || /['’]s$/.test(span[0].text) || (span.length > 1 && /['’]s$/.test(span[span.length - 2].text));
    if (!NOMINAL_HEADS.has(head) && !orgLike && !ROLE_WORDS.has(head) && !/s$/.test(head) && !described) return null;
    const type: MentionType = hasProper && orgLike && !indefinite ? 'name' : 'nominal';
    return { start, end, type, kind: orgLike ? 'org' : head.endsWith('s') ? 'group' : 'person', name: cleanOrgName(span), head, indefinite };
  }
  // Capitalised head: a person's name, an organisation, or a country.
  const nameRun = personNameRun(span);
  if (nameRun) {
    const mentionStart = nameRun.rankFirst < span.length ? span[nameRun.rankFirst].start : start;
    const name = span.slice(nameRun.first).map((t) => t.text.replace(/[’']s$/, '')).join(' ');
    return { start: mentionStart, end, type: 'name', kind: 'person', name, head: lastTok.lower, indefinite: false };
  }
  const metonym = METONYMS[lastTok.lower.replace(/'s$/, '')];
  if (span.length <= 2 && metonym) {
    return { start: lastTok.start, end, type: 'name', kind: 'country', name: metonym, head: lastTok.lower, indefinite: false };
  }
  const cls = classifyWord(lastTok.text);
  const kind: EntityKind = cls === 'place' && span.length <= 2 ? 'country' : 'org';
  const name = cleanOrgName(span);
  if (!name) return null;
  const firstProper = span.findIndex((t) => !DETERMINERS.has(t.lower));
  return { start: kind === 'country' ? span[Math.max(0, firstProper)].start : start, end, type: 'name', kind, name, head, indefinite };
}

/**
 * Finds the person's name at the end of a phrase: the run of capitalised words after the last
 * role word, with the ranks right before it. Returns null when the phrase names no person.
 */
function personNameRun(span: readonly Token[]): { first: number; rankFirst: number } | null {
  let k = span.length - 1;
  const lastLower = span[k].lower.replace(/'s$/, '');
  if (ORG_HEADS.has(lastLower) || ROLE_WORDS.has(lastLower) || RANKS.has(lastLower)) return null;
  if (/^[\p{Lu}\d.\-&]+$/u.test(span[k].text) && span[k].text.length <= 6) return null; // NATO, SDF, RT
  let first = k;
  while (k >= 0) {
    const t = span[k];
    const lower = t.lower.replace(/'s$/, '');
    const isName = (isCapitalized(t) && !DETERMINERS.has(lower) && !ROLE_WORDS.has(lower) && !RANKS.has(lower) && !ORG_HEADS.has(lower) &&
      !/'s$/.test(t.lower) && !COUNTRY_ADJECTIVES[lower] && !isNationality(lower)) || (NAME_PARTICLES.has(lower) && k < span.length - 1 && k > 0);
    if (!isName) break;
    first = k;
    k--;
  }
  while (first < span.length - 1 && NAME_PARTICLES.has(span[first].lower)) first++;
  // "Observatory for Human Rights", "Department of Justice": the words after a linking word name an organisation.
  if (first > 0 && LINKING.has(span[first - 1].lower)) return null;
  let rankFirst = first;
  while (rankFirst - 1 >= 0 && RANKS.has(span[rankFirst - 1].lower)) rankFirst--;
  // "Secretary General", "Attorney General": a title, not the military rank.
  if (rankFirst < first && span[rankFirst].lower === 'general' && /^(secretary|attorney|solicitor|surgeon|inspector|consul|governor|director|postmaster|secretary-general)$/.test(span[rankFirst - 1]?.lower ?? '')) rankFirst++;
  const run = span.slice(first);
  if (run.length === 0) return null;
  const hasRank = rankFirst < first;
  const firstWord = classifyWord(run[0].text);
  if (run.length >= 2 && (firstWord === 'first-name' || hasRank || run.every((t) => classifyWord(t.text) !== 'place' && classifyWord(t.text) !== 'org'))) {
    return { first, rankFirst };
  }
  const single = classifyWord(run[0].text);
  if (run.length === 1 && (hasRank || (single !== 'place' && single !== 'org' && !METONYMS[run[0].lower] && !/^\p{Lu}+$/u.test(run[0].text)))) {
    return { first, rankFirst };
  }
  return null;
}

function isNationality(lower: string): boolean {
  return /(ian|ish|ese|ean|ic|i)$/.test(lower) && lower.length > 4 && Object.values(COUNTRY_ADJECTIVES).some((a) => a.toLowerCase() === lower) ||
    /^(american|russian|syrian|iranian|spanish|british|french|german|chinese|kurdish|arab|israeli|ukrainian|turkish|iraqi|european|western|soviet|catalan|belarussian|afghan|korean|north|south)$/.test(lower);
}

/**
 * Normalises an organisation's name so its spellings meet: determiners dropped, "Russia's" → "Russian",
 * "ministry of defence" → "Defence Ministry", Defense → Defence, lower-case words capitalised.
 */
export function cleanOrgName(span: readonly Token[]): string {
  let words: string[] = [];
  for (const t of span) {
    if (t.lower === 's' && words.length > 0) words[words.length - 1] += "'s";
    else words.push(t.text);
  }
  while (words.length > 1 && DETERMINERS.has(words[0].toLowerCase())) words = words.slice(1);
  words = words.map((w) => {
    const poss = /^(.+)['’]s$/.exec(w);
    if (poss) {
      const adj = COUNTRY_ADJECTIVES[poss[1].toLowerCase()];
      return adj ?? w;
    }
    return w;
  });
  const ofIdx = words.findIndex((w) => w.toLowerCase() === 'of');
  if (ofIdx > 0 && ofIdx === words.length - 2 && /^(ministry|department)$/i.test(words[ofIdx - 1])) {
    words = [...words.slice(0, ofIdx - 1), words[ofIdx + 1], words[ofIdx - 1]];
  }
  return words
    .map((w) => {
      const lower = w.toLowerCase();
      if (lower === 'defense') return 'Defence';
      if (lower === 'organization') return 'Organisation';
      if (LINKING.has(lower)) return lower;
      return /^\p{Ll}/u.test(w) ? w[0].toUpperCase() + w.slice(1) : w;
    })
    .join(' ');
}
