import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QuoteMatcher, classifyPair, type MatchGroup } from '../../server/src/engine/matching/index';
import { tokenize } from '../../server/src/engine/matching/normalize';
import type { Quotation, QuoteKind } from '../../server/src/engine/types';

const FIXTURES = path.join(__dirname, '../fixtures');

function quote(text: string, speaker: string | null, start = 0, kind: QuoteKind = 'direct'): Quotation {
  return {
    kind, text, start, end: start + text.length, speaker, speaker_id: speaker ? speaker.toLowerCase() : null,
    speaker_mention: speaker, mention_start: null, mention_end: null, mention_type: 'name', attribution: 'explicit',
    cue: 'said', cue_start: null, cue_end: null,
  };
}

const words = (s: string) => tokenize(s).map((t) => t.norm).join(' ');

test('normalisation: stripped apostrophes, abbreviations, spelling, contractions, figures', () => {
  assert.equal(words('Russia’s Defence Ministry'), words('Russia s Defense Ministry'));
  assert.equal(words('U.S.-backed'), words('US backed'));
  assert.equal(words('7 kilometres'), words('7 kilometers'));
  assert.equal(words("We don't"), words('we do not'));
  assert.equal(words('1,000 — troops…'), words('1000 troops'));
  assert.notEqual(words('We will'), words('We will not'));
});

test('tokens keep the span of the surface words', () => {
  const text = 'They won’t leave the U.S. base';
  for (const t of tokenize(text)) assert.ok(text.slice(t.start, t.end).length > 0);
  assert.deepEqual(tokenize(text).map((t) => text.slice(t.start, t.end)), ['They', 'won', '’t'.slice(1), 'leave', 'the', 'U.S.', 'base']);
});

test('duplicate: case and punctuation only', () => {
  const v = classifyPair(
    quote('Fire points in those areas will be immediately suppressed with all military means.', 'Igor Konashenkov'),
    quote('fire points in those areas will be immediately suppressed with all military means,', 'Igor Konashenkov'),
  );
  assert.equal(v?.relation, 'duplicate');
  // A comma or stop at the very end belongs to the quoting convention ("shut down,"), not to the words.
  assert.equal(v?.detail, 'same words (differs only in case)');
  const inner = classifyPair(quote('Yes, we have proof.', 'Alfonso Dastis'), quote('Yes we have proof', 'Alfonso Dastis'));
  assert.equal(inner?.detail, 'same words (differs only in punctuation)');
});

test('duplicate: British and American spelling, named in the detail', () => {
  const v = classifyPair(
    quote('at least 7 kilometres of Islamic State-held territory separates them', 'SDF commander'),
    quote('at least 7 kilometers of Islamic State-held territory separates them', 'SDF commander'),
  );
  assert.equal(v?.relation, 'duplicate');
  assert.equal(v?.detail, "same words (differs only in spelling 'kilometers' where this has 'kilometres')");
});

