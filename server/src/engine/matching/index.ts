import type { Quotation, QuoteKind } from '../types';
import type { TextMatch } from './compare';
import { describePair, type QuoteSide } from './describe';
import { stableHash } from './hash';
import { tokenize, type Token } from './normalize';
import { relationOf, speakerRelation, type Relation, type RelationVerdict, type SpeakerRelation } from './relation';
import { TextClassIndex, type TextClass } from './textClasses';

export type { Relation } from './relation';
export { classifyPair, type PairVerdict, type QuoteText } from './classify';

export interface QuoteRef {
  path: string;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speaker_id: string | null;
  kind: QuoteKind;
}

/** `a` and `b` index the group's members. */
export interface MatchPair {
  a: number;
  b: number;
  relation: Relation;
  /** variant: `minor-wording` | `translation` | `overlap`; conflict: `number` | `negation` | `speaker`. */
  subtype?: string;
  /** The difference seen from member a ("this" is a): "'160 miles' where this has '62 miles'". */
  detail: string;
  /** The same difference seen from member b. */
  detailForB: string;
}

/**
 * Related quotations. From `groups()`, a whole connected group; from `groupsForFile(path)`, the part of it
 * that file sees: its own quotations in the group, every quotation directly related to one of them, and
 * the pairs that involve one of them.
 */
export interface MatchGroup {
  /** Stable for the same content: a hash of the earliest member's speaker and normalised words. */
  id: string;
  speaker: string;
  /** Sorted by path, then start. */
  members: QuoteRef[];
  pairs: MatchPair[];
}

/** Kinds that are someone's statement; indirect speech and scare quotes are not matched. */
const MATCHED_KINDS: ReadonlySet<QuoteKind> = new Set(['direct', 'partial', 'unmarked']);

/**
 * Pairs listed per quotation at most (worst relation first, then by place). A wire quotation reprinted
 * in hundreds of files, or a short fragment of many quotes, would otherwise make every file's results
 * (and every edit of one copy) cost as much as all the copies; past a few dozen places a reader gains
 * nothing. Which files are affected by an edit is still worked out from every related quotation.
 */
const MAX_PARTNERS = 32;
/** Copies of one text by one speaker considered per quotation when its partners are chosen (lists are in the order added). */
const PARTNER_SCAN = 4 * MAX_PARTNERS;

/** Distinct quotation texts whose words are kept: copies of a text are tokenised once. */
const TEXT_CACHE_LIMIT = 50_000;
/**
 * Tokens (with offsets) are needed only to describe a pair the first time (see describe), so far fewer
 * are kept: holding them for every distinct text cost ~9 MB in a 10,000-file workspace.
 */
const TOKENS_CACHE_LIMIT = 2_000;

/** Pair descriptions kept (see describe); dropped all at once past this. */
const DETAIL_CACHE_LIMIT = 100_000;

const RANK: Record<Relation, number> = { conflict: 4, variant: 3, excerpt: 2, duplicate: 1 };

interface Member {
  id: number;
  ref: QuoteRef;
  cls: TextClass<Member>;
  /** The quotation's file (compared by identity: every partner of every file's results is). */
  file: FileEntry;
  /**
   * Scratch slots for one results computation (see groupsForFile, buildGroup): an index valid while its
   * stamp equals the computation's. Maps keyed by members were most of the results' own time.
   */
  slotStamp: number;
  slot: number;
  holderStamp: number;
  holder: number;
}

/** Stamps for the scratch slots of Member; never reused, so stale slots never match. */
let nextStamp = 1;

/** A quotation whose pairs a group lists, with its partners. */
interface Seed {
  m: Member;
  partners: Partner[];
}

/** A file with matched quotations. */
interface FileEntry {
  path: string;
  /** The file's quotations, in the order indexed. */
  members: Member[];
  /** The file's place among all the files' paths in order (see QuoteMatcher.rankFiles). */
  rank: number;
}

