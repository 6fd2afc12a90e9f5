/**
 * The workspace index without LSP: incremental updates, affected files, crash isolation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex, fileLabel, computeLineStarts, offsetToPosition } from '../../server/src/workspace/workspaceIndex.ts';
import { createAnalyzers } from '../../server/src/workspace/analyzers.ts';
import type { Analyzers } from '../../server/src/workspace/analyzers.ts';
import type { Quotation } from '../../server/src/engine/types.ts';

const Q = 'We will respond to any attack on our troops with every means we have';
const story = (who: string) => `“${Q},” ${who} said.\n`;

test('setFile returns the file and every file sharing a group with it, before and after', () => {
  const idx = new WorkspaceIndex();
  assert.deepEqual(idx.setFile('/w/a.txt', story('Anna Berg')).affected, ['/w/a.txt']);
  assert.deepEqual(idx.setFile('/w/b.txt', story('Anna Berg')).affected.sort(), ['/w/a.txt', '/w/b.txt']);
  assert.deepEqual(idx.setFile('/w/c.txt', 'Nothing quoted.\n').affected, ['/w/c.txt']);
  // b stops matching: a is affected (its group went away) although b no longer shares anything with it.
  assert.deepEqual(idx.setFile('/w/b.txt', 'Changed.\n').affected.sort(), ['/w/a.txt', '/w/b.txt']);
  assert.equal(idx.resultsForFile('/w/a.txt').groups.length, 0);
  idx.setFile('/w/b.txt', story('Anna Berg'));
  assert.deepEqual(idx.removeFile('/w/a.txt').affected.sort(), ['/w/a.txt', '/w/b.txt']);
  assert.equal(idx.has('/w/a.txt'), false);
  assert.deepEqual(idx.removeFile('/w/a.txt').affected, []);
});

test('bulk updates skip the affected-file computation', () => {
  const idx = new WorkspaceIndex();
  idx.beginBulk();
  assert.deepEqual(idx.setFile('/w/a.txt', story('X')).affected, []);
  assert.deepEqual(idx.setFile('/w/b.txt', story('X')).affected, []);
  assert.deepEqual(idx.endBulk().sort(), ['/w/a.txt', '/w/b.txt']);
  assert.equal(idx.resultsForFile('/w/a.txt').groups.length, 1);
});

test('an exception analysing one file is logged with its name and leaves the others intact', () => {
  const logs: string[] = [];
  const real = createAnalyzers();
  const analyzers: Analyzers = {
    ...real,
    findQuotations(text: string): Quotation[] {
      if (text.includes('BOOM')) throw new Error('boom\n    at somewhere (x.js:1:1)');
      return real.findQuotations(text);
    },
  };
  const idx = new WorkspaceIndex({ analyzers, log: (m) => logs.push(m) });
  idx.setFile('/w/a.txt', story('Anna Berg'));
  idx.setFile('/w/b.txt', story('Anna Berg'));
  const r = idx.setFile('/w/bad.txt', `BOOM ${story('Anna Berg')}`);
  assert.equal(r.error, 'Quotation analysis failed for bad.txt: boom');
  assert.deepEqual(logs, ['Quotation analysis failed for bad.txt: boom']);
  assert.equal(idx.file('/w/bad.txt')?.quotes.length, 0);
  assert.equal(idx.resultsForFile('/w/a.txt').groups.length, 1);
  assert.equal(idx.resultsForFile('/w/a.txt').groups[0].members.length, 2);
  // Fixed on the next edit.
  assert.equal(idx.setFile('/w/bad.txt', story('Anna Berg')).error, undefined);
  assert.equal(idx.resultsForFile('/w/a.txt').groups[0].members.length, 3);
});

test('file labels: outlet from the dateline, number from the file name', () => {
  assert.equal(fileLabel('/x/002_dce29dcf82e0f63b.txt', 'BRUSSELS (Reuters) – NATO allies'), 'Reuters file 002');
  assert.equal(fileLabel('/x/003_abc.txt', ' date 2017-09-21 WASHINGTON – Generals'), 'file 003');
  assert.equal(fileLabel('/x/berlin-story.txt', 'BERLIN (AP) — said'), 'AP file berlin-story');
});

test('line starts and positions (UTF-16, CRLF)', () => {
  const text = 'ab\r\n“c”\nd';
  const ls = computeLineStarts(text);
  assert.deepEqual([...ls], [0, 4, 8]);
  assert.deepEqual(offsetToPosition(ls, 0), { line: 0, character: 0 });
  assert.deepEqual(offsetToPosition(ls, 5), { line: 1, character: 1 });
  assert.deepEqual(offsetToPosition(ls, 9), { line: 2, character: 1 });
});

test('stats are kept incrementally and agree with a full count', () => {
  const idx = new WorkspaceIndex();
  const full = () => {
    const groups = idx.groups();
    let conflicts = idx.conflicts().length;
    for (const g of groups) for (const p of g.pairs) if (p.relation === 'conflict') conflicts++;
    let quotes = 0;
    for (const p of idx.paths()) quotes += idx.file(p)!.quotes.length;
    return { files: idx.size, quotes, groups: groups.length, conflicts };
  };
  idx.beginBulk();
  idx.setFile('/w/a.txt', story('Anna Berg') + 'It captured about 100 km (62 miles) of the west bank of the river, the group said.\n');
  idx.setFile('/w/b.txt', story('Anna Berg'));
  idx.endBulk();
  assert.deepEqual(idx.stats(), full());
  idx.setFile('/w/c.txt', `“${Q.replace('any', 'no')},” Anna Berg said.\nIt captured about 100 km (160 miles) of the west bank of the river, the group said.\n`);
  for (const p of idx.paths()) idx.resultsForFile(p);
  assert.deepEqual(idx.stats(), full());
  assert.ok(idx.stats().conflicts >= 2, JSON.stringify(idx.stats()));
  idx.setFile('/w/b.txt', 'Nothing.\n');
  assert.deepEqual(idx.stats(), full());
  idx.removeFile('/w/c.txt');
  assert.deepEqual(idx.stats(), full());
  assert.equal(idx.stats().files, 2);
});
