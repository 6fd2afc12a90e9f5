/**
 * LSP protocol tests: a real client drives the bundled server over stdio on a temporary workspace and
 * checks the published diagnostics against the files' text.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient, makeWorkspace, textAt, offsetAt, uriOf, BARE_CAPABILITIES, FULL_CAPABILITIES, msg } from './client.ts';

// Two wire versions of one story quote the minister identically; a third file quotes someone else.
const QUOTE = 'We will respond to any attack on our troops with every means we have';
const QUOTE2 = 'The talks were frank and useful for both sides';
const A = `BERLIN (Reuters) - Germany warned on Monday it would act if its soldiers came under fire.\n\n“${QUOTE},” Defence Minister Anna Berg told reporters in Berlin.\n\nShe added that “${QUOTE2}.”\n`;
const B = `Germany issues warning\n\nBy Max Roth\n\nBERLIN (AP) — Defence Minister Anna Berg said on Monday: “${QUOTE}.”\n\nThe ministry gave no details.\n`;
const C = `PARIS (AFP) - France said nothing.\n\n“Nothing to add today, as you all know,” a spokesman said.\n`;
const D = `Other report\n\nBerg said “${QUOTE2}.” She left.\n`;

const clients: TestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

async function start(opts: Parameters<typeof TestClient.start>[0]): Promise<TestClient> {
  const c = await TestClient.start(opts);
  clients.push(c);
  return c;
}

function storyWorkspace(extra: Record<string, string | Buffer> = {}): { root: string; a: string; b: string; c: string; d: string } {
  const root = makeWorkspace({ '001_berlin.txt': A, 'wires/002_ap.txt': B, '003_paris.txt': C, '004_other.txt': D, ...extra });
  return {
    root,
    a: path.join(root, '001_berlin.txt'),
    b: path.join(root, 'wires/002_ap.txt'),
    c: path.join(root, '003_paris.txt'),
    d: path.join(root, '004_other.txt'),
  };
}

function only(diags: Diagnostic[], code: string): Diagnostic {
  const found = diags.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} diagnostic expected, got ${JSON.stringify(diags, null, 1)}`);
  return found[0];
}

test('cold index: closed files get duplicate diagnostics with ranges, codes, messages and related places', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root] });
  assert.deepEqual(client.initializeResult.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  const status = await client.ready();
  assert.equal(status.files, 4);
  const textA = fs.readFileSync(ws.a, 'utf8');
  const textB = fs.readFileSync(ws.b, 'utf8');

  await client.waitFor('diagnostics of a and b', () => client.diagnosticsOf(ws.a).length && client.diagnosticsOf(ws.b).length);
  const da = client.diagnosticsOf(ws.a).find((d) => textAt(textA, d.range).includes('respond to any attack'));
  assert.ok(da, 'a diagnostic on the minister quote in a');
  assert.equal(da.code, 'quote-duplicate');
  assert.equal(da.source, 'quote-lens');
  assert.equal(da.severity, 4 /* Hint */);
  assert.equal(da.codeDescription?.href, 'https://github.com/quote-lens/quote-lens#quote-duplicate');
  // The range covers the quoted words (the engine may keep the comma inside the marks).
  assert.match(textAt(textA, da.range), new RegExp(`^${QUOTE},?$`));
  // The message names the other file by its short label (outlet from the dateline + number).
  assert.match(msg(da), /in AP file 002/);
  assert.equal(typeof (da.data as { groupId: unknown }).groupId, 'string');
  assert.equal(da.relatedInformation?.length, 1);
  const rel = da.relatedInformation![0];
  assert.equal(rel.location.uri, uriOf(ws.b));
  assert.match(textAt(textB, rel.location.range), new RegExp(`^${QUOTE}\\.?$`));
  assert.match(rel.message, /^duplicate in AP file 002/);

  // And the same statement seen from b, pointing back at a.
  const db = client.diagnosticsOf(ws.b).find((d) => textAt(textB, d.range).includes('respond to any attack'));
  assert.ok(db);
  assert.equal(db.code, 'quote-duplicate');
  assert.match(msg(db), /in Reuters file 001/);
  assert.equal(db.relatedInformation![0].location.uri, uriOf(ws.a));
  assert.deepEqual(db.relatedInformation![0].location.range, da.range);

  // The unrelated file has nothing; the progress was reported through a server-created token.
  assert.deepEqual(client.diagnosticsOf(ws.c), []);
  assert.ok(client.progressTokens.length >= 1);
  // Watchers for the include pattern were registered (the client can do it and does not watch itself).
  const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  // The included files, and the annotations file (another window's verdicts must reach this server).
  assert.deepEqual(reg?.registerOptions, { watchers: [{ globPattern: '**/*.txt' }, { globPattern: '**/.quotelens/annotations.json' }] });
});