interface Partner {
  n: Member;
  /** The text match oriented from the member whose partner this is. */
  match: TextMatch;
  verdict: RelationVerdict;
}

function signature(q: Pick<QuoteRef, 'kind' | 'speaker' | 'speaker_id' | 'text'>): string {
  return `${q.kind}\u0000${q.speaker_id ?? ''}\u0000${q.speaker ?? ''}\u0000${q.text}`;
}

/** Members in place order: by path, then start, then end (the files' ranks up to date: see rankFiles). */
function byPlace(x: Member, y: Member): number {
  if (x.file !== y.file) return x.file.rank - y.file.rank;
  return x.ref.start - y.ref.start || x.ref.end - y.ref.end;
}

/** Members in place order; ties (one span indexed twice) in the order they were indexed. */
function compareMembers(x: Member, y: Member): number {
  return byPlace(x, y) || x.id - y.id;
}

const SPEAKER_INDEX: Record<SpeakerRelation, number> = { same: 0, different: 1, unknown: 2 };

/**
 * The workspace's quotations, matched within and across files. Incremental: `setFile` re-indexes one
 * file's quotations (unchanged ones keep their classes and links) and reports the files whose results
 * changed: the file and those of the quotations directly related to what changed. Results are computed
 * per file on demand from each quotation's own partners, so neither an edit nor a file's results walk a
 * whole group, however far a chain of excerpts and rewordings reaches.
 */
export class QuoteMatcher {
  private readonly index = new TextClassIndex<Member>((m) => m.ref.speaker_id);
  /** The files with matched quotations. */
  private readonly files = new Map<string, FileEntry>();
  /** Whether files came since the files were last ranked (see rankFiles). */
  private unranked = false;
  private memberCount = 0;
  private nextId = 1;
  private bulk = false;
  /** Quotation texts' normalised words, and those joined (the text class's key). */
  private readonly wordsCache = new Map<string, { words: string[]; key: string }>();
  private readonly tokensCache = new Map<string, Token[]>();

  /**
   * Cold indexing: until `endBulk`, `setFile` does not work out which files changed (every file does)
   * and returns only the file itself.
   */
  beginBulk(): void {
    this.bulk = true;
  }

  endBulk(): void {
    this.bulk = false;
  }

  /** Replaces the quotations of one file. Returns the files whose match results changed (sorted). */
  setFile(path: string, quotes: readonly Quotation[]): string[] {
    let file = this.files.get(path);
    const previous = file?.members ?? [];
    if (!file) {
      file = { path, members: [], rank: 0 };
      this.unranked = true;
    }
    const reusable = new Map<string, Member[]>();
    for (const m of previous) {
      const sig = signature(m.ref);
      const list = reusable.get(sig);
      if (list) list.push(m);
      else reusable.set(sig, [m]);
    }

    const kept: Member[] = [];
    const moved: Member[] = [];
    const incoming: QuoteRef[] = [];
    for (const q of quotes) {
      if (!MATCHED_KINDS.has(q.kind)) continue;
      const ref: QuoteRef = { path, start: q.start, end: q.end, text: q.text, speaker: q.speaker, speaker_id: q.speaker_id, kind: q.kind };
      // (Cold indexing has nothing to reuse: no signature to make.)
      const reuse = previous.length > 0 ? reusable.get(signature(ref))?.shift() : undefined;
      if (!reuse) {
        incoming.push(ref);
        continue;
      }
      kept.push(reuse);
      if (reuse.ref.start !== ref.start || reuse.ref.end !== ref.end) moved.push(reuse);
      reuse.ref = ref;
    }
    const removed = [...reusable.values()].flat();

    // Other files' results show a quotation of this one only when the two are directly related, so the
    // files affected are those of the related quotations, before a removal and after an addition.
    const touched = new Set<string>([path]);
    const track = !this.bulk;
    // Quotations of one text and speaker reach the same files: note them once (a file quoting "Yes," a
    // thousand times would otherwise scan the text's members a thousand times).
    const noted = new Set<string>();
    const noteOnce = (m: Member): void => {
      const key = `${m.cls.id}\u0000${m.ref.speaker_id ?? ''}`;
      if (noted.has(key)) return;
      noted.add(key);
      this.noteRelated(m, touched);
    };
    if (track) for (const m of [...removed, ...moved]) noteOnce(m);
    const removedByClass = new Map<TextClass<Member>, Member[]>();
    for (const m of removed) {
      const list = removedByClass.get(m.cls);
      if (list) list.push(m);
      else removedByClass.set(m.cls, [m]);
    }
    for (const [cls, members] of removedByClass) this.detach(cls, members);
    const added = incoming.map((ref) => this.attach(ref, file));
    file.members = [...kept, ...added];
    if (file.members.length > 0) this.files.set(path, file);
    else this.files.delete(path);
    if (track) {
      noted.clear();
      for (const m of added) noteOnce(m);
    }
    return [...touched].sort();
  }

