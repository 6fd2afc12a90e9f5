/**
 * Code actions. On a variant or conflict diagnostic, quick fixes in a fixed order: take another source's
 * wording (an edit), mark as intended (the preferred fix: it records a verdict and changes no words, so it
 * is the safe one for "auto fix"), ignore the match, ignore every match. On any quotation, annotation
 * actions: verified, disputed, a note, clear.
 */
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { ClientCommands, DIAGNOSTIC_SOURCE, ServerCommands } from '../protocol';
import type { AnnotateParams, QuoteDiagnosticData } from '../protocol';
import type { FeatureContext, QuoteHit } from './context';
import { labelOf, otherPlaces, quoteAt, rangeOf } from './context';
import { snippet } from './diagnostics';
import { normaliseQuote } from '../annotations/keys';

export const ANNOTATE_KIND = `${CodeActionKind.Refactor}.annotate`;
const MAX_WORDINGS = 3;

export function codeActions(ctx: FeatureContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const path = ctx.pathOf(uri);
  if (!path) return [];
  const wants = (kind: string) => !params.context.only?.length || params.context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];
  const done = new Set<string>();
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const data = d.data as QuoteDiagnosticData | undefined;
      if (!data?.groupId || (data.relation !== 'variant' && data.relation !== 'conflict')) continue;
      const hit = quoteAt(ctx, uri, d.range.start, false);
      if (!hit || !hit.memberships.some((m) => m.group.id === data.groupId)) continue;
      const key = `${hit.quote.start}:${hit.quote.end}`;
      if (done.has(key)) continue;
      done.add(key);
      out.push(...quickFixes(ctx, uri, hit, d));
    }
  }
  if (wants(ANNOTATE_KIND)) {
    const hit = quoteAt(ctx, uri, params.range.start, false);
    if (hit) out.push(...annotationActions(ctx, uri, hit));
  }
  return ctx.clientCommands() ? out : forOtherEditors(out);
}

/**
 * Editors without the VS Code client cannot run its commands: annotations run on the server instead,
 * and the note (which needs an input box) is left out.
 */
function forOtherEditors(actions: CodeAction[]): CodeAction[] {
  return actions
    .filter((a) => a.command?.command !== ClientCommands.addNote)
    .map((a) => (a.command?.command === ClientCommands.annotate ? { ...a, command: { ...a.command, command: ServerCommands.annotate } } : a));
}

function quickFixes(ctx: FeatureContext, uri: string, hit: QuoteHit, d: Diagnostic): CodeAction[] {
  const range = rangeOf(ctx, hit.path, hit.quote.start, hit.quote.end);
  if (!range) return [];
  const at = range.start;
  const places = otherPlaces(ctx, hit).filter((p) => !p.ignored);
  const out: CodeAction[] = [];
  const wordings = new Set<string>([normaliseQuote(hit.quote.text)]);
  for (const p of places) {
    if (p.relation !== 'variant' && p.relation !== 'conflict') continue;
    const o = p.group.members[p.other];
    const norm = normaliseQuote(o.text);
    if (wordings.has(norm) || wordings.size > MAX_WORDINGS) continue;
    wordings.add(norm);
    out.push({
      title: `Use the wording of ${labelOf(ctx, o.path)}: “${snippet(o.text, 50)}”`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [uri]: [{ range, newText: takeWording(hit.quote.text, o.text) }] } },
    });
  }
  out.push({
    title: 'Mark as intended (verified)',
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    command: annotate('Mark as intended', { uri, position: at, action: 'verify' }),
  });
  const worst = places[0];
  if (worst) {
    const o = worst.group.members[worst.other];
    const oRange = rangeOf(ctx, o.path, o.start, o.end);
    if (oRange) {
      out.push({
        title: `Ignore the match with ${labelOf(ctx, o.path)}${o.path === hit.path ? ` (line ${oRange.start.line + 1})` : ''}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: annotate('Ignore match', { uri, position: at, action: 'ignoreMatch', other: { uri: ctx.uriFor(o.path), position: oRange.start } }),
      });
    }
  }
  out.push({
    title: 'Ignore every match of this quotation',
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    command: annotate('Ignore all matches', { uri, position: at, action: 'ignoreAllMatches' }),
  });
  return out;
}

/** The other wording, keeping this quotation's trailing punctuation (it may sit inside the marks). */
export function takeWording(mine: string, other: string): string {
  const tail = /[\s,.;:!?]*$/.exec(mine)![0];
  return other.replace(/[\s,.;:!?]*$/, '') + tail;
}

function annotationActions(ctx: FeatureContext, uri: string, hit: QuoteHit): CodeAction[] {
  const r = rangeOf(ctx, hit.path, hit.quote.start, hit.quote.end);
  if (!r) return [];
  const position = r.start;
  const ann = ctx.annotations.get(hit.path, hit.quote);
  const out: CodeAction[] = [];
  const add = (title: string, params: AnnotateParams): void => {
    out.push({ title, kind: ANNOTATE_KIND, command: annotate(title, params) });
  };
  if (ann?.status !== 'verified') add('Quote Lens: Mark quotation as verified', { uri, position, action: 'verify' });
  if (ann?.status !== 'disputed') add('Quote Lens: Mark quotation as disputed', { uri, position, action: 'dispute' });
  out.push({
    title: ann?.note ? 'Quote Lens: Edit note…' : 'Quote Lens: Add a note…',
    kind: ANNOTATE_KIND,
    command: { title: 'Add a note', command: ClientCommands.addNote, arguments: [{ uri, position }] },
  });
  if (ann) add('Quote Lens: Clear annotation', { uri, position, action: 'clear' });
  return out;
}

function annotate(title: string, params: AnnotateParams): { title: string; command: string; arguments: unknown[] } {
  return { title, command: ClientCommands.annotate, arguments: [params] };
}

