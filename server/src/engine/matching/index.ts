import type { Quotation, QuoteKind } from '../types';
import { verdictFor } from './classify';
import type { TextMatch } from './compare';
import { stableHash } from './hash';
import { tokenize, type Token } from './normalize';
import { relationOf, speakerRelation, type Relation } from './relation';
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
 * Pairs listed for copies of one text (or of two related texts) beyond this many: only those with the
 * first member of a class, a star instead of all pairs, so a wire quotation reprinted in hundreds of
 * files costs linear, not quadratic, work. Group membership is unaffected.
 */
const ALL_PAIRS_LIMIT = 12;

interface Member {
  id: number;
  ref: QuoteRef;
  cls: TextClass;
}

function signature(q: Pick<QuoteRef, 'kind' | 'speaker' | 'speaker_id' | 'text'>): string {
  return `${q.kind}\u0000${q.speaker_id ?? ''}\u0000${q.speaker ?? ''}\u0000${q.text}`;
}

function compareRefs(x: QuoteRef, y: QuoteRef): number {
  return x.path < y.path ? -1 : x.path > y.path ? 1 : x.start - y.start || x.end - y.end;
}

/**
 * The workspace's quotations, matched within and across files. Incremental: `setFile` re-indexes one
 * file's quotations (unchanged ones keep their classes and links, so an edit costs what changed) and
 * reports which files' groups changed; groups are built on demand and cached until they change.
 */
export class QuoteMatcher {
  private readonly index = new TextClassIndex();
  private readonly members = new Map<number, Member>();
  private readonly files = new Map<string, number[]>();
  private readonly groupCache = new Map<number, MatchGroup | null>();
  private readonly groupMembers = new WeakMap<MatchGroup, number[]>();
  private nextId = 1;

  /** Replaces the quotations of one file. Returns the files whose match groups changed (sorted). */
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