  /** Forgets a file. Returns the files whose match results changed. */
  removeFile(path: string): string[] {
    return this.files.has(path) ? this.setFile(path, []) : [];
  }

  /**
   * Every group of two or more related quotations (connected through direct relations), ordered by their
   * first member. Computed in full: for reports, not for the edit path.
   */
  groups(): MatchGroup[] {
    const out: MatchGroup[] = [];
    const seen = new Set<number>();
    this.rankFiles();
    const ordered = [...this.files.values()].flatMap((f) => f.members).sort(compareMembers);
    for (const m of ordered) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      const component = [m];
      // Quotations of one text and speaker reach the same neighbours: expand each such set once.
      const expanded = new Set<string>();
      for (let i = 0; i < component.length; i++) {
        const key = `${component[i].cls.id}\u0000${component[i].ref.speaker_id ?? ''}`;
        if (expanded.has(key)) continue;
        expanded.add(key);
        for (const [n, match] of this.neighbours(component[i])) {
          if (seen.has(n.id) || !this.verdictOf(component[i], n, match)) continue;
          seen.add(n.id);
          component.push(n);
        }
      }
      if (component.length > 1) {
        const seeds = component.map((c) => ({ m: c, partners: this.partnersOf(c) }));
        out.push(this.buildGroup([...component].sort(byPlace), seeds, () => true));
      }
    }
    return out;
  }

  /**
   * The groups with a member in this file, each as the file sees it (see MatchGroup): cost proportional
   * to the file's quotations and their partners.
   */
  groupsForFile(path: string): MatchGroup[] {
    const file = this.files.get(path);
    if (!file) return [];
    this.rankFiles();
    const own = file.members;
    // The file's quotations that share a partner, or are partners, are one group (a union-find over
    // their positions in `own`).
    const parent = own.map((_, i) => i);
    const find = (x: number): number => {
      let r = x;
      while (parent[r] !== r) r = parent[r];
      parent[x] = r;
      return r;
    };
    // Each own quotation's position, and for other files' quotations the first own one partnered with them.
    const stamp = nextStamp++;
    for (let i = 0; i < own.length; i++) {
      own[i].slotStamp = stamp;
      own[i].slot = i;
    }
    const partnerLists: Partner[][] = [];
    const partnered: number[] = [];
    for (let i = 0; i < own.length; i++) {
      const partners = this.partnersOf(own[i]);
      partnerLists.push(partners);
      if (partners.length === 0) continue;
      partnered.push(i);
      for (let k = 0; k < partners.length; k++) {
        const n = partners[k].n;
        if (n.file === file) {
          if (n.slotStamp === stamp) parent[find(i)] = find(n.slot);
        } else if (n.holderStamp === stamp) {
          parent[find(i)] = find(n.holder);
        } else {
          n.holderStamp = stamp;
          n.holder = i;
        }
      }
    }
    const byRoot = new Map<number, number[]>();
    for (const i of partnered) {
      const r = find(i);
      const list = byRoot.get(r);
      if (list) list.push(i);
      else byRoot.set(r, [i]);
    }
    const out: Array<{ group: MatchGroup; first: Member }> = [];
    for (const seedIndexes of byRoot.values()) {
      const seeds = seedIndexes.map((i) => ({ m: own[i], partners: partnerLists[i] }));
      const members = gather(seeds).sort(byPlace);
      out.push({ group: this.buildGroup(members, seeds, (n) => n.file === file), first: members[0] });
    }
    return out.sort((x, y) => byPlace(x.first, y.first)).map((x) => x.group);
  }

  /**
   * Numbers the files in path order, when files came since the last time, so that ordering quotations
   * compares numbers: results sort every group's members by place, and comparing paths was most of it.
   * Once after a cold index; an edit adds no file.
   */
  private rankFiles(): void {
    if (!this.unranked) return;
    const files = [...this.files.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    files.forEach((f, i) => (f.rank = i));
    this.unranked = false;
  }

  /** Counts for benchmarks and logs. */
  stats(): { files: number; quotations: number; distinctTexts: number; alignments: number } {
    return { files: this.files.size, quotations: this.memberCount, distinctTexts: this.index.size, alignments: this.index.comparisons };
  }

  private attach(ref: QuoteRef, file: FileEntry): Member {
    const text = this.wordsOf(ref.text);
    const { cls, created } = this.index.acquire(text.words, text.key);
    if (!created) {
      // Another rendering of a known text (case, punctuation) keeps the class's words, not a copy.
      text.words = cls.words;
      text.key = cls.key;
    }
    const m: Member = { id: this.nextId++, ref, cls, file, slotStamp: 0, slot: -1, holderStamp: 0, holder: -1 };
    this.index.addMember(cls, m);
    this.memberCount++;
    return m;
  }

  private detach(cls: TextClass<Member>, members: readonly Member[]): void {
    this.index.removeMembers(cls, members);
    this.memberCount -= members.length;
  }

  private wordsOf(text: string): { words: string[]; key: string } {
    let cached = this.wordsCache.get(text);
    if (!cached) {
      const words = this.tokensOf(text).map((t) => t.norm);
      cached = { words, key: words.join(' ') };
      if (this.wordsCache.size >= TEXT_CACHE_LIMIT) this.wordsCache.clear();
      this.wordsCache.set(text, cached);
    }
    return cached;
  }

  private tokensOf(text: string): Token[] {
    let tokens = this.tokensCache.get(text);
    if (!tokens) {
      tokens = tokenize(text);
      if (this.tokensCache.size >= TOKENS_CACHE_LIMIT) this.tokensCache.clear();
      this.tokensCache.set(text, tokens);
    }
    return tokens;
  }

  /** Quotations that may relate to m (same text or a linked one), each with the match oriented from m. */
  private *neighbours(m: Member): Generator<[Member, TextMatch]> {
    const same = selfMatch(m.cls);
    for (const n of m.cls.members) {
      if (n !== m) yield [n, same];
    }
    for (const [otherClass, match] of m.cls.links) {
      for (const n of otherClass.members) yield [n, match];
    }
  }

  /** The relation between m and n, or null; decided once per pair of texts and speaker relation. */
  private verdictOf(m: Member, n: Member, match: TextMatch): RelationVerdict | null {
    if (overlapsInFile(m, n)) return null;
    return this.relationFor(m, n.ref.speaker_id, match, n.cls.words);
  }

  private relationFor(m: Member, otherSpeaker: string | null, match: TextMatch, otherWords: readonly string[]): RelationVerdict | null {
    const speakers = speakerRelation(m.ref.speaker_id, otherSpeaker);
    // One slot per speaker relation, made at its size (an empty array grows to 17 slots).
    const cached = (match.verdicts ??= [undefined, undefined, undefined]);
    const k = SPEAKER_INDEX[speakers];
    let v = cached[k];
    if (v === undefined) cached[k] = v = relationOf(match, m.cls.words, otherWords, speakers);
    return v;
  }

  /** m's related quotations, at most MAX_PARTNERS, worst relation first then by place. */
  private partnersOf(m: Member): Partner[] {
    const out: Partner[] = [];
    // This runs for every quotation of every file whose results are read: copies of a text with
    // speakers it does not relate to (a short phrase quoted from many people) are skipped a speaker at a time.
    const add = (cls: TextClass<Member>, match: TextMatch) => {
      // forEach rather than for…of: no [key, value] array per entry (this is the results' inner loop).
      cls.bySpeaker.forEach((list, speaker) => {
        const verdict = this.relationFor(m, speaker === '' ? null : speaker, match, cls.words);
        if (verdict === null) return;
        // All of a list share one verdict, so only its first few can be among the first MAX_PARTNERS by
        // place; scanning thousands of copies of one text for every copy would be quadratic.
        let taken = 0;
        for (let k = 0; k < list.length; k++) {
          const n = list[k];
          if (n === m || overlapsInFile(m, n)) continue;
          out.push({ n, match, verdict });
          if (++taken > PARTNER_SCAN) break;
        }
      });
    };
    add(m.cls, selfMatch(m.cls));
    m.cls.links.forEach((match, otherClass) => add(otherClass, match));
    if (out.length > MAX_PARTNERS) {
      out.sort((x, y) => RANK[y.verdict.relation] - RANK[x.verdict.relation] || byPlace(x.n, y.n));
      out.length = MAX_PARTNERS;
    }
    return out;
  }

  /** Adds the files of the quotations directly related to m. */
  private noteRelated(m: Member, touched: Set<string>): void {
    for (const [n, match] of this.neighbours(m)) {
      if (!touched.has(n.ref.path) && this.verdictOf(m, n, match)) touched.add(n.ref.path);
    }
  }

  /**
   * A group of `members` (in place order), with the pairs of `seeds` (each seed's partners, once per
   * pair: a pair is met twice only when both are seeds).
   */
  private buildGroup(members: Member[], seeds: Seed[], isSeed: (m: Member) => boolean): MatchGroup {
    // The members' positions, in their scratch slots (see Member).
    const stamp = nextStamp++;
    for (let i = 0; i < members.length; i++) {
      members[i].slotStamp = stamp;
      members[i].slot = i;
    }
    const pairs: MatchPair[] = [];
    const listed = new Set<number>();
    for (const { m, partners } of seeds) {
      const i = m.slot;
      for (const p of partners) {
        if (p.n.slotStamp !== stamp) continue;
        const j = p.n.slot;
        if (isSeed(p.n)) {
          const key = i < j ? i * members.length + j : j * members.length + i;
          if (listed.has(key)) continue;
          listed.add(key);
        }
        pairs.push(i < j ? this.pair(i, j, m, p.n, p.match, p.verdict) : this.pair(j, i, p.n, m, reverse(p.match, m, p.n), p.verdict));
      }
    }
    pairs.sort((x, y) => x.a - y.a || x.b - y.b);
    return {
      id: groupId(members[0]),
      speaker: mostFrequentSpeaker(members),
      members: members.map((mem) => mem.ref),
      pairs,
    };
  }

  /** A pair with its two descriptions; copies of one text say "same words" without being tokenised. */
  private pair(a: number, b: number, x: Member, y: Member, match: TextMatch, verdict: RelationVerdict): MatchPair {
    let detail = 'same words';
    let detailForB = detail;
    if (verdict.relation !== 'duplicate' || x.ref.text !== y.ref.text) {
      detail = this.describe(verdict, match, x, y);
      detailForB = this.describe(verdict, reverse(match, x, y), y, x);
    }
    return verdict.subtype === undefined
      ? { a, b, relation: verdict.relation, detail, detailForB }
      : { a, b, relation: verdict.relation, subtype: verdict.subtype, detail, detailForB };
  }

  /**
   * The description of a pair from x's side, shared by every copy of the same two texts: a wire quotation
   * reprinted in hundreds of files is otherwise described again for each copy, in each file's results.
   * Except for a speaker conflict, it depends only on the verdict, the oriented match and the two texts.
   */
  private describe(verdict: RelationVerdict, match: TextMatch, x: Member, y: Member): string {
    if (verdict.subtype === 'speaker') return describePair(verdict, match, this.sideOf(x, verdict), this.sideOf(y, verdict));
    if (this.detailCount >= DETAIL_CACHE_LIMIT) {
      this.details = new WeakMap();
      this.detailCount = 0;
    }
    let byMatch = this.details.get(verdict);
    if (!byMatch) this.details.set(verdict, (byMatch = new WeakMap()));
    let byText = byMatch.get(match);
    if (!byText) byMatch.set(match, (byText = new Map()));
    let byOther = byText.get(x.ref.text);
    if (!byOther) byText.set(x.ref.text, (byOther = new Map()));
    let detail = byOther.get(y.ref.text);
    if (detail === undefined) {
      detail = describePair(verdict, match, this.sideOf(x, verdict), this.sideOf(y, verdict));
      byOther.set(y.ref.text, detail);
      this.detailCount++;
    }
    return detail;
  }

  private details = new WeakMap<RelationVerdict, WeakMap<TextMatch, Map<string, Map<string, string>>>>();
  private detailCount = 0;

  private sideOf(m: Member, verdict: RelationVerdict): QuoteSide {
    // A speaker conflict is told by names alone.
    const tokens = verdict.subtype === 'speaker' ? NO_TOKENS : this.tokensOf(m.ref.text);
    return { text: m.ref.text, tokens, speaker: m.ref.speaker };
  }
}

