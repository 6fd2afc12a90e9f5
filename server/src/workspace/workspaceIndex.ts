/**
 * The workspace index: every analysed file's quotations, fed to one matcher and one fact index shared
 * by all workspace folders. Plain TypeScript (no protocol imports) so that the language server, the
 * CLI's `check` and the bench drive the same code.
 *
 * Updates are incremental: `setFile` re-analyses one file and returns the files whose results may have
 * changed (the file itself and every file that shared a match group or a fact conflict with it before or
 * after), so a caller re-publishes only those. Work per edit is proportional to the edited file and its
 * matches, provided the matcher's `groupsForFile` / fact index's `conflictsForFile` are indexed by file.
 */
import * as path from 'node:path';
import type { Quotation } from '../engine/types';
import { createAnalyzers } from './analyzers';
import type { Analyzers, MatchGroup, FactConflict } from './analyzers';

export interface IndexedFile {
  path: string;
  /** The quotations found (empty when analysis failed): a fresh array on each read, so read it once. */
  readonly quotes: Quotation[];
  /** Offsets of line starts, for offset → line/character conversion. */
  lineStarts: Uint32Array;
  textLength: number;
  /** Short human label for messages: "Reuters file 002". */
  label: string;
  /** Where the text came from: the disk or an editor buffer. */
  source: 'disk' | 'editor';
  /** A decoding note ("decoded as Windows-1252"), if any. */
  note?: string;
  /** Set when analysis threw: one line, with the file name. */
  error?: string;
}

export interface FileResults {
  groups: MatchGroup[];
  conflicts: FactConflict[];
}

export interface UpdateResult {
  /** Files whose results may have changed, the updated file first. Empty inside a bulk update. */
  affected: string[];
  /** Set when analysing the file failed (the file is kept with no results). */
  error?: string;
}

export interface IndexStats {
  files: number;
  quotes: number;
  groups: number;
  conflicts: number;
}

export interface WorkspaceIndexOptions {
  analyzers?: Analyzers;
  /** Called with one-line messages (analysis failures). */
  log?: (message: string) => void;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, StoredFile>();
  private readonly analyzers: Analyzers;
  private readonly log: (message: string) => void;
  private bulk = 0;

