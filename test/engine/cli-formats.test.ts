import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { parse } from 'csv-parse/sync';
import { main } from '../../server/src/cli/main';
import { toCsv } from '../../server/src/cli/formats';

const repo = path.resolve(__dirname, '..', '..');
const seeds = 'test/fixtures/seeds';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('check --format sarif validates against the SARIF 2.1.0 schema, one result per diagnostic', async () => {
  const schema = JSON.parse(fs.readFileSync(path.join(repo, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
  // The published schema has a pattern ("]?") that is only valid without the u flag.
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const sarif = JSON.parse((await run(['check', '--format', 'sarif', seeds])).out) as { runs: { results: unknown[] }[] };
  const ok = validate(sarif);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const text = (await run(['check', seeds])).out.split('\n').filter(Boolean);
  const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; relatedLocations: unknown[] }[];
  assert.equal(results.length, text.length);
  // The C01 fact conflict in 000, at the line and column the text format prints.
  const c01 = results.find((r) => r.ruleId === 'fact-conflict' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('000_2c6bdf8bfe82f281.txt'));
  assert.ok(c01);
  assert.equal(c01.level, 'warning');
  const { startLine, startColumn } = c01.locations[0].physicalLocation.region;
  assert.ok(text.some((l) => l.includes(`000_2c6bdf8bfe82f281.txt:${startLine}:${startColumn} warning fact-conflict`)));
  assert.ok(c01.relatedLocations.length >= 1);
});

test('CSV fields with commas, quote marks and line breaks round-trip through a CSV parser', () => {
  const rows = [
    ['plain', 'a, b', 'she said "no"', 'line one\nline two', '“curly”, and ‘single’', ''],
    ['x', 'y\r\nz', '"', ',', 'tab\tinside', 'end'],
  ];
  const parsed = parse(toCsv(['a', 'b', 'c', 'd', 'e', 'f'], rows), { columns: false, relax_column_count: false }) as string[][];
  assert.deepEqual(parsed, [['a', 'b', 'c', 'd', 'e', 'f'], ...rows]);
});

test('export --csv: one row per quotation, parsed back with its text and match counts', async () => {
  const { code, out } = await run(['export', '--csv', seeds]);
  assert.equal(code, 0);
  const records = parse(out, { columns: true }) as Record<string, string>[];
  const jsonl = (await run(['export', '--jsonl', seeds])).out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(records.length, jsonl.length);
  for (const [i, r] of records.entries()) {
    assert.equal(r.text, jsonl[i].text);
    const file = fs.readFileSync(path.join(repo, r.file), 'utf8');
    assert.equal(file.slice(Number(r.start), Number(r.end)), r.text);
  }
  // Rudskoi's quotation (with a comma inside) is duplicated between 000 and 002.
  const rudskoi = records.filter((r) => r.text.startsWith('According to our information, U.S. intelligence services'));
  assert.equal(rudskoi.length, 2);
  for (const r of rudskoi) {
    assert.equal(r.speaker, 'Sergei Rudskoi');
    assert.equal(r.duplicates, '1');
  }
});

test('--fail-on: conflict fails on the seeds, none never fails, bad values are usage errors', async () => {
  assert.equal((await run(['check', '--fail-on', 'conflict', seeds])).code, 1);
  assert.equal((await run(['check', '--fail-on', 'none', seeds])).code, 0);
  const bad = await run(['check', '--fail-on', 'sometimes', seeds]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--fail-on takes conflict, variant or none/);
});