const NO_TOKENS: Token[] = [];

/** The seeds and their partners, each once, in the order met. */
function gather(seeds: Seed[]): Member[] {
  const all = new Set<Member>();
  for (const { m, partners } of seeds) {
    all.add(m);
    for (const p of partners) all.add(p.n);
  }
  return [...all];
}

/** The match of a class with itself (copies of one text), made once per class. */
function selfMatch(cls: TextClass<Member>): TextMatch {
  if (!cls.self) {
    const n = cls.words.length;
    cls.self = { kind: 'same', ops: [{ type: 'equal', aStart: 0, aEnd: n, bStart: 0, bEnd: n }] };
  }
  return cls.self;
}

/**
 * The match from x to y seen from y: the link the other way round, which the class index stores
 * with every link (the same as flipping the match, without making a copy per pair).
 */
function reverse(match: TextMatch, x: Member, y: Member): TextMatch {
  return x.cls === y.cls ? match : y.cls.links.get(x.cls)!;
}

/**
 * A group's id: a hash of its first member's speaker and normalised words. Each file's results list
 * its groups again, so the last id of each class is kept.
 */
function groupId(first: Member): string {
  const speaker = first.ref.speaker_id ?? '';
  const cached = first.cls.groupId;
  if (cached?.speaker === speaker) return cached.id;
  const id = 'g' + stableHash(`${speaker}\u0000${first.cls.key}`);
  first.cls.groupId = { speaker, id };
  return id;
}

function overlapsInFile(x: Member, y: Member): boolean {
  return x.file === y.file && x.ref.start < y.ref.end && y.ref.start < x.ref.end;
}

/**
 * The speaker named most often among the members; of speakers named as often, the first to reach that
 * count. Counted in two small lists: a group names a few speakers, and this runs for every group of
 * every file's results.
 */
function mostFrequentSpeaker(members: Member[]): string {
  const names: string[] = [];
  const counts: number[] = [];
  let best = '';
  let bestCount = 0;
  for (const m of members) {
    const s = m.ref.speaker;
    if (!s) continue;
    let k = names.indexOf(s);
    if (k < 0) k = names.push(s) - 1;
    const c = (counts[k] = (counts[k] ?? 0) + 1);
    if (c > bestCount) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}