test('didOpen / didChange: the editor text overrides the disk; only files whose results change are re-published', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root], settings: { debounceMs: 50 } });
  await client.ready();
  await client.waitFor('initial diagnostics', () => client.diagnosticsOf(ws.a).length && client.diagnosticsOf(ws.d).length);
  const textB = fs.readFileSync(ws.b, 'utf8');
  await client.open(ws.b, textB);
  await client.sync();
  const before = client.publishes.length;

  // Reword the quote in the editor buffer of b: "troops" → "forces". Not saved.
  const at = textB.indexOf('troops');
  const lines = textB.slice(0, at).split('\n');
  const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
  await client.change(ws.b, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 'troops'.length } }, text: 'forces' }]);
  const va = await client.waitFor('a sees a variant', () => client.diagnosticsOf(ws.a).find((d) => d.code === 'quote-variant'));
  assert.equal(msg(va), "Reworded quotation: AP file 002 has 'forces' where this has 'troops'");
  assert.equal(va.severity, 3 /* Information */);
  const vb = await client.waitFor('b sees a variant', () => client.diagnosticsOf(ws.b).find((d) => d.code === 'quote-variant'));
  assert.equal(msg(vb), "Reworded quotation: Reuters file 001 has 'troops' where this has 'forces'");
  // The range in b follows the edited buffer, not the disk.
  const edited = textB.slice(0, at) + 'forces' + textB.slice(at + 'troops'.length);
  assert.match(textAt(edited, vb.range), /^We will respond to any attack on our forces with every means we have\.?$/);
  const after1 = client.publishes.slice(before);
  const uris = new Set(after1.map((p) => p.uri));
  // a and b changed; c and d (an unrelated match pair) were not re-published.
  assert.ok(uris.has(uriOf(ws.a)) && uris.has(uriOf(ws.b)));
  assert.ok(!uris.has(uriOf(ws.c)) && !uris.has(uriOf(ws.d)), `unexpected publishes: ${[...uris].join(', ')}`);

  // Typing it back restores the match; several quick edits are debounced into one analysis.
  const n = client.publishes.length;
  await client.change(ws.b, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 'forces'.length } }, text: 'tr' }]);
  await client.change(ws.b, [{ range: { start: { line: pos.line, character: pos.character + 2 }, end: { line: pos.line, character: pos.character + 2 } }, text: 'oops' }]);
  await client.waitFor('duplicate again', () => client.diagnosticsOf(ws.b).some((d) => d.code === 'quote-duplicate'));
  const bPublishes = client.publishes.slice(n).filter((p) => p.uri === uriOf(ws.b));
  assert.equal(bPublishes.length, 1, 'one publish for b after two quick edits');

  // Closing the buffer reverts to the disk text (identical here): nothing to re-publish for a.
  await client.close(ws.b);
  await client.sync();
  assert.ok(client.diagnosticsOf(ws.a).some((d) => d.code === 'quote-duplicate'));
});

test('closing an unsaved buffer reverts to the disk text', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root], settings: { debounceMs: 20 } });
  await client.ready();
  await client.waitFor('a has a duplicate', () => client.diagnosticsOf(ws.a).some((d) => msg(d).includes('file 002')));
  await client.open(ws.b, 'Nothing quoted here any more.\n');
  await client.waitFor('a lost its duplicate', () => !client.diagnosticsOf(ws.a).some((d) => msg(d).includes('file 002')));
  await client.close(ws.b);
  await client.waitFor('a has its duplicate again', () => client.diagnosticsOf(ws.a).some((d) => msg(d).includes('file 002')));
});

