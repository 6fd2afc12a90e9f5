/**
 * The annotations of one workspace folder, kept in `.quotelens/annotations.json` so that a desk can read
 * and commit them. No editor imports: the language server drives it and the unit tests drive it directly.
 *
 * Safety rules (an editor's verdicts must never be lost):
 * - Every change is applied to the file as it is on disk at that moment (read, change one entry, write),
 *   under a lock file, so two windows writing at once both keep their entries.
 * - The new content goes to a temporary file in the same folder, is flushed, then renamed over the old
 *   one: a crash mid-write leaves the previous file intact.
 * - A file that cannot be parsed is reported with the position of the error and never overwritten;
 *   writes are refused until it is fixed or removed.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { annotationKey, normaliseFile } from './keys';
import type { QuoteIdentity } from './keys';

export type AnnotationStatus = 'verified' | 'disputed';

export interface Annotation extends QuoteIdentity {
  status?: AnnotationStatus;
  note?: string;
  /** Matches with these quotations are ignored (no diagnostic for that pair, in either file). */
  ignoredMatches?: QuoteIdentity[];
  /** Every match of this quotation is ignored. */
  ignoreAllMatches?: boolean;
  /** ISO time of the last change. */
  updated?: string;
  /** Fields written by a newer version are kept as they are. */
  [extra: string]: unknown;
}

export const ANNOTATIONS_DIR = '.quotelens';
export const ANNOTATIONS_FILE = 'annotations.json';
export const FILE_VERSION = 1;

