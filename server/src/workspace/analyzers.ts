/**
 * The engine pieces the workspace index drives, seen through small structural interfaces so that the
 * index can be tested with stand-ins and the engine can change behind them.
 *
 * TEMPORARY: until `engine/matching` and `engine/facts` export `QuoteMatcher` and `FactIndex`, the
 * types are declared here (as agreed) and a minimal exact-duplicate matcher stands in.
 */
import type { Quotation } from '../engine/types';
import { findQuotations } from '../engine/index';

export type Relation = 'duplicate' | 'excerpt' | 'variant' | 'conflict';

export interface QuoteRef {
  path: string;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speaker_id: string | null;
  kind: string;
}

export interface MatchPair {
  a: number;
  b: number;
  relation: Relation;
  subtype?: string;
  detail: string;
}

export interface MatchGroup {
  id: string;
  speaker: string | null;
  members: QuoteRef[];
  pairs: MatchPair[];
}

export interface FactSpan {
  path: string;
  start: number;
  end: number;
  text: string;
}

export interface FactConflict {
  kind: string;
  a: FactSpan;
  b: FactSpan | null;
  detail: string;
}

export interface MatcherLike {
  setFile(path: string, quotes: Quotation[]): void;
  removeFile(path: string): void;
  groups(): MatchGroup[];
  groupsForFile(path: string): MatchGroup[];
}

export interface FactIndexLike {
  setFile(path: string, text: string): void;
  removeFile(path: string): void;
  conflicts(): FactConflict[];
  conflictsForFile(path: string): FactConflict[];
}

export interface Analyzers {
  findQuotations(text: string): Quotation[];
  matcher: MatcherLike;
  facts: FactIndexLike;
}

/** The engine: the extractor, a fresh matcher and a fresh fact index. */
export function createAnalyzers(): Analyzers {
  return { findQuotations, matcher: new ExactMatcher(), facts: new NoFacts() };
}

/** Stand-in: groups quotations whose normalised words are identical (≥ 4 words). */
class ExactMatcher implements MatcherLike {
  private byFile = new Map<string, Array<{ key: string; ref: QuoteRef }>>();
  private byKey = new Map<string, Map<string, QuoteRef[]>>();

  setFile(path: string, quotes: Quotation[]): void {
    this.removeFile(path);
    const list: Array<{ key: string; ref: QuoteRef }> = [];
    for (const q of quotes) {
      if (q.kind === 'scare' || q.kind === 'indirect') continue;
      const words = q.text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
      if (words.length < 4) continue;
      const key = words.join(' ');
      const ref: QuoteRef = { path, start: q.start, end: q.end, text: q.text, speaker: q.speaker, speaker_id: q.speaker_id, kind: q.kind };
      list.push({ key, ref });
      let m = this.byKey.get(key);
      if (!m) this.byKey.set(key, (m = new Map()));
      const arr = m.get(path) ?? [];
      arr.push(ref);
      m.set(path, arr);
    }
    this.byFile.set(path, list);
  }

  removeFile(path: string): void {
    for (const { key } of this.byFile.get(path) ?? []) {
      const m = this.byKey.get(key);
      if (!m) continue;
      m.delete(path);
      if (!m.size) this.byKey.delete(key);
    }
    this.byFile.delete(path);
  }

  private group(key: string): MatchGroup | undefined {
    const m = this.byKey.get(key);
    if (!m) return undefined;
    const members = [...m.keys()].sort().flatMap((p) => m.get(p)!);
    if (members.length < 2) return undefined;
    const pairs: MatchPair[] = [];
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) pairs.push({ a: i, b: j, relation: 'duplicate', detail: '' });
    return { id: `g:${key.slice(0, 40)}`, speaker: members[0].speaker, members, pairs };
  }

  groups(): MatchGroup[] {
    return [...this.byKey.keys()].map((k) => this.group(k)).filter((g): g is MatchGroup => !!g);
  }

  groupsForFile(path: string): MatchGroup[] {
    const keys = new Set((this.byFile.get(path) ?? []).map((x) => x.key));
    return [...keys].map((k) => this.group(k)).filter((g): g is MatchGroup => !!g);
  }
}

class NoFacts implements FactIndexLike {
  setFile(): void {}
  removeFile(): void {}
  conflicts(): FactConflict[] {
    return [];
  }
  conflictsForFile(): FactConflict[] {
    return [];
  }
}
