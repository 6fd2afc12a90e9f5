import type { Quotation, QuoteKind } from '../types';
import { flipMatch, type TextMatch } from './compare';
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
  cls: TextClass;
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

function compareRefs(x: QuoteRef, y: QuoteRef): number {
  return x.path < y.path ? -1 : x.path > y.path ? 1 : x.start - y.start || x.end - y.end;
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
  private readonly index = new TextClassIndex();
  private readonly members = new Map<number, Member>();
  private readonly files = new Map<string, number[]>();
  private nextId = 1;
  private bulk = false;
  private readonly selfMatches = new WeakMap<TextClass, TextMatch>();
  private readonly flipped = new WeakMap<TextMatch, TextMatch>();
  private readonly wordsCache = new Map<string, string[]>();
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
    const previous = (this.files.get(path) ?? []).map((id) => this.members.get(id)!);
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
      const reuse = reusable.get(signature(ref))?.shift();
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
    if (track) for (const m of [...removed, ...moved]) this.noteRelated(m, touched);
    for (const m of removed) this.detach(m);
    const added = incoming.map((ref) => this.attach(ref));
    const ids = [...kept, ...added].map((m) => m.id);
    if (ids.length > 0) this.files.set(path, ids);
    else this.files.delete(path);
    if (track) for (const m of added) this.noteRelated(m, touched);
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
    const ordered = [...this.members.values()].sort((x, y) => compareRefs(x.ref, y.ref));
    for (const m of ordered) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      const component = [m];
      for (let i = 0; i < component.length; i++) {
        for (const [n, match] of this.neighbours(component[i])) {
          if (seen.has(n.id) || !this.verdictOf(component[i], n, match)) continue;
          seen.add(n.id);
          component.push(n);
        }
      }
      if (component.length > 1) out.push(this.buildGroup(component, component));
    }
    return out;
  }

  /**
   * The groups with a member in this file, each as the file sees it (see MatchGroup): cost proportional
   * to the file's quotations and their partners.
   */
  groupsForFile(path: string): MatchGroup[] {
    const own = (this.files.get(path) ?? []).map((id) => this.members.get(id)!);
    if (own.length === 0) return [];
    // The file's quotations that share a partner, or are partners, are one group.
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const ownIds = new Set(own.map((m) => m.id));
    const firstHolder = new Map<number, number>();
    const partnered: Member[] = [];
    for (const m of own) {
      parent.set(m.id, m.id);
    }
    const partnersOf = new Map<number, Partner[]>();
    for (const m of own) {
      const partners = this.partnersOf(m);
      partnersOf.set(m.id, partners);
      if (partners.length === 0) continue;
      partnered.push(m);
      for (const p of partners) {
        const other = ownIds.has(p.n.id) ? p.n.id : firstHolder.get(p.n.id);
        if (other === undefined) firstHolder.set(p.n.id, m.id);
        else parent.set(find(m.id), find(other));
      }
    }
    const byRoot = new Map<number, Member[]>();
    for (const m of partnered) {
      const r = find(m.id);
      const list = byRoot.get(r);
      if (list) list.push(m);
      else byRoot.set(r, [m]);
    }
    const out: MatchGroup[] = [];
    for (const seeds of byRoot.values()) {
      const all = new Map<number, Member>();
      for (const m of seeds) {
        all.set(m.id, m);
        for (const p of partnersOf.get(m.id)!) all.set(p.n.id, p.n);
      }
      out.push(this.buildGroup([...all.values()], seeds, partnersOf));
    }
    return out.sort((x, y) => compareRefs(x.members[0], y.members[0]));
  }

  /** Counts for benchmarks and logs. */
  stats(): { files: number; quotations: number; distinctTexts: number; alignments: number } {
    return { files: this.files.size, quotations: this.members.size, distinctTexts: this.index.size, alignments: this.index.comparisons };
  }

  private attach(ref: QuoteRef): Member {
    const { cls } = this.index.acquire(this.wordsOf(ref.text));
    const m: Member = { id: this.nextId++, ref, cls };
    this.members.set(m.id, m);
    cls.members.add(m.id);
    const key = ref.speaker_id ?? '';
    const same = cls.bySpeaker.get(key);
    if (same) same.add(m.id);
    else cls.bySpeaker.set(key, new Set([m.id]));
    if (ref.speaker_id !== null) this.index.addSpeaker(cls, ref.speaker_id);
    return m;
  }

  private detach(m: Member): void {
    this.members.delete(m.id);
    m.cls.members.delete(m.id);
    const key = m.ref.speaker_id ?? '';
    const same = m.cls.bySpeaker.get(key);
    if (same) {
      same.delete(m.id);
      if (same.size === 0) m.cls.bySpeaker.delete(key);
    }
    if (m.ref.speaker_id !== null) this.index.removeSpeaker(m.cls, m.ref.speaker_id);
    this.index.release(m.cls);
  }

  private wordsOf(text: string): string[] {
    let words = this.wordsCache.get(text);
    if (!words) {
      words = this.tokensOf(text).map((t) => t.norm);
      if (this.wordsCache.size >= TEXT_CACHE_LIMIT) this.wordsCache.clear();
      this.wordsCache.set(text, words);
    }
    return words;
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
    const same = this.selfMatch(m.cls);
    for (const id of m.cls.members) {
      if (id !== m.id) yield [this.members.get(id)!, same];
    }
    for (const [otherClass, match] of m.cls.links) {
      for (const id of this.index.get(otherClass).members) yield [this.members.get(id)!, match];
    }
  }

  private selfMatch(cls: TextClass): TextMatch {
    let same = this.selfMatches.get(cls);
    if (!same) {
      const n = cls.words.length;
      same = { kind: 'same', ops: [{ type: 'equal', aStart: 0, aEnd: n, bStart: 0, bEnd: n }] };
      this.selfMatches.set(cls, same);
    }
    return same;
  }

  /** The relation between m and n, or null; decided once per pair of texts and speaker relation. */
  private verdictOf(m: Member, n: Member, match: TextMatch): RelationVerdict | null {
    if (overlapsInFile(m.ref, n.ref)) return null;
    return this.relationFor(m, n.ref.speaker_id, match, n.cls.words);
  }

  private relationFor(m: Member, otherSpeaker: string | null, match: TextMatch, otherWords: readonly string[]): RelationVerdict | null {
    const speakers = speakerRelation(m.ref.speaker_id, otherSpeaker);
    const cached = (match.verdicts ??= []);
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
    const add = (cls: TextClass, match: TextMatch) => {
      for (const [speaker, ids] of cls.bySpeaker) {
        const verdict = this.relationFor(m, speaker === '' ? null : speaker, match, cls.words);
        if (verdict === null) continue;
        for (const id of ids) {
          if (id === m.id) continue;
          const n = this.members.get(id)!;
          if (!overlapsInFile(m.ref, n.ref)) out.push({ n, match, verdict });
        }
      }
    };
    add(m.cls, this.selfMatch(m.cls));
    for (const [otherClass, match] of m.cls.links) add(this.index.get(otherClass), match);
    if (out.length > MAX_PARTNERS) {
      out.sort((x, y) => RANK[y.verdict.relation] - RANK[x.verdict.relation] || compareRefs(x.n.ref, y.n.ref));
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

  /** A group of `all`, with the pairs of `seeds` (each seed's partners, once per pair). */
  private buildGroup(all: Member[], seeds: Member[], known?: Map<number, Partner[]>): MatchGroup {
    const members = [...all].sort((x, y) => compareRefs(x.ref, y.ref));
    const position = new Map(members.map((mem, i) => [mem.id, i]));
    const pairs: MatchPair[] = [];
    const listed = new Set<number>();
    for (const m of seeds) {
      const i = position.get(m.id)!;
      for (const p of known?.get(m.id) ?? this.partnersOf(m)) {
        const j = position.get(p.n.id);
        if (j === undefined) continue;
        const key = i < j ? i * members.length + j : j * members.length + i;
        if (listed.has(key)) continue;
        listed.add(key);
        pairs.push(i < j ? this.pair(i, j, m, p.n, p.match, p.verdict) : this.pair(j, i, p.n, m, this.flip(p.match), p.verdict));
      }
    }
    pairs.sort((x, y) => x.a - y.a || x.b - y.b);
    const first = members[0];
    return {
      id: 'g' + stableHash(`${first.ref.speaker_id ?? ''}\u0000${first.cls.key}`),
      speaker: mostFrequentSpeaker(members),
      members: members.map((mem) => mem.ref),
      pairs,
    };
  }

  private flip(match: TextMatch): TextMatch {
    if (match.kind === 'same') return match;
    let f = this.flipped.get(match);
    if (!f) this.flipped.set(match, (f = flipMatch(match)));
    return f;
  }

  /** A pair with its two descriptions; copies of one text say "same words" without being tokenised. */
  private pair(a: number, b: number, x: Member, y: Member, match: TextMatch, verdict: RelationVerdict): MatchPair {
    let detail = 'same words';
    let detailForB = detail;
    if (verdict.relation !== 'duplicate' || x.ref.text !== y.ref.text) {
      detail = this.describe(verdict, match, x, y);
      detailForB = this.describe(verdict, this.flip(match), y, x);
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

function overlapsInFile(x: QuoteRef, y: QuoteRef): boolean {
  return x.path === y.path && x.start < y.end && y.start < x.end;
}

function mostFrequentSpeaker(members: Member[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const m of members) {
    const s = m.ref.speaker;
    if (!s) continue;
    const c = (counts.get(s) ?? 0) + 1;
    counts.set(s, c);
    if (c > bestCount) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}
