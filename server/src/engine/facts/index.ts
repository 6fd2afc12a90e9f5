import { alignWords, type AlignOp } from '../matching/align';
import { Postings } from '../postings';
import { isContentNorm } from '../matching/compare';
import { conversionHolds, expectedConversion, sameFigure } from './figures';
import type { Quantity } from './quantities';
import { isPlaceholder, statementsOf, type Statement } from './statements';

export interface FactSpan {
  path: string;
  start: number;
  end: number;
  text: string;
}

/**
 * A reporting inconsistency outside quotations. `numeric-mismatch`: one statement of fact given with other
 * figures in another place (a and b, ordered by path and offset). `wrong-conversion`: a figure restated in
 * another unit wrongly within one statement (b is null).
 */
export interface FactConflict {
  kind: 'numeric-mismatch' | 'wrong-conversion' | string;
  a: FactSpan;
  b: FactSpan | null;
  /** The difference seen from a: "'160 miles' where this has '62 miles'". */
  detail: string;
  /** The difference seen from b (numeric mismatches only). */
  detailForB?: string;
}

/**
 * Two sentences state one fact when they share this much of their wording, figures aside, and no content
 * word of one stands where the other has another: templated sentences ("It takes 1,237 delegates to win
 * the Republican nomination" / "… 2,383 … Democratic …", "The margin of error is plus or minus …") share
 * most words but state different facts.
 */
const MIN_SHARED_RATIO = 0.75;
const MIN_SHARED_CONTENT = 6;
/** Hedges may change between reports of one figure ("about 100 km" / "nearly 100 km"). */
const HEDGES = new Set(['about', 'around', 'nearly', 'almost', 'roughly', 'some', 'approximately', 'more', 'than', 'over', 'under', 'least', 'less', 'up', 'just', 'only', 'estimated']);
const LOOKUP_TERMS = 4;
const MAX_POSTING = 5000;
const MAX_CANDIDATES = 30;
/** Conflicts listed per statement at most (a sentence copied into many files with other figures). */
const MAX_PARTNERS = 20;

interface StatementClass {
  id: number;
  key: string;
  words: string[];
  terms: string[];
  /** How many statements are worded so (the class goes with the last). */
  size: number;
  /**
   * Members by their figures as written (values and units), each list in the order added: a sentence
   * reprinted in many files mostly carries the same figures, and two statements with the same figures
   * never conflict, so a statement is compared with one member of each other figure set instead of with
   * every copy.
   */
  byFigures: Map<string, Statement[]>;
  /** Near-identical classes, with the alignment from this class to that one. */
  links: Map<number, AlignOp[]>;
}

function compareSpans(x: FactSpan, y: FactSpan): number {
  return x.path < y.path ? -1 : x.path > y.path ? 1 : x.start - y.start;
}

/** The figure that heads a "100 km (62 miles)" group, and the group's span. */
function groupSpan(s: Statement, q: Quantity): FactSpan {
  const { quantities, start, text } = s.sentence;
  const head = quantities.find((h) => h.conversion === q) ?? q;
  const end = head.groupEnd ?? head.end;
  return { path: s.path, start: s.base + head.start, end: s.base + end, text: text.slice(head.start - start, end - start) };
}

function spanOf(s: Statement, q: Quantity): FactSpan {
  return groupSpan(s, q);
}

/**
 * Statements with figures across the workspace, matched to find the same fact reported with other
 * figures, plus conversions that do not hold. Incremental per file, like the quotation matcher.
 */
export class FactIndex {
  private readonly classes = new Map<number, StatementClass>();
  /** Classes by their words joined (a statement's class is found by its sentence's key). */
  private readonly byKey = new Map<string, StatementClass>();
  private readonly postings = new Postings<string>();
  private readonly files = new Map<string, Statement[]>();
  private nextId = 1;

  private bulk = false;

  /** Cold indexing: until `endBulk`, `setFile` does not work out which files changed. */
  beginBulk(): void {
    this.bulk = true;
  }

  endBulk(): void {
    this.bulk = false;
  }

  /** Re-indexes one file's text. Returns the files whose conflicts changed (sorted). */
  setFile(path: string, text: string): string[] {
    const touched = new Set<string>([path]);
    const track = !this.bulk;
    if (track) for (const c of this.conflictsForFile(path)) {
      touched.add(c.a.path);
      if (c.b) touched.add(c.b.path);
    }
    for (const s of this.files.get(path) ?? []) this.detach(s);
    const statements = statementsOf(path, text);
    if (statements.length > 0) this.files.set(path, statements);
    else this.files.delete(path);
    for (const s of statements) this.attach(s);
    if (track) for (const c of this.conflictsForFile(path)) {
      touched.add(c.a.path);
      if (c.b) touched.add(c.b.path);
    }
    return [...touched].sort();
  }

