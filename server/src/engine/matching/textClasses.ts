import { compareWords, flipMatch, isContentNorm, type TextMatch } from './compare';
import { Postings } from '../postings';
import { surnameKey } from './relation';

/**
 * Distinct normalised quotation texts ("text classes") and the candidate index over them.
 *
 * News repeats itself: one wire quotation appears in many files. Every relation between two texts is
 * worked out once, between their classes, and every quotation of a class shares it. Candidates come
 * from an inverted index of content words (never all pairs): a new text looks up its rare words
 * globally, and all its words among the few texts of the same speaker, which is what finds another
 * translation of one sentence ("would be quickly shut down" / "would be immediately met with retaliation").
 */
export interface TextClass<M = unknown> {
  id: number;
  key: string;
  words: string[];
  /** The words' ids (one per distinct word of the workspace), which alignments compare. */
  ids: number[];
  /** Distinct content-word ids. */
  terms: number[];
  /** The quotations of this text (the matcher's objects), in the order they were added. */
  members: M[];
  /**
   * The members by speaker id ('' for none), each list in the order added. Whether two quotations relate
   * depends on their texts and on how their speakers relate, so it is decided once per speaker here
   * rather than per quotation. Lists rather than Sets: a class has a few members, and the small Sets and
   * Maps of ~8,000 classes were half of the matcher's memory in a 10,000-file workspace.
   */
  bySpeaker: Map<string, M[]>;
  /** Related classes, each with the match oriented from this class. */
  links: Map<TextClass<M>, TextMatch>;
  /** The match of the text with itself, made when first needed (see the matcher). */
  self?: TextMatch;
  /** The id of the last match group headed by a member of this class, with that member's speaker id. */
  groupId?: { speaker: string; id: string };
}

/** A word in more texts than this is too common to find candidates by, except as a last resort. */
const RARE_POSTING = 64;
/** Postings longer than this are never scanned... */
const MAX_POSTING = 5000;
/** ...and a text with fewer than two rare words falls back on words at most this common. */
const FALLBACK_POSTING = 400;
/** Shorter texts matter across speakers only when they have rare words (see relation.ts). */
const FALLBACK_MIN_WORDS = 6;
/** A speaker with more texts than this is searched through the global postings instead of a scan. */
const SPEAKER_SCAN_LIMIT = 400;
const COMPARED_LIMIT = 2_000_000;
/** At most this many candidates are aligned per lookup. */
const MAX_CANDIDATES = 24;

export class TextClassIndex<M> {
  private readonly classes = new Map<number, TextClass<M>>();
  private readonly byKey = new Map<string, number>();
  /** Every word of the texts, numbered (see TextClass.ids and terms). */
  private readonly vocabulary = new Map<string, number>();
  private readonly postings = new Postings<number>();
  private readonly speakerClasses = new Map<string, SpeakerTexts>();
  /** Classes of multi-word speaker ids by their last word, where a surname-only id finds them. */
  private readonly surnameClasses = new Map<string, SpeakerTexts>();
  private nextId = 1;
  private readonly counter = new CandidateCounter();
  /** The content words of the text being looked up (by term id). */
  private readonly mine = new Marks();
  /** The texts of a speaker with many (by class id). */
  private readonly inSet = new Marks();
  /** Pairs of classes already aligned (see linkCandidates). */
  private readonly compared = new Set<number>();
  /** Alignments run so far (for benchmarks). */
  comparisons = 0;

  /** `speakerOf` gives a member's speaker id (null when unknown). */
  constructor(private readonly speakerOf: (m: M) => string | null) {}

  private wordId(w: string): number {
    let id = this.vocabulary.get(w);
    if (id === undefined) this.vocabulary.set(w, (id = this.vocabulary.size));
    return id;
  }

  get(id: number): TextClass<M> {
    const c = this.classes.get(id);
    if (!c) throw new Error(`no text class ${id}`);
    return c;
  }

  get size(): number {
    return this.classes.size;
  }

