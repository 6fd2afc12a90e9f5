import { findQuotations } from './server/src/engine';
const unit = process.argv[2].replace(/\\n/g, '\n');
for (const n of [20000, 40000, 80000]) {
  const s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const t0 = performance.now(); findQuotations(s); console.log(n, (performance.now() - t0).toFixed(0), 'ms');
}