  removeFile(path: string): string[] {
    return this.files.has(path) ? this.setFile(path, '') : [];
  }

  conflicts(): FactConflict[] {
    const out: FactConflict[] = [];
    const seen = new Set<string>();
    for (const statements of this.files.values()) for (const s of statements) this.collect(s, out, seen);
    return out.sort((x, y) => compareSpans(x.a, y.a) || (x.b && y.b ? compareSpans(x.b, y.b) : x.b ? 1 : y.b ? -1 : 0));
  }

  conflictsForFile(path: string): FactConflict[] {
    const out: FactConflict[] = [];
    const seen = new Set<string>();
    for (const s of this.files.get(path) ?? []) this.collect(s, out, seen);
    return out.sort((x, y) => compareSpans(x.a, y.a) || (x.b && y.b ? compareSpans(x.b, y.b) : 0));
  }

  /** Counts for benchmarks and logs. */
  stats(): { files: number; statements: number; distinctStatements: number } {
    let statements = 0;
    for (const list of this.files.values()) statements += list.length;
    return { files: this.files.size, statements, distinctStatements: this.classes.size };
  }

  private attach(s: Statement): void {
    const { key, words, figures } = s.sentence;
    let cls = this.byKey.get(key);
    if (!cls) {
      const terms = [...new Set(words.filter((w) => !isPlaceholder(w) && isContentNorm(w)))];
      cls = { id: this.nextId++, key, words, terms, size: 0, byFigures: new Map(), links: new Map() };
      this.link(cls);
      this.classes.set(cls.id, cls);
      this.byKey.set(key, cls);
      this.postings.add(cls.id, terms);
    }
    cls.size++;
    const bucket = cls.byFigures.get(figures);
    if (bucket) bucket.push(s);
    else cls.byFigures.set(figures, [s]);
  }

  private detach(s: Statement): void {
    const { key, figures } = s.sentence;
    const cls = this.byKey.get(key);
    const bucket = cls?.byFigures.get(figures);
    const at = bucket?.indexOf(s) ?? -1;
    if (!cls || !bucket || at < 0) return;
    bucket.splice(at, 1);
    if (bucket.length === 0) cls.byFigures.delete(figures);
    if (--cls.size > 0) return;
    this.classes.delete(cls.id);
    this.byKey.delete(cls.key);
    this.postings.remove(cls.id, cls.terms);
    for (const other of cls.links.keys()) this.classes.get(other)?.links.delete(cls.id);
  }

