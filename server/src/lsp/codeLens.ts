/**
 * A code lens above each quotation that has matches (or an annotation): "✓ verified · 3 sources ·
 * 1 conflict". Running it opens the peek view on every matching place (through the client's
 * `quoteLens.peekMatches`, because `editor.action.peekLocations` needs VS Code objects that JSON cannot
 * carry). Lenses come from the last analysed results, carried over pending edits, so they stay put while
 * the user types; the server asks the client to refresh them when the index changes.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { ClientCommands } from '../protocol';
import type { FeatureContext } from './context';
import { location, membershipsOf, otherPlaces, plural, rangeOf } from './context';
import { annotationBadge } from './annotations';

export function codeLenses(ctx: FeatureContext, params: CodeLensParams): CodeLens[] {
  const path = ctx.pathOf(params.textDocument.uri);
  if (!path || !ctx.settings(path).codeLens.enabled) return [];
  const f = ctx.index().file(path);
  if (!f) return [];
  const lenses: CodeLens[] = [];
  for (const q of f.quotes) {
    if (q.kind === 'scare') continue;
    const memberships = membershipsOf(ctx, path, q);
    const ann = ctx.annotations.get(path, q);
    if (!memberships.length && !ann) continue;
    const range = rangeOf(ctx, path, q.start, q.end);
    if (!range) continue;
    const places = otherPlaces(ctx, { path, memberships });
    const live = places.filter((p) => !p.ignored);
    const parts: string[] = [];
    const badge = annotationBadge(ann);
    if (badge) parts.push(badge);
    if (places.length) {
      parts.push(plural(live.length, 'source'));
      const conflicts = live.filter((p) => p.relation === 'conflict').length;
      const variants = live.filter((p) => p.relation === 'variant').length;
      if (conflicts) parts.push(plural(conflicts, 'conflict'));
      if (variants) parts.push(`${variants} reworded`);
      const ignored = places.length - live.length;
      if (ignored && !ann?.ignoredMatches?.length && !ann?.ignoreAllMatches) parts.push(`${ignored} ignored`);
    }
    const locations = places
      .map((p) => p.group.members[p.other])
      .map((o) => location(ctx, o.path, o.start, o.end))
      .filter((l): l is NonNullable<typeof l> => !!l);
    lenses.push({
      range: { start: range.start, end: range.start },
      command: {
        title: parts.join(' · '),
        command: locations.length ? ClientCommands.peekMatches : '',
        arguments: locations.length ? [params.textDocument.uri, range.start, locations] : undefined,
      },
    });
  }
  return lenses;
}