test('excerpt: a partial quote of a full one, both ways round', () => {
  const full = quote('It stands as the single most difficult obstacle to us renormalizing the relationship with Russia, which we badly would like to do.', 'Rex Tillerson');
  const part = quote('badly', 'Rex Tillerson');
  const v = classifyPair(part, full);
  assert.equal(v?.relation, 'excerpt');
  assert.match(v!.detail, /^this quotes only part of it; the full quotation is 'It stands as/);
  assert.equal(v?.detailForB, "quotes only part of this: 'badly'");
});

test('variant, minor wording: names the changed words', () => {
  const v = classifyPair(
    quote('Fire points in those areas will be immediately suppressed with all military means.', 'Igor Konashenkov'),
    quote('Firing positions in those areas will be immediately suppressed with all military means.', 'Igor Konashenkov'),
  );
  assert.equal(v?.relation, 'variant');
  assert.equal(v?.subtype, 'minor-wording');
  assert.equal(v?.detail, "'Firing positions' where this has 'Fire points'");
});

test('variant, translation: another rendering of one sentence by the same speaker', () => {
  const reuters = quote('Fire points in those areas will be immediately suppressed with all military means.', 'Igor Konashenkov');
  const ap = quote('The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal.', 'Igor Konashenkov');
  const v = classifyPair(reuters, ap);
  assert.equal(v?.relation, 'variant');
  assert.equal(v?.subtype, 'translation');
  assert.match(v!.detail, /'the arsenal at our disposal' where this has 'military means'/);
  // The same two texts from different speakers are not one statement.
  assert.equal(classifyPair(reuters, { ...ap, speaker: 'Sergei Lavrov', speaker_id: 'sergei lavrov' }), null);
});

test('conflict: a number changed', () => {
  const v = classifyPair(
    quote('The army has captured about 100 km (62 miles) of the west bank of the Euphrates this month', 'Observatory'),
    quote('The army has captured about 100 km (160 miles) of the west bank of the Euphrates this month', 'Observatory'),
  );
  assert.equal(v?.relation, 'conflict');
  assert.equal(v?.subtype, 'number');
  assert.equal(v?.detail, "'160 miles' where this has '62 miles'");
  assert.equal(v?.detailForB, "'62 miles' where this has '160 miles'");
});

test('conflict: a negation added, and a lone "not" cut off', () => {
  const v = classifyPair(
    quote('We will accept the occupation and attempted annexation of Crimea.', 'Rex Tillerson'),
    quote('We will never accept the occupation and attempted annexation of Crimea.', 'Rex Tillerson'),
  );
  assert.equal(v?.relation, 'conflict');
  assert.equal(v?.subtype, 'negation');
  assert.equal(v?.detail, "negation differs: 'will never accept' where this has 'will accept'");
  const cut = classifyPair(quote('not a smart man', 'A'), quote('a smart man', 'A'));
  assert.equal(cut?.subtype, 'negation');
});

test('conflict: the same words credited to another speaker; short common phrases are not', () => {
  const text = 'We will continue to work with Russia to see if we could agree a peacekeeping force';
  const v = classifyPair(quote(text, 'Rex Tillerson'), quote(text, 'Sergei Lavrov'));
  assert.equal(v?.relation, 'conflict');
  assert.equal(v?.subtype, 'speaker');
  assert.equal(v?.detail, 'the same words attributed to Sergei Lavrov where this has Rex Tillerson');
  assert.equal(classifyPair(quote('very important', 'A'), quote('very important', 'B')), null);
});

test('unrelated statements of one speaker on one topic are not matched (seed hard negative)', () => {
  assert.equal(classifyPair(
    quote('We will never accept Russia’s occupation and attempted annexation of Crimea. Crimea-related sanctions will remain in place until Russia returns full control of the peninsula to Ukraine,', 'Rex Tillerson'),
    quote('In eastern Ukraine, we join our European partners in maintaining sanctions until Russia withdraws its forces from the Donbass (region) and meets its Minsk commitments,', 'Rex Tillerson'),
  ), null);
  assert.equal(classifyPair(quote('break-in', 'Russian Foreign Ministry'), quote('Therefore, we understand that Americans, breaking into our diplomatic buildings, have de facto agreed that their missions in Russia may be treated likewise.', 'Russian Foreign Ministry')), null);
});

test('QuoteMatcher: incremental updates report the files whose groups changed', () => {
  const m = new QuoteMatcher();
  const said = 'Any attempts to open fire from areas where SDF fighters are located would be quickly shut down';
  assert.deepEqual(m.setFile('a.txt', [quote(said, 'Igor Konashenkov', 10)]), ['a.txt']);
  assert.deepEqual(m.setFile('b.txt', [quote(said + ',', 'Igor Konashenkov', 50), quote('Something else entirely about the weather today', 'Igor Konashenkov', 200)]), ['a.txt', 'b.txt']);
  assert.equal(m.groups().length, 1);
  const [g] = m.groupsForFile('a.txt');
  assert.deepEqual(g.members.map((x) => [x.path, x.start]), [['a.txt', 10], ['b.txt', 50]]);
  assert.deepEqual(g.pairs.map((p) => [p.a, p.b, p.relation]), [[0, 1, 'duplicate']]);
  // An edit elsewhere in c.txt touches only c.txt.
  assert.deepEqual(m.setFile('c.txt', [quote('Nothing to do with it at all, really', 'X', 5)]), ['c.txt']);
  // Shifting b's quotation changes what a.txt points to; changing its words removes the group.
  assert.deepEqual(m.setFile('b.txt', [quote(said + ',', 'Igor Konashenkov', 60)]), ['a.txt', 'b.txt']);
  assert.equal(m.groupsForFile('a.txt')[0].members[1].start, 60);
  assert.deepEqual(m.setFile('b.txt', [quote('A completely different statement about sanctions', 'Igor Konashenkov', 60)]), ['a.txt', 'b.txt']);
  assert.deepEqual(m.groupsForFile('a.txt'), []);
  assert.deepEqual(m.removeFile('b.txt'), ['b.txt']);
});

test('QuoteMatcher: group ids do not depend on the order files arrive in', () => {
  const files: Array<[string, Quotation[]]> = [
    ['x.txt', [quote('Fire points in those areas will be immediately suppressed with all military means.', 'K', 3)]],
    ['y.txt', [quote('Firing positions in those areas will be immediately suppressed with all military means.', 'K', 7)]],
    ['z.txt', [quote('The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal.', 'K', 9)]],
  ];
  const ids = (order: typeof files) => {
    const m = new QuoteMatcher();
    for (const [p, q] of order) m.setFile(p, q);
    return m.groups().map((g) => `${g.id}:${g.pairs.map((p) => `${p.a}${p.b}${p.relation}/${p.subtype}`).join(',')}`);
  };
  assert.deepEqual(ids(files), ids([...files].reverse()));
  assert.equal(ids(files)[0].split(':')[1], '01variant/minor-wording,02variant/translation,12variant/translation');
});

test('QuoteMatcher: indirect speech and scare quotes take no part', () => {
  const m = new QuoteMatcher();
  const text = 'the United States would target militias in Syria if Russian troops came under fire';
  m.setFile('a.txt', [quote(text, 'Russia', 0, 'indirect')]);
  m.setFile('b.txt', [quote(text, 'Russia', 0, 'direct')]);
  m.setFile('c.txt', [quote('foreign agents', null, 0, 'scare'), quote('foreign agents', null, 40, 'scare')]);
  assert.deepEqual(m.groups(), []);
});

interface GoldQuote extends Quotation { file: string; id: string }

test('seeds: the four gold groups with the gold relations, no hard negative, no conflict', () => {
  const gold = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'seeds-gold/quotes.json'), 'utf8')) as GoldQuote[];
  const matches = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'seeds-gold/matches.json'), 'utf8')) as Array<{
    group_id: string; members: Array<{ id: string }>; pairs: Array<{ a: string; b: string; relation: string; subtype?: string }>;
  }>;
  const negatives = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'seeds-gold/hard_negatives.json'), 'utf8')) as Array<{ a: { id: string }; b: { id: string } }>;
  const m = new QuoteMatcher();
  const files = [...new Set(gold.map((q) => q.file))].sort();
  for (const f of files) m.setFile(f, gold.filter((q) => q.file === f).map((q) => ({ ...q, speaker_id: q.speaker?.toLowerCase() ?? null })));
  const groups = m.groups();
  assert.equal(groups.length, 4);
  const byId = new Map(gold.map((q) => [q.id, q]));
  const locate = (id: string): [MatchGroup, number] | null => {
    const q = byId.get(id)!;
    for (const g of groups) {
      const i = g.members.findIndex((x) => x.path === q.file && x.start === q.start && x.end === q.end);
      if (i >= 0) return [g, i];
    }
    return null;
  };
  for (const mg of matches) {
    const placed = mg.members.map((x) => locate(x.id));
    assert.ok(placed.every((p) => p && p[0] === placed[0]![0]), `${mg.group_id} in one group`);
    const g = placed[0]![0];
    assert.equal(g.members.length, mg.members.length, `${mg.group_id} has no extra members`);
    for (const member of g.members) {
      const text = fs.readFileSync(path.join(FIXTURES, 'seeds', member.path), 'utf8');
      assert.equal(text.slice(member.start, member.end), member.text);
    }
    for (const gp of mg.pairs) {
      const ia = locate(gp.a)![1];
      const ib = locate(gp.b)![1];
      const pair = g.pairs.find((p) => (p.a === ia && p.b === ib) || (p.a === ib && p.b === ia));
      const want = gp.subtype === 'excerpt' ? 'excerpt' : gp.relation;
      assert.equal(pair?.relation, want, `${mg.group_id} ${gp.a}~${gp.b}`);
      if (want === 'variant') assert.equal(pair?.subtype, gp.subtype, `${mg.group_id} ${gp.a}~${gp.b} subtype`);
    }
  }
  const m1 = locate('000-003')![0];
  const ap = m1.members.findIndex((x) => x.path.startsWith('001'));
  const reuters = m1.members.findIndex((x) => x.path.startsWith('000'));
  const p = m1.pairs.find((x) => (x.a === reuters && x.b === ap))!;
  assert.match(p.detail, /'immediately met with retaliation' where this has 'quickly shut down'/);
  for (const n of negatives) {
    const a = locate(n.a.id);
    const b = locate(n.b.id);
    assert.ok(!a || !b || a[0] !== b[0], `hard negative ${n.a.id} ~ ${n.b.id}`);
  }
  assert.equal(groups.flatMap((g) => g.pairs).filter((x) => x.relation === 'conflict').length, 0);
});