  /** Finds near-identical statement classes through rare shared words and links them. */
  private link(cls: StatementClass): void {
    const byRarity = cls.terms
      .map((t) => ({ t, df: this.postings.frequency(t) }))
      .filter((x) => x.df > 0 && x.df <= MAX_POSTING)
      .sort((x, y) => x.df - y.df);
    // Reports of one fact share most of their words, so a few of the rarest are enough to find them.
    const used = byRarity.slice(0, LOOKUP_TERMS);
    const counts = new Map<number, number>();
    for (const { t } of used) for (const id of this.postings.get(t)!) counts.set(id, (counts.get(id) ?? 0) + 1);
    const need = Math.min(2, used.length);
    const candidates = [...counts].filter(([, n]) => n >= need).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, MAX_CANDIDATES);
    const mine = new Set(cls.terms);
    for (const [id] of candidates) {
      const other = this.classes.get(id)!;
      // Most candidates share a rare word or two and nothing else: rule them out before aligning.
      let shared = 0;
      for (const t of other.terms) if (mine.has(t)) shared++;
      if (shared < MIN_SHARED_CONTENT || shared < MIN_SHARED_RATIO * Math.max(mine.size, other.terms.length) - 2) continue;
      const ops = alignWords(cls.words, other.words);
      if (!sameFact(ops, cls.words, other.words)) continue;
      cls.links.set(id, ops);
      other.links.set(cls.id, ops.map((o) => ({ ...o, aStart: o.bStart, aEnd: o.bEnd, bStart: o.aStart, bEnd: o.aEnd })));
    }
  }

  /** Conflicts of statement s (with others, and its own conversions), each added once. */
  private collect(s: Statement, out: FactConflict[], seen: Set<string>): void {
    for (const q of s.sentence.quantities) {
      if (!q.conversion || conversionHolds(q, q.conversion)) continue;
      const a = groupSpan(s, q);
      const id = `w\u0000${a.path}\u0000${a.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({
        kind: 'wrong-conversion', a, b: null,
        detail: `${q.text} is about ${expectedConversion(q, q.conversion)}, not ${q.conversion.text}`,
      });
    }
    const cls = this.byKey.get(s.sentence.key);
    if (!cls) return;
    let partners = 0;
    const mine = s.sentence.figures;
    const consider = (bucket: readonly Statement[], ops: AlignOp[] | null) => {
      let differing: Array<[Quantity, number]> | undefined;
      for (const t of bucket) {
        // The issue is one report against another: within one file, a figure that changes is usually news
        // (a live blog's updated count, a numbered list), not an inconsistency.
        if (partners >= MAX_PARTNERS) return;
        if (t.path === s.path) continue;
        // Every member of a bucket has the same figures in the same places: one comparison serves all.
        differing ??= differingFigures(s, t, ops).map(([a, b]) => [a, t.sentence.quantities.indexOf(b)]);
        if (differing.length === 0) return;
        partners++;
        for (const conflict of mismatchConflicts(s, t, differing.map(([a, k]) => [a, t.sentence.quantities[k]]))) {
          const id = `m\u0000${conflict.a.path}\u0000${conflict.a.start}\u0000${conflict.b!.path}\u0000${conflict.b!.start}`;
          if (seen.has(id)) continue;
          seen.add(id);
          out.push(conflict);
        }
      }
    };
    for (const [sig, bucket] of cls.byFigures) if (sig !== mine) consider(bucket, null);
    for (const [id, ops] of cls.links) for (const bucket of this.classes.get(id)?.byFigures.values() ?? []) consider(bucket, ops);
  }
}

function sameFact(ops: AlignOp[], a: string[], b: string[]): boolean {
  let shared = 0;
  let sharedContent = 0;
  let sharedFigures = 0;
  const substantive = (w: string) => !isPlaceholder(w) && isContentNorm(w) && !HEDGES.has(w);
  for (const op of ops) {
    if (op.type === 'replace' && a.slice(op.aStart, op.aEnd).some(substantive) && b.slice(op.bStart, op.bEnd).some(substantive)) {
      return false;
    }
    if (op.type !== 'equal') continue;
    shared += op.aEnd - op.aStart;
    for (let i = op.aStart; i < op.aEnd; i++) {
      if (isPlaceholder(a[i])) sharedFigures++;
      else if (isContentNorm(a[i])) sharedContent++;
    }
  }
  return sharedFigures > 0 && sharedContent >= MIN_SHARED_CONTENT && shared / Math.max(a.length, b.length) >= MIN_SHARED_RATIO;
}

/** Figure pairs that stand in the same place of both sentences and disagree. */
function differingFigures(s: Statement, t: Statement, ops: AlignOp[] | null): Array<[Quantity, Quantity]> {
  const out: Array<[Quantity, Quantity]> = [];
  const x = s.sentence;
  const y = t.sentence;
  const check = (i: number, j: number) => {
    const qi = x.slots[i];
    const qj = y.slots[j];
    if (qi < 0 || qj < 0) return;
    const a = x.quantities[qi];
    const b = y.quantities[qj];
    if (!sameFigure(a, b)) out.push([a, b]);
  };
  if (!ops) {
    for (let i = 0; i < x.slots.length; i++) check(i, i);
  } else {
    for (const op of ops) if (op.type === 'equal') for (let k = 0; k < op.aEnd - op.aStart; k++) check(op.aStart + k, op.bStart + k);
  }
  return out;
}

/** One conflict per "100 km (62 miles)" group that differs, ordered so a comes first. */
function mismatchConflicts(s: Statement, t: Statement, differing: Array<[Quantity, Quantity]>): FactConflict[] {
  const byGroup = new Map<number, { sa: FactSpan; tb: FactSpan; mine: string[]; theirs: string[] }>();
  for (const [qa, qb] of differing) {
    const sa = spanOf(s, qa);
    const entry = byGroup.get(sa.start) ?? { sa, tb: spanOf(t, qb), mine: [], theirs: [] };
    entry.mine.push(qa.text);
    entry.theirs.push(qb.text);
    byGroup.set(sa.start, entry);
  }
  const out: FactConflict[] = [];
  for (const { sa, tb, mine, theirs } of byGroup.values()) {
    const fromS = describeFigures(theirs, mine);
    const fromT = describeFigures(mine, theirs);
    out.push(compareSpans(sa, tb) <= 0
      ? { kind: 'numeric-mismatch', a: sa, b: tb, detail: fromS, detailForB: fromT }
      : { kind: 'numeric-mismatch', a: tb, b: sa, detail: fromT, detailForB: fromS });
  }
  return out;
}

function describeFigures(other: string[], mine: string[]): string {
  return other.map((o, i) => `'${o}' where this has '${mine[i]}'`).join('; ');
}
