import * as fs from 'node:fs';
import * as path from 'node:path';
import { findQuotations } from './server/src/engine/index';
import { QuoteMatcher } from './server/src/engine/matching/index';
import { FactIndex } from './server/src/engine/facts/index';
import { iterateWorkspace, paragraphsOf } from './scripts/lib/workspace-gen';
const dir = '/work/shared/corpus/polnear/train/text';
const pool = paragraphsOf(fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')));
const n = Number(process.argv[2] ?? 10000);
const m = new QuoteMatcher();
const facts = new FactIndex();
let tx = 0, tm = 0, tf = 0, bytes = 0;
const cpu = () => performance.now();
const paths: string[] = [];
let edited: { path: string; text: string } | null = null;
for (const a of iterateWorkspace(pool, { articles: n, meanChars: 4000, seed: 20240607 })) {
  bytes += a.text.length; paths.push(a.path);
  let t = cpu(); const qs = findQuotations(a.text); tx += cpu() - t;
  t = cpu(); m.setFile(a.path, qs); tm += cpu() - t;
  t = cpu(); facts.setFile(a.path, a.text); tf += cpu() - t;
  if (paths.length === 4322) edited = a;
}
console.log(`articles ${n} chars ${(bytes / 1e6).toFixed(1)}M cpu ms: extract ${tx.toFixed(0)} match ${tm.toFixed(0)} facts ${tf.toFixed(0)}`, m.stats(), facts.stats());
let t = cpu(); let groups = 0, conflicts = 0;
for (const p of paths) { groups += m.groupsForFile(p).length; conflicts += facts.conflictsForFile(p).length; }
console.log(`results of every file: cpu ${(cpu() - t).toFixed(0)} ms, groups ${groups}, conflicts ${conflicts}`);
const rel = new Map<string, number>();
for (const g of m.groups()) for (const p of g.pairs) { const k = p.relation + '/' + (p.subtype ?? ''); rel.set(k, (rel.get(k) ?? 0) + 1); }
console.log([...rel]);
console.log('rss MB', (process.memoryUsage().rss / 1e6).toFixed(0));
if (edited) {
  const times: number[] = [];
  const qs0 = findQuotations(edited.text);
  for (let i = 0; i < 30; i++) {
    const q = qs0.findIndex((x) => x.kind === 'direct');
    const qs = i % 2 ? qs0 : qs0.map((x, j) => j === q ? { ...x, text: x.text.replace(/\b\w+\b/, 'Zebra') } : x);
    const t0 = performance.now(); const c0 = cpu();
    const changed = m.setFile(edited.path, qs);
    const fc = facts.setFile(edited.path, edited.text);
    for (const p of new Set([...changed, ...fc])) { m.groupsForFile(p); facts.conflictsForFile(p); }
    times.push(cpu() - c0);
  }
  times.sort((a, b) => a - b);
  console.log('edit cpu ms p50', times[15].toFixed(1), 'p95', times[28].toFixed(1), 'max', times[29].toFixed(1));
}
