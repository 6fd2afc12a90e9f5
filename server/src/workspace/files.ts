/**
 * File loading shared by the CLI, the language server and the scripts: finding the `.txt` files under
 * some paths and reading one of them as text. Plain Node (fs, path); no editor or protocol imports.
 *
 * Policy (documented in the README):
 * - Size cap: files larger than {@link DEFAULT_MAX_BYTES} (5 MB) are skipped.
 * - Binary: a file with a NUL byte (and no UTF-16 byte-order mark), or where more than 10 % of the
 *   first 64 KB are control characters other than tab / newline / carriage return / form feed, is
 *   skipped as binary.
 * - Encoding: UTF-8 (a UTF-8 byte-order mark is dropped, as editors do, so offsets match the editor's).
 *   A UTF-16 file with a byte-order mark is decoded as UTF-16. A file that is not valid UTF-8 is decoded
 *   as Windows-1252 (the superset of Latin-1 that old wire copy uses for its curly quotes) and carries a
 *   `note` saying so; it is not skipped.
 * - An empty file is read as `''` (no quotes, no error).
 * - Every failure is a one-line reason, never a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** The size cap: larger files are skipped. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.txt'];
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**'];
/** Folder names never walked into, whatever the exclude patterns say. */
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface FileOptions {
  /** Glob patterns (relative to the folder being walked) a file must match; default `**\/*.txt`. */
  include?: readonly string[];
  /** Glob patterns of files and folders to leave out; default node_modules and .git. */
  exclude?: readonly string[];
  /** Size cap in bytes; default 5 MB. */
  maxBytes?: number;
}

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface CollectResult {
  /** Absolute paths (as given, resolved; symbolic links are not expanded), sorted, no duplicates. */
  files: string[];
  /** Paths that could not be used, each with a one-line reason. */
  skipped: SkippedPath[];
}

export type ReadResult = { text: string; note?: string } | { skipped: string };

/** Formats a byte count for messages: "5 MB", "12.3 MB", "812 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${trimNum(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${trimNum(n / 1024)} KB`;
  return `${n} bytes`;
}

function trimNum(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** A one-line reason for a Node file-system error. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ELOOP': return 'symbolic link loop';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'EBUSY': return 'file is busy';
    case 'EIO': return 'input/output error';
    default: {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return code ? `cannot read (${code})` : `cannot read (${msg})`;
    }
  }
}

/** A matcher over paths relative to a root folder (forward slashes), from include / exclude globs. */
export interface PathFilter {
  /** True when a file at this relative path is wanted. */
  file(rel: string): boolean;
  /** True when a folder at this relative path should not be walked into. */
  excludedDir(rel: string): boolean;
}

