// Diagnostics on the samples, checked against the gold annotation of the seeds
// (test/fixtures/seeds-gold: the samples are the seeds): codes, ranges, messages, related locations,
// severities, documentation links.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import {
  DEFAULT_SEVERITY,
  RANK,
  codeOf,
  codeTarget,
  describe,
  describeAll,
  diagnosticOn,
  expectedRelation,
  flagged,
  gold,
  ourDiagnostics,
  rangeOf,
  ready,
  relatedTo,
  sameFile,
  sampleText,
  sampleUri,
  uriOfFile,
} from './helpers';
import type { GoldConflict, GoldGroup, GoldNegative, GoldSpan } from './helpers';

const SAMPLES = ['000', '001', '002', '003', '004'];

suite('Diagnostics on the samples', () => {
  suiteSetup(async () => {
    await ready();
  });

  for (const group of gold<GoldGroup[]>('matches.json')) {
    test(`${group.group_id}: ${group.speaker}'s statement is flagged in every place with the gold relations`, () => {
      const byId = new Map(group.members.map((m) => [m.id!, m]));
      for (const m of group.members) {
        const d = diagnosticOn(m);
        assert.ok(d, `no diagnostic on ${m.id} '${m.text.slice(0, 50)}…' in ${m.file}; it has:\n${describeAll(uriOfFile(m.file))}`);
        // The code is the worst relation of the pairs this quotation is in.
        const mine = group.pairs.filter((p) => p.a === m.id || p.b === m.id);
        const worst = mine.map(expectedRelation).sort((x, y) => RANK[y] - RANK[x])[0];
        assert.equal(codeOf(d), `quote-${worst}`, `${m.id}: ${describe(d)}`);
        assert.equal(d.severity, DEFAULT_SEVERITY[worst], `${m.id}: severity of ${worst}`);
        // Every other place of the statement is a related location, labelled with its relation.
        for (const p of mine) {
          const other = byId.get(p.a === m.id ? p.b : p.a)!;
          const rel = relatedTo(d, other);
          assert.ok(rel, `${m.id}: no related location for ${other.id} in ${other.file}; has ${JSON.stringify(d.relatedInformation?.map((r) => `${path.basename(r.location.uri.fsPath)}:${r.location.range.start.line + 1}`))}`);
          assert.match(rel.message, new RegExp(`^${expectedRelation(p)}\\b`), `${m.id} → ${other.id}: ${rel.message}`);
        }
        assert.equal(d.relatedInformation?.length, mine.length, `${m.id}: one related location per matching place`);
      }
    });
  }

  test('the Rudskoi duplicate (M3) says where the same words are and links the code to its README section', () => {
    const uri = sampleUri('000');
    const text = sampleText(uri);
    const quote = 'According to our information, U.S. intelligence services initiated the offensive';
    const d = ourDiagnostics(uri).find((x) => x.range.contains(rangeOf(text, quote)));
    assert.ok(d, `no diagnostic on Rudskoi's quotation; 000 has:\n${describeAll(uri)}`);
    assert.equal(codeOf(d), 'quote-duplicate');
    assert.equal(d.source, 'quote-lens');
    assert.equal(codeTarget(d), 'https://github.com/quote-lens/quote-lens#quote-duplicate');
    // 000 is the Reuters story; 002 carries the same Reuters copy.
    assert.match(d.message, /002/);
    assert.match(d.message, /same/i);
    // The quotation is one paragraph of 000: the range stays on its line.
    assert.equal(d.range.start.line, d.range.end.line);
    assert.equal(text.split('\n')[d.range.start.line].slice(d.range.start.character).startsWith('According to our information'), true);
  });

  test('C01: the 100 km conversion is a conflict between 000 (62 miles) and 002 (160 miles)', () => {
    const c01 = gold<GoldConflict[]>('conflicts.json').find((c) => c.id === 'C01')!;
    const check = (self: GoldSpan, other: GoldSpan, selfMiles: string, otherMiles: string) => {
      const uri = uriOfFile(self.file);
      const text = sampleText(uri);
      const figure = rangeOf(text, self.text);
      const d = ourDiagnostics(uri).find((x) => codeOf(x) === 'fact-conflict' && x.range.contains(figure));
      assert.ok(d, `no fact-conflict over '${self.text}' in ${self.file}; it has:\n${describeAll(uri)}`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(d.message.includes(otherMiles) && d.message.includes(selfMiles), d.message);
      assert.equal(codeTarget(d), 'https://github.com/quote-lens/quote-lens#fact-conflict');
      const otherUri = uriOfFile(other.file);
      const otherFigure = rangeOf(sampleText(otherUri), other.text);
      assert.ok(
        d.relatedInformation?.some((r) => sameFile(r.location.uri, otherUri) && r.location.range.contains(otherFigure)),
        `related locations: ${JSON.stringify(d.relatedInformation)}`,
      );
    };
    check(c01.a, c01.b, '62 miles', '160 miles');
    check(c01.b, c01.a, '160 miles', '62 miles');
  });

  test('the wrong conversion 100 km = 160 miles is flagged in 002 only', () => {
    const uri = sampleUri('002');
    const wrong = rangeOf(sampleText(uri), '100 km (160 miles)');
    const d = ourDiagnostics(uri).find((x) => codeOf(x) === 'fact-wrong-conversion');
    assert.ok(d, `no fact-wrong-conversion in 002; it has:\n${describeAll(uri)}`);
    assert.ok(d.range.contains(wrong), describe(d));
    assert.ok(!d.relatedInformation?.some((r) => !sameFile(r.location.uri, uri)), 'a conversion error is within one statement');
    for (const p of ['000', '001', '003', '004']) {
      const other = ourDiagnostics(sampleUri(p)).filter((x) => codeOf(x) === 'fact-wrong-conversion');
      assert.deepEqual(other.map(describe), [], `${p} has a correct or no conversion`);
    }
  });

  test("the unrelated 'about 100 km (60 miles)' about Vladivostok is not matched", () => {
    const uri = sampleUri('002');
    const text = sampleText(uri);
    const at = text.indexOf('100 km (60 miles)');
    assert.ok(at > 0 && text.slice(at - 200, at).includes('Vladivostok'));
    assert.deepEqual(flagged(path.basename(uri.fsPath), at, at + '100 km (60 miles)'.length).map(describe), []);
  });

  test('hard negatives (look-alike quotations of other statements) are not related to each other', () => {
    for (const n of gold<GoldNegative[]>('hard_negatives.json')) {
      for (const [x, y] of [[n.a, n.b], [n.b, n.a]]) {
        const d = diagnosticOn(x);
        if (d) assert.equal(relatedTo(d, y), undefined, `${x.file}@${x.start} is related to ${y.file}@${y.start}: ${n.reason}`);
      }
    }
  });

  test('no two quotations are reported as conflicting (the gold has no quotation conflict)', () => {
    const conflicts = SAMPLES.flatMap((p) =>
      ourDiagnostics(sampleUri(p))
        .filter((d) => codeOf(d) === 'quote-conflict')
        .map((d) => `${p}: ${describe(d)}`),
    );
    assert.deepEqual(conflicts, []);
  });
});
