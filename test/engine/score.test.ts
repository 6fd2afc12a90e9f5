/**
 * Unit tests of the evaluation scripts' scoring (scripts/lib): span trimming and the 50 % overlap rule,
 * name normalisation, P/R/F1, the gold-side quotation-mark pairer, the PolNeAR gold derivation, and the
 * seed / PolNeAR scorers on tiny hand-made cases.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  bestMatches, median, normaliseName, overlapRatio, percentile, prf, sameTrimmedSpan, seg, spansMatch, trimSpan,
} from '../../scripts/lib/score';
import { findQuotedSpans } from '../../scripts/lib/quotemarks';
import { applyScareAdjudication, deriveGold, inflect, isSpeechCue, parseAnn, type PolnearDoc } from '../../scripts/lib/polnear';
import { scoreSeeds, type GoldQuote } from '../../scripts/lib/seed-eval';
import { emptyCounts, finish, scorePolnearDoc } from '../../scripts/lib/polnear-eval';
import type { EngineQuote, Item } from '../../scripts/lib/report';
import { fingerprint, generateWorkspace } from '../../scripts/lib/workspace-gen';

const quoted = (text: string): string[] => findQuotedSpans(text).map((s) => text.slice(s.start, s.end));

test('trimSpan drops punctuation and spaces at both ends only', () => {
  const t = '"Hello, world." he said';
  assert.deepEqual(trimSpan(t, seg(0, 15)), [{ start: 1, end: 13 }]);
  assert.deepEqual(trimSpan(t, seg(0, 1)), []);
  // Discontinuous: the first segment is all punctuation and disappears.
  assert.deepEqual(trimSpan('.., ab cd ..', [{ start: 0, end: 3 }, { start: 4, end: 12 }]), [{ start: 4, end: 9 }]);
});

test('overlap rule: at least 50 % of the longer trimmed span', () => {
  const t = 'abcdefghijklmnopqrst';
  assert.equal(overlapRatio(t, seg(0, 10), seg(5, 10)), 0.5);
  assert.equal(spansMatch(t, seg(0, 10), seg(5, 10)), true);
  assert.equal(spansMatch(t, seg(0, 10), seg(6, 10)), false);
  assert.equal(spansMatch(t, seg(0, 10), seg(10, 20)), false);
  // Trimming makes a quote with its closing comma equal to the one without.
  const q = '"shut down," he said';
  assert.equal(overlapRatio(q, seg(1, 11), seg(1, 10)), 1);
  assert.equal(sameTrimmedSpan(q, seg(1, 11), seg(0, 10)), true);
  assert.equal(sameTrimmedSpan(q, seg(1, 11), seg(2, 10)), false);
  assert.equal(overlapRatio(q, seg(0, 1), seg(0, 1)), 0, 'an all-punctuation span matches nothing');
});

test('bestMatches picks the best overlap and marks matched predictions', () => {
  const t = 'x'.repeat(100);
  const m = bestMatches(t, [seg(0, 10), seg(50, 60)], [seg(0, 6), seg(0, 9), seg(80, 90)]);
  assert.deepEqual(m.goldToPred, [1, -1]);
  assert.deepEqual(m.predMatched, [true, true, false]);
});

test('normaliseName: case, punctuation, abbreviations, accents, leading "the"', () => {
  assert.equal(normaliseName('The Russian Defence Ministry'), normaliseName('russian defence ministry'));
  assert.equal(normaliseName('U.S. State Department'), 'us state department');
  assert.equal(normaliseName('Major-General Igor Konashenkov'), 'major general igor konashenkov');
  assert.equal(normaliseName('Ramón Tremosa'), 'ramon tremosa');
  assert.equal(normaliseName('Russia’s Defence Ministry'), 'russias defence ministry');
  assert.equal(normaliseName(null), '');
});

test('prf, percentile and median', () => {
  const r = prf(3, 4, 3, 6);
  assert.equal(r.precision, 0.75);
  assert.equal(r.recall, 0.5);
  assert.ok(Math.abs(r.f1 - 0.6) < 1e-12);
  const none = prf(0, 0, 0, 5);
  assert.ok(Number.isNaN(none.precision));
  assert.equal(none.recall, 0);
  assert.equal(none.f1, 0);
  assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('findQuotedSpans: straight, curly, two-apostrophe and interrupted quotes', () => {
  assert.deepEqual(quoted('"It is over," he said. "We won."'), ['It is over,', 'We won.']);
  assert.deepEqual(quoted('He called it \u201Ca disgrace\u201D and left.'), ['a disgrace']);
  assert.deepEqual(quoted("''This isn't tax reform,'' said Mr. Holtz-Eakin."), ["This isn't tax reform,"]);
  // Single marks: nested ones belong to the outer quotation; apostrophes are not marks.
  assert.deepEqual(quoted('"They said \u2018no\u2019 to Clinton\u2019s plan," she said.'), ['They said \u2018no\u2019 to Clinton\u2019s plan,']);
  assert.deepEqual(quoted('Christie Calls Clinton \u2018A Disgrace\u2019 Over Comments'), ['A Disgrace']);
  assert.deepEqual(quoted("It's the voters' choice in the '90s."), []);
});

test('findQuotedSpans: a quotation in the other style inside an open one is nested in it', () => {
  // PolNeAR dev, breitbart …pat-caddell…: a straight-quoted transcript quoting a poll question in curly marks.
  const t = 'Caddell continued:\n\n"We read the question: \u201CAs you know, she left early?\u201D Forty-three, yes."';
  assert.deepEqual(quoted(t), ['We read the question: \u201CAs you know, she left early?\u201D Forty-three, yes.']);
  assert.deepEqual(quoted('\u201CHe told me "no" twice,\u201D she said.'), ['He told me "no" twice,']);
  // Same style: the unclosed first quotation still ends where the next opens, unless it closes later.
  assert.deepEqual(quoted('\u201COne \u201CTwo.\u201D'), ['One ', 'Two.']);
  assert.deepEqual(quoted('\u201CI would live in what he calls \u201Chell\u201D than that.\u201D \u2015 A. R.'), ['I would live in what he calls \u201Chell\u201D than that.']);
  assert.deepEqual(quoted('\u201COne \u201CTwo\u201D three \u201CFour.\u201D'), ['One ', 'Two', 'Four.']);
  // An outer quotation left open (the multi-paragraph convention) nests one that its words go on after...
  assert.deepEqual(quoted('"PENCE: It is like \u201CShark Tank.\u201D But this is America\n\n"WALLACE: Well.'), [
    'PENCE: It is like \u201CShark Tank.\u201D But this is America', 'WALLACE: Well.',
  ]);
  // ...but nothing follows this inner pair: the open quotation ends before it.
  assert.deepEqual(quoted('"It goes on \u201Cand on\u201D'), ['It goes on ', 'and on']);
});

test('findQuotedSpans: an unclosed quotation ends with its paragraph; stray closers are ignored', () => {
  const t = '"First paragraph goes on\n\n"Second one closes."\n\nStray" mark.';
  assert.deepEqual(quoted(t), ['First paragraph goes on', 'Second one closes.']);
});

test('isSpeechCue and inflect', () => {
  for (const c of ['said', 'said in a statement', 'told reporters', 'According to', 'has said', 'added:', 'denied', 'tweeted', 'pointed out']) {
    assert.equal(isSpeechCue(c), true, c);
  }
  for (const c of ['thinks', 'believes', 'called for', ':', 'wants', 'showed', null]) assert.equal(isSpeechCue(c), false, String(c));
  assert.deepEqual(inflect('admit'), ['admit', 'admits', 'admitted', 'admitting']);
  assert.deepEqual(inflect('deny'), ['deny', 'denies', 'denied', 'denying']);
  assert.deepEqual(inflect('note'), ['note', 'notes', 'noted', 'noting']);
});

// A hand-made PolNeAR article: a direct quote (content without the marks), a mixed quotation, reported
// speech, a belief, and a discontinuous content with no source.
const TEXT = [
  '"We will win," Trump said.', //                                   0..26
  'Clinton said the plan was "a disaster" for workers.', //          27..78
  'Pence said the debate went well.', //                             79..111
  'Sanders thinks the race is close.', //                           112..145
  '"Jobs first," the ad says, "always."', //                         146..182
].join('\n');
const idx = (s: string): number => TEXT.indexOf(s);
const span = (s: string): string => `${idx(s)} ${idx(s) + s.length}`;
const ANN = [
  `T1\tSource ${span('Trump')}\tTrump`,
  `T2\tCue ${idx('said.')} ${idx('said.') + 4}\tsaid`,
  `T3\tContent ${span('We will win,')}\tWe will win,`,
  'E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1',
  `T4\tSource ${span('Clinton')}\tClinton`,
  `T5\tCue ${idx('said the plan')} ${idx('said the plan') + 4}\tsaid`,
  `T6\tContent ${span('the plan was "a disaster" for workers')}\tthe plan…`,
  'E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4',
  `T7\tSource ${span('Pence')}\tPence`,
  `T8\tCue ${idx('said the debate')} ${idx('said the debate') + 4}\tsaid`,
  `T9\tContent ${span('the debate went well')}\tthe debate went well`,
  'E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7',
  `T10\tSource ${span('Sanders')}\tSanders`,
  `T11\tCue ${span('thinks')}\tthinks`,
  `T12\tContent ${span('the race is close')}\tthe race is close`,
  'E4\tAttribution:T11 Content:T12 Cue:T11 Source:T10',
  `T13\tCue ${span('says')}\tsays`,
  `T14\tContent ${span('"Jobs first,"')};${span('"always."')}\t"Jobs first," "always."`,
  'E5\tAttribution-no-source:T13 Content:T14 Cue:T13',
].join('\n');

function doc(): PolnearDoc {
  const ann = parseAnn(ANN);
  return { name: 'hand', split: 'dev', text: TEXT, annotator: 'a', annotators: ['a'], annotatorRule: 'metadata', ...deriveGold(TEXT, ann), scareSegments: [] };
}

test('PolNeAR gold: quote segments, reported speech, discontinuous contents', () => {
  const d = doc();
  assert.equal(d.contents.length, 5);
  const segs = d.quoteSegments.map((g) => g.span.map((s) => TEXT.slice(s.start, s.end)).join('|'));
  assert.deepEqual(segs, ['We will win,', 'a disaster', 'Jobs first,', 'always.']);
  assert.equal(d.quoteSegments[0].content.sourceText, 'Trump');
  assert.equal(d.quoteSegments[2].content.attribution.source, null);
  // Only Pence's content is reported speech: Clinton's is quote-marked, Sanders' cue is a belief.
  assert.deepEqual(d.reportedSpeech.map((c) => c.sourceText), ['Pence']);
});

const q = (kind: string, s: string, extra: Partial<EngineQuote> = {}): EngineQuote => ({ kind, start: idx(s), end: idx(s) + s.length, text: s, ...extra });

test('PolNeAR scoring: recall, precision of statements, strict and scare-lenient, neutral, speakers, reported speech', () => {
  const engine: EngineQuote[] = [
    q('direct', 'We will win,', { speaker: 'Donald Trump', mention_start: idx('Trump'), mention_end: idx('Trump') + 5 }),
    q('partial', 'a disaster', { speaker: 'Hillary Clinton' }), // wrong: no mention, name differs from "Clinton"
    q('direct', 'Jobs first,'),
    q('scare', 'always.'), // a gold segment typed scare: strict TP, not recalled
    q('partial', 'the plan was'), // overlaps a quote-marked content without matching: neutral
    q('scare', 'Pence'), // a scare quote on no Content: the gray zone
    q('direct', 'Sanders'), // overlaps no content: false positive
    q('indirect', 'the debate went well', { speaker: 'Pence' }),
    q('indirect', 'the race is close'), // matches a non-speech content: neutral
    q('indirect', 'Jobs first'), // matches the quote-marked "Jobs first … always" content: neutral
  ];
  const c = emptyCounts();
  const items: Item[] = [];
  scorePolnearDoc(doc(), engine, c, items);
  const r = finish(c, items);
  assert.equal(r.goldSegments, 4);
  assert.equal(r.found, 3, 'direct + partial + direct; the scare-typed one is not recalled');
  assert.equal(r.foundAny, 4);
  assert.deepEqual(r.strict, { tp: 4, fp: 2, neutral: 1 });
  assert.deepEqual(r.lenient, { tp: 4, fp: 1, neutral: 1, ignoredScare: 1 });
  assert.equal(r.precisionLenient, 0.8);
  // Statements alone: the two scare quotes are no prediction; "Sanders" is the one false positive.
  assert.deepEqual(r.statements, { tp: 3, fp: 1, neutral: 1 });
  assert.equal(r.precisionStatements, 0.75);
  // Speakers: Trump right (mention overlap), Clinton wrong; "Jobs first" has no Source (not scored).
  assert.deepEqual(r.speaker, { matched: 2, noSource: 1, right: 1 });
  assert.equal(r.reported.gold, 1);
  assert.equal(r.reported.tpGold, 1);
  assert.equal(r.reported.neutral, 2, 'the belief content and the quote-marked content are neutral');
  assert.equal(r.reportedPRF.precision, 1);
  assert.equal(r.reported.speakerRight, 1);
  assert.ok(items.some((i) => i.tag === 'SPEAKER'));
  assert.ok(items.some((i) => i.tag === 'MISS(scare)'));
});

test('PolNeAR adjudication: a listed title leaves the gold; scare on it is right, a statement on it wrong', () => {
  const listed = { id: `hand:${idx('a disaster')}:${idx('a disaster') + 10}`, text: 'a disaster', category: 'label', reason: 'test' };
  const wrongText = { id: `hand:${idx('Jobs first,')}:${idx('Jobs first,') + 11}`, text: 'Jobs first', category: 'label', reason: 'text differs' };
  const missing = { id: 'other:1:2', text: 'x', category: 'title', reason: 'no such article' };
  const run = (kind: string) => {
    const d = doc();
    const stale = applyScareAdjudication([d], [listed, wrongText, missing]);
    assert.deepEqual(stale.map((e) => e.id), [wrongText.id, missing.id]);
    assert.deepEqual(d.quoteSegments.map((g) => TEXT.slice(g.span[0].start, g.span[0].end)), ['We will win,', 'Jobs first,', 'always.']);
    const c = emptyCounts();
    const items: Item[] = [];
    scorePolnearDoc(d, [q('direct', 'We will win,'), q(kind, 'a disaster')], c, items);
    return { r: finish(c, items), items };
  };
  const asScare = run('scare');
  assert.equal(asScare.r.goldSegments, 3);
  assert.equal(asScare.r.found, 1);
  assert.deepEqual(asScare.r.adjudicated, { segments: 1, asScare: 1, asStatement: 0 });
  assert.deepEqual(asScare.r.strict, { tp: 2, fp: 0, neutral: 0 });
  assert.equal(asScare.r.rawRecall, 1 / 4);
  assert.deepEqual(asScare.r.statements, { tp: 1, fp: 0, neutral: 0 }, 'the scare quote on the title is no statement');
  const asStatement = run('partial');
  assert.deepEqual(asStatement.r.adjudicated, { segments: 1, asScare: 0, asStatement: 1 });
  assert.deepEqual(asStatement.r.lenient, { tp: 1, fp: 1, neutral: 0, ignoredScare: 0 });
  assert.deepEqual(asStatement.r.statements, { tp: 1, fp: 1, neutral: 0 });
  assert.equal(asStatement.r.rawRecall, 2 / 4, 'before the adjudication the statement counted as found');
  assert.ok(asStatement.items.some((i) => i.tag === 'SCARE→STMT' && i.start === idx('a disaster')));
});

test('seed scoring: kinds, alt_kind, scare, exact spans, speakers, indirect', () => {
  const text = 'He said "we will strike back," Konashenkov said. So-called "foreign agents" and "intruders" were named. The ministry said the talks failed.';
  const at = (s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
  const gq = (id: string, kind: string, s: string, extra: Partial<GoldQuote> = {}): GoldQuote => {
    const [start, end] = at(s);
    return { id, file: 'f.txt', kind, text: s, start, end, speaker: null, speaker_mention: null, mention_start: null, mention_end: null, ...extra };
  };
  const [ms, me] = at('Konashenkov');
  const gold: GoldQuote[] = [
    gq('1', 'direct', 'we will strike back,', { speaker: 'Igor Konashenkov', speaker_mention: 'Konashenkov', mention_start: ms, mention_end: me }),
    gq('2', 'scare', 'foreign agents'),
    gq('3', 'partial', 'intruders', { alt_kind: 'scare', speaker: 'Russian Foreign Ministry' }),
    gq('4', 'indirect', 'the talks failed', { speaker: 'Russian Defence Ministry' }),
  ];
  const e = (kind: string, s: string, extra: Partial<EngineQuote> = {}): EngineQuote => {
    const [start, end] = at(s);
    return { kind, start, end, text: s, ...extra };
  };
  const engine: EngineQuote[] = [
    e('direct', 'we will strike back', { speaker: 'Igor Konashenkov' }), // exact after trimming; speaker by name
    e('partial', 'foreign agents'), // a scare reported as a statement
    e('scare', 'intruders'), // alt_kind scare: still recalled
    e('indirect', 'the talks failed', { speaker: 'the Russian Defence Ministry' }),
    e('indirect', 'So-called'),
  ];
  const r = scoreSeeds([{ name: 'f.txt', text, quotes: engine }], gold);
  assert.equal(r.quotes.gold, 2);
  assert.equal(r.quotes.tpGold, 2);
  assert.equal(r.perKind.partial.found, 1);
  assert.equal(r.quotes.pred, 2);
  assert.equal(r.quotes.tpPred, 1, '"foreign agents" as partial is a false positive');
  assert.deepEqual(r.scare, { gold: 1, asStatement: 1, altAllowed: 0 });
  assert.deepEqual(r.exact, { gold: 2, found: 2 });
  assert.deepEqual(r.speaker, { gold: 2, found: 1 }, 'Konashenkov right by name; intruders has no engine speaker');
  assert.equal(r.indirect.tpGold, 1);
  assert.equal(r.indirect.precision, 0.5);
  assert.deepEqual(r.indirect.speaker, { gold: 1, found: 1 });
  assert.ok(r.items.some((i) => i.tag === 'SCARE'));
  assert.ok(r.items.some((i) => i.tag === 'IND-FP'));
});

test('workspace generator is deterministic and sized as asked', () => {
  const pool = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says "quote ${i}" in a sentence of some length, padded.`);
  const a = generateWorkspace(pool, { articles: 20, meanChars: 400, seed: 7 });
  const b = generateWorkspace(pool, { articles: 20, meanChars: 400, seed: 7 });
  const c = generateWorkspace(pool, { articles: 20, meanChars: 400, seed: 8 });
  assert.equal(fingerprint(a), fingerprint(b));
  assert.notEqual(fingerprint(a), fingerprint(c));
  assert.equal(a.length, 20);
  const mean = a.reduce((n, x) => n + x.text.length, 0) / a.length;
  assert.ok(mean > 300 && mean < 600, `mean ${mean}`);
  assert.equal(new Set(a.map((x) => x.path)).size, 20);
});
