/**
 * Crash isolation in the workspace index (issue 8), beyond the extractor case in
 * test/lsp/workspaceIndex.test.ts: the matcher or the fact index throwing for one file, and reading a
 * file's results throwing. Each failure is logged once as one line with the file's name (no stack), the
 * failing file keeps no results, and every other file's results stay in place; the next good update heals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex.ts';
import { createAnalyzers, type Analyzers } from '../../server/src/workspace/analyzers.ts';
import type { Quotation } from '../../server/src/engine/types.ts';

const Q = 'We will respond to any attack on our troops with every means we have';
const story = (who: string) => `\u201C${Q},\u201D ${who} said.\n`;
const FACT_A = 'The convoy travelled 100 km (62 miles) from the border to the city of Kherson overnight on Monday.\n';
const FACT_B = 'The convoy travelled 140 km (87 miles) from the border to the city of Kherson overnight on Monday.\n';

/** The real engine, with a failure injected for files whose path contains `bad`. */
function failing(where: 'matcher' | 'facts' | 'groupsForFile'): Analyzers {
  const real = createAnalyzers();
  const boom = (): never => {
    throw new Error(`${where} exploded\n    at Object.<anonymous> (engine.js:1:1)`);
  };
  const matcher = {
    setFile: (p: string, q: Quotation[]) => (where === 'matcher' && p.includes('bad') ? boom() : real.matcher.setFile(p, q)),
    removeFile: (p: string) => real.matcher.removeFile(p),
    groups: () => real.matcher.groups(),
    groupsForFile: (p: string) => (where === 'groupsForFile' && p.includes('bad') ? boom() : real.matcher.groupsForFile(p)),
  };
  const facts = {
    setFile: (p: string, t: string) => (where === 'facts' && p.includes('bad') ? boom() : real.facts.setFile(p, t)),
    removeFile: (p: string) => real.facts.removeFile(p),
    conflicts: () => real.facts.conflicts(),
    conflictsForFile: (p: string) => real.facts.conflictsForFile(p),
  };
  return { findQuotations: real.findQuotations, matcher, facts };
}

function setup(where: 'matcher' | 'facts' | 'groupsForFile'): { idx: WorkspaceIndex; logs: string[] } {
  const logs: string[] = [];
  const idx = new WorkspaceIndex({ analyzers: failing(where), log: (m) => logs.push(m) });
  idx.setFile('/w/a.txt', story('Anna Berg') + FACT_A);
  idx.setFile('/w/b.txt', story('Anna Berg') + FACT_B);
  return { idx, logs };
}

function assertOthersIntact(idx: WorkspaceIndex): void {
  const a = idx.resultsForFile('/w/a.txt');
  assert.equal(a.groups.length, 1, 'a and b still share their quotation group');
  assert.deepEqual(a.groups[0].members.map((m) => m.path), ['/w/a.txt', '/w/b.txt']);
  assert.equal(a.conflicts.length, 1, 'a and b still disagree on the distance');
  assert.equal(a.conflicts[0].kind, 'numeric-mismatch');
  assert.equal(idx.file('/w/a.txt')?.quotes.length, 1);
  assert.equal(idx.file('/w/a.txt')?.error, undefined);
}

test('the matcher throwing for one file: one log line with its name, no quotes kept for it, others intact', () => {
  const { idx, logs } = setup('matcher');
  assertOthersIntact(idx);
  const r = idx.setFile('/w/bad.txt', story('Anna Berg'));
  assert.equal(r.error, 'Matching failed for bad.txt: matcher exploded');
  assert.deepEqual(logs, ['Matching failed for bad.txt: matcher exploded']);
  assert.equal(idx.file('/w/bad.txt')?.quotes.length, 0, 'its quotations are dropped, not half-matched');
  assert.equal(idx.file('/w/bad.txt')?.error, 'Matching failed for bad.txt: matcher exploded');
  assert.deepEqual(idx.resultsForFile('/w/bad.txt'), { groups: [], conflicts: [] });
  assertOthersIntact(idx);
  assert.equal(idx.stats().files, 3);
  // Renamed to a good name: analysed normally, the error gone.
  idx.removeFile('/w/bad.txt');
  assert.equal(idx.setFile('/w/c.txt', story('Anna Berg')).error, undefined);
  assert.equal(idx.resultsForFile('/w/a.txt').groups[0].members.length, 3);
});

test('the fact index throwing for one file: logged with its name, its quotations still matched, others intact', () => {
  const { idx, logs } = setup('facts');
  const r = idx.setFile('/w/bad.txt', story('Anna Berg') + FACT_B);
  assert.equal(r.error, 'Fact analysis failed for bad.txt: facts exploded');
  assert.deepEqual(logs, ['Fact analysis failed for bad.txt: facts exploded']);
  assert.equal(idx.file('/w/bad.txt')?.quotes.length, 1, 'the quotation analysis succeeded and is kept');
  assert.equal(idx.resultsForFile('/w/bad.txt').conflicts.length, 0);
  assert.equal(idx.resultsForFile('/w/bad.txt').groups[0].members.length, 3);
  const a = idx.resultsForFile('/w/a.txt');
  assert.equal(a.conflicts.length, 1);
  assert.deepEqual([a.conflicts[0].a.path, a.conflicts[0].b?.path], ['/w/a.txt', '/w/b.txt']);
  assert.equal(a.groups[0].members.length, 3);
});

test('reading one file\'s results throwing: logged with its name, empty results for it, others intact', () => {
  const { idx, logs } = setup('groupsForFile');
  // Setting the file reads its neighbours (groupsForFile) before and after: each failure is one line.
  idx.setFile('/w/bad.txt', story('Anna Berg'));
  assert.deepEqual(idx.resultsForFile('/w/bad.txt').groups, []);
  assert.ok(logs.length > 0);
  for (const l of logs) assert.equal(l, 'Reading results for bad.txt failed: groupsForFile exploded');
  assert.equal(idx.file('/w/bad.txt')?.error, undefined, 'analysis itself succeeded');
  assert.equal(idx.file('/w/bad.txt')?.quotes.length, 1);
  const a = idx.resultsForFile('/w/a.txt');
  assert.equal(a.groups[0].members.length, 3, "a's group includes bad.txt's quotation");
  assert.equal(a.conflicts.length, 1);
});

test('an extractor exception on every file at once (bulk indexing): each logged, the index stays usable', () => {
  const logs: string[] = [];
  const real = createAnalyzers();
  let broken = true;
  const analyzers: Analyzers = {
    ...real,
    findQuotations: (t) => {
      if (broken) throw new RangeError('Maximum call stack size exceeded');
      return real.findQuotations(t);
    },
  };
  const idx = new WorkspaceIndex({ analyzers, log: (m) => logs.push(m) });
  idx.beginBulk();
  for (const n of ['a', 'b', 'c']) idx.setFile(`/w/${n}.txt`, story('Anna Berg'));
  assert.deepEqual(idx.endBulk().sort(), ['/w/a.txt', '/w/b.txt', '/w/c.txt']);
  assert.deepEqual(logs, ['a', 'b', 'c'].map((n) => `Quotation analysis failed for ${n}.txt: Maximum call stack size exceeded`));
  assert.deepEqual(idx.stats(), { files: 3, quotes: 0, groups: 0, conflicts: 0 });
  broken = false;
  for (const n of ['a', 'b', 'c']) assert.equal(idx.setFile(`/w/${n}.txt`, story('Anna Berg')).error, undefined);
  assert.deepEqual(idx.stats(), { files: 3, quotes: 3, groups: 1, conflicts: 0 });
});
