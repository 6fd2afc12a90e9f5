/**
 * Moving between the places of one statement: Go to Definition (its first occurrence), Find All
 * References and document highlights (every matching quote), and the next / previous matching quote.
 */
import type {
  DefinitionParams,
  DocumentHighlight,
  DocumentHighlightParams,
  Location,
  ReferenceParams,
} from 'vscode-languageserver';
import { DocumentHighlightKind } from 'vscode-languageserver';
import type { NavigateParams, NavigateResult } from '../protocol';
import type { FeatureContext, Membership } from './context';
import { analysedOffset, labelOf, location, membershipsOf, quoteAt } from './context';
import type { QuoteRef } from '../workspace/analyzers';

/** Every place of the statements a quotation belongs to (itself included), by file then offset. */
function places(memberships: Membership[]): QuoteRef[] {
  const seen = new Set<string>();
  const out: QuoteRef[] = [];
  for (const { group } of memberships) {
    for (const m of group.members) {
      const k = `${m.path}\u0000${m.start}\u0000${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(m);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start));
}

/**
 * The first occurrence of the statement. Files carry no publication time, so "first" is the index's
 * stable order (file path, then offset): with dated file names, the earliest file.
 */
export function definition(ctx: FeatureContext, params: DefinitionParams): Location | null {
  const hit = quoteAt(ctx, params.textDocument.uri, params.position, false);
  if (!hit?.memberships.length) return null;
  const first = places(hit.memberships)[0];
  return location(ctx, first.path, first.start, first.end) ?? null;
}

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] | null {
  const hit = quoteAt(ctx, params.textDocument.uri, params.position, false);
  if (!hit?.memberships.length) return null;
  return places(hit.memberships)
    .filter((m) => params.context.includeDeclaration || !(m.path === hit.path && m.start === hit.quote.start))
    .map((m) => location(ctx, m.path, m.start, m.end))
    .filter((l): l is Location => !!l);
}

export function documentHighlights(ctx: FeatureContext, params: DocumentHighlightParams): DocumentHighlight[] | null {
  const hit = quoteAt(ctx, params.textDocument.uri, params.position, false);
  if (!hit?.memberships.length) return null;
  return places(hit.memberships)
    .filter((m) => m.path === hit.path)
    .flatMap((m): DocumentHighlight[] => {
      const l = location(ctx, m.path, m.start, m.end);
      const self = m.start === hit.quote.start && m.end === hit.quote.end;
      return l ? [{ range: l.range, kind: self ? DocumentHighlightKind.Text : DocumentHighlightKind.Read }] : [];
    });
}

export function navigate(ctx: FeatureContext, params: NavigateParams): NavigateResult {
  const step = params.direction === 'previous' ? -1 : 1;
  const hit = quoteAt(ctx, params.uri, params.position, false);
  if (hit?.memberships.length) {
    const cycle = places(hit.memberships);
    const at = cycle.findIndex((m) => m.path === hit.path && m.start === hit.quote.start && m.end === hit.quote.end);
    const i = (((at < 0 ? 0 : at) + step) % cycle.length + cycle.length) % cycle.length;
    const m = cycle[i];
    const l = location(ctx, m.path, m.start, m.end);
    return l ? { ...l, index: i + 1, total: cycle.length, label: labelOf(ctx, m.path) } : null;
  }
  // Not on a matched quote: the next matched quote of this file.
  const path = ctx.pathOf(params.uri);
  const f = path ? ctx.index().file(path) : undefined;
  if (!path || !f) return null;
  const off = analysedOffset(ctx, path, params.position) ?? 0;
  const matched = f.quotes.filter((q) => membershipsOf(ctx, path, q).length > 0).sort((a, b) => a.start - b.start);
  if (!matched.length) return null;
  const i =
    step > 0
      ? Math.max(0, matched.findIndex((q) => q.start > off))
      : (() => {
          let j = -1;
          matched.forEach((q, k) => {
            if (q.end < off) j = k;
          });
          return j < 0 ? matched.length - 1 : j;
        })();
  const q = matched[i];
  const l = location(ctx, path, q.start, q.end);
  return l ? { ...l, index: i + 1, total: matched.length, label: labelOf(ctx, path) } : null;
}