export function createPathFilter(include?: readonly string[], exclude?: readonly string[]): PathFilter {
  const inc = [...(include && include.length ? include : DEFAULT_INCLUDE)];
  const exc = [...(exclude ?? DEFAULT_EXCLUDE)];
  const isIncluded = picomatch(inc, { dot: true, nocase: true });
  const isExcluded = exc.length ? picomatch(exc, { dot: true }) : () => false;
  return {
    file(rel) {
      rel = toPosix(rel);
      if (rel.split('/').some((seg) => ALWAYS_SKIPPED_DIRS.has(seg))) return false;
      return isIncluded(rel) && !isExcluded(rel);
    },
    excludedDir(rel) {
      rel = toPosix(rel);
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      if (ALWAYS_SKIPPED_DIRS.has(base)) return true;
      // `dir/**` patterns match the folder itself in picomatch; `dir/` covers patterns like `**/dir/`.
      return isExcluded(rel) || isExcluded(rel + '/');
    },
  };
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/**
 * Finds the text files under `paths`. A folder is walked for files matching `include` and not `exclude`
 * (paths relative to that folder), skipping node_modules and .git, following symbolic links once
 * (a link back to a folder already walked is skipped with a reason). A path naming a file is taken as
 * it is, whatever its extension (but still size-checked). Files over the size cap are skipped with a
 * reason; a folder with no matching file is reported too.
 */
export async function collectTextFiles(paths: readonly string[], opts: FileOptions = {}): Promise<CollectResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const filter = createPathFilter(opts.include, opts.exclude);
  const files = new Map<string, string>(); // real path -> path as found
  const skipped: SkippedPath[] = [];
  const walkedDirs = new Set<string>(); // real paths

  const addFile = (p: string, real: string, size: number): void => {
    if (size > maxBytes) {
      skipped.push({ path: p, reason: `larger than the ${formatBytes(maxBytes)} size cap (${formatBytes(size)})` });
      return;
    }
    if (!files.has(real)) files.set(real, p);
  };

  const walk = async (root: string, dir: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.promises.realpath(dir);
    } catch (err) {
      skipped.push({ path: dir, reason: describeFsError(err) });
      return;
    }
    if (walkedDirs.has(real)) {
      skipped.push({ path: dir, reason: `symbolic link to a folder already walked (${real}); not followed again` });
      return;
    }
    walkedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: dir, reason: describeFsError(err) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      const rel = path.relative(root, full);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await fs.promises.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (filter.file(rel)) {
            skipped.push({ path: full, reason: code === 'ENOENT' ? 'broken symbolic link' : describeFsError(err) });
          }
          continue;
        }
      }
      if (isDir) {
        if (!filter.excludedDir(rel)) await walk(root, full);
      } else if (isFile && filter.file(rel)) {
        try {
          const [st, realFile] = await Promise.all([fs.promises.stat(full), fs.promises.realpath(full)]);
          addFile(full, realFile, st.size);
        } catch (err) {
          skipped.push({ path: full, reason: describeFsError(err) });
        }
      }
    }
  };

  for (const given of paths) {
    const p = path.resolve(given);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(p);
    } catch (err) {
      skipped.push({ path: given, reason: describeFsError(err) });
      continue;
    }
    if (st.isDirectory()) {
      const before = files.size;
      const skippedBefore = skipped.length;
      await walk(p, p);
      if (files.size === before && skipped.length === skippedBefore) {
        skipped.push({ path: given, reason: 'no .txt files in this folder' });
      }
    } else if (st.isFile()) {
      try {
        addFile(p, await fs.promises.realpath(p), st.size);
      } catch (err) {
        skipped.push({ path: given, reason: describeFsError(err) });
      }
    } else {
      skipped.push({ path: given, reason: 'not a regular file or folder' });
    }
  }
  return { files: [...files.values()].sort(), skipped };
}

/**
 * Decodes file bytes per the policy above: `{ text, note? }`, or `{ skipped }` for a binary file.
 * Exposed for callers that already hold the bytes.
 */
export function decodeText(buf: Uint8Array): ReadResult {
  if (buf.length === 0) return { text: '' };
  // UTF-16 with a byte-order mark (Notepad's "Unicode").
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buf), note: 'decoded as UTF-16 (little-endian)' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buf), note: 'decoded as UTF-16 (big-endian)' };
  }
  if (buf.indexOf(0) !== -1) return { skipped: 'binary file (contains NUL bytes)' };
  const sampleLen = Math.min(buf.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sampleLen; i++) {
    const b = buf[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
  }
  if (control > sampleLen * 0.1) return { skipped: 'binary file (too many control characters)' };
  try {
    // `fatal` rejects invalid UTF-8; the UTF-8 BOM is dropped (ignoreBOM defaults to false).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return { text: decodeWindows1252(buf), note: 'not valid UTF-8; decoded as Windows-1252 (Latin-1)' };
  }
}

/** Windows-1252 code points for bytes 0x80–0x9F (the rest is Latin-1); undefined bytes stay C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 by table: Node's `TextDecoder('windows-1252')` decodes 0x80–0x9F as Latin-1 in
 * some versions (nodejs/node#56542), which would lose the curly quotes.
 */
function decodeWindows1252(buf: Uint8Array): string {
  const latin1 = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
}

function tooLarge(size: number, maxBytes: number): ReadResult {
  return { skipped: `larger than the ${formatBytes(maxBytes)} size cap (${formatBytes(size)})` };
}

/** Reads one file as text (see the policy above). Never throws. */
export async function readTextFile(file: string, maxBytes: number = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) return { skipped: 'is a folder, not a file' };
    if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
    const buf = await handle.readFile();
    if (buf.length > maxBytes) return tooLarge(buf.length, maxBytes); // grew while being read
    return decodeText(buf);
  } catch (err) {
    return { skipped: describeFsError(err) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Synchronous {@link readTextFile}. Never throws. */
export function readTextFileSync(file: string, maxBytes: number = DEFAULT_MAX_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { skipped: 'is a folder, not a file' };
    if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
    const buf = fs.readFileSync(fd);
    if (buf.length > maxBytes) return tooLarge(buf.length, maxBytes);
    return decodeText(buf);
  } catch (err) {
    return { skipped: describeFsError(err) };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
  }
}