    // Files whose groups change: those of the cached groups the changed quotations belonged to or now
    // join (found one hop away), so an edit costs its neighbourhood, not a walk of every group it touches.
    const touched = new Set<string>([path]);
    for (const m of [...removed, ...moved]) this.invalidateAround(m, touched);
    for (const m of removed) this.detach(m);
    const added = incoming.map((ref) => this.attach(ref));
    const ids = [...kept, ...added].map((m) => m.id);
    if (ids.length > 0) this.files.set(path, ids);
    else this.files.delete(path);
    for (const m of [...added, ...moved]) this.invalidateAround(m, touched);
    return [...touched].sort();
  }

  /** Forgets a file. Returns the files whose match groups changed. */
  removeFile(path: string): string[] {
    return this.files.has(path) ? this.setFile(path, []) : [];
  }

  /** Every group of two or more related quotations, ordered by their first member. */
  groups(): MatchGroup[] {
    const out: MatchGroup[] = [];
    const seen = new Set<string>();
    for (const m of this.members.values()) {
      const g = this.groupOf(m);
      if (g && !seen.has(g.id)) {
        seen.add(g.id);
        out.push(g);
      }
    }
    return out.sort((x, y) => compareRefs(x.members[0], y.members[0]));
  }

  /** The groups with at least one member in this file. */
  groupsForFile(path: string): MatchGroup[] {
    const out: MatchGroup[] = [];
    const seen = new Set<string>();
    for (const id of this.files.get(path) ?? []) {
      const g = this.groupOf(this.members.get(id)!);
      if (g && !seen.has(g.id)) {
        seen.add(g.id);
        out.push(g);
      }
    }
    return out.sort((x, y) => compareRefs(x.members[0], y.members[0]));
  }

  /** Counts for benchmarks and logs. */
  stats(): { files: number; quotations: number; distinctTexts: number; alignments: number } {
    return { files: this.files.size, quotations: this.members.size, distinctTexts: this.index.size, alignments: this.index.comparisons };
  }

  private attach(ref: QuoteRef): Member {
    const words = tokenize(ref.text).map((t) => t.norm);
    const { cls } = this.index.acquire(words);
    const m: Member = { id: this.nextId++, ref, cls };
    this.members.set(m.id, m);
    cls.members.add(m.id);
    if (ref.speaker_id !== null) this.index.addSpeaker(cls, ref.speaker_id);
    return m;
  }

  private detach(m: Member): void {
    this.members.delete(m.id);
    this.groupCache.delete(m.id);
    m.cls.members.delete(m.id);
    if (m.ref.speaker_id !== null) this.index.removeSpeaker(m.cls, m.ref.speaker_id);
    this.index.release(m.cls);
  }

  /** Members related to m, each with the text match oriented from m's class. */
  private *neighbours(m: Member): Generator<[Member, TextMatch]> {
    const same: TextMatch = { kind: 'same', ops: [{ type: 'equal', aStart: 0, aEnd: m.cls.words.length, bStart: 0, bEnd: m.cls.words.length }] };
    for (const id of m.cls.members) {
      if (id !== m.id) yield [this.members.get(id)!, same];
    }
    for (const [otherClass, match] of m.cls.links) {
      for (const id of this.index.get(otherClass).members) yield [this.members.get(id)!, match];
    }
  }

  private related(m: Member, n: Member, match: TextMatch): boolean {
    if (overlapsInFile(m.ref, n.ref)) return false;
    return relationOf(match, m.cls.words, n.cls.words, speakerRelation(m.ref.speaker_id, n.ref.speaker_id)) !== null;
  }

  private componentOf(seeds: Member[]): Member[] {
    const seen = new Set<number>();
    const queue: Member[] = [];
    for (const s of seeds) {
      if (this.members.has(s.id) && !seen.has(s.id)) {
        seen.add(s.id);
        queue.push(s);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      for (const [n, match] of this.neighbours(queue[i])) {
        if (seen.has(n.id) || !this.related(queue[i], n, match)) continue;
        seen.add(n.id);
        queue.push(n);
      }
    }
    return queue;
  }

  private groupOf(m: Member): MatchGroup | null {
    const cached = this.groupCache.get(m.id);
    if (cached !== undefined) return cached;
    const component = this.componentOf([m]);
    const group = component.length > 1 ? this.buildGroup(component) : null;
    for (const c of component) this.groupCache.set(c.id, group);
    if (group) this.groupMembers.set(group, component.map((c) => c.id));
    return group;
  }

  /** Drops the cached groups of m and of the quotations directly related to it, noting their files. */
  private invalidateAround(m: Member, touched: Set<string>): void {
    this.invalidate(m, touched);
    if (!this.members.has(m.id)) return;
    for (const [n, match] of this.neighbours(m)) {
      if (!this.related(m, n, match)) continue;
      touched.add(n.ref.path);
      this.invalidate(n, touched);
    }
  }

  private invalidate(m: Member, touched: Set<string>): void {
    const group = this.groupCache.get(m.id);
    this.groupCache.delete(m.id);
    if (!group) return;
    for (const id of this.groupMembers.get(group) ?? []) this.groupCache.delete(id);
    for (const ref of group.members) touched.add(ref.path);
  }

  private buildGroup(component: Member[]): MatchGroup {
    const members = [...component].sort((x, y) => compareRefs(x.ref, y.ref));
    const position = new Map(members.map((mem, i) => [mem.id, i]));
    const firstOfClass = new Map<number, number>();
    for (const mem of members) if (!firstOfClass.has(mem.cls.id)) firstOfClass.set(mem.cls.id, mem.id);
    const pairs: MatchPair[] = [];
    for (const mem of members) {
      const i = position.get(mem.id)!;
      for (const [n, match] of this.neighbours(mem)) {
        const j = position.get(n.id);
        if (j === undefined || j <= i || overlapsInFile(mem.ref, n.ref)) continue;
        // Between many copies of the same texts, pairs go through each class's first member only.
        const sameClass = n.cls === mem.cls;
        const crowded = sameClass ? mem.cls.members.size > ALL_PAIRS_LIMIT : mem.cls.members.size * n.cls.members.size > ALL_PAIRS_LIMIT;
        if (crowded && firstOfClass.get(mem.cls.id) !== mem.id && (sameClass || firstOfClass.get(n.cls.id) !== n.id)) continue;
        const verdict = verdictFor(match, sideOf(mem), sideOf(n));
        if (!verdict) continue;
        pairs.push({ a: i, b: j, ...verdict });
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
}

const tokenCache = new WeakMap<QuoteRef, Token[]>();

function sideOf(m: Member): { text: string; tokens: Token[]; speaker: string | null; speaker_id: string | null } {
  let tokens = tokenCache.get(m.ref);
  if (!tokens) tokenCache.set(m.ref, (tokens = tokenize(m.ref.text)));
  return { text: m.ref.text, tokens, speaker: m.ref.speaker, speaker_id: m.ref.speaker_id };
}

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
