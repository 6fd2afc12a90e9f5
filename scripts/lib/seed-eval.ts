/**
 * Seed evaluation: the engine's quotations on `test/fixtures/seeds/*.txt` against
 * `test/fixtures/seeds-gold/quotes.json` (schema in that folder's README.md).
 *
 * Definitions:
 * - statement kinds are direct, partial and unmarked. A gold record *requires* a statement when its
 *   `kind` is one of them (71 records); it *allows* one when `kind` or `alt_kind` is (so the three
 *   `scare` records with `alt_kind: partial` may be reported either way).
 * - a match is an overlap of at least 50 % of the longer span after trimming punctuation and white space
 *   at both ends (`spansMatch`).
 * - quote recall: required records matched by an engine statement, or by an engine quote of the record's
 *   `alt_kind` (`intruders` reported as scare is fine). Quote precision: engine statements that match an
 *   allowing record.
 * - exact-span recall: required records for which an engine quote has the same trimmed span.
 * - scare: gold `scare` records without a statement `alt_kind` that an engine statement matches (target 0).
 * - speaker: on matched required records, the best-overlapping engine quote is right when its mention
 *   span overlaps the gold mention span, or its `speaker` equals the gold speaker after `normaliseName`.
 * - indirect: engine `indirect` quotes against gold `indirect` records, same overlap rule.
 */
import { bestMatches, normaliseName, overlapsAny, prf, sameTrimmedSpan, seg, type PRF, type Span } from './score';
import type { EngineQuote, Item } from './report';

export interface GoldQuote {
  id: string;
  file: string;
  kind: string;
  alt_kind?: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  speaker_mention: string | null;
  mention_start: number | null;
  mention_end: number | null;
}

export const STATEMENT_KINDS: ReadonlySet<string> = new Set(['direct', 'partial', 'unmarked']);

export interface SeedFile {
  name: string;
  text: string;
  /** What the engine returned (after validation), and a one-line error if it threw. */
  quotes: EngineQuote[];
  error?: string;
}

export interface Counts {
  gold: number;
  found: number;
}

export interface SeedResult {
  files: number;
  quotes: { gold: number; pred: number; tpGold: number; tpPred: number } & PRF;
  perKind: Record<string, Counts>;
  exact: Counts;
  kindAgree: Counts;
  scare: { gold: number; asStatement: number; altAllowed: number };
  speaker: Counts;
  indirect: { gold: number; pred: number; tpGold: number; tpPred: number; speaker: Counts } & PRF;
  items: Item[];
}

export function speakerRight(
  q: EngineQuote,
  goldMention: Span | null,
  goldNames: readonly (string | null | undefined)[],
): boolean {
  if (goldMention && q.mention_start != null && q.mention_end != null && q.mention_end > q.mention_start) {
    if (overlapsAny(seg(q.mention_start, q.mention_end), goldMention)) return true;
  }
  const name = normaliseName(q.speaker);
  if (!name) return false;
  return goldNames.some((g) => normaliseName(g) === name);
}

const isStatement = (k: string): boolean => STATEMENT_KINDS.has(k);
const allowsStatement = (g: GoldQuote): boolean => isStatement(g.kind) || (g.alt_kind !== undefined && isStatement(g.alt_kind));

function describeQuote(q: EngineQuote): string {
  const who = q.speaker ?? q.speaker_mention ?? '—';
  return `speaker ${who}`;
}

