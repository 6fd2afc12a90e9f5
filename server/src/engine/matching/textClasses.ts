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
export interface TextClass {
  id: number;
  key: string;
  words: string[];
  /** Distinct content-word ids. */
  terms: number[];
  /** Quotation ids in this class. */
  members: Set<number>;
  /** Speaker ids of the members, with counts. */
  speakers: Map<string, number>;
  /**
   * Quotation ids by speaker id ('' for none). Whether two quotations relate depends on their texts and
   * on how their speakers relate, so it is decided once per speaker here rather than per quotation.
   */
  bySpeaker: Map<string, Set<number>>;
  /** Related classes, each with the match oriented from this class. */
  links: Map<number, TextMatch>;
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

export class TextClassIndex {
  private readonly classes = new Map<number, TextClass>();
  private readonly byKey = new Map<string, number>();
  private readonly vocabulary = new Map<string, number>();
  private readonly postings = new Postings<number>();
  private readonly speakerClasses = new Map<string, Set<number>>();
  /** Classes of multi-word speaker ids by their last word, where a surname-only id finds them. */
  private readonly surnameClasses = new Map<string, Set<number>>();
  private nextId = 1;
  private readonly counter = new CandidateCounter();
  /** Pairs of classes already aligned (see linkCandidates). */
  private readonly compared = new Set<number>();
  /** Alignments run so far (for benchmarks). */
  comparisons = 0;

  get(id: number): TextClass {
    const c = this.classes.get(id);
    if (!c) throw new Error(`no text class ${id}`);
    return c;
  }

  get size(): number {
    return this.classes.size;
  }

  /** The class of a word sequence, created (and linked to its candidates) when it is new. */
  acquire(words: string[]): { cls: TextClass; created: boolean } {
    const key = words.join(' ');
    const existing = this.byKey.get(key);
    if (existing !== undefined) return { cls: this.get(existing), created: false };
    const terms: number[] = [];
    const seen = new Set<string>();
    for (const w of words) {
      if (seen.has(w) || !isContentNorm(w)) continue;
      seen.add(w);
      let id = this.vocabulary.get(w);
      if (id === undefined) this.vocabulary.set(w, (id = this.vocabulary.size));
      terms.push(id);
    }
    const cls: TextClass = {
      id: this.nextId++, key, words, terms, members: new Set(), speakers: new Map(), bySpeaker: new Map(), links: new Map(),
    };
    this.linkCandidates(cls, this.globalCandidates(cls));
    this.classes.set(cls.id, cls);
    this.byKey.set(key, cls.id);
    this.postings.add(cls.id, terms);
    return { cls, created: true };
  }

  /** Records that a class now has a member of this speaker; finds the speaker's rewordings when it is new there. */
  addSpeaker(cls: TextClass, speaker: string): void {
    const count = cls.speakers.get(speaker) ?? 0;
    cls.speakers.set(speaker, count + 1);
    if (count > 0) return;
    this.linkCandidates(cls, this.speakerCandidates(cls, speaker));
    addTo(this.speakerClasses, speaker, cls.id);
    const surname = surnameKey(speaker);
    if (surname !== null) addTo(this.surnameClasses, surname, cls.id);
  }

  removeSpeaker(cls: TextClass, speaker: string): void {
    const count = cls.speakers.get(speaker) ?? 0;
    if (count > 1) {
      cls.speakers.set(speaker, count - 1);
      return;
    }
    cls.speakers.delete(speaker);
    removeFrom(this.speakerClasses, speaker, cls.id);
    const surname = surnameKey(speaker);
    if (surname !== null && ![...cls.speakers.keys()].some((k) => surnameKey(k) === surname)) removeFrom(this.surnameClasses, surname, cls.id);
  }

  /** Drops a class that has no members left, with its postings and links. */
  release(cls: TextClass): void {
    if (cls.members.size > 0 || !this.classes.has(cls.id)) return;
    this.classes.delete(cls.id);
    this.byKey.delete(cls.key);
    this.postings.remove(cls.id, cls.terms);
    for (const other of cls.links.keys()) this.classes.get(other)?.links.delete(cls.id);
    cls.links.clear();
  }

  private linkCandidates(cls: TextClass, candidates: number[]): void {
    for (const id of candidates) {
      if (id === cls.id || cls.links.has(id)) continue;
      const other = this.classes.get(id);
      if (!other) continue;
      // A class is looked up again for each new speaker of it; a pair of texts is aligned once. Ids are
      // never reused, so a released class leaves only dead keys, dropped in bulk when there are many.
      const key = cls.id < id ? cls.id * 2 ** 26 + id : id * 2 ** 26 + cls.id;
      if (this.compared.has(key)) continue;
      if (this.compared.size >= COMPARED_LIMIT) this.compared.clear();
      this.compared.add(key);
      this.comparisons++;
      // Aligned in one fixed direction, so that the links do not depend on the order files arrive in.
      const forward = cls.key < other.key;
      const match = forward ? compareWords(cls.words, other.words) : compareWords(other.words, cls.words);
      if (!match) continue;
      cls.links.set(id, forward ? match : flipMatch(match));
      other.links.set(cls.id, forward ? flipMatch(match) : match);
    }
  }

  private globalCandidates(cls: TextClass): number[] {
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
    const mine = new Set(cls.terms);
    const counts = new Map<number, number>();
    for (const id of counter.touched) {
      const n = counter.count(id);
      // One shared word is enough only between texts of two words or fewer.
      if (n < 2 && mine.size > 2) continue;
      const other = this.get(id);
      if (n < Math.min(2, Math.ceil(Math.min(mine.size, other.terms.length) / 2))) continue;
      let shared = 0;
      for (const t of other.terms) if (mine.has(t)) shared++;
      if (shared >= 0.5 * Math.min(mine.size, other.terms.length)) counts.set(id, shared);
    }
    counter.reset();
    return this.topCandidates(counts, cls);
  }

  private speakerCandidates(cls: TextClass, speaker: string): number[] {
    if (cls.terms.length === 0) return [];
    // The speaker's own texts, and those under the full name / the surname alone (see speakerRelation).
    const surname = surnameKey(speaker);
    const sets = [this.speakerClasses.get(speaker), surname === null ? this.surnameClasses.get(speaker) : this.speakerClasses.get(surname)]
      .filter((x): x is Set<number> => x !== undefined && x.size > 0);
    if (sets.length === 0) return [];
    const counts = new Map<number, number>();
    const mine = new Set(cls.terms);
    for (const own of sets) {
      if (own.size <= SPEAKER_SCAN_LIMIT) {
        for (const id of own) {
          if (id === cls.id || counts.has(id)) continue;
          let shared = 0;
          for (const t of this.get(id).terms) if (mine.has(t)) shared++;
          if (shared > 0) counts.set(id, shared);
        }
      } else {
        const hits = new Map<number, number>();
        for (const t of cls.terms) {
          const list = this.postings.get(t);
          if (!list || list.length > MAX_POSTING) continue;
          for (const id of list) if (own.has(id)) hits.set(id, (hits.get(id) ?? 0) + 1);
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
  private topCandidates(counts: Map<number, number>, cls: TextClass): number[] {
    const kept: Array<[number, number]> = [];
    for (const entry of counts) {
      const other = this.classes.get(entry[0]);
      if (other && entry[1] >= Math.min(2, Math.ceil(Math.min(cls.terms.length, other.terms.length) / 2))) kept.push(entry);
    }
    kept.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    return kept.slice(0, MAX_CANDIDATES).map((x) => x[0]);
  }
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
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