  /** The class of a word sequence (`key`: the words joined by spaces), created (and linked to its candidates) when it is new. */
  acquire(words: string[], key = words.join(' ')): { cls: TextClass<M>; created: boolean } {
    const existing = this.byKey.get(key);
    if (existing !== undefined) return { cls: this.get(existing), created: false };
    const ids = words.map((w) => this.wordId(w));
    const terms: number[] = [];
    for (let i = 0; i < words.length; i++) {
      if (!terms.includes(ids[i]) && isContentNorm(words[i])) terms.push(ids[i]);
    }
    const cls: TextClass<M> = { id: this.nextId++, key, words, ids, terms: terms.slice(), members: [], bySpeaker: new Map(), links: new Map() };
    this.linkCandidates(cls, this.globalCandidates(cls));
    this.classes.set(cls.id, cls);
    this.byKey.set(key, cls.id);
    this.postings.add(cls.id, terms);
    return { cls, created: true };
  }

  /**
   * Adds a quotation to its class, under its speaker id; when the class is new to that speaker, looks
   * for the speaker's rewordings of it.
   */
  addMember(cls: TextClass<M>, m: M): void {
    const speaker = this.speakerOf(m);
    const isNew = speaker !== null && !this.hasSpeaker(cls, speaker);
    cls.members.push(m);
    const list = cls.bySpeaker.get(speaker ?? '');
    if (list) list.push(m);
    else cls.bySpeaker.set(speaker ?? '', [m]);
    if (!isNew) return;
    this.linkCandidates(cls, this.speakerCandidates(cls, speaker));
    addTo(this.speakerClasses, speaker, cls);
    // Under the surname once, however many full names of the class end with it.
    const surname = surnameKey(speaker);
    if (surname !== null && !this.hasSurname(cls, surname, speaker)) addTo(this.surnameClasses, surname, cls);
  }

  /**
   * Removes quotations of one class; the class goes when it has no members left. In one pass over the
   * class's lists, because a file dropped with thousands of copies of one text would make a removal per
   * copy quadratic.
   */
  removeMembers(cls: TextClass<M>, gone: readonly M[]): void {
    if (gone.length === 0) return;
    const set = new Set(gone);
    const speakers = new Set<string>();
    for (const m of gone) speakers.add(this.speakerOf(m) ?? '');
    removeAll(cls.members, set);
    for (const key of speakers) {
      const list = cls.bySpeaker.get(key);
      if (!list) continue;
      removeAll(list, set);
      if (list.length === 0) cls.bySpeaker.delete(key);
    }
    for (const m of gone) {
      const speaker = this.speakerOf(m);
      if (speaker === null || !speakers.delete(speaker) || this.hasSpeaker(cls, speaker)) continue;
      removeFrom(this.speakerClasses, speaker, cls.id);
      const surname = surnameKey(speaker);
      if (surname !== null && !this.hasSurname(cls, surname, speaker)) removeFrom(this.surnameClasses, surname, cls.id);
    }
    this.release(cls);
  }

  /** Whether the class has a speaker other than `except` under this surname. */
  private hasSurname(cls: TextClass<M>, surname: string, except: string): boolean {
    for (const k of cls.bySpeaker.keys()) if (k !== except && surnameKey(k) === surname) return true;
    return false;
  }

  /** Whether a member of the class is credited to this speaker id. */
  private hasSpeaker(cls: TextClass<M>, speaker: string): boolean {
    const list = cls.bySpeaker.get(speaker);
    // The '' list also holds the members without a speaker, so there each member is checked.
    return list !== undefined && (speaker !== '' || list.some((x) => this.speakerOf(x) === ''));
  }

  /** Drops a class that has no members left, with its postings and links. */
  private release(cls: TextClass<M>): void {
    if (cls.members.length > 0 || !this.classes.has(cls.id)) return;
    this.classes.delete(cls.id);
    this.byKey.delete(cls.key);
    this.postings.remove(cls.id, cls.terms);
    for (const other of cls.links.keys()) other.links.delete(cls);
    cls.links.clear();
  }