test('didChangeWatchedFiles: created, changed and deleted files update the index and the related places', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root] });
  await client.ready();
  await client.waitFor('a has one related place', () => client.diagnosticsOf(ws.a).find((d) => d.relatedInformation?.length === 1));

  // A new wire version appears on disk.
  const e = path.join(ws.root, 'new', '005_dpa.txt');
  fs.mkdirSync(path.dirname(e), { recursive: true });
  const textE = `BERLIN (dpa) - Anna Berg said: “${QUOTE}.”\n`;
  fs.writeFileSync(e, textE);
  await client.watched([{ uri: uriOf(e), type: FileChangeType.Created }]);
  const withE = await client.waitFor('a lists e', () => client.diagnosticsOf(ws.a).find((d) => d.relatedInformation?.some((r) => r.location.uri === uriOf(e))));
  assert.equal(withE.relatedInformation!.length, 2);
  assert.match(msg(withE), /2 matching places: 2 duplicates/);
  const de = only(client.diagnosticsOf(e), 'quote-duplicate');
  assert.equal(textAt(textE, de.range).replace(/\.$/, ''), QUOTE);
  const rel = withE.relatedInformation!.find((r) => r.location.uri === uriOf(e))!;
  assert.deepEqual(rel.location.range, de.range);

  // e is changed on disk so that it no longer matches.
  fs.writeFileSync(e, 'BERLIN (dpa) - No comment.\n');
  await client.watched([{ uri: uriOf(e), type: FileChangeType.Changed }]);
  await client.waitFor('e cleared', () => client.diagnosticsOf(e).length === 0 && client.diagnosticsOf(ws.a).some((d) => d.relatedInformation?.length === 1));

  // b is deleted (a rename arrives as delete + create): a has no more duplicate.
  const moved = path.join(ws.root, 'archive', '002_ap.txt');
  fs.mkdirSync(path.dirname(moved), { recursive: true });
  fs.renameSync(ws.b, moved);
  await client.watched([{ uri: uriOf(ws.b), type: FileChangeType.Deleted }, { uri: uriOf(moved), type: FileChangeType.Created }]);
  const movedDiag = await client.waitFor('moved file has the duplicate', () => client.diagnosticsOf(moved).find((d) => d.code === 'quote-duplicate'));
  assert.equal(movedDiag.relatedInformation![0].location.uri, uriOf(ws.a));
  assert.deepEqual(client.diagnosticsOf(ws.b), []);
  await client.waitFor('a points to the moved file', () => client.diagnosticsOf(ws.a).some((d) => d.relatedInformation?.[0]?.location.uri === uriOf(moved)));

  // A whole folder deleted.
  fs.rmSync(path.join(ws.root, 'archive'), { recursive: true });
  await client.watched([{ uri: uriOf(path.join(ws.root, 'archive')), type: FileChangeType.Deleted }]);
  await client.waitFor('moved file cleared', () => client.diagnosticsOf(moved).length === 0);
  await client.waitFor('a has no duplicate left', () => !client.diagnosticsOf(ws.a).some((d) => d.code === 'quote-duplicate' && textAt(A, d.range).includes('respond')));
});

test('a client without relatedInformation, configuration, progress or watchers: places folded into the message', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root], capabilities: BARE_CAPABILITIES });
  await client.ready();
  const textA = fs.readFileSync(ws.a, 'utf8');
  const textB = fs.readFileSync(ws.b, 'utf8');
  const d = await client.waitFor('a diagnostics', () => client.diagnosticsOf(ws.a).find((x) => textAt(textA, x.range).includes('respond to any')));
  assert.equal(d.relatedInformation, undefined);
  assert.equal(d.codeDescription, undefined);
  const lineInB = textB.slice(0, textB.indexOf(QUOTE)).split('\n').length;
  assert.ok(msg(d).endsWith(`. See AP file 002, line ${lineInB}`), msg(d));
  assert.equal(client.registrations.length, 0);
  assert.equal(client.progressTokens.length, 0);
});

test('settings: severities from workspace/configuration, exclude globs, and a configuration change', async () => {
  const ws = storyWorkspace({ 'drafts/009_copy.txt': A });
  const client = await start({
    folders: [ws.root],
    capabilities: FULL_CAPABILITIES,
    settings: { exclude: ['drafts/**'], severity: { duplicate: 'warning' } },
  });
  const st = await client.ready();
  assert.equal(st.files, 4, 'drafts/ is excluded');
  const textA = fs.readFileSync(ws.a, 'utf8');
  const d = await client.waitFor('a', () => client.diagnosticsOf(ws.a).find((x) => textAt(textA, x.range).includes('respond to any')));
  assert.equal(d.severity, 2 /* Warning */);
  assert.equal(d.relatedInformation?.length, 1, 'the excluded copy is not a match');

  // Turning duplicates off removes them; including drafts again re-indexes.
  await client.configurationChanged({ exclude: [], severity: { duplicate: 'off' } });
  await client.waitFor('5 files', () => client.statuses.at(-1)?.files === 5 && client.statuses.at(-1)?.state === 'ready');
  await client.waitFor('no duplicates', () => ![ws.a, ws.b].some((f) => client.diagnosticsOf(f).some((x) => x.code === 'quote-duplicate')));
});

