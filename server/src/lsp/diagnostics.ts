/**
 * Adapts the index's results for one file (match groups, fact conflicts) to LSP diagnostics: one per
 * quotation or statement that has matches, a stable code per relation, a message naming the difference
 * and the other file, related locations for every matching place (or folded into the message when the
 * client cannot show them), severities from settings, and the group id in `data`.
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';
import { DiagnosticCodes, DIAGNOSTIC_SOURCE, diagnosticDocUrl } from '../protocol';
import type { DiagnosticCode, QuoteDiagnosticData, QuoteLensSettings, SeveritySetting } from '../protocol';
import { offsetToPosition } from '../workspace/workspaceIndex';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { FactConflict, FactSpan, MatchGroup, MatchPair } from '../workspace/analyzers';

export interface DiagnosticOptions {
  settings: QuoteLensSettings;
  /** The client shows `relatedInformation`; otherwise the places are folded into the message. */
  relatedInformation: boolean;
  /** The client shows `codeDescription`. */
  codeDescription: boolean;
  /** The URI to use for a file path. */
  uriFor: (path: string) => string;
  /**
   * Editors' verdicts: an ignored match raises no diagnostic; a verified quotation's diagnostic drops to
   * a hint that says so; a disputed one says so.
   */
  annotations?: {
    get(path: string, q: { text: string; speaker: string | null }): { status?: string } | undefined;
    ignored(pathA: string, a: { text: string; speaker: string | null }, pathB: string, b: { text: string; speaker: string | null }): boolean;
  };
}

interface Related {
  path: string;
  info: DiagnosticRelatedInformation;
}

type QuoteRelation = 'duplicate' | 'excerpt' | 'variant' | 'conflict';

/** Severity order for choosing the code of a quotation with several matches: worst first. */
const RANK: Record<string, number> = { conflict: 4, variant: 3, excerpt: 2, duplicate: 1 };

const QUOTE_CODE: Record<QuoteRelation, DiagnosticCode> = {
  duplicate: DiagnosticCodes.duplicate,
  excerpt: DiagnosticCodes.excerpt,
  variant: DiagnosticCodes.variant,
  conflict: DiagnosticCodes.conflict,
};

function toSeverity(s: SeveritySetting): DiagnosticSeverity | undefined {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
    default: return undefined;
  }
}

function normRelation(r: string): QuoteRelation {
  return r === 'duplicate' || r === 'excerpt' || r === 'variant' || r === 'conflict' ? r : 'variant';
}

