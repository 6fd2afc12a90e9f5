/**
 * PolNeAR scoring (gold definitions in `polnear.ts`).
 *
 * Quote segments (engine statements = kinds direct, partial, unmarked; engine scare = kind scare):
 * - recall: gold quote segments matched (50 % overlap rule) by an engine statement. `recallAny` also
 *   counts engine scare quotes, so a segment found but typed scare shows up as the difference.
 * - precision, strict: every engine statement or scare quote is a prediction. It is a true positive when
 *   it matches a gold segment; *neutral* (left out of precision) when it matches none but overlaps a
 *   quote-marked gold Content (whatever its cue: PolNeAR's contents and the engine's quotes can split a
 *   quotation differently); a false positive otherwise.
 * - precision, scare-lenient: as strict, but engine scare quotes that overlap no gold Content at all are
 *   left out too (PolNeAR does not annotate scare quotes, so these are a gray zone, counted separately).
 * - precision, statements: the engine statements alone are the predictions (a scare quote is the engine saying
 *   "no statement here", so it is neither right nor wrong as one); true positive, neutral and false positive
 *   as in strict. This is the pair of `recall`, which also counts statements only.
 * - adjudicated scare segments (titles, names, labels: `applyScareAdjudication` in polnear.ts) are not gold
 *   quote segments: an engine scare quote on one is a true positive, an engine statement on one a false
 *   positive (tag SCARE→STMT) in both precisions; `rawRecall` counts them as gold segments, as before the
 *   adjudication.
 * - speaker accuracy: on matched gold segments whose attribution has a Source, the best-overlapping engine
 *   statement is right when its mention span overlaps the Source span or its `speaker` equals the Source
 *   text after `normaliseName`.
 * Reported speech (engine kind indirect vs gold reported speech, 50 % overlap): an engine indirect quote
 * that matches no gold reported speech is neutral when it matches (50 %) another gold Content — a
 * quote-marked one (mixed quotation) or one whose cue is not in the speech list (thinks, argued …) —
 * and a false positive otherwise.
 */
import { bestMatches, overlapsAny, prf, seg, type PRF, type Seg } from './score';
import type { PolnearDoc } from './polnear';
import { speakerRight } from './seed-eval';
import type { EngineQuote, Item } from './report';

export interface PolnearCounts {
  docs: number;
  goldSegments: number;
  found: number;
  foundAny: number;
  strict: { tp: number; fp: number; neutral: number };
  lenient: { tp: number; fp: number; neutral: number; ignoredScare: number };
  /** Engine statements only (scare quotes are no prediction of a statement): the pair of `recall`. */
  statements: { tp: number; fp: number; neutral: number };
  scare: { pred: number; noContent: number; matchGold: number };
  /** Adjudicated scare segments, and how the engine typed those it found. */
  adjudicated: { segments: number; asScare: number; asStatement: number };
  speaker: { matched: number; noSource: number; right: number };
  reported: { gold: number; pred: number; tpGold: number; tpPred: number; neutral: number; speakerMatched: number; speakerRight: number };
}

export interface PolnearResult extends PolnearCounts {
  recall: number;
  recallAny: number;
  /** Recall with the adjudicated scare segments counted as gold quote segments. */
  rawRecall: number;
  precisionStrict: number;
  precisionLenient: number;
  precisionStatements: number;
  quoteF1: number;
  speakerAccuracy: number;
  reportedPRF: PRF;
  reportedSpeakerAccuracy: number;
  items: Item[];
}

export function emptyCounts(): PolnearCounts {
  return {
    docs: 0, goldSegments: 0, found: 0, foundAny: 0,
    strict: { tp: 0, fp: 0, neutral: 0 },
    lenient: { tp: 0, fp: 0, neutral: 0, ignoredScare: 0 },
    statements: { tp: 0, fp: 0, neutral: 0 },
    scare: { pred: 0, noContent: 0, matchGold: 0 },
    adjudicated: { segments: 0, asScare: 0, asStatement: 0 },
    speaker: { matched: 0, noSource: 0, right: 0 },
    reported: { gold: 0, pred: 0, tpGold: 0, tpPred: 0, neutral: 0, speakerMatched: 0, speakerRight: 0 },
  };
}

