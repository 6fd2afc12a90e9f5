/** Small formatting helpers for the eval and bench reports. */
import { fmt } from './score';

/** The engine fields the evaluators read. Anything else the engine returns is ignored. */
export interface EngineQuote {
  kind: string;
  text?: string;
  start: number;
  end: number;
  speaker?: string | null;
  speaker_mention?: string | null;
  mention_start?: number | null;
  mention_end?: number | null;
}

/** One listed item (miss, false positive, wrong speaker …) for `--verbose` and `--dump`. */
export interface Item {
  file: string;
  start: number;
  end: number;
  /** Short label: MISS, FP, SPEAKER, SCARE, … */
  tag: string;
  kind?: string;
  detail?: string;
}

/** Line and column (1-based) of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}

const oneLine = (s: string): string => s.replace(/\r?\n/g, ' ⏎ ').replace(/\s+/g, ' ');

/** The span with a few words of context on each side, on one line: `…before «span» after…`. */
export function withContext(text: string, start: number, end: number, words = 5, maxSpan = 120): string {
  const beforeRaw = text.slice(Math.max(0, start - 80), start);
  const afterRaw = text.slice(end, end + 80);
  const before = beforeRaw.split(/(?<=\s)/).slice(-words - 1).join('');
  const after = afterRaw.split(/(?=\s)/).slice(0, words + 1).join('');
  let span = text.slice(start, end);
  if (span.length > maxSpan) span = span.slice(0, maxSpan / 2 - 2) + ' … ' + span.slice(-maxSpan / 2 + 2);
  return `${start > 80 ? '…' : ''}${oneLine(before)}«${oneLine(span)}»${oneLine(after)}${end + 80 < text.length ? '…' : ''}`;
}

/** Formats an item as `file:line:col [start,end) TAG kind «text» — detail`. */
export function formatItem(item: Item, text: string, context: boolean): string {
  const { line, col } = lineCol(text, item.start);
  const body = context ? withContext(text, item.start, item.end) : `«${oneLine(text.slice(item.start, item.end))}»`;
  return `  ${item.file}:${line}:${col} [${item.start},${item.end}) ${item.tag}${item.kind ? ' ' + item.kind : ''} ${body}${item.detail ? ' — ' + item.detail : ''}`;
}

/** Renders rows as a left-aligned table (first column left, the rest right-aligned). */
export function table(rows: (string | number)[][]): string[] {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c)));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd());
}

/**
 * `0.973✓` / `0.912✗` against a minimum; NaN prints as "–". The figure is truncated, not rounded, so a
 * value just under the target never prints as the target (0.96995 → `0.969✗`).
 */
export function vsTarget(x: number, min: number, digits = 3): string {
  if (!Number.isFinite(x)) return '–';
  const f = 10 ** digits;
  return `${fmt(Math.floor(x * f + 1e-9) / f, digits)}${x >= min ? '✓' : '✗'}`;
}

/** `0 ✓` when a count is at most `max`. */
export function countVsMax(n: number, max: number): string {
  return `${n}${n <= max ? '✓' : '✗'}`;
}
