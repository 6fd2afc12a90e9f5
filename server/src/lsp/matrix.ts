/**
 * The statement matrix (issue 7): one row per matched statement, one column per file, each cell saying how
 * that file carries the statement relative to the row's reference wording — the reference itself, a
 * duplicate, an excerpt, a variant, a conflict, or absent.
 *
 * The reference of a row is its first place, in column order (file path, then offset), that is not an
 * excerpt of another place: the full wording, so that the others read as "the same / a part of it / in
 * other words / contradicting it". A file with several places of the statement shows the one closest to
 * the reference (the reference itself, then duplicate, excerpt, variant, conflict) and lists the rest.
 *
 * Rows also cover figures that disagree between files (fact conflicts): the first side is the reference,
 * the other side a conflict. `buildMatrix` is pure: it takes the groups, the fact conflicts and how to name
 * and locate places, so the unit test drives it on the seed index without a server.
 */
import * as path from 'node:path';
import type { MatrixCell, MatrixColumn, MatrixModel, MatrixPlace, MatrixRow, MatrixStatus, ProtocolRange } from '../protocol';
import type { FactConflict, MatchGroup, MatchPair } from '../workspace/analyzers';

export interface MatrixInput {
  /** Every indexed file path in the scope (columns are the ones carrying a row). */
  files: string[];
  groups: MatchGroup[];
  conflicts: FactConflict[];
  /** The scope folder (null: the workspace) and its name. */
  scope: { path: string | null; uri: string | null; name: string };
  label(path: string): string;
  uri(path: string): string;
  /** The range of [start, end) of a file (undefined: no longer indexed). */
  range(path: string, start: number, end: number): ProtocolRange | undefined;
  /** Most rows returned (default 1000). */
  maxRows?: number;
}

/** Closest first: the order in which a file's places are listed and the first one names the cell. */
export const STATUS_ORDER: Record<MatrixStatus, number> = { reference: 0, duplicate: 1, excerpt: 2, variant: 3, conflict: 4, absent: 5 };

interface Span {
  path: string;
  start: number;
  end: number;
  text: string;
}

export function buildMatrix(input: MatrixInput): MatrixModel {
  const inScope = new Set(input.files);
  const rows: Array<{ row: Omit<MatrixRow, 'cells' | 'reference'>; ref: Span; places: Array<{ span: Span; status: MatrixStatus; detail: string }> }> = [];

  for (const g of input.groups) {
    const idx = g.members.map((m, i) => i).filter((i) => inScope.has(g.members[i].path));
    if (idx.length < 2) continue;
    const pairOf = (x: number, y: number): MatchPair | undefined => g.pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));
    const excerptOfAnother = (i: number): boolean =>
      idx.some((j) => {
        if (j === i) return false;
        const p = pairOf(i, j);
        return p?.relation === 'excerpt' && g.members[i].text.length < g.members[j].text.length;
      });
    // Members are sorted by path, then start: the first full wording in scope.
    const ref = idx.find((i) => !excerptOfAnother(i)) ?? idx[0];
    const places = idx.map((i) => {
      if (i === ref) return { span: g.members[i], status: 'reference' as MatrixStatus, detail: '' };
      const p = pairOf(i, ref);
      if (p) return { span: g.members[i], status: p.relation as MatrixStatus, detail: p.a === i ? p.detail : p.detailForB };
      // Matched through another place only: its worst relation in scope.
      let worst: MatchPair | undefined;
      for (const j of idx) {
        const q = j === i ? undefined : pairOf(i, j);
        if (q && (!worst || STATUS_ORDER[q.relation as MatrixStatus] > STATUS_ORDER[worst.relation as MatrixStatus])) worst = q;
      }
      return { span: g.members[i], status: (worst?.relation ?? 'variant') as MatrixStatus, detail: 'matched through another place' };
    });
    rows.push({ row: { id: g.id, kind: 'quote', speaker: g.speaker || null, text: short(g.members[ref].text) }, ref: g.members[ref], places });
  }

  // Figures that disagree, one row per statement side a (several figures of one sentence stay one row).
  const facts = new Map<string, (typeof rows)[number]>();
  for (const c of input.conflicts) {
    if (!c.b || !inScope.has(c.a.path) || !inScope.has(c.b.path)) continue;
    const key = `${c.a.path}\u0000${c.a.start}\u0000${c.a.end}`;
    let r = facts.get(key);
    if (!r) {
      r = {
        row: { id: `fact:${path.basename(c.a.path)}:${c.a.start}`, kind: 'figures', speaker: null, text: short(c.a.text) },
        ref: c.a,
        places: [{ span: c.a, status: 'reference', detail: '' }],
      };
      facts.set(key, r);
      rows.push(r);
    }
    if (!r.places.some((p) => p.span.path === c.b!.path && p.span.start === c.b!.start)) {
      r.places.push({ span: c.b, status: 'conflict', detail: c.detailForB ?? c.detail });
    }
  }

  const used = new Set<string>();
  for (const r of rows) for (const p of r.places) used.add(p.span.path);
  const colPaths = [...used].sort((a, b) => rel(input, a).localeCompare(rel(input, b)) || a.localeCompare(b));
  const colOf = new Map(colPaths.map((p, i) => [p, i]));
  const columns: MatrixColumn[] = colPaths.map((p) => ({ uri: input.uri(p), label: input.label(p), name: rel(input, p) }));

  const built: MatrixRow[] = [];
  for (const r of rows) {
    const cells: MatrixCell[] = colPaths.map(() => ({ status: 'absent', places: [] }));
    for (const p of r.places) {
      const range = input.range(p.span.path, p.span.start, p.span.end);
      if (!range) continue;
      const place: MatrixPlace = { uri: input.uri(p.span.path), range, line: range.start.line + 1, text: p.span.text, status: p.status, detail: p.detail };
      cells[colOf.get(p.span.path)!].places.push(place);
    }
    for (const c of cells) {
      c.places.sort((x, y) => STATUS_ORDER[x.status] - STATUS_ORDER[y.status] || x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
      c.status = c.places[0]?.status ?? 'absent';
    }
    built.push({ ...r.row, reference: colOf.get(r.ref.path)!, cells });
  }
  // Widest spread first, then quotations before figures, then by speaker and words.
  const carried = (r: MatrixRow) => r.cells.filter((c) => c.status !== 'absent').length;
  built.sort(
    (x, y) =>
      carried(y) - carried(x) ||
      (x.kind === y.kind ? 0 : x.kind === 'quote' ? -1 : 1) ||
      (x.speaker ?? '\uffff').localeCompare(y.speaker ?? '\uffff') ||
      x.text.localeCompare(y.text),
  );
  const max = input.maxRows ?? 1000;
  return {
    scope: { uri: input.scope.uri, name: input.scope.name },
    columns,
    rows: built.slice(0, max),
    filesWithoutMatches: input.files.filter((f) => !used.has(f)).length,
    omittedRows: Math.max(0, built.length - max),
  };
}

function rel(input: MatrixInput, p: string): string {
  return input.scope.path ? path.relative(input.scope.path, p) || path.basename(p) : path.basename(p);
}

function short(text: string, max = 90): string {
  const t = text.replace(/\s+/g, ' ').trim().replace(/[,;:]$/, '');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