/** Scores every seed file. `gold` holds the records of all files (matched by `file`). */
export function scoreSeeds(files: readonly SeedFile[], gold: readonly GoldQuote[]): SeedResult {
  const r: SeedResult = {
    files: files.length,
    quotes: { gold: 0, pred: 0, tpGold: 0, tpPred: 0, precision: 0, recall: 0, f1: 0 },
    perKind: { direct: { gold: 0, found: 0 }, partial: { gold: 0, found: 0 }, unmarked: { gold: 0, found: 0 } },
    exact: { gold: 0, found: 0 },
    kindAgree: { gold: 0, found: 0 },
    scare: { gold: 0, asStatement: 0, altAllowed: 0 },
    speaker: { gold: 0, found: 0 },
    indirect: { gold: 0, pred: 0, tpGold: 0, tpPred: 0, precision: 0, recall: 0, f1: 0, speaker: { gold: 0, found: 0 } },
    items: [],
  };
  for (const f of files) {
    const g = gold.filter((x) => x.file === f.name);
    const text = f.text;
    const span = (x: { start: number; end: number }): Span => seg(x.start, x.end);
    const statements = f.quotes.filter((q) => isStatement(q.kind));
    const required = g.filter((x) => isStatement(x.kind));
    const allowing = g.filter(allowsStatement);

    // Recall of required records: by a statement, or by an engine quote of the alt_kind.
    const accept = f.quotes.map((q, i) => ({ q, i }));
    for (const gq of required) {
      r.quotes.gold++;
      r.perKind[gq.kind].gold++;
      const candidates = accept.filter(({ q }) => isStatement(q.kind) || (gq.alt_kind !== undefined && q.kind === gq.alt_kind));
      const m = bestMatches(text, [span(gq)], candidates.map(({ q }) => span(q)));
      const j = m.goldToPred[0];
      if (j < 0) {
        const near = f.quotes.find((q) => overlapsAny(span(q), span(gq)));
        r.items.push({
          file: f.name, start: gq.start, end: gq.end, tag: 'MISS', kind: gq.kind,
          detail: `${gq.id}${near ? `; nearest engine ${near.kind} [${near.start},${near.end})` : ''}`,
        });
        continue;
      }
      const q = candidates[j].q;
      r.quotes.tpGold++;
      r.perKind[gq.kind].found++;
      r.kindAgree.gold++;
      if (q.kind === gq.kind || q.kind === gq.alt_kind) r.kindAgree.found++;
      else r.items.push({ file: f.name, start: gq.start, end: gq.end, tag: 'KIND', kind: gq.kind, detail: `${gq.id}: engine says ${q.kind}` });
      if (gq.speaker !== null) {
        r.speaker.gold++;
        const gm = gq.mention_start != null && gq.mention_end != null ? span({ start: gq.mention_start, end: gq.mention_end }) : null;
        if (speakerRight(q, gm, [gq.speaker])) r.speaker.found++;
        else {
          r.items.push({
            file: f.name, start: gq.start, end: gq.end, tag: 'SPEAKER', kind: gq.kind,
            detail: `${gq.id}: gold ${gq.speaker} (mention "${gq.speaker_mention ?? '—'}" [${gq.mention_start},${gq.mention_end})), engine ${q.speaker ?? '—'} (mention "${q.speaker_mention ?? '—'}" [${q.mention_start ?? ''},${q.mention_end ?? ''}))`,
          });
        }
      }
    }
    for (const gq of required) {
      r.exact.gold++;
      if (f.quotes.some((q) => sameTrimmedSpan(text, span(q), span(gq)))) r.exact.found++;
      else if (f.quotes.some((q) => overlapsAny(span(q), span(gq)))) {
        const q = f.quotes.filter((x) => overlapsAny(span(x), span(gq)))[0];
        r.items.push({ file: f.name, start: gq.start, end: gq.end, tag: 'INEXACT', kind: gq.kind, detail: `${gq.id}: engine [${q.start},${q.end}) «${text.slice(q.start, q.end)}»` });
      }
    }

    // Precision of engine statements.
    const pmPred = bestMatches(text, allowing.map(span), statements.map(span)).predMatched;
    statements.forEach((q, i) => {
      r.quotes.pred++;
      if (pmPred[i]) r.quotes.tpPred++;
      else {
        const over = g.filter((x) => overlapsAny(span(x), span(q))).map((x) => `${x.id} ${x.kind}`);
        r.items.push({ file: f.name, start: q.start, end: q.end, tag: 'FP', kind: q.kind, detail: `${describeQuote(q)}${over.length ? `; overlaps gold ${over.join(', ')}` : ''}` });
      }
    });

    // Scare records reported as statements.
    for (const gq of g.filter((x) => x.kind === 'scare')) {
      if (gq.alt_kind !== undefined && isStatement(gq.alt_kind)) {
        r.scare.altAllowed++;
        continue;
      }
      r.scare.gold++;
      const hit = statements.find((q) => bestMatches(text, [span(gq)], [span(q)]).goldToPred[0] === 0);
      if (hit) {
        r.scare.asStatement++;
        r.items.push({ file: f.name, start: gq.start, end: gq.end, tag: 'SCARE', kind: 'scare', detail: `${gq.id} reported as ${hit.kind}` });
      }
    }

    // Indirect.
    const gi = g.filter((x) => x.kind === 'indirect');
    const pi = f.quotes.filter((q) => q.kind === 'indirect');
    const im = bestMatches(text, gi.map(span), pi.map(span));
    r.indirect.gold += gi.length;
    r.indirect.pred += pi.length;
    gi.forEach((gq, i) => {
      const j = im.goldToPred[i];
      if (j < 0) {
        r.items.push({ file: f.name, start: gq.start, end: gq.end, tag: 'IND-MISS', kind: 'indirect', detail: `${gq.id} ${gq.speaker ?? ''}` });
        return;
      }
      r.indirect.tpGold++;
      if (gq.speaker !== null) {
        r.indirect.speaker.gold++;
        const gm = gq.mention_start != null && gq.mention_end != null ? span({ start: gq.mention_start, end: gq.mention_end }) : null;
        if (speakerRight(pi[j], gm, [gq.speaker])) r.indirect.speaker.found++;
        else r.items.push({ file: f.name, start: gq.start, end: gq.end, tag: 'IND-SPEAKER', kind: 'indirect', detail: `${gq.id}: gold ${gq.speaker}, engine ${pi[j].speaker ?? '—'}` });
      }
    });
    pi.forEach((q, j) => {
      if (im.predMatched[j]) r.indirect.tpPred++;
      else r.items.push({ file: f.name, start: q.start, end: q.end, tag: 'IND-FP', kind: 'indirect', detail: describeQuote(q) });
    });
  }
  Object.assign(r.quotes, prf(r.quotes.tpPred, r.quotes.pred, r.quotes.tpGold, r.quotes.gold));
  Object.assign(r.indirect, prf(r.indirect.tpPred, r.indirect.pred, r.indirect.tpGold, r.indirect.gold));
  r.items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  return r;
}
