/**
 * Properties the fuzz harness checks on every input (scripts/fuzz.ts, test/engine/fuzz.test.ts):
 * - `findQuotations` never throws;
 * - every offset is an integer inside the text, start <= end, and `text.slice(start, end)` equals the
 *   quote's text (and the speaker mention's and the cue's when they are non-null);
 * - the matcher (`QuoteMatcher`) and the fact index (`FactIndex`), fed a small rolling workspace of recent
 *   inputs, never throw and report members / spans whose offsets and text agree with their file;
 * - time: CPU milliseconds per 10 KB of input (inputs under 10 KB count as 10 KB, so fixed costs and
 *   timer noise on tiny inputs do not dominate); the caller decides what is too slow. CPU time
 *   (`process.cpuUsage`, this process) rather than wall time, so that a machine shared with other jobs
 *   does not make a linear input look quadratic; wall time is kept too.
 */
import { findQuotations } from '../../server/src/engine/index';
import type { Quotation } from '../../server/src/engine/types';
import { QuoteMatcher } from '../../server/src/engine/matching/index';
import { FactIndex } from '../../server/src/engine/facts/index';

export interface Violation {
  /** `exception` | `offsets` | `slice` | `matcher-exception` | `matcher-offsets` | `facts-exception` | `facts-offsets` | `time` | `hang` */
  property: string;
  message: string;
  stack?: string;
}

const KINDS = new Set(['direct', 'partial', 'unmarked', 'indirect', 'scare']);
const MENTION_TYPES = new Set(['name', 'pronoun', 'nominal', 'none']);
const ATTRIBUTIONS = new Set(['explicit', 'continuation', 'carried', 'headline', 'implicit', 'none']);

export const KB10 = 10 * 1024;

/** Milliseconds per 10 KB, inputs under 10 KB counted as 10 KB. */
export function msPer10KB(ms: number, length: number): number {
  return (ms * KB10) / Math.max(length, KB10);
}

function isOffset(x: unknown, len: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= len;
}

function show(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** The first property a quotation list breaks, or null. */
export function checkQuotations(text: string, quotes: unknown): Violation | null {
  if (!Array.isArray(quotes)) return { property: 'offsets', message: `findQuotations returned ${typeof quotes}, not an array` };
  const len = text.length;
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k] as Quotation;
    const at = `quote ${k} (${q?.kind} ${q?.start}..${q?.end})`;
    if (!q || typeof q !== 'object') return { property: 'offsets', message: `quote ${k} is not an object` };
    if (!isOffset(q.start, len) || !isOffset(q.end, len) || q.start > q.end) {
      return { property: 'offsets', message: `${at}: start/end outside the text (length ${len})` };
    }
    if (typeof q.text !== 'string' || text.slice(q.start, q.end) !== q.text) {
      return { property: 'slice', message: `${at}: text.slice(start, end) = ${show(text.slice(q.start, q.end))} but quote.text = ${show(String(q.text))}` };
    }
    if (!KINDS.has(q.kind) || !MENTION_TYPES.has(q.mention_type) || !ATTRIBUTIONS.has(q.attribution)) {
      return { property: 'offsets', message: `${at}: unknown kind / mention_type / attribution (${q.kind} / ${q.mention_type} / ${q.attribution})` };
    }
    const spans: [string, string | null, number | null, number | null][] = [
      ['mention', q.speaker_mention, q.mention_start, q.mention_end],
      ['cue', q.cue, q.cue_start, q.cue_end],
    ];
    for (const [name, value, s, e] of spans) {
      if (s === null && e === null) continue;
      if (!isOffset(s, len) || !isOffset(e, len) || s > e) {
        return { property: 'offsets', message: `${at}: ${name} span ${s}..${e} outside the text (length ${len})` };
      }
      if (value !== null && text.slice(s, e) !== value) {
        return { property: 'slice', message: `${at}: ${name} text.slice(${s}, ${e}) = ${show(text.slice(s, e))} but ${name} = ${show(String(value))}` };
      }
    }
  }
  return null;
}

function violationOf(property: string, err: unknown): Violation {
  const e = err instanceof Error ? err : new Error(String(err));
  return { property, message: `${e.name}: ${e.message.split('\n')[0]}`, stack: e.stack };
}

/** CPU milliseconds (user + system) of this process since `since`. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

export interface QuoteRun {
  quotes: Quotation[];
  /** CPU milliseconds. */
  ms: number;
  wallMs: number;
  violation: Violation | null;
}