  private linkCandidates(cls: TextClass<M>, candidates: number[]): void {
    for (const id of candidates) {
      const other = this.classes.get(id);
      if (id === cls.id || !other || cls.links.has(other)) continue;
      // A class is looked up again for each new speaker of it; a pair of texts is aligned once. Ids are
      // never reused, so a released class leaves only dead keys, dropped in bulk when there are many.
      const key = cls.id < id ? cls.id * 2 ** 26 + id : id * 2 ** 26 + cls.id;
      if (this.compared.has(key)) continue;
      if (this.compared.size >= COMPARED_LIMIT) this.compared.clear();
      this.compared.add(key);
      this.comparisons++;
      // Aligned in one fixed direction, so that the links do not depend on the order files arrive in.
      const forward = cls.key < other.key;
      const match = forward
        ? compareWords(cls.words, other.words, { a: cls.ids, b: other.ids })
        : compareWords(other.words, cls.words, { a: other.ids, b: cls.ids });
      if (!match) continue;
      cls.links.set(other, forward ? match : flipMatch(match));
      other.links.set(cls, forward ? flipMatch(match) : match);
    }
  }

  private globalCandidates(cls: TextClass<M>): number[] {
    if (cls.terms.length === 0) return [];
    const byRarity = cls.terms
      .map((t) => ({ t, df: this.postings.frequency(t) }))
      .filter((x) => x.df > 0 && x.df <= MAX_POSTING)
      .sort((x, y) => x.df - y.df);
    const used = byRarity.filter((x) => x.df <= RARE_POSTING);
    // A text of common words only is still looked up by its two rarest words, unless even those are
    // everywhere: such a text is found through its speaker, or not at all.
    for (const x of byRarity) {
      if (used.length >= 2 || x.df > FALLBACK_POSTING || cls.words.length < FALLBACK_MIN_WORDS) break;
      if (!used.includes(x)) used.push(x);
    }
    const counter = this.counter;
    for (const { t } of used) for (const id of this.postings.get(t)!) counter.add(id);
    // Across speakers only near-identical wording counts, so at least half the content words of the
    // shorter text must be shared; checking that here saves aligning most candidates.
    const mine = this.mine.set(cls.terms);
    const size = cls.terms.length;
    const counts = new Map<number, number>();
    for (const id of counter.touched) {
      const n = counter.count(id);
      // One shared word is enough only between texts of two words or fewer.
      if (n < 2 && size > 2) continue;
      const other = this.get(id);
      if (n < Math.min(2, Math.ceil(Math.min(size, other.terms.length) / 2))) continue;
      const shared = mine.count(other.terms);
      if (shared >= 0.5 * Math.min(size, other.terms.length)) counts.set(id, shared);
    }
    counter.reset();
    return this.topCandidates(counts, cls);
  }

  private speakerCandidates(cls: TextClass<M>, speaker: string): number[] {
    if (cls.terms.length === 0) return [];
    // The speaker's own texts, and those under the full name / the surname alone (see speakerRelation).
    const surname = surnameKey(speaker);
    const sets = [this.speakerClasses.get(speaker), surname === null ? this.surnameClasses.get(speaker) : this.speakerClasses.get(surname)]
      .filter((x): x is SpeakerTexts => x !== undefined && x.size > 0);
    if (sets.length === 0) return [];
    const counts = new Map<number, number>();
    const mine = this.mine.set(cls.terms);
    for (const own of sets) {
      if (own.size <= SPEAKER_SCAN_LIMIT) {
        own.countShared(mine, cls.id, counts);
      } else {
        const inSet = this.inSet.set(own.ids);
        const hits = new Map<number, number>();
        for (const t of cls.terms) {
          const list = this.postings.get(t);
          if (!list || list.length > MAX_POSTING) continue;
          for (const id of list) if (inSet.has(id)) hits.set(id, (hits.get(id) ?? 0) + 1);
        }
        for (const [id, n] of hits) if (id !== cls.id) counts.set(id, Math.max(n, counts.get(id) ?? 0));
      }
    }
    return this.topCandidates(counts, cls);
  }

  /**
   * Candidates sharing two content words, or one when either text has only two or fewer (a short quote
   * with one word changed keeps only one), best first.
   */
  private topCandidates(counts: Map<number, number>, cls: TextClass<M>): number[] {
    const kept: Array<[number, number]> = [];
    for (const entry of counts) {
      const other = this.classes.get(entry[0]);
      if (other && entry[1] >= Math.min(2, Math.ceil(Math.min(cls.terms.length, other.terms.length) / 2))) kept.push(entry);
    }
    kept.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    return kept.slice(0, MAX_CANDIDATES).map((x) => x[0]);
  }
}