test('a surname-only speaker id is the same speaker as the full name ending in it', () => {
  const full = 'Fire points in those areas will be immediately suppressed with all military means.';
  const other = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal.';
  const v = classifyPair(quote(full, 'Konashenkov'), quote(full, 'Igor Konashenkov'));
  assert.equal(v?.relation, 'duplicate');
  // Another rendering counts only for one speaker: found across the two ids, through the index too.
  assert.equal(classifyPair(quote(full, 'Konashenkov'), quote(other, 'Igor Konashenkov'))?.subtype, 'translation');
  const m = new QuoteMatcher();
  m.setFile('a.txt', [quote(full, 'Igor Konashenkov', 10)]);
  m.setFile('b.txt', [quote(other, 'Konashenkov', 20)]);
  assert.deepEqual(m.groupsForFile('b.txt').map((g) => g.pairs.map((p) => `${p.relation}/${p.subtype}`)), [['variant/translation']]);
  // Two full names that share a surname are two people; so are two different surnames.
  const swap = classifyPair(quote(full, 'Sergei Konashenkov'), quote(full, 'Igor Konashenkov'));
  assert.equal(swap?.subtype, 'speaker');
  assert.equal(classifyPair(quote(full, 'Lavrov'), quote(full, 'Igor Konashenkov'))?.subtype, 'speaker');
});

