/**
 * "Compare with …" (issue 7): the quotation at a position and the other places of its statement, each
 * with the paragraph around it, as the texts of two read-only documents that the client opens in VS Code's
 * diff editor (which then highlights the word-level differences itself).
 */
import type { CompareParams, CompareResult, CompareSide } from '../protocol';
import type { FeatureContext } from './context';
import { labelOf, location, otherPlaces, quoteAt } from './context';
import { detailFor } from './diagnostics';

/** Longest paragraph shown; a longer one is cut around the quotation. */
const MAX_PARAGRAPH = 4000;

/**
 * `readText` gives the text the index analysed for a path (the open editor's analysed text, else the
 * file on disk); undefined when it cannot be read, and then the side shows the quotation alone.
 */
export async function compare(
  ctx: FeatureContext,
  params: CompareParams,
  readText: (path: string) => Promise<string | undefined>,
): Promise<CompareResult> {
  const hit = quoteAt(ctx, params.uri, params.position, false);
  if (!hit) return null;
  let places = otherPlaces(ctx, hit);
  if (params.other) {
    const o = quoteAt(ctx, params.other.uri, params.other.position, false);
    places = o ? places.filter((p) => { const m = p.group.members[p.other]; return m.path === o.path && m.start === o.quote.start && m.end === o.quote.end; }) : [];
  }
  const texts = new Map<string, string | undefined>();
  const textOf = async (p: string) => {
    if (!texts.has(p)) texts.set(p, await readText(p));
    return texts.get(p);
  };
  const q = hit.quote;
  const self = side(ctx, hit.path, q.start, q.end, q.text, q.speaker ?? null, q.kind, await textOf(hit.path));
  if (!self) return null;
  const others: CompareSide[] = [];
  for (const p of places) {
    const o = p.group.members[p.other];
    const s = side(ctx, o.path, o.start, o.end, o.text, o.speaker ?? null, o.kind, await textOf(o.path));
    if (!s) continue;
    const me = p.group.members.findIndex((m) => m.path === hit.path && m.start === q.start && m.end === q.end);
    others.push({ ...s, relation: p.relation, subtype: p.pair.subtype, detail: detailFor(p.pair, me) });
  }
  return { self, others };
}

function side(
  ctx: FeatureContext,
  path: string,
  start: number,
  end: number,
  text: string,
  speaker: string | null,
  kind: string,
  fileText: string | undefined,
): CompareSide | undefined {
  const loc = location(ctx, path, start, end);
  if (!loc) return undefined;
  const f = ctx.index().file(path);
  // A text that no longer matches the analysed one (changed on disk since) gives no paragraph.
  const usable = fileText !== undefined && f !== undefined && fileText.length === f.textLength && fileText.slice(start, end) === text;
  const para = usable ? paragraphAround(fileText, start, end) : text;
  return {
    ...loc,
    label: labelOf(ctx, path),
    line: loc.range.start.line + 1,
    speaker,
    kind,
    text,
    paragraph: para,
    content: `${text.trim()}\n\n${para}\n`,
  };
}

/**
 * The paragraph holding [start, end): the run of non-blank lines around it, or the quotation's lines in a
 * file without blank lines (one paragraph per line). A run longer than MAX_PARAGRAPH falls back to the
 * lines of the quotation, cut around it when still too long.
 */
export function paragraphAround(text: string, start: number, end: number): string {
  const lineStart = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = (i: number) => {
    const n = text.indexOf('\n', i);
    return n < 0 ? text.length : n;
  };
  const blank = (s: number, e: number) => /^\s*$/.test(text.slice(s, e));
  let s = lineStart(start);
  let e = lineEnd(Math.max(start, end - 1));
  const linesS = s;
  const linesE = e;
  // A file without blank lines has one paragraph per line.
  const blankSeparated = /\n[ \t]*\r?\n/.test(text);
  while (blankSeparated && s > 0) {
    const ps = lineStart(s - 1);
    if (blank(ps, s - 1)) break;
    s = ps;
  }
  while (blankSeparated && e < text.length) {
    const ne = lineEnd(e + 1);
    if (blank(e + 1, ne)) break;
    e = ne;
  }
  if (e - s > MAX_PARAGRAPH) {
    s = linesS;
    e = linesE;
  }
  if (e - s > MAX_PARAGRAPH) {
    const room = Math.max(0, MAX_PARAGRAPH - (end - start)) >> 1;
    s = Math.max(s, start - room);
    e = Math.min(e, end + room);
  }
  return text
    .slice(s, e)
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l)
    .join('\n');
}