const STATEMENT = new Set(['direct', 'partial', 'unmarked']);

function qspan(q: EngineQuote): Seg[] {
  return seg(q.start, q.end);
}

/** Scores one article; adds to `c` and appends items. */
export function scorePolnearDoc(doc: PolnearDoc, quotes: readonly EngineQuote[], c: PolnearCounts, items: Item[]): void {
  const text = doc.text;
  const file = doc.name;
  c.docs++;
  const statements = quotes.filter((q) => STATEMENT.has(q.kind));
  const scares = quotes.filter((q) => q.kind === 'scare');
  const indirect = quotes.filter((q) => q.kind === 'indirect');
  const gold = doc.quoteSegments;
  const goldSpans = gold.map((g) => g.span);
  const quotedContents = doc.contents.filter((x) => x.quoteSegments.length).map((x) => x.content.segs);
  const allContents = doc.contents.map((x) => x.content.segs);

  // Recall and speakers.
  c.goldSegments += gold.length;
  const m = bestMatches(text, goldSpans, statements.map(qspan));
  const mAny = bestMatches(text, goldSpans, scares.map(qspan));
  gold.forEach((g, i) => {
    const j = m.goldToPred[i];
    const src = g.content.attribution.source;
    if (j < 0) {
      if (mAny.goldToPred[i] >= 0) c.foundAny++;
      const typedScare = mAny.goldToPred[i] >= 0;
      items.push({
        file, start: g.span[0].start, end: g.span[g.span.length - 1].end, tag: typedScare ? 'MISS(scare)' : 'MISS',
        detail: `source ${g.content.sourceText ?? '—'}, cue ${g.content.cueText ?? '—'}`,
      });
      return;
    }
    c.found++;
    c.foundAny++;
    if (!src) {
      c.speaker.noSource++;
      return;
    }
    c.speaker.matched++;
    const q = statements[j];
    if (speakerRight(q, src.segs, [g.content.sourceText])) c.speaker.right++;
    else {
      items.push({
        file, start: g.span[0].start, end: g.span[g.span.length - 1].end, tag: 'SPEAKER', kind: q.kind,
        detail: `gold source "${g.content.sourceText}" [${src.segs[0].start},${src.segs[src.segs.length - 1].end}), engine ${q.speaker ?? '—'} (mention "${q.speaker_mention ?? '—'}" [${q.mention_start ?? ''},${q.mention_end ?? ''}))`,
      });
    }
  });

  // Precision (strict and scare-lenient).
  const preds = [...statements, ...scares];
  const pm = bestMatches(text, goldSpans, preds.map(qspan));
  const adjudicated = doc.scareSegments.map((g) => g.span);
  c.adjudicated.segments += adjudicated.length;
  const am = bestMatches(text, adjudicated, preds.map(qspan));
  preds.forEach((q, j) => {
    const isScare = q.kind === 'scare';
    if (isScare) c.scare.pred++;
    const stmt = isScare ? null : c.statements;
    if (pm.predMatched[j]) {
      c.strict.tp++;
      c.lenient.tp++;
      if (stmt) stmt.tp++;
      if (isScare) c.scare.matchGold++;
      return;
    }
    if (am.predMatched[j]) {
      if (isScare) {
        c.adjudicated.asScare++;
        c.strict.tp++;
        c.lenient.tp++;
      } else {
        c.adjudicated.asStatement++;
        c.strict.fp++;
        c.lenient.fp++;
        if (stmt) stmt.fp++;
        items.push({ file, start: q.start, end: q.end, tag: 'SCARE→STMT', kind: q.kind, detail: `a title, name or label (adjudicated); engine speaker ${q.speaker ?? '—'}` });
      }
      return;
    }
    const s = qspan(q);
    if (quotedContents.some((x) => overlapsAny(x, s))) {
      c.strict.neutral++;
      c.lenient.neutral++;
      if (stmt) stmt.neutral++;
      return;
    }
    c.strict.fp++;
    if (stmt) stmt.fp++;
    const overAny = allContents.some((x) => overlapsAny(x, s));
    if (isScare && !overAny) {
      c.scare.noContent++;
      c.lenient.ignoredScare++;
      items.push({ file, start: q.start, end: q.end, tag: 'SCARE(gray)', kind: q.kind, detail: 'overlaps no gold Content' });
      return;
    }
    c.lenient.fp++;
    items.push({ file, start: q.start, end: q.end, tag: 'FP', kind: q.kind, detail: `engine speaker ${q.speaker ?? '—'}${overAny ? '; overlaps an unquoted gold Content' : ''}` });
  });

  // Reported speech.
  const rs = doc.reportedSpeech;
  const rsSpans = rs.map((x) => x.content.segs);
  const rm = bestMatches(text, rsSpans, indirect.map(qspan));
  c.reported.gold += rs.length;
  c.reported.pred += indirect.length;
  rs.forEach((g, i) => {
    const j = rm.goldToPred[i];
    const segs = g.content.segs;
    if (j < 0) {
      items.push({ file, start: segs[0].start, end: segs[segs.length - 1].end, tag: 'RS-MISS', detail: `source ${g.sourceText ?? '—'}, cue ${g.cueText ?? '—'}` });
      return;
    }
    c.reported.tpGold++;
    const src = g.attribution.source;
    if (src) {
      c.reported.speakerMatched++;
      if (speakerRight(indirect[j], src.segs, [g.sourceText])) c.reported.speakerRight++;
    }
  });
  const others = doc.contents.filter((x) => !rs.includes(x)).map((x) => x.content.segs);
  const om = bestMatches(text, others, indirect.map(qspan));
  indirect.forEach((q, j) => {
    if (rm.predMatched[j]) c.reported.tpPred++;
    else if (om.predMatched[j]) c.reported.neutral++;
    else items.push({ file, start: q.start, end: q.end, tag: 'RS-FP', kind: 'indirect', detail: `engine speaker ${q.speaker ?? '—'}` });
  });
}