function addTo(map: Map<string, SpeakerTexts>, key: string, cls: TextClass<unknown>): void {
  const texts = map.get(key);
  if (texts) texts.add(cls);
  else map.set(key, new SpeakerTexts(cls));
}

function removeFrom(map: Map<string, SpeakerTexts>, key: string, id: number): void {
  const texts = map.get(key);
  if (!texts) return;
  texts.remove(id);
  if (texts.size === 0) map.delete(key);
}

/**
 * The texts of one speaker id (or surname), looked through for every text the speaker is newly quoted
 * with: class ids, and their content-word ids laid end to end ([count, ...terms] per class), so that the
 * look-up reads two arrays rather than a class object and its terms per text (most of a cold index's
 * matching time went to that pointer chasing).
 */
class SpeakerTexts {
  readonly ids: number[];
  private readonly terms: number[];

  /** Made with its first text, in arrays of the exact size: most speakers are quoted with one or two. */
  constructor(first: { id: number; terms: readonly number[] }) {
    this.ids = [first.id];
    this.terms = [first.terms.length].concat(first.terms);
  }

  get size(): number {
    return this.ids.length;
  }

  add(cls: { id: number; terms: readonly number[] }): void {
    this.ids.push(cls.id);
    this.terms.push(cls.terms.length);
    for (const t of cls.terms) this.terms.push(t);
  }

  remove(id: number): void {
    for (let k = 0, off = 0; k < this.ids.length; off += this.terms[off] + 1, k++) {
      if (this.ids[k] !== id) continue;
      this.ids.splice(k, 1);
      this.terms.splice(off, this.terms[off] + 1);
      return;
    }
  }

  /** Sets in `counts` the texts (but `except`, and those already counted) sharing marked words, with how many. */
  countShared(mine: Marks, except: number, counts: Map<number, number>): void {
    const { ids, terms } = this;
    const dedupe = counts.size > 0;
    for (let k = 0, off = 0; k < ids.length; off += terms[off] + 1, k++) {
      const id = ids[k];
      if (id === except || (dedupe && counts.has(id))) continue;
      const shared = mine.count(terms, off + 1, off + 1 + terms[off]);
      if (shared > 0) counts.set(id, shared);
    }
  }
}

/** Removes the items in `gone` from a list in place, keeping the order of the rest (the order results are listed in). */
function removeAll<T>(list: T[], gone: ReadonlySet<T>): void {
  let kept = 0;
  for (let i = 0; i < list.length; i++) if (!gone.has(list[i])) list[kept++] = list[i];
  list.length = kept;
}

/**
 * A set of small non-negative integers (term ids, class ids: both dense), marked in a reusable array, to
 * test membership many times over without building a Set per look-up.
 */
class Marks {
  private marks = new Uint32Array(1024);
  private stamp = 0;

  /** Marks exactly these values (forgetting the previous set). */
  set(values: readonly number[]): this {
    if (++this.stamp === 0xffffffff) {
      this.marks.fill(0);
      this.stamp = 1;
    }
    for (const v of values) {
      if (v >= this.marks.length) {
        const grown = new Uint32Array(Math.max(v + 1, this.marks.length * 2));
        grown.set(this.marks);
        this.marks = grown;
      }
      this.marks[v] = this.stamp;
    }
    return this;
  }

  has(v: number): boolean {
    return this.marks[v] === this.stamp;
  }

  /** How many of values[from, to) are marked (values are distinct). */
  count(values: readonly number[], from = 0, to = values.length): number {
    const { marks, stamp } = this;
    let n = 0;
    for (let i = from; i < to; i++) if (marks[values[i]] === stamp) n++;
    return n;
  }
}

/** Counts hits per class id in a reusable typed array: candidate lookup runs for every new text. */
class CandidateCounter {
  private counts = new Uint16Array(1024);
  readonly touched: number[] = [];

  add(id: number): void {
    if (id >= this.counts.length) {
      const grown = new Uint16Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[id] === 0) this.touched.push(id);
    if (this.counts[id] < 65535) this.counts[id]++;
  }

  count(id: number): number {
    return this.counts[id];
  }

  reset(): void {
    for (const id of this.touched) this.counts[id] = 0;
    this.touched.length = 0;
  }
}