/** Short quoted snippet for messages. */
export function snippet(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Builds the diagnostics of one indexed file (empty for a file not in the index). */
export function buildDiagnostics(index: WorkspaceIndex, file: string, opts: DiagnosticOptions): Diagnostic[] {
  const entry = index.file(file);
  if (!entry) return [];
  const { groups, conflicts } = index.resultsForFile(file);
  const out: Diagnostic[] = [];
  const rangeIn = (path: string, start: number, end: number): Range | undefined => {
    const f = index.file(path);
    if (!f) return undefined;
    const s = Math.max(0, Math.min(start, f.textLength));
    const e = Math.max(s, Math.min(end, f.textLength));
    return { start: offsetToPosition(f.lineStarts, s), end: offsetToPosition(f.lineStarts, e) };
  };
  const labelOf = (path: string): string => index.file(path)?.label ?? path;
  const place = (path: string, r: Range): string =>
    path === file ? `line ${r.start.line + 1}` : `${labelOf(path)}, line ${r.start.line + 1}`;

  for (const g of groups) quoteDiagnostics(g, file, opts, rangeIn, labelOf, place, out);
  factDiagnostics(conflicts, file, opts, rangeIn, labelOf, place, out);
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

function quoteDiagnostics(
  g: MatchGroup,
  file: string,
  opts: DiagnosticOptions,
  rangeIn: (path: string, start: number, end: number) => Range | undefined,
  labelOf: (path: string) => string,
  place: (path: string, r: Range) => string,
  out: Diagnostic[],
): void {
  g.members.forEach((m, i) => {
    if (m.path !== file) return;
    const range = rangeIn(file, m.start, m.end);
    if (!range) return;
    // Every pair this member is in, worst relation first, then by the other file's label.
    const mine = g.pairs
      .filter((p) => p.a === i || p.b === i)
      .map((p) => ({ pair: p, other: p.a === i ? p.b : p.a, relation: normRelation(p.relation) }))
      .filter((x) => g.members[x.other] !== undefined)
      .filter((x) => !opts.annotations?.ignored(file, m, g.members[x.other].path, g.members[x.other]))
      .sort((x, y) => RANK[y.relation] - RANK[x.relation] || labelOf(g.members[x.other].path).localeCompare(labelOf(g.members[y.other].path)) || x.other - y.other);
    if (!mine.length) return;
    const worst = mine[0];
    let severity = toSeverity(opts.settings.severity[worst.relation]);
    if (severity === undefined) return;
    const otherRef = g.members[worst.other];
    let message = quoteMessage(worst.relation, m.text, otherRef.text, labelOf(otherRef.path), detailFor(worst.pair, i), otherRef.path === file);
    const status = opts.annotations?.get(file, m)?.status;
    if (status === 'verified') {
      severity = DiagnosticSeverity.Hint;
      message = `✓ Verified · ${message}`;
    } else if (status === 'disputed') {
      message = `✗ Disputed · ${message}`;
    }
    const related: Related[] = [];
    for (const x of mine) {
      const o = g.members[x.other];
      const r = rangeIn(o.path, o.start, o.end);
      if (!r) continue;
      const d = detailFor(x.pair, i);
      const detail = d ? `: ${d}` : '';
      related.push({
        path: o.path,
        info: {
          location: { uri: opts.uriFor(o.path), range: r },
          message: `${x.relation} in ${o.path === file ? 'this file' : labelOf(o.path)}${detail}`,
        },
      });
    }
    if (mine.length > 1) message += ` (${countSummary(mine.map((x) => x.relation))})`;
    out.push(finish(range, severity, QUOTE_CODE[worst.relation], message, related, opts, place, {
      groupId: g.id, relation: worst.relation, member: i,
    }));
  });
}

const QUOTE_TITLE: Record<QuoteRelation, string> = {
  duplicate: 'Same quotation',
  excerpt: 'Partial quotation',
  variant: 'Reworded quotation',
  conflict: 'Conflicting quotation',
};

/**
 * The message of a quotation diagnostic, e.g. "Conflicting quotation: Reuters file 002 has '160 miles'
 * where this has '62 miles'". `detail` is told from this quotation's side.
 */
function quoteMessage(rel: QuoteRelation, mine: string, other: string, label: string, detail: string, sameFile: boolean): string {
  const where = sameFile ? 'another place in this file' : label;
  const title = QUOTE_TITLE[rel];
  // "negation differs: 'X' where this has 'Y'" → "Conflicting quotation (negation differs): LABEL has 'X' where this has 'Y'"
  const m = /^(?:([^':;]+): )?('.*' where this has '.*|(?:adds|leaves out) '.*)$/.exec(detail);
  if (m) {
    const kind = m[1] ? ` (${m[1]})` : '';
    return /^'/.test(m[2]) ? `${title}${kind}: ${where} has ${m[2]}` : `${title}${kind}: ${where} ${m[2]}`;
  }
  if (rel === 'excerpt' && !detail) {
    return mine.length <= other.length ? `${title}: part of a longer quotation in ${where}` : `${title}: ${where} quotes only part of this`;
  }
  return `${title} in ${where}${detail ? `: ${detail}` : ''}`;
}

/**
 * A pair's detail from one member's side. The matcher tells it from `a`'s side (`detail`) and from `b`'s
 * (`detailForB`); without the latter the common shapes are turned round here.
 */
export function detailFor(pair: MatchPair, member: number): string {
  if (pair.a === member || pair.a === pair.b) return pair.detail ?? '';
  const b = (pair as { detailForB?: string }).detailForB;
  if (typeof b === 'string') return b;
  return flipDetail(pair.detail ?? '');
}

/** Turns a detail told from one side round: "'X' where this has 'Y'" ↔ "'Y' where this has 'X'". */
export function flipDetail(detail: string): string {
  return detail
    .split('; ')
    .map((part) => {
      const m = /^(.*?)'(.+)' where this has '(.+)'$/.exec(part);
      if (m) return `${m[1]}'${m[3]}' where this has '${m[2]}'`;
      const add = /^adds '(.+)'$/.exec(part);
      if (add) return `leaves out '${add[1]}'`;
      const drop = /^leaves out '(.+)'$/.exec(part);
      if (drop) return `adds '${drop[1]}'`;
      if (/^this quotes only part of it/.test(part) || /^quotes only part of this/.test(part)) return '';
      return part;
    })
    .filter(Boolean)
    .join('; ');
}

function countSummary(rels: QuoteRelation[]): string {
  const n = new Map<string, number>();
  for (const r of rels) n.set(r, (n.get(r) ?? 0) + 1);
  const parts = [...n.entries()].sort((a, b) => RANK[b[0]] - RANK[a[0]]).map(([r, k]) => `${k} ${r}${k > 1 ? 's' : ''}`);
  return `${rels.length} matching places: ${parts.join(', ')}`;
}

function factDiagnostics(
  conflicts: FactConflict[],
  file: string,
  opts: DiagnosticOptions,
  rangeIn: (path: string, start: number, end: number) => Range | undefined,
  labelOf: (path: string) => string,
  place: (path: string, r: Range) => string,
  out: Diagnostic[],
): void {
  // One diagnostic per statement span and code: several conflicts on one span are merged, while a wrong
  // conversion stays a diagnostic of its own.
  const bySpan = new Map<string, { self: FactSpan; items: Array<{ c: FactConflict; other: FactSpan | null }> }>();
  const add = (self: FactSpan, c: FactConflict, other: FactSpan | null): void => {
    const key = `${self.start}:${self.end}:${other ? 'conflict' : 'conversion'}`;
    let e = bySpan.get(key);
    if (!e) bySpan.set(key, (e = { self, items: [] }));
    e.items.push({ c, other });
  };
  for (const c of conflicts) {
    if (c.a.path === file) add(c.a, c, c.b);
    if (c.b && c.b.path === file && !(c.b.start === c.a.start && c.a.path === file)) add(c.b, c, c.a);
  }
  for (const { self, items } of bySpan.values()) {
    const range = rangeIn(file, self.start, self.end);
    if (!range) continue;
    const first = items[0];
    const code = first.other ? DiagnosticCodes.factConflict : DiagnosticCodes.wrongConversion;
    const severity = toSeverity(first.other ? opts.settings.severity.factConflict : opts.settings.severity.wrongConversion);
    if (severity === undefined) continue;
    let message: string;
    const detail = factDetail(first.c, self);
    if (first.other) {
      const who = first.other.path === file ? 'Another place in this file' : labelOf(first.other.path);
      message = /^'.*' where this has '/.test(detail)
        ? `${who} has ${detail}`
        : `${who} has '${snippet(first.other.text)}' where this has '${snippet(self.text)}'${detail ? ` (${detail})` : ''}`;
    } else {
      message = `Wrong conversion in '${snippet(self.text)}'${detail ? `: ${detail}` : ''}`;
    }
    if (items.length > 1) message += ` (+${items.length - 1} more ${items.length > 2 ? 'places' : 'place'})`;
    const related: Related[] = [];
    for (const { c, other } of items) {
      if (!other) continue;
      const r = rangeIn(other.path, other.start, other.end);
      if (!r) continue;
      related.push({
        path: other.path,
        info: {
          location: { uri: opts.uriFor(other.path), range: r },
          message: `fact conflict in ${other.path === file ? 'this file' : labelOf(other.path)}: ${factDetail(c, self) || `'${snippet(other.text)}'`}`,
        },
      });
    }
    out.push(finish(range, severity, code, message, related, opts, place, { groupId: null, relation: first.c.kind }));
  }
}

/** A fact conflict's detail from this span's side. */
function factDetail(c: FactConflict, self: FactSpan): string {
  if (!c.b || (self.path === c.a.path && self.start === c.a.start && self.end === c.a.end)) return c.detail ?? '';
  return c.detailForB ?? flipDetail(c.detail ?? '');
}

function finish(
  range: Range,
  severity: DiagnosticSeverity,
  code: DiagnosticCode,
  message: string,
  related: Related[],
  opts: DiagnosticOptions,
  place: (path: string, r: Range) => string,
  data: QuoteDiagnosticData,
): Diagnostic {
  const d: Diagnostic = { range, severity, code, source: DIAGNOSTIC_SOURCE, message, data };
  if (opts.codeDescription) d.codeDescription = { href: diagnosticDocUrl(code) };
  if (related.length) {
    if (opts.relatedInformation) {
      d.relatedInformation = related.map((r) => r.info);
    } else {
      const places = related.map((r) => place(r.path, r.info.location.range));
      d.message += `. See ${places.join('; ')}`;
    }
  }
  return d;
}