export function finish(c: PolnearCounts, items: Item[]): PolnearResult {
  const recall = c.goldSegments ? c.found / c.goldSegments : NaN;
  const precisionStrict = c.strict.tp + c.strict.fp ? c.strict.tp / (c.strict.tp + c.strict.fp) : NaN;
  const precisionLenient = c.lenient.tp + c.lenient.fp ? c.lenient.tp / (c.lenient.tp + c.lenient.fp) : NaN;
  const precisionStatements = c.statements.tp + c.statements.fp ? c.statements.tp / (c.statements.tp + c.statements.fp) : NaN;
  const reportedPRF = prf(c.reported.tpPred, c.reported.pred - c.reported.neutral, c.reported.tpGold, c.reported.gold);
  return {
    ...c,
    recall,
    recallAny: c.goldSegments ? c.foundAny / c.goldSegments : NaN,
    rawRecall: c.goldSegments + c.adjudicated.segments ? (c.found + c.adjudicated.asStatement) / (c.goldSegments + c.adjudicated.segments) : NaN,
    precisionStrict,
    precisionLenient,
    precisionStatements,
    quoteF1: precisionStatements + recall > 0 ? (2 * precisionStatements * recall) / (precisionStatements + recall) : 0,
    speakerAccuracy: c.speaker.matched ? c.speaker.right / c.speaker.matched : NaN,
    reportedPRF,
    reportedSpeakerAccuracy: c.reported.speakerMatched ? c.reported.speakerRight / c.reported.speakerMatched : NaN,
    items,
  };
}