/** The file exists but is not a valid annotations file. */
export class MalformedAnnotationsError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file} is not a valid Quote Lens annotations file: ${detail}. Fix or remove it; Quote Lens will not overwrite it.`);
    this.name = 'MalformedAnnotationsError';
  }
}

/** The file system calls the store makes (replaceable in tests to simulate crashes). */
export interface StoreFileSystem {
  /** The file's text, or undefined when it does not exist. */
  read(file: string): Promise<string | undefined>;
  /** Writes and flushes a new file. */
  writeDurably(file: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  mkdirp(dir: string): Promise<void>;
  /** Creates the file only if it does not exist; false when it does. */
  createExclusive(file: string, data: string): Promise<boolean>;
  /** Modification time in ms, or undefined when missing. */
  mtime(file: string): Promise<number | undefined>;
}

export const nodeFileSystem: StoreFileSystem = {
  async read(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  async writeDurably(file, data) {
    const h = await fsp.open(file, 'w');
    try {
      await h.writeFile(data, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async remove(file) {
    await fsp.rm(file, { force: true });
  },
  async mkdirp(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async createExclusive(file, data) {
    try {
      await fsp.writeFile(file, data, { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  },
  async mtime(file) {
    try {
      return (await fsp.stat(file)).mtimeMs;
    } catch {
      return undefined;
    }
  },
};

export interface StoreOptions {
  fs?: StoreFileSystem;
  now?: () => Date;
  /** A lock older than this is left over from a crashed writer and is taken over (ms). */
  staleLockMs?: number;
  /** Give up waiting for another writer's lock after this long (ms). */
  lockTimeoutMs?: number;
}

interface Parsed {
  /** Top-level fields other than `annotations`, kept on rewrite. */
  rest: Record<string, unknown>;
  entries: Annotation[];
}

export class AnnotationStore {
  readonly file: string;
  private readonly fs: StoreFileSystem;
  private readonly now: () => Date;
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;
  private byKey = new Map<string, Annotation>();
  private loadedText: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set while the file on disk is malformed. */
  error: MalformedAnnotationsError | undefined;
  /** Set to a reason to refuse every write (an untrusted workspace). */
  readOnlyReason: string | undefined;

  constructor(readonly folder: string, opts: StoreOptions = {}) {
    this.file = path.join(folder, ANNOTATIONS_DIR, ANNOTATIONS_FILE);
    this.fs = opts.fs ?? nodeFileSystem;
    this.now = opts.now ?? (() => new Date());
    this.staleLockMs = opts.staleLockMs ?? 10_000;
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 5_000;
  }

  /**
   * Reads the file again. Returns true when the annotations changed. A malformed file sets `error` and
   * keeps the last good annotations in memory (so hovers do not go blank while someone fixes it).
   */
  async load(): Promise<boolean> {
    const text = await this.fs.read(this.file);
    if (text === this.loadedText && !this.error) return false;
    let parsed: Parsed;
    try {
      parsed = parseAnnotations(text, this.file);
    } catch (err) {
      if (!(err instanceof MalformedAnnotationsError)) throw err;
      const changed = this.error?.message !== err.message;
      this.error = err;
      return changed;
    }
    this.error = undefined;
    this.loadedText = text;
    return this.setEntries(parsed.entries);
  }

  entries(): Annotation[] {
    return [...this.byKey.values()];
  }

  get(id: QuoteIdentity): Annotation | undefined {
    return this.byKey.get(annotationKey(id));
  }

  /**
   * Changes one quotation's annotation. `change` gets the entry as it is on disk now (not as this
   * window last saw it) and returns the new entry, or undefined to remove it. Returns the entry written.
   */
  update(id: QuoteIdentity, change: (current: Annotation | undefined) => Annotation | undefined): Promise<Annotation | undefined> {
    const run = this.queue.then(() => this.updateNow(id, change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async updateNow(id: QuoteIdentity, change: (current: Annotation | undefined) => Annotation | undefined): Promise<Annotation | undefined> {
    if (this.readOnlyReason) throw new Error(this.readOnlyReason);
    await this.fs.mkdirp(path.dirname(this.file));
    const release = await this.lock();
    try {
      const text = await this.fs.read(this.file);
      let parsed: Parsed;
      try {
        parsed = parseAnnotations(text, this.file);
      } catch (err) {
        if (err instanceof MalformedAnnotationsError) this.error = err;
        throw err;
      }
      const key = annotationKey(id);
      const at = parsed.entries.findIndex((e) => annotationKey(e) === key);
      const current = at >= 0 ? parsed.entries[at] : undefined;
      let next = change(current ? structuredClone(current) : undefined);
      if (next && isEmpty(next)) next = undefined;
      if (next) {
        next = cleanEntry({ ...next, file: normaliseFile(id.file), speaker: id.speaker ?? null, quote: next.quote ?? id.quote, updated: this.now().toISOString() });
        if (at >= 0) parsed.entries[at] = next;
        else parsed.entries.push(next);
      } else if (at >= 0) {
        parsed.entries.splice(at, 1);
      }
      const out = serialiseAnnotations(parsed);
      const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
      try {
        await this.fs.writeDurably(tmp, out);
        await this.fs.rename(tmp, this.file);
      } catch (err) {
        await this.fs.remove(tmp).catch(() => undefined);
        throw err;
      }
      this.error = undefined;
      this.loadedText = out;
      this.setEntries(parsed.entries);
      return next;
    } finally {
      await release();
    }
  }

  private setEntries(entries: Annotation[]): boolean {
    const next = new Map<string, Annotation>();
    for (const e of entries) next.set(annotationKey(e), e);
    const same = next.size === this.byKey.size && [...next].every(([k, v]) => JSON.stringify(this.byKey.get(k)) === JSON.stringify(v));
    this.byKey = next;
    return !same;
  }

  /** Takes the cross-process lock file; returns its release. */
  private async lock(): Promise<() => Promise<void>> {
    const lockFile = `${this.file}.lock`;
    const deadline = Date.now() + this.lockTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (await this.fs.createExclusive(lockFile, `${process.pid}\n`)) {
        return () => this.fs.remove(lockFile);
      }
      const m = await this.fs.mtime(lockFile);
      if (m !== undefined && Date.now() - m > this.staleLockMs && (await this.breakStaleLock(lockFile))) continue;
      if (Date.now() > deadline) {
        throw new Error(`${lockFile} is held by another Quote Lens window; try again (remove the file if no other window is writing).`);
      }
      await new Promise((r) => setTimeout(r, Math.min(100, 10 + attempt * 5)));
    }
  }

  /**
   * Removes a lock left by a crashed writer; false when another window is removing it (wait, retry).
   * Two windows that both saw the stale lock must not both remove it: the later removal would delete the
   * lock the other window had just taken, both would write at once and one entry would be lost. So the
   * removal is done under a second lock file, after checking again that the lock is still the stale one.
   */
  private async breakStaleLock(lockFile: string): Promise<boolean> {
    const breaker = `${lockFile}.break`;
    if (!(await this.fs.createExclusive(breaker, `${process.pid}\n`))) {
      // Held only for two calls; left behind only by a window that crashed between them.
      const m = await this.fs.mtime(breaker);
      if (m !== undefined && Date.now() - m > this.staleLockMs) await this.fs.remove(breaker);
      return false;
    }
    try {
      const m = await this.fs.mtime(lockFile);
      if (m !== undefined && Date.now() - m > this.staleLockMs) await this.fs.remove(lockFile);
    } finally {
      await this.fs.remove(breaker);
    }
    return true;
  }
}

function isEmpty(a: Annotation): boolean {
  return !a.status && !a.note && !a.ignoreAllMatches && !(a.ignoredMatches && a.ignoredMatches.length);
}

/** Drops empty optional fields so the file stays small and diffs stay readable. */
function cleanEntry(a: Annotation): Annotation {
  const out: Annotation = { file: a.file, speaker: a.speaker ?? null, quote: a.quote };
  if (a.status) out.status = a.status;
  if (a.note) out.note = a.note;
  if (a.ignoreAllMatches) out.ignoreAllMatches = true;
  if (a.ignoredMatches?.length) {
    const seen = new Set<string>();
    out.ignoredMatches = a.ignoredMatches
      .map((m) => ({ file: normaliseFile(m.file), speaker: m.speaker ?? null, quote: m.quote }))
      .filter((m) => !seen.has(annotationKey(m)) && seen.add(annotationKey(m)));
  }
  for (const [k, v] of Object.entries(a)) if (!(k in out) && !KNOWN.has(k)) out[k] = v;
  if (a.updated) out.updated = a.updated;
  return out;
}

const KNOWN = new Set(['file', 'speaker', 'quote', 'status', 'note', 'ignoredMatches', 'ignoreAllMatches', 'updated']);

/** Parses the file's text (undefined: no file yet). Throws MalformedAnnotationsError. */
export function parseAnnotations(text: string | undefined, file: string): Parsed {
  if (text === undefined || text.trim() === '') return { rest: { version: FILE_VERSION }, entries: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new MalformedAnnotationsError(file, jsonErrorWhere(text, err));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new MalformedAnnotationsError(file, 'the top level must be an object with an "annotations" list');
  const { annotations, ...rest } = data as Record<string, unknown>;
  if (typeof rest.version === 'number' && rest.version > FILE_VERSION) {
    throw new MalformedAnnotationsError(file, `it has version ${rest.version}, newer than this Quote Lens understands (${FILE_VERSION})`);
  }
  if (annotations === undefined) return { rest, entries: [] };
  if (!Array.isArray(annotations)) throw new MalformedAnnotationsError(file, '"annotations" must be a list');
  const entries = annotations.map((e, i) => checkEntry(e, i, file));
  return { rest, entries };
}

function checkEntry(e: unknown, i: number, file: string): Annotation {
  const where = `entry ${i + 1} of "annotations"`;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new MalformedAnnotationsError(file, `${where} is not an object`);
  const a = e as Record<string, unknown>;
  if (typeof a.file !== 'string' || !a.file) throw new MalformedAnnotationsError(file, `${where} has no "file"`);
  if (typeof a.quote !== 'string' || !a.quote) throw new MalformedAnnotationsError(file, `${where} has no "quote"`);
  if (a.speaker !== undefined && a.speaker !== null && typeof a.speaker !== 'string') throw new MalformedAnnotationsError(file, `${where}: "speaker" must be a string or null`);
  if (a.status !== undefined && a.status !== 'verified' && a.status !== 'disputed') throw new MalformedAnnotationsError(file, `${where}: "status" must be "verified" or "disputed"`);
  if (a.note !== undefined && typeof a.note !== 'string') throw new MalformedAnnotationsError(file, `${where}: "note" must be a string`);
  if (a.ignoredMatches !== undefined) {
    if (!Array.isArray(a.ignoredMatches)) throw new MalformedAnnotationsError(file, `${where}: "ignoredMatches" must be a list`);
    for (const m of a.ignoredMatches) {
      if (typeof m !== 'object' || m === null || typeof (m as { file?: unknown }).file !== 'string' || typeof (m as { quote?: unknown }).quote !== 'string') {
        throw new MalformedAnnotationsError(file, `${where}: every "ignoredMatches" item needs "file" and "quote"`);
      }
    }
  }
  return { ...(a as Annotation), speaker: (a.speaker as string | null | undefined) ?? null };
}

function jsonErrorWhere(text: string, err: unknown): string {
  const offset = jsonErrorOffset(text);
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  const what = /^Unexpected[^,]*|^Expected[^,(]*|^Bad control character[^,(]*/.exec(message)?.[0]?.trim() ?? 'invalid JSON';
  if (offset === undefined) return `JSON syntax error (${what})`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `JSON syntax error at line ${line}, column ${column} (${what})`;
}

/**
 * Offset of the first JSON syntax error (Node's own message names it only in some versions): a small
 * recursive-descent check, run only after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const str = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
        continue;
      }
      if (c < ' ') fail();
      i++;
    }
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : undefined;
  }
}

/** Stable, readable output: entries sorted by file, then speaker, then words; two-space indent. */
export function serialiseAnnotations(p: Parsed): string {
  const entries = [...p.entries].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.speaker ?? '', b.speaker ?? '') || cmp(a.quote, b.quote),
  );
  const { version: _v, ...rest } = p.rest;
  return `${JSON.stringify({ version: FILE_VERSION, ...rest, annotations: entries }, null, 2)}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