/** Runs `findQuotations` once, timed, and checks its result. */
export function runQuotations(text: string): QuoteRun {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let quotes: Quotation[];
  try {
    quotes = findQuotations(text);
  } catch (err) {
    return { quotes: [], ms: cpuMsSince(c0), wallMs: performance.now() - t0, violation: violationOf('exception', err) };
  }
  const ms = cpuMsSince(c0);
  return { quotes, ms, wallMs: performance.now() - t0, violation: checkQuotations(text, quotes) };
}

/**
 * A small workspace of the most recent inputs, fed to one `QuoteMatcher` and one `FactIndex` as the
 * server does (files replaced in turn, the oldest removed), checked after each update.
 */
export class RollingWorkspace {
  matcher = new QuoteMatcher();
  facts = new FactIndex();
  private readonly texts = new Map<string, string>();
  private slot = 0;
  private updates = 0;

  constructor(private readonly slots = 8, private readonly fullCheckEvery = 500) {}

  /** Puts one input in the next slot (replacing that slot's file); returns the CPU time taken and a violation. */
  add(text: string, quotes: Quotation[]): { ms: number; violation: Violation | null } {
    const file = `/fuzz/slot-${this.slot}.txt`;
    this.slot = (this.slot + 1) % this.slots;
    this.updates++;
    const t0 = process.cpuUsage();
    try {
      // Every few updates the file is removed first, as on a delete-then-create from the watcher.
      if (this.updates % 7 === 0) this.matcher.removeFile(file);
      this.matcher.setFile(file, quotes);
    } catch (err) {
      this.reset();
      return { ms: cpuMsSince(t0), violation: violationOf('matcher-exception', err) };
    }
    this.texts.set(file, text);
    let violation: Violation | null = null;
    try {
      if (this.updates % 11 === 0) this.facts.removeFile(file);
      this.facts.setFile(file, text);
    } catch (err) {
      this.reset();
      return { ms: cpuMsSince(t0), violation: violationOf('facts-exception', err) };
    }
    const full = this.updates % this.fullCheckEvery === 0;
    try {
      violation = this.checkGroups(full ? this.matcher.groups() : this.matcher.groupsForFile(file));
    } catch (err) {
      violation = violationOf('matcher-exception', err);
    }
    if (!violation) {
      try {
        violation = this.checkConflicts(full ? this.facts.conflicts() : this.facts.conflictsForFile(file));
      } catch (err) {
        violation = violationOf('facts-exception', err);
      }
    }
    const ms = cpuMsSince(t0);
    if (violation) this.reset();
    return { ms, violation };
  }

  /** Starts again with an empty workspace (after a failure, so one bad state is reported once). */
  reset(): void {
    for (const f of this.texts.keys()) {
      try {
        this.matcher.removeFile(f);
        this.facts.removeFile(f);
      } catch {
        /* replaced below */
      }
    }
    this.matcher = new QuoteMatcher();
    this.facts = new FactIndex();
    this.texts.clear();
  }

  private spanViolation(property: string, what: string, s: { path: string; start: number; end: number; text: string }): Violation | null {
    const text = this.texts.get(s.path);
    if (text === undefined) return { property, message: `${what}: ${s.path} is not in the workspace` };
    if (!isOffset(s.start, text.length) || !isOffset(s.end, text.length) || s.start > s.end) {
      return { property, message: `${what}: ${s.path} ${s.start}..${s.end} outside the text (length ${text.length})` };
    }
    if (text.slice(s.start, s.end) !== s.text) {
      return { property, message: `${what}: ${s.path} text.slice(${s.start}, ${s.end}) = ${show(text.slice(s.start, s.end))} but text = ${show(s.text)}` };
    }
    return null;
  }

  private checkGroups(groups: ReturnType<QuoteMatcher['groups']>): Violation | null {
    for (const g of groups) {
      if (g.members.length < 2) return { property: 'matcher-offsets', message: `group ${g.id} has ${g.members.length} member(s)` };
      for (const m of g.members) {
        const v = this.spanViolation('matcher-offsets', `group ${g.id} member`, m);
        if (v) return v;
      }
      for (const p of g.pairs) {
        if (!(p.a >= 0 && p.a < g.members.length && p.b >= 0 && p.b < g.members.length && p.a !== p.b)) {
          return { property: 'matcher-offsets', message: `group ${g.id}: pair ${p.a}-${p.b} does not index two of its ${g.members.length} members` };
        }
      }
    }
    return null;
  }

  private checkConflicts(conflicts: ReturnType<FactIndex['conflicts']>): Violation | null {
    for (const c of conflicts) {
      const v = this.spanViolation('facts-offsets', `${c.kind} side a`, c.a) ?? (c.b ? this.spanViolation('facts-offsets', `${c.kind} side b`, c.b) : null);
      if (v) return v;
    }
    return null;
  }
}