test('thousands of copies of one quotation: one group, partners capped, every file told, in one pass each', () => {
  // Fuzz seed 20261122, input 886045: "“Yes,” he said." repeated over 4.8 MB hung the matcher (each copy
  // scanned every other copy when its partners, its neighbours and the groups were computed).
  const copies = (n: number, offset: number) => Array.from({ length: n }, (_, i) => quote('Yes, we will rebuild the bridge', 'Jane Smith', offset + i * 50));
  const m = new QuoteMatcher();
  m.setFile('a.txt', copies(3000, 0));
  const touched = m.setFile('b.txt', copies(3, 0));
  assert.deepEqual(touched, ['a.txt', 'b.txt']);
  const forB = m.groupsForFile('b.txt');
  assert.equal(forB.length, 1);
  for (const g of forB) for (const p of g.pairs) assert.equal(p.relation, 'duplicate');
  const all = m.groups();
  assert.equal(all.length, 1);
  assert.equal(all[0].members.length, 3003);
  assert.ok(all[0].members.some((x) => x.path === 'a.txt') && all[0].members.some((x) => x.path === 'b.txt'));
  // Removing b is felt by a, whose copies matched b's.
  assert.deepEqual(m.removeFile('b.txt'), ['a.txt', 'b.txt']);
  assert.equal(m.groups()[0].members.length, 3000);
  // Dropping the 3,000 copies at once (fuzz #886053: a rolling workspace dropped 299,016 of them, one
  // removal at a time, quadratic) leaves the other file's copies in order and the text findable.
  m.setFile('b.txt', copies(3, 0));
  assert.deepEqual(m.removeFile('a.txt'), ['a.txt', 'b.txt']);
  assert.equal(m.stats().quotations, 3);
  assert.deepEqual(m.groups()[0].members.map((x) => `${x.path}:${x.start}`), ['b.txt:0', 'b.txt:50', 'b.txt:100']);
  m.setFile('c.txt', copies(1, 7));
  assert.deepEqual(m.groupsForFile('c.txt')[0].members.map((x) => `${x.path}:${x.start}`), ['b.txt:0', 'b.txt:50', 'b.txt:100', 'c.txt:7']);
  m.removeFile('b.txt');
  m.removeFile('c.txt');
  assert.deepEqual(m.stats(), { files: 0, quotations: 0, distinctTexts: 0, alignments: m.stats().alignments });
});
