/**
 * The fuzz harness's short seeded mode (issue 8), run in CI: 2,000 generated and mutated inputs from
 * samples/ (scripts/lib/fuzzGen.ts) through `findQuotations` and a rolling QuoteMatcher / FactIndex
 * workspace, plus one 1 MB single line. The long mode is `npm run fuzz` (scripts/fuzz.ts).
 *
 * A failure names the input: `node --import tsx scripts/fuzz.ts --no-polnear --seed 8 --count 2000
 * --huge 0 --max-repeat 500 --index I` replays it (the corpus here is samples/ only, so the inputs do not depend on
 * whether the PolNeAR corpus is present).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateInput, hugeLine, loadCorpus, Rng } from '../../scripts/lib/fuzzGen.ts';
import { msPer10KB, runQuotations, RollingWorkspace, type Violation } from '../../scripts/lib/fuzzCheck.ts';

const SEED = 8;
const COUNT = 2000;
/** Pathological repeats up to 500 units here (3,000 in the long mode), to stay within CI time. */
const OPTS = { maxRepeat: 500 };
/** Generous: the samples run at 5–30 ms per 10 KB on a loaded two-core machine. */
const MAX_MS_PER_10KB = 250;
const corpus = loadCorpus([path.join(__dirname, '../../samples')]);

function describe(index: number, recipe: string, text: string, v: Violation): string {
  const input = text.length <= 200 ? JSON.stringify(text) : `${text.length} characters`;
  return `input #${index} (${recipe.slice(0, 120)}; ${input}): [${v.property}] ${v.message}${v.stack ? `\n${v.stack.split('\n').slice(0, 4).join('\n')}` : ''}`;
}

test(`fuzz: ${COUNT} seeded inputs — no exception, offsets inside the text, slices equal the quotes, matcher sound`, () => {
  assert.ok(corpus.sentences.length > 100, 'the samples give the generator real sentences');
  const ws = new RollingWorkspace(8, 250);
  const failures: string[] = [];
  let quotes = 0;
  let worst = { per10: 0, index: -1, length: 0 };
  for (let i = 0; i < COUNT && failures.length < 10; i++) {
    const { text, recipe } = generateInput(corpus, SEED, i, OPTS);
    const run = runQuotations(text);
    let v = run.violation;
    let per10 = msPer10KB(run.ms, text.length);
    // Best of three before calling an input slow: a GC pause is not a blow-up.
    for (let k = 0; !v && k < 2 && per10 > MAX_MS_PER_10KB; k++) per10 = Math.min(per10, msPer10KB(runQuotations(text).ms, text.length));
    if (!v && per10 > MAX_MS_PER_10KB) v = { property: 'time', message: `${per10.toFixed(1)} ms per 10 KB on ${text.length} characters` };
    if (per10 > worst.per10) worst = { per10, index: i, length: text.length };
    if (!run.violation) {
      quotes += run.quotes.length;
      v ??= ws.add(text, run.quotes).violation;
    }
    if (v) failures.push(describe(i, recipe, text, v));
  }
  console.log(`# fuzz: ${COUNT} inputs, ${quotes} quotations, worst ${worst.per10.toFixed(1)} ms per 10 KB (input #${worst.index}, ${worst.length} characters)`);
  assert.deepEqual(failures, [], `properties broken (replay with scripts/fuzz.ts --no-polnear --seed ${SEED} --count ${COUNT} --huge 0 --max-repeat 500 --index I):\n${failures.join('\n')}`);
  assert.ok(quotes > COUNT, `the inputs contain quotations (${quotes} found)`);
});

test('fuzz: a 1 MB single line of news text is analysed in linear time with sound offsets', () => {
  const text = hugeLine(new Rng(SEED), corpus, 1024 * 1024, []);
  assert.equal(text.length, 1024 * 1024);
  assert.equal(/[\r\n]/.test(text), false);
  // Baseline: the same sentences in 10 KB pieces.
  let smallMs = 0;
  for (let at = 0; at < 100 * 1024; at += 10 * 1024) smallMs += runQuotations(text.slice(at, at + 10 * 1024)).ms;
  const run = runQuotations(text);
  assert.equal(run.violation, null, run.violation ? `[${run.violation.property}] ${run.violation.message}` : '');
  assert.ok(run.quotes.length > 100, `quotations found on the line (${run.quotes.length})`);
  let per10 = msPer10KB(run.ms, text.length);
  if (per10 > MAX_MS_PER_10KB) per10 = Math.min(per10, msPer10KB(runQuotations(text).ms, text.length));
  console.log(`# fuzz: 1 MB single line in ${run.ms.toFixed(0)} ms = ${per10.toFixed(1)} ms per 10 KB (10 KB pieces: ${(smallMs / 10).toFixed(1)} ms each); ${run.quotes.length} quotations`);
  assert.ok(per10 <= MAX_MS_PER_10KB, `${per10.toFixed(1)} ms per 10 KB on a 1 MB line (limit ${MAX_MS_PER_10KB})`);
  const ws = new RollingWorkspace();
  assert.equal(ws.add(text, run.quotes).violation, null);
});