test('initializationOptions carry settings for clients without workspace/configuration', async () => {
  const ws = storyWorkspace();
  const client = await start({
    folders: [ws.root],
    capabilities: BARE_CAPABILITIES,
    initializationOptions: { quoteLens: { severity: { duplicate: 'error' } } },
  });
  await client.ready();
  const d = await client.waitFor('a', () => client.diagnosticsOf(ws.a)[0]);
  assert.equal(d.severity, 1 /* Error */);
});

test('hostile files are skipped with one-line reasons in the status and the log; the rest is indexed', async () => {
  const ws = storyWorkspace({
    'bad/binary.txt': Buffer.from('%PDF-1.7\n\u0000\u0001\u0002 obj', 'latin1'),
    'bad/huge.txt': 'x'.repeat(1_200_000),
    'bad/latin1.txt': Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x68, 0x65, 0x20, 0x73, 0x61, 0x69, 0x64, 0x0a]),
    'bad/empty.txt': '',
  });
  fs.symlinkSync(ws.root, path.join(ws.root, 'bad', 'loop'));
  const client = await start({ folders: [ws.root], settings: { maxFileSizeMB: 1 } });
  const st = await client.ready();
  assert.equal(st.files, 6, '4 stories + the Windows-1252 file + the empty file');
  const reasons = Object.fromEntries(st.skipped.map((s) => [path.relative(ws.root, new URL(s.uri).pathname), s.reason]));
  assert.equal(reasons['bad/binary.txt'], 'binary file (contains NUL bytes)');
  assert.equal(reasons['bad/huge.txt'], 'larger than the 1 MB size cap (1.1 MB)');
  assert.match(reasons['bad/loop'], /symbolic link to a folder already walked/);
  assert.ok(client.logs.some((l) => l === 'Skipped bad/binary.txt: binary file (contains NUL bytes)'));
  assert.ok(client.logs.some((l) => l === 'bad/latin1.txt: not valid UTF-8; decoded as Windows-1252 (Latin-1)'));
  for (const l of client.logs) assert.ok(!/\n\s+at /.test(l), `no stack traces: ${l}`);
  await client.waitFor('diagnostics still published', () => client.diagnosticsOf(ws.a).length > 0);
});

test('quoteLens/matches returns the groups of a file with URIs, ranges and offsets', async () => {
  const ws = storyWorkspace();
  const client = await start({ folders: [ws.root] });
  await client.ready();
  type Res = { groups: Array<{ id: string; members: Array<{ uri: string; start: number; end: number; text: string; range: { start: { line: number; character: number } } }> }> };
  const res = await client.request<Res>('quoteLens/matches', { uri: uriOf(ws.a) });
  const g = res.groups.find((x) => x.members.some((m) => m.text.includes('respond to any attack')));
  assert.ok(g);
  for (const m of g.members) {
    const file = m.uri === uriOf(ws.a) ? A : B;
    assert.equal(file.slice(m.start, m.end), m.text);
    assert.equal(offsetAt(file, m.range.start), m.start);
  }
});

test('multi-root: two workspace folders share one index', async () => {
  const one = makeWorkspace({ '001_berlin.txt': A });
  const two = makeWorkspace({ 'wires/002_ap.txt': B });
  const client = await start({ folders: [one, two] });
  const st = await client.ready();
  assert.equal(st.files, 2);
  const a = path.join(one, '001_berlin.txt');
  const b = path.join(two, 'wires/002_ap.txt');
  const d = await client.waitFor('cross-root duplicate', () => client.diagnosticsOf(a).find((x) => x.code === 'quote-duplicate'));
  assert.equal(d.relatedInformation![0].location.uri, uriOf(b));
});

test('indexing progress can be cancelled by the client', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`f${String(i).padStart(4, '0')}.txt`] = `File ${i}: “Nothing much to report today from here,” a clerk said.\n`;
  const root = makeWorkspace(files);
  const client = await start({ folders: [root] });
  // Cancel as soon as the server begins reporting.
  const token = await client.waitFor('progress token', () => client.progressTokens[0]);
  await client.waitFor('progress begin', () => client.progress.length > 0);
  await client.conn.sendNotification('window/workDoneProgress/cancel', { token });
  const st = await client.waitFor('cancelled or ready', () => client.statuses.find((s) => s.state !== 'indexing'));
  assert.equal(st.state, 'cancelled');
  assert.ok(st.files < 3000, `indexed ${st.files}`);
  assert.ok(client.logs.some((l) => /^Indexing cancelled: \d+ of 3000 files indexed\.$/.test(l)));
});