  constructor(opts: WorkspaceIndexOptions = {}) {
    this.analyzers = opts.analyzers ?? createAnalyzers();
    this.log = opts.log ?? (() => undefined);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  file(file: string): IndexedFile | undefined {
    return this.files.get(file);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Starts a bulk update (cold indexing): `setFile` / `removeFile` skip computing affected files.
   * Nested calls are counted; `endBulk` returns every indexed file.
   */
  beginBulk(): void {
    if (this.bulk++ === 0) {
      safely(() => this.analyzers.matcher.beginBulk?.());
      safely(() => this.analyzers.facts.beginBulk?.());
    }
  }

  endBulk(): string[] {
    if (this.bulk > 0) this.bulk--;
    if (this.bulk === 0) {
      safely(() => this.analyzers.matcher.endBulk?.());
      safely(() => this.analyzers.facts.endBulk?.());
      this.invalidateAll();
    }
    return this.paths();
  }

  /** Analyses `text` as the content of the file at `filePath` and updates the matcher and the fact index. */
  setFile(filePath: string, text: string, opts: { source?: 'disk' | 'editor'; note?: string } = {}): UpdateResult {
    const file = this.ownPath(filePath);
    const tracking = this.bulk === 0;
    const beforeM = tracking && this.matcherReports !== true ? this.matchNeighbours(file) : undefined;
    const beforeF = tracking && this.factsReport !== true ? this.factNeighbours(file) : undefined;
    const touched = new Set<string>([file]);
    let quotes: Quotation[] = [];
    let known = true;
    let error: string | undefined;
    try {
      ({ quotes, known } = this.strings.detach(this.analyzers.findQuotations(text)));
    } catch (err) {
      error = `Quotation analysis failed for ${path.basename(file)}: ${oneLine(err)}`;
    }
    try {
      this.note(touched, 'matcher', this.analyzers.matcher.setFile(file, quotes));
    } catch (err) {
      error = error ?? `Matching failed for ${path.basename(file)}: ${oneLine(err)}`;
      quotes = [];
      safely(() => this.note(touched, 'matcher', this.analyzers.matcher.removeFile(file)));
    }
    try {
      this.note(touched, 'facts', this.analyzers.facts.setFile(file, text));
    } catch (err) {
      const msg = `Fact analysis failed for ${path.basename(file)}: ${oneLine(err)}`;
      error = error ? `${error}; ${msg}` : msg;
      safely(() => this.note(touched, 'facts', this.analyzers.facts.removeFile(file)));
    }
    if (error) this.log(error);
    this.quoteTotal += quotes.length - (this.files.get(file)?.quoteCount ?? 0);
    this.files.set(file, new StoredFile(file, packQuotes(quotes, known), computeLineStarts(text), text.length, fileLabel(file, text), opts.source ?? 'disk', opts.note, error));
    if (!tracking) return { affected: [], error };
    const affected = this.affected(file, touched, beforeM, beforeF);
    this.invalidate(affected);
    return { affected, error };
  }

  /**
   * The index's copy of a file's path (the same for every update of the file), which the matcher and the
   * fact index keep in every quotation and statement and compare in every file's results: a caller's path
   * may be a concatenation, which V8 keeps as a tree of parts and compares a character at a time.
   */
  private ownPath(file: string): string {
    return this.files.get(file)?.path ?? flatCopy(file);
  }

  /** Drops a file from the index. */
  removeFile(file: string): UpdateResult {
    if (!this.files.has(file)) return { affected: [] };
    const tracking = this.bulk === 0;
    const beforeM = tracking && this.matcherReports !== true ? this.matchNeighbours(file) : undefined;
    const beforeF = tracking && this.factsReport !== true ? this.factNeighbours(file) : undefined;
    const touched = new Set<string>([file]);
    safely(() => this.note(touched, 'matcher', this.analyzers.matcher.removeFile(file)));
    safely(() => this.note(touched, 'facts', this.analyzers.facts.removeFile(file)));
    this.quoteTotal -= this.files.get(file)?.quoteCount ?? 0;
    this.files.delete(file);
    if (!tracking) return { affected: [] };
    const affected = this.affected(file, touched, beforeM, beforeF);
    this.invalidate(affected);
    return { affected };
  }

  /** Whether the matcher / fact index return the files they touched (learnt from the first call). */
  private matcherReports: boolean | undefined;
  private factsReport: boolean | undefined;

  private note(touched: Set<string>, which: 'matcher' | 'facts', ret: string[] | void): void {
    const reports = Array.isArray(ret);
    if (which === 'matcher') this.matcherReports ??= reports;
    else this.factsReport ??= reports;
    if (reports) for (const p of ret) touched.add(p);
  }

  private affected(file: string, touched: Set<string>, beforeM?: Set<string>, beforeF?: Set<string>): string[] {
    const out = new Set<string>([file]);
    for (const p of touched) out.add(p);
    if (beforeM) {
      for (const p of beforeM) out.add(p);
      for (const p of this.matchNeighbours(file)) out.add(p);
    }
    if (beforeF) {
      for (const p of beforeF) out.add(p);
      for (const p of this.factNeighbours(file)) out.add(p);
    }
    // Only files still or formerly in the index matter.
    return [...out];
  }

  /**
   * The match groups with a member in `file` and the fact conflicts with a side in it. Cached from the
   * second read on, until an update lists the file as affected (every file after a bulk update): the
   * first read after a change is mostly the one that publishes the file's diagnostics, and caching the
   * results of every file of a workspace as they are published kept each of them alive long enough to
   * be promoted to the old generation, which made that pass the peak of a cold index's memory. Hovers,
   * lenses and tokens read an open file's results again and again, and find them cached.
   */
  resultsForFile(file: string): FileResults {
    if (!this.files.has(file)) return { groups: [], conflicts: [] };
    const hit = this.cache.get(file);
    if (hit && this.bulk === 0) {
      // Most recently used last.
      this.cache.delete(file);
      this.cache.set(file, hit);
      return hit;
    }
    const results: FileResults = {
      groups: this.tryGet(() => this.analyzers.matcher.groupsForFile(file), file),
      conflicts: this.tryGet(() => this.analyzers.facts.conflictsForFile(file), file),
    };
    if (this.bulk === 0) {
      // Counted once, by the file of the group's first member / the conflict's side a.
      // A file sees its part of each group (members sorted by place), so a group is counted by the file
      // of its first member and a pair by the file of its side a.
      let groups = 0;
      let conflicts = 0;
      for (const g of results.groups) {
        if (g.members[0]?.path === file) groups++;
        for (const p of g.pairs) if (p.relation === 'conflict' && g.members[p.a]?.path === file) conflicts++;
      }
      for (const c of results.conflicts) if (c.a.path === file) conflicts++;
      const old = this.counts.get(file);
      if (old) {
        this.groupTotal -= old.groups;
        this.conflictTotal -= old.conflicts;
        // Read before since the file's results changed: it is in use, so keep them.
        this.cache.set(file, results);
        // Results are recomputed cheaply per file; only the recently used are kept (hovers, lenses).
        if (this.cache.size > RESULTS_CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      }
      this.counts.set(file, { groups, conflicts });
      this.groupTotal += groups;
      this.conflictTotal += conflicts;
    }
    return results;
  }

  /** Every match group (computed in full: for reports, not for the edit path). */
  groups(): MatchGroup[] {
    return this.tryGet(() => this.analyzers.matcher.groups(), '');
  }

  /** Every fact conflict (computed in full). */
  conflicts(): FactConflict[] {
    return this.tryGet(() => this.analyzers.facts.conflicts(), '');
  }

  /**
   * Counts, kept incrementally: only files whose results are not cached are looked at (none after the
   * server has published an update's affected files).
   */
  stats(): IndexStats {
    if (this.counts.size < this.files.size) for (const p of this.files.keys()) if (!this.counts.has(p)) this.resultsForFile(p);
    return { files: this.files.size, quotes: this.quoteTotal, groups: this.groupTotal, conflicts: this.conflictTotal };
  }

  private readonly cache = new Map<string, FileResults>();
  /** Per-file counts behind `stats`, kept for every file whose results were computed since it changed. */
  private readonly counts = new Map<string, { groups: number; conflicts: number }>();
  private readonly strings = new StringPool();
  private quoteTotal = 0;
  private groupTotal = 0;
  private conflictTotal = 0;

  private invalidate(paths: Iterable<string>): void {
    for (const p of paths) {
      this.cache.delete(p);
      const hit = this.counts.get(p);
      if (!hit) continue;
      this.groupTotal -= hit.groups;
      this.conflictTotal -= hit.conflicts;
      this.counts.delete(p);
    }
  }

  private invalidateAll(): void {
    this.cache.clear();
    this.counts.clear();
    this.groupTotal = 0;
    this.conflictTotal = 0;
  }

  /** Files sharing a match group with `file`. */
  private matchNeighbours(file: string): Set<string> {
    const out = new Set<string>();
    if (!this.files.has(file)) return out;
    for (const g of this.tryGet(() => this.analyzers.matcher.groupsForFile(file), file)) for (const m of g.members) out.add(m.path);
    return out;
  }

  /** Files sharing a fact conflict with `file`. */
  private factNeighbours(file: string): Set<string> {
    const out = new Set<string>();
    if (!this.files.has(file)) return out;
    for (const c of this.tryGet(() => this.analyzers.facts.conflictsForFile(file), file)) {
      out.add(c.a.path);
      if (c.b) out.add(c.b.path);
    }
    return out;
  }

  private tryGet<T>(fn: () => T[], file: string): T[] {
    try {
      return fn();
    } catch (err) {
      this.log(`Reading results${file ? ` for ${path.basename(file)}` : ''} failed: ${oneLine(err)}`);
      return [];
    }
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    /* the engine's state for this file is dropped either way */
  }
}

const RESULTS_CACHE_LIMIT = 256;
const STRING_POOL_LIMIT = 200_000;

/** Short fields of a quotation (see StringPool.short). */
const SPEAKER = 0;
const SPEAKER_ID = 1;
const MENTION = 2;
const CUE = 3;

/** A flat copy of a string: concatenation then slicing makes V8 copy the characters into one string. */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * Own copies of the strings of a file's quotations, shared between files. The extractor's strings are
 * slices of the file's text, and V8 keeps a whole text alive for any slice of it: without copies the index
 * would hold every file's text; with them, a quotation reprinted in many files is stored once.
 */
class StringPool {
  private readonly pool = new Map<string, string>();

  /**
   * The quotations with own copies of their strings, and whether all have the known shape (see
   * packQuotes). Short strings too: V8 copies short slices anyway, and 150k copies of "said" add up.
   */
  detach(found: Quotation[]): { quotes: Quotation[]; known: boolean } {
    const known = found.every(packable);
    return { quotes: found.map((q) => (known ? this.detachKnown(q) : this.detachAll(q))), known };
  }

  /**
   * A quotation of the known shape, copied field by field (its enum fields take the shared values of
   * packQuotes, and a mention that is the speaker's name the speaker's copy): copying every string
   * field through the pool was the largest part of the index's own time.
   */
  private detachKnown(q: Quotation): Quotation {
    const speaker = this.short(SPEAKER, q.speaker);
    return {
      kind: sharedValue(q.kind),
      text: this.copy(q.text),
      start: q.start,
      end: q.end,
      speaker,
      speaker_id: this.short(SPEAKER_ID, q.speaker_id),
      speaker_mention: q.speaker_mention === q.speaker ? speaker : this.short(MENTION, q.speaker_mention),
      mention_start: q.mention_start,
      mention_end: q.mention_end,
      mention_type: sharedValue(q.mention_type),
      attribution: sharedValue(q.attribution),
      cue: this.short(CUE, q.cue),
      cue_start: q.cue_start,
      cue_end: q.cue_end,
    };
  }

  /** The copy of each short field's last value: a file often quotes one speaker, with one cue, in a row. */
  private readonly last: Array<string | null> = [null, null, null, null];

  /** A copy of a short field's value (speaker, cue): the previous quotation's when it reads the same. */
  private short(field: number, s: string | null): string | null {
    if (s === null) return null;
    if (s !== this.last[field]) this.last[field] = this.copy(s);
    return this.last[field];
  }

  /** Any object, with every string field copied. */
  private detachAll<T extends object>(q: T): T {
    const out = { ...q } as Record<string, unknown>;
    for (const k of Object.keys(out)) {
      const v = out[k];
      if (typeof v === 'string') out[k] = this.copy(v);
    }
    return out as T;
  }

  private copy(s: string): string {
    let c = this.pool.get(s);
    if (c === undefined) {
      // A copy that does not point into the file's text.
      c = flatCopy(s);
      if (this.pool.size >= STRING_POOL_LIMIT) this.pool.clear();
      this.pool.set(c, c);
    }
    return c;
  }
}

/**
 * A file's quotations packed into one typed array of numbers and one array of (pooled) strings:
 * ~150k quotation objects of 14 fields were the largest part of a big workspace's index. Readers get
 * plain `Quotation` objects, made on each read of `quotes` (a file's few dozen, for a hover or a lens).
 */
interface PackedQuotes {
  count: number;
  /** Per quotation: start, end, mention_start, mention_end, cue_start, cue_end (-1 for null), codes. */
  nums: Int32Array;
  /** Per quotation: text, speaker, speaker_id, speaker_mention, cue. */
  strs: Array<string | null>;
  /** Set instead when a quotation does not fit the packing (a field this code does not know). */
  plain?: Quotation[];
}

const NUMS = 7;
const STRS = 5;
const QUOTATION_KEYS = new Set([
  'kind', 'text', 'start', 'end', 'speaker', 'speaker_id', 'speaker_mention', 'mention_start', 'mention_end',
  'mention_type', 'attribution', 'cue', 'cue_start', 'cue_end',
]);
/** The enum fields' values (kind, mention_type, attribution), numbered as first seen. */
const CODE_OF = new Map<string, number>();
const CODE_VALUES: string[] = [];

function codeOf(v: string): number {
  let c = CODE_OF.get(v);
  if (c === undefined) {
    // An own copy, as key and value: the value may be a slice of a file's text.
    const own = flatCopy(v);
    c = CODE_VALUES.push(own) - 1;
    CODE_OF.set(own, c);
  }
  return c;
}

/** One string for every occurrence of an enum field's value. */
function sharedValue<T extends string>(v: T): T {
  return CODE_VALUES[codeOf(v)] as T;
}

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
const isNullableOffset = (v: unknown): boolean => v === null || isOffset(v);
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';

function packable(q: Quotation): boolean {
  if (typeof q !== 'object' || q === null) return false;
  const keys = Object.keys(q);
  return keys.length === QUOTATION_KEYS.size && keys.every((k) => QUOTATION_KEYS.has(k)) &&
    typeof q.kind === 'string' && typeof q.mention_type === 'string' && typeof q.attribution === 'string' &&
    typeof q.text === 'string' && isOffset(q.start) && isOffset(q.end) &&
    isNullableOffset(q.mention_start) && isNullableOffset(q.mention_end) && isNullableOffset(q.cue_start) && isNullableOffset(q.cue_end) &&
    isNullableString(q.speaker) && isNullableString(q.speaker_id) && isNullableString(q.speaker_mention) && isNullableString(q.cue);
}

/** `known`: whether every quotation is packable (as the string pool found them). */
function packQuotes(quotes: Quotation[], known = quotes.every(packable)): PackedQuotes {
  const count = quotes.length;
  if (!known) return { count, nums: EMPTY_NUMS, strs: [], plain: quotes };
  const nums = count === 0 ? EMPTY_NUMS : new Int32Array(count * NUMS);
  const strs = new Array<string | null>(count * STRS);
  for (let i = 0; i < count; i++) {
    const q = quotes[i];
    const n = i * NUMS;
    nums[n] = q.start;
    nums[n + 1] = q.end;
    nums[n + 2] = q.mention_start ?? -1;
    nums[n + 3] = q.mention_end ?? -1;
    nums[n + 4] = q.cue_start ?? -1;
    nums[n + 5] = q.cue_end ?? -1;
    nums[n + 6] = codeOf(q.kind) | (codeOf(q.mention_type) << 10) | (codeOf(q.attribution) << 20);
    const s = i * STRS;
    strs[s] = q.text;
    strs[s + 1] = q.speaker;
    strs[s + 2] = q.speaker_id;
    strs[s + 3] = q.speaker_mention;
    strs[s + 4] = q.cue;
  }
  return { count, nums, strs };
}

const EMPTY_NUMS = new Int32Array(0);
const orNull = (v: number): number | null => (v < 0 ? null : v);

function unpackQuotes(p: PackedQuotes): Quotation[] {
  if (p.plain) return p.plain.map((q) => ({ ...q }));
  const { nums, strs } = p;
  const out: Quotation[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const n = i * NUMS;
    const s = i * STRS;
    const codes = nums[n + 6];
    out[i] = {
      kind: CODE_VALUES[codes & 0x3ff] as Quotation['kind'],
      text: strs[s] as string,
      start: nums[n],
      end: nums[n + 1],
      speaker: strs[s + 1],
      speaker_id: strs[s + 2],
      speaker_mention: strs[s + 3],
      mention_start: orNull(nums[n + 2]),
      mention_end: orNull(nums[n + 3]),
      mention_type: CODE_VALUES[(codes >> 10) & 0x3ff] as Quotation['mention_type'],
      attribution: CODE_VALUES[(codes >> 20) & 0x3ff] as Quotation['attribution'],
      cue: strs[s + 4],
      cue_start: orNull(nums[n + 4]),
      cue_end: orNull(nums[n + 5]),
    };
  }
  return out;
}

/** An indexed file; its quotations are packed (see PackedQuotes), so each read of `quotes` is a fresh array. */
class StoredFile implements IndexedFile {
  constructor(
    readonly path: string,
    private readonly packed: PackedQuotes,
    readonly lineStarts: Uint32Array,
    readonly textLength: number,
    readonly label: string,
    readonly source: 'disk' | 'editor',
    readonly note: string | undefined,
    readonly error: string | undefined,
  ) {}

  get quotes(): Quotation[] {
    return unpackQuotes(this.packed);
  }

  get quoteCount(): number {
    return this.packed.count;
  }
}

/** The first line of an error's message (never a stack). */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 300);
}

export function computeLineStarts(text: string): Uint32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Uint32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** Zero-based line and UTF-16 character of an offset. */
export function offsetToPosition(lineStarts: Uint32Array, offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

/** A dateline credit: "MOSCOW (Reuters) -". */
const DATELINE_RE = /\((Reuters|AP|AFP|dpa|UPI|Bloomberg|Xinhua|TASS|Interfax|CNN|BBC|VOA)\)/;
/** An outlet named in the header (the first few lines). */
const HEADER_RE = /\b(Associated Press|Agence France-Presse|Reuters|Washington Post|New York Times|Stars and Stripes|Voice of America|VOA)\b/;

/**
 * A short label for a file in messages: the outlet when the opening text names one ("Reuters"),
 * then "file 002" for names starting with a number, else the base name: "Reuters file 002".
 */
export function fileLabel(file: string, text: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const num = /^(\d+)[-_ .]/.exec(base + ' ');
  const name = num ? `file ${num[1]}` : `file ${base.length > 40 ? base.slice(0, 39) + '…' : base}`;
  const m = DATELINE_RE.exec(text.slice(0, 1500)) ?? HEADER_RE.exec(text.slice(0, 300));
  const outlet = m ? m[1].replace(/^Voice of America$/, 'VOA') : undefined;
  return outlet ? `${outlet} ${name}` : name;
}
