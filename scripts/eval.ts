/**
 * `npm run eval`: the seed eval, PolNeAR dev (when the corpus is there), then the matching eval when
 * `scripts/eval-matching.ts` exists (it exports `runMatchingEval(): Promise<void>`). Ends with a summary
 * block of at most 12 lines, the key figures (the before-stop hook prints the last 12 lines).
 *
 *   node --import tsx scripts/eval.ts [--verbose] [--dump DIR] [--only seeds|polnear|matching] [--cues]
 *
 * Options are those of scripts/eval-quotes.ts; `--only matching` runs only the matching eval.
 * ✓ / ✗ mark the targets of issue 2 (figures are printed, never asserted; the exit code is 0 unless the
 * script itself fails).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEvalArgs, printCues, runQuotesEval, type QuotesEvalSummary } from './eval-quotes';
import { fmt } from './lib/score';

async function runMatching(): Promise<string> {
  const candidates = ['eval-matching.ts', 'eval-matching.js'].map((f) => path.join(__dirname, f));
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) {
    console.log('matching eval: skipped (scripts/eval-matching.ts not found)');
    return 'matching skipped (scripts/eval-matching.ts not found)';
  }
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { runMatchingEval?: () => Promise<unknown> };
    if (typeof mod.runMatchingEval !== 'function') {
      console.log('matching eval: skipped (eval-matching.ts does not export runMatchingEval)');
      return 'matching skipped (no runMatchingEval export)';
    }
    console.log('');
    const ret = await mod.runMatchingEval();
    const secs = fmt((performance.now() - t0) / 1000, 1);
    // If it returns key figures (a string or string[]), they go into the summary.
    if (typeof ret === 'string' && ret.trim()) return ret.trim().split('\n')[0];
    if (Array.isArray(ret) && ret.length && ret.every((x) => typeof x === 'string')) return (ret as string[]).slice(0, 2).join('\n');
    return `matching eval ran in ${secs} s (table above)`;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    console.log(`matching eval failed: ${msg}`);
    process.exitCode = 1;
    return `matching FAILED: ${msg}`;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const o = parseEvalArgs(args);
  if (o.cues) {
    printCues((s) => console.log(s));
    return;
  }
  const onlyMatching = args.includes('--only=matching') || (args.includes('--only') && args[args.indexOf('--only') + 1] === 'matching');
  const t0 = performance.now();
  let q: QuotesEvalSummary | undefined;
  if (!onlyMatching) q = await runQuotesEval(o);
  const tq = performance.now();
  let matching: string | undefined;
  if (!o.only || onlyMatching) matching = await runMatching();
  const t1 = performance.now();

  const lines: string[] = [];
  if (q) lines.push(...q.lines);
  if (matching) lines.push(...matching.split('\n'));
  const health = q ? `engine errors ${q.engineErrors}, bad spans ${q.badSpans}; ` : '';
  lines.push(`${health}quotes ${fmt((tq - t0) / 1000, 1)} s, matching ${fmt((t1 - tq) / 1000, 1)} s, total ${fmt((t1 - t0) / 1000, 1)} s`);
  console.log('');
  console.log('── eval summary (✓/✗ = issue targets; details above, --verbose lists problems) ──');
  for (const l of lines.slice(0, 11)) console.log(l);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
