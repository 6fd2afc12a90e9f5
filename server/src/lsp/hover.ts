/**
 * Hover on a quotation: who said it (canonical name, the mention, how the speaker was found), the cue,
 * the kind, its annotation, and every other place of the statement with its relation, a word-level diff
 * against this wording, and a link that opens the place.
 *
 * The diff uses the `diff` package (jsdiff): a maintained Myers implementation whose word tokenizer keeps
 * punctuation and whitespace apart, so the diff reads as words. The engine's own alignment works on
 * normalised words for classification and cannot render the original wording.
 */
import { diffWords } from 'diff';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { ClientCommands } from '../protocol';
import type { Quotation } from '../engine/types';
import type { FeatureContext, QuoteHit } from './context';
import { labelOf, location, otherPlaces, plural, quoteAt, rangeOf } from './context';
import { detailFor } from './diagnostics';

const KIND: Record<string, string> = {
  direct: 'direct quotation',
  partial: 'partial quotation',
  unmarked: 'quotation without quotation marks',
  indirect: 'reported speech',
  scare: 'scare quotes',
};

const ATTRIBUTION: Record<string, string> = {
  explicit: 'named in the same sentence',
  continuation: "carried from an earlier quotation's attribution in the paragraph",
  carried: "carried from the previous paragraph's speaker",
  headline: 'named in the headline',
  implicit: 'implied by the sentence',
  none: 'no speaker',
};

const MENTION: Record<string, string> = { name: 'name', pronoun: 'pronoun', nominal: 'description', none: 'no mention' };

export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const hit = quoteAt(ctx, params.textDocument.uri, params.position);
  if (!hit) return null;
  const range = rangeOf(ctx, hit.path, hit.quote.start, hit.quote.end);
  return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(ctx, hit) }, range };
}

export function hoverMarkdown(ctx: FeatureContext, hit: QuoteHit): string {
  const q = hit.quote;
  const lines: string[] = [];
  const ann = ctx.annotations.get(hit.path, q);
  const badge = ann?.status === 'verified' ? ' · ✓ **Verified**' : ann?.status === 'disputed' ? ' · ✗ **Disputed**' : '';
  lines.push(`**${esc(q.speaker ?? 'No speaker')}** · ${KIND[q.kind] ?? q.kind}${badge}`);
  lines.push('');
  lines.push(speakerLine(q));
  if (ann?.note) lines.push('', `> 🗒 ${esc(ann.note)}`);
  const places = otherPlaces(ctx, hit);
  if (!places.length) {
    if (q.kind !== 'scare' && q.kind !== 'indirect') lines.push('', '_No other place quotes this statement._');
    return lines.join('\n');
  }
  lines.push('', `**Quoted in ${plural(places.length, 'other place')}**`, '');
  for (const p of places) {
    const o = p.group.members[p.other];
    const loc = location(ctx, o.path, o.start, o.end);
    const self = p.group.members.findIndex((m) => m.path === hit.path && m.start === q.start && m.end === q.end);
    const where = `${o.path === hit.path ? 'this file' : labelOf(ctx, o.path)}, line ${(loc?.range.start.line ?? 0) + 1}`;
    // Other editors cannot run VS Code commands: give them a plain file link with the line.
    const target = loc && (ctx.clientCommands() ? commandUri(ClientCommands.openLocation, [loc.uri, loc.range]) : `${loc.uri}#L${loc.range.start.line + 1}`);
    const link = loc ? `[${esc(where)}](${target} "Open ${esc(where)}")` : esc(where);
    const detail = detailFor(p.pair, self);
    const rel = `${p.relation}${p.pair.subtype ? ` (${p.pair.subtype})` : ''}`;
    const ignored = p.ignored ? ' — _ignored_' : '';
    const speaker = o.speaker && o.speaker !== q.speaker ? ` — attributed to **${esc(o.speaker)}**` : '';
    // VS Code: a link that opens the two wordings side by side in the diff editor (issue 7).
    const self0 = rangeOf(ctx, hit.path, q.start, q.end)?.start;
    const compare =
      ctx.clientCommands() && loc && self0
        ? ` · [⇄ compare](${commandUri(ClientCommands.compare, [{ uri: ctx.uriFor(hit.path), position: self0, other: { uri: loc.uri, position: loc.range.start } }])} "Compare side by side with ${esc(where)}")`
        : '';
    lines.push(`- ${link} — **${rel}**${detail ? `: ${esc(detail)}` : ''}${speaker}${ignored}${compare}`);
    if (p.relation !== 'duplicate') lines.push(`  - ${wordDiff(q.text, o.text)}`);
  }
  lines.push('', '_Diff: ~~this wording~~ **the other place\'s wording**._');
  return lines.join('\n');
}

function speakerLine(q: Quotation): string {
  const parts: string[] = [];
  if (q.speaker) {
    const mention = q.speaker_mention ? `“${esc(q.speaker_mention)}” (${MENTION[q.mention_type] ?? q.mention_type})` : 'no mention';
    parts.push(`Speaker: ${mention}, ${ATTRIBUTION[q.attribution] ?? q.attribution}`);
  } else {
    parts.push(`Speaker: ${ATTRIBUTION[q.attribution] ?? 'none found'}`);
  }
  if (q.cue) parts.push(`cue *${esc(q.cue)}*`);
  return parts.join(' · ');
}

/**
 * Word-level diff of two wordings as Markdown: ~~removed~~ **added**. Long runs of equal words are
 * shortened to their ends so a hover stays readable.
 */
export function wordDiff(mine: string, other: string): string {
  const out: string[] = [];
  let prevRemoved = false;
  for (const part of diffWords(mine, other)) {
    // "~~old~~ **new**" reads better than "~~old~~**new**".
    if (part.added && prevRemoved) out.push(' ');
    prevRemoved = !!part.removed;
    const lead = /^\s*/.exec(part.value)![0] ? ' ' : '';
    const trail = /\s*$/.exec(part.value)![0] ? ' ' : '';
    const core = part.value.trim();
    if (!core) {
      out.push(part.value ? ' ' : '');
      continue;
    }
    if (part.removed) out.push(`${lead}~~${esc(core)}~~${trail}`);
    else if (part.added) out.push(`${lead}**${esc(core)}**${trail}`);
    else out.push(`${lead}${esc(shorten(core))}${trail}`);
  }
  return out.join('').replace(/ {2,}/g, ' ').trim();
}

function shorten(text: string, keep = 4): string {
  const words = text.split(/\s+/);
  return words.length <= keep * 2 + 1 ? text : `${words.slice(0, keep).join(' ')} … ${words.slice(-keep).join(' ')}`;
}

/** Escapes Markdown (and HTML) in text from the articles. */
export function esc(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|~<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** A `command:` link; the client trusts only Quote Lens's own commands in hovers. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
