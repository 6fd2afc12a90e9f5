/**
 * Editor features over the seed articles (issue 5), driven by a real client over stdio: hover, code
 * lens, definition, references, highlights, next / previous, symbols, semantic tokens, code actions and
 * the annotation flow. Expected places are located in the files' text, never copied from the output.
 */
import { makeTempDir } from '../tempDir';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CodeLens, Diagnostic, DocumentSymbol, Hover, Location, SymbolInformation, DocumentHighlight } from 'vscode-languageserver-protocol/node';
import { TestClient, SEEDS, textAt, offsetAt, uriOf, msg, makeWorkspace } from './client.ts';

const root = makeTempDir('ql-editor-');
for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(root, f));
const F = {
  s000: path.join(root, '000_2c6bdf8bfe82f281.txt'),
  s001: path.join(root, '001_82c97ecf1f039aa3.txt'),
  s002: path.join(root, '002_dce29dcf82e0f63b.txt'),
  s003: path.join(root, '003_d3675c01adf037da.txt'),
  s004: path.join(root, '004_50bf1a4a4b352fba.txt'),
};
const text = (p: string) => fs.readFileSync(p, 'utf8');
const FIRE = 'Fire points in those areas will be immediately suppressed with all military means';
const FIRING_001 = 'The firing positions in those areas will be immediately destroyed with all the arsenal at our disposal';

/** Position of the `occurrence`-th `needle` in a text, plus `delta` characters. */
function posOf(t: string, needle: string, delta = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = t.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' not in text`);
  }
  const before = t.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: at + delta - before.lastIndexOf('\n') - 1 };
}

const clients: TestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

let shared: Promise<TestClient> | undefined;
function seeds(): Promise<TestClient> {
  shared ??= (async () => {
    // These tests speak for the VS Code client, which runs Quote Lens's client-side commands.
    const c = await TestClient.start({ folders: [root], initializationOptions: { clientCommands: true } });
    clients.push(c);
    await c.ready();
    return c;
  })();
  return shared;
}

const at = (file: string, position: { line: number; character: number }) => ({ textDocument: { uri: uriOf(file) }, position });
const core = (s: string) => s.trim().replace(/[,.;:]+$/, '');
const locText = (l: { uri: string; range: Location['range'] }) => core(textAt(text(new URL(l.uri).pathname), l.range));

test('initialize advertises the editor features and the semantic token legend', async () => {
  const c = await seeds();
  const caps = c.initializeResult.capabilities;
  for (const k of ['hoverProvider', 'codeLensProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeActionProvider'] as const) {
    assert.ok(caps[k], k);
  }
  assert.deepEqual(caps.semanticTokensProvider?.legend.tokenTypes, ['speaker', 'quotation', 'speechCue']);
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.annotate'], resolveProvider: false });
});

test("hover on Konashenkov's “Fire points …” in 000 names him, how he was found, every other file, and diffs the wording", async () => {
  const c = await seeds();
  const t = text(F.s000);
  const h = await c.request<Hover>('textDocument/hover', at(F.s000, posOf(t, FIRE, 10)));
  const md = (h.contents as { kind: string; value: string }).value;
  assert.equal((h.contents as { kind: string }).kind, 'markdown');
  assert.equal(textAt(t, h.range!), `${FIRE}.`.slice(0, textAt(t, h.range!).length));
  assert.match(md, /^\*\*Igor Konashenkov\*\* · quotation without quotation marks\n/);
  assert.match(md, /Speaker: “Major-General Igor Konashenkov” \(name\), carried from the previous paragraph's speaker · cue \*said in a statement\*/);
  assert.match(md, /\*\*Quoted in 4 other places\*\*/);
  // Worst relation first, then by file label: the three variants, then the duplicate in Reuters 002.
  const places = [...md.matchAll(/^- \[([^\]]+)\]\((command:[^ )]+) "Open [^"]+"\) — \*\*([^*]+)\*\*/gm)].map((m) => [m[1], m[3]]);
  assert.deepEqual(places, [
    ['file 001, line 21', 'variant (translation)'],
    ['file 003, line 45', 'variant (minor-wording)'],
    ['file 004, line 32', 'variant (translation)'],
    ['Reuters file 002, line 377', 'duplicate'],
  ]);
  assert.match(md, /~~Fire points~~ \*\*The firing positions\*\* in those areas will be immediately ~~suppressed~~ \*\*destroyed\*\* with all ~~military means~~ \*\*the arsenal at our disposal\*\*/);
  // The link runs the client's open command on the 001 place.
  const link = /\]\(command:quoteLens\.openLocation\?([^ )]+) "Open file 001/.exec(md)!;
  const [uri, range] = JSON.parse(decodeURIComponent(link[1]));
  assert.equal(uri, uriOf(F.s001));
  assert.equal(core(textAt(text(F.s001), range)), FIRING_001);
});

test('no hover outside quotations (the dateline)', async () => {
  const c = await seeds();
  assert.equal(await c.request('textDocument/hover', at(F.s000, { line: 0, character: 3 })), null);
});

test('a code lens above each matched quotation counts sources and peeks at all of them', async () => {
  const c = await seeds();
  const t = text(F.s000);
  const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(F.s000) } });
  const byLine = new Map(lenses.map((l) => [l.range.start.line, l]));
  const fire = byLine.get(posOf(t, FIRE).line)!;
  assert.equal(fire.command?.title, '4 sources · 3 reworded');
  assert.equal(fire.command?.command, 'quoteLens.peekMatches');
  const [uri, position, locations] = fire.command!.arguments as [string, { line: number; character: number }, Location[]];
  assert.equal(uri, uriOf(F.s000));
  assert.deepEqual(position, posOf(t, FIRE));
  assert.deepEqual(locations.map((l) => path.basename(new URL(l.uri).pathname).slice(0, 3)), ['001', '003', '004', '002']);
  assert.equal(locText(locations[0]), FIRING_001);
  assert.equal(locText(locations[3]), FIRE);
  const shutDown = byLine.get(posOf(t, 'A representative of the U.S. military command').line)!;
  assert.equal(shutDown.command?.title, '3 sources · 1 reworded');
  assert.equal(byLine.get(posOf(t, 'According to our information').line)?.command?.title, '1 source');
  assert.equal(lenses.length, 3, JSON.stringify(lenses.map((l) => l.command?.title)));
});

test('definition goes to the first occurrence; references list every place; highlights the ones in this file', async () => {
  const c = await seeds();
  const t2 = text(F.s002);
  const def = await c.request<Location>('textDocument/definition', at(F.s002, posOf(t2, FIRE, 5)));
  assert.equal(def.uri, uriOf(F.s000));
  assert.equal(locText(def), FIRE);
  const refs = await c.request<Location[]>('textDocument/references', { ...at(F.s002, posOf(t2, FIRE, 5)), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => path.basename(new URL(r.uri).pathname).slice(0, 3)), ['000', '001', '002', '003', '004']);
  assert.equal(locText(refs[3]), 'Firing positions in those areas will be immediately suppressed with all military means');
  // Tillerson's "badly" is an excerpt of his longer quotation in the same file: both are highlighted.
  const badly = posOf(t2, 'badly', 1, 0);
  const hl = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', at(F.s002, badly));
  assert.deepEqual(hl.map((h) => textAt(t2, h.range).slice(0, 24)), ['badly', 'It stands as the single ']);
  assert.deepEqual(hl.map((h) => h.kind), [1, 2]);
  assert.equal(await c.request('textDocument/definition', at(F.s000, { line: 0, character: 3 })), null);
});

test('next / previous matching quote cycle through the places of the statement, else through this file', async () => {
  const c = await seeds();
  const t = text(F.s000);
  type Nav = { uri: string; range: Location['range']; index: number; total: number; label: string };
  const next = await c.request<Nav>('quoteLens/navigate', { uri: uriOf(F.s000), position: posOf(t, FIRE, 3), direction: 'next' });
  assert.equal(next.uri, uriOf(F.s001));
  assert.equal(locText(next), FIRING_001);
  assert.deepEqual([next.index, next.total, next.label], [2, 5, 'file 001']);
  const prev = await c.request<Nav>('quoteLens/navigate', { uri: uriOf(F.s000), position: posOf(t, FIRE, 3), direction: 'previous' });
  assert.equal(prev.uri, uriOf(F.s004), 'wraps round to the last place');
  // From the dateline: the first quotation of this file that has matches, and backwards the last one.
  const first = await c.request<Nav>('quoteLens/navigate', { uri: uriOf(F.s000), position: { line: 0, character: 0 }, direction: 'next' });
  assert.equal(first.uri, uriOf(F.s000));
  assert.match(locText(first), /^A representative of the U\.S\. military command/);
  const last = await c.request<Nav>('quoteLens/navigate', { uri: uriOf(F.s000), position: { line: 0, character: 0 }, direction: 'previous' });
  assert.match(locText(last), /^According to our information/);
});

test('outline: quotations grouped by speaker; workspace symbols find quotes by speaker and words', async () => {
  const c = await seeds();
  const t = text(F.s000);
  const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(F.s000) } });
  const kon = syms.find((s) => s.name === 'Igor Konashenkov')!;
  assert.ok(kon, syms.map((s) => s.name).join(', '));
  const fire = kon.children!.find((ch) => ch.name.startsWith('“Fire points'))!;
  assert.equal(fire.name, '“Fire points in those areas will be immediately suppressed w…”');
  assert.equal(fire.detail, 'unmarked · 4 sources');
  assert.equal(core(textAt(t, fire.range)), FIRE);
  assert.ok(syms.some((s) => s.name === 'Sergei Rudskoi'));
  // Every child lies within its speaker's range.
  for (const s of syms) for (const ch of s.children ?? []) assert.ok(offsetAt(t, ch.range.start) >= offsetAt(t, s.range.start) && offsetAt(t, ch.range.end) <= offsetAt(t, s.range.end), s.name);
  const ws = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'konashenkov fire points' });
  assert.deepEqual(ws.map((s) => [path.basename(new URL(s.location.uri).pathname).slice(0, 3), s.containerName]), [['000', 'Reuters file 000'], ['002', 'Reuters file 002']]);
  assert.ok(ws.every((s) => s.name.startsWith('Igor Konashenkov: “Fire points')));
  const byWords = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'arsenal at our disposal' });
  assert.deepEqual(byWords.map((s) => path.basename(new URL(s.location.uri).pathname).slice(0, 3)), ['001', '004']);
});

test('semantic tokens mark the speaker mentions and the quotations without marks', async () => {
  const c = await seeds();
  const t = text(F.s000);
  const tokens = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: uriOf(F.s000) } });
  const decoded: Array<{ text: string; type: number; mods: number }> = [];
  let line = 0;
  let ch = 0;
  const lines = t.split('\n');
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
    line += dl;
    ch = dl ? dc : ch + dc;
    decoded.push({ text: lines[line].slice(ch, ch + len), type, mods });
  }
  assert.ok(decoded.some((d) => d.text === 'Major-General Igor Konashenkov' && d.type === 0), JSON.stringify(decoded.slice(0, 8)));
  assert.ok(decoded.some((d) => d.text.startsWith(FIRE) && d.type === 1 && d.mods === 1 << 2), 'unmarked quotation');
});

test('quick fixes on a variant: other wordings, mark as intended (preferred), ignore; in a stable order', async () => {
  const c = await seeds();
  const t = text(F.s000);
  const d = await c.waitFor('variant on Fire points', () => c.diagnosticsOf(F.s000).find((x) => core(textAt(t, x.range)) === FIRE));
  assert.equal(d.code, 'quote-variant');
  const req = { textDocument: { uri: uriOf(F.s000) }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } };
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', req);
  assert.deepEqual(actions.map((a) => a.title), [
    'Use the wording of file 001: “The firing positions in those areas will be immed…”',
    'Use the wording of file 003: “Firing positions in those areas will be immediate…”',
    'Mark as intended (verified)',
    'Ignore the match with file 001',
    'Ignore every match of this quotation',
  ]);
  assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Mark as intended (verified)']);
  const edit = actions[0].edit!.changes![uriOf(F.s000)][0];
  assert.equal(textAt(t, edit.range), `${FIRE}.`);
  assert.equal(edit.newText, `${FIRING_001}.`);
  assert.deepEqual(await c.request<CodeAction[]>('textDocument/codeAction', req), actions, 'the same again');
  // Without a filter, the annotation actions of the quotation come too.
  const all = await c.request<CodeAction[]>('textDocument/codeAction', { ...req, context: { diagnostics: [d] } });
  assert.deepEqual(all.slice(5).map((a) => a.title), ['Quote Lens: Mark quotation as verified', 'Quote Lens: Mark quotation as disputed', 'Quote Lens: Add a note…']);
});

test('annotations: verify from the quick fix, written to .quotelens/annotations.json, shown in hover, lens and diagnostic, kept when the quote moves', async () => {
  const c = await seeds();
  const t = text(F.s000);
  const d = c.diagnosticsOf(F.s000).find((x) => core(textAt(t, x.range)) === FIRE)!;
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf(F.s000) }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const intended = actions.find((a) => a.isPreferred)!;
  assert.equal(intended.command?.command, 'quoteLens.annotate');
  const res = await c.request<{ file: string; annotation: { status: string } }>('quoteLens/annotate', intended.command!.arguments![0]);
  assert.equal(res.file, path.join(root, '.quotelens', 'annotations.json'));
  const onDisk = JSON.parse(fs.readFileSync(res.file, 'utf8'));
  assert.equal(onDisk.version, 1);
  assert.deepEqual(onDisk.annotations.map((a: Record<string, unknown>) => [a.file, a.speaker, a.quote, a.status]), [['000_2c6bdf8bfe82f281.txt', 'Igor Konashenkov', `${FIRE}.`, 'verified']]);
  const verified = await c.waitFor('verified diagnostic', () => c.diagnosticsOf(F.s000).find((x) => core(textAt(t, x.range)) === FIRE && msg(x).startsWith('✓ Verified · ')));
  assert.equal(verified.severity, 4, 'a verified quotation drops to a hint');
  const h = await c.request<Hover>('textDocument/hover', at(F.s000, posOf(t, FIRE, 10)));
  assert.match((h.contents as { value: string }).value, /^\*\*Igor Konashenkov\*\* · quotation without quotation marks · ✓ \*\*Verified\*\*/);
  const lens = (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(F.s000) } })).find((l) => l.range.start.line === posOf(t, FIRE).line);
  assert.equal(lens?.command?.title, '✓ verified · 4 sources · 3 reworded');

  // Open the file and insert a paragraph above: the quote moves two lines down and keeps its verdict.
  await c.open(F.s000);
  const inserted = 'EDITOR NOTE: this paragraph was added.\n\n';
  await c.change(F.s000, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
  // Before the debounced re-analysis, the lens is already on the moved line (no jump).
  const early = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(F.s000) } });
  assert.ok(early.some((l) => l.range.start.line === posOf(t, FIRE).line + 2 && l.command?.title.startsWith('✓ verified')), JSON.stringify(early.map((l) => [l.range.start.line, l.command?.title])));
  const moved = inserted + t;
  await c.waitFor('re-analysed moved quote', () => c.diagnosticsOf(F.s000).find((x) => core(textAt(moved, x.range)) === FIRE && x.range.start.line === posOf(t, FIRE).line + 2 && msg(x).startsWith('✓ Verified')));
  const h2 = await c.request<Hover>('textDocument/hover', at(F.s000, posOf(moved, FIRE, 10)));
  assert.match((h2.contents as { value: string }).value, /✓ \*\*Verified\*\*/);
  await c.change(F.s000, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
  await c.close(F.s000);
});

test('annotations: ignoring a match removes the diagnostic in both files; a note shows in the hover', async () => {
  const c = await seeds();
  const t2 = text(F.s002);
  const badly = c.diagnosticsOf(F.s002).find((x) => textAt(t2, x.range) === 'badly');
  assert.ok(badly, 'the excerpt diagnostic on "badly"');
  const long = posOf(t2, 'It stands as the single most difficult', 2);
  await c.request('quoteLens/annotate', { uri: uriOf(F.s002), position: posOf(t2, 'badly', 1), action: 'ignoreMatch', other: { uri: uriOf(F.s002), position: long } });
  await c.waitFor('both Tillerson diagnostics gone', () => !c.diagnosticsOf(F.s002).some((x) => textAt(t2, x.range) === 'badly' || textAt(t2, x.range).startsWith('It stands as')) || undefined);
  await c.request('quoteLens/annotate', { uri: uriOf(F.s002), position: long, action: 'setNote', note: 'Said at the State Department, 21 Sept.' });
  const h = await c.request<Hover>('textDocument/hover', at(F.s002, long));
  assert.match((h.contents as { value: string }).value, /> 🗒 Said at the State Department, 21 Sept\./);
  assert.match((h.contents as { value: string }).value, /— _ignored_/);
  const data = JSON.parse(fs.readFileSync(path.join(root, '.quotelens', 'annotations.json'), 'utf8'));
  const entry = data.annotations.find((a: { quote: string }) => a.quote === 'badly');
  assert.deepEqual(entry.ignoredMatches.map((m: { speaker: string }) => m.speaker), ['Rex Tillerson']);
  // Clearing it brings the diagnostics back.
  await c.request('quoteLens/annotate', { uri: uriOf(F.s002), position: posOf(t2, 'badly', 1), action: 'clear' });
  await c.waitFor('excerpt diagnostic back', () => c.diagnosticsOf(F.s002).find((x) => textAt(t2, x.range) === 'badly'));
});

test('annotations: a change on disk (another window) is picked up; a malformed file is reported and never overwritten', async () => {
  const c = await seeds();
  const file = path.join(root, '.quotelens', 'annotations.json');
  const t3 = text(F.s003);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  data.annotations.push({ file: '003_d3675c01adf037da.txt', speaker: 'Igor Konashenkov', quote: 'Firing positions in those areas will be immediately suppressed with all military means', status: 'disputed' });
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  await c.watched([{ uri: uriOf(file), type: FileChangeType.Changed }]);
  await c.waitFor('disputed diagnostic in 003', () => c.diagnosticsOf(F.s003).find((x) => msg(x).startsWith('✗ Disputed · ')));
  const broken = '{ "version": 1, "annotations": [ }';
  fs.writeFileSync(file, broken);
  await c.watched([{ uri: uriOf(file), type: FileChangeType.Changed }]);
  await c.waitFor('error logged', () => c.logs.find((l) => /annotations\.json is not a valid Quote Lens annotations file: JSON syntax error at line 1, column 34/.test(l)));
  await assert.rejects(
    c.request('quoteLens/annotate', { uri: uriOf(F.s003), position: posOf(t3, 'Firing positions', 2), action: 'verify' }),
    /is not a valid Quote Lens annotations file.*will not overwrite it/,
  );
  assert.equal(fs.readFileSync(file, 'utf8'), broken);
  // The last good annotations stay in effect meanwhile.
  assert.ok(c.diagnosticsOf(F.s003).some((x) => msg(x).startsWith('✗ Disputed · ')));
  fs.rmSync(path.join(root, '.quotelens'), { recursive: true });
  await c.watched([{ uri: uriOf(file), type: FileChangeType.Deleted }]);
  await c.waitFor('annotations gone', () => !c.diagnosticsOf(F.s003).some((x) => msg(x).startsWith('✗')) || undefined);
});

test('untrusted workspace: annotations are not written until trust is granted', async () => {
  const a = 'BERLIN (Reuters) - “We will respond to any attack on our troops,” Defence Minister Anna Berg said.\n';
  const b = 'BERLIN (AP) — Defence Minister Anna Berg said: “We will respond to any attack on our troops.”\n';
  const ws = makeWorkspace({ 'a.txt': a, 'b.txt': b });
  const c = await TestClient.start({ folders: [ws], initializationOptions: { workspaceTrusted: false, clientCommands: true } });
  clients.push(c);
  await c.ready();
  const params = { uri: uriOf(path.join(ws, 'a.txt')), position: posOf(a, 'respond'), action: 'verify' };
  await assert.rejects(c.request('quoteLens/annotate', params), /not trusted/);
  assert.ok(!fs.existsSync(path.join(ws, '.quotelens')));
  await c.conn.sendNotification('quoteLens/workspaceTrust', { trusted: true });
  const res = await c.request<{ annotation: { status: string } }>('quoteLens/annotate', params);
  assert.equal(res.annotation.status, 'verified');
  assert.ok(fs.existsSync(path.join(ws, '.quotelens', 'annotations.json')));
});

test('the code lens setting turns lenses off', async () => {
  const a = '“We will respond to any attack on our troops,” Anna Berg said.\n';
  const ws = makeWorkspace({ 'a.txt': a, 'b.txt': `Anna Berg said: “We will respond to any attack on our troops.”\n` });
  const c = await TestClient.start({ folders: [ws] });
  clients.push(c);
  await c.ready();
  const req = { textDocument: { uri: uriOf(path.join(ws, 'a.txt')) } };
  assert.equal((await c.request<CodeLens[]>('textDocument/codeLens', req))[0]?.command?.title, '1 source');
  await c.configurationChanged({ codeLens: { enabled: false } });
  await c.sync();
  assert.deepEqual(await c.request<CodeLens[]>('textDocument/codeLens', req), []);
});

test('other editors: hover links are file links, annotation actions run on the server', async () => {
  const a = '“We will respond to any attack on our troops,” Anna Berg said.\n';
  const b = 'Anna Berg said: “We will respond to any attack on our troops.”\n';
  const ws = makeWorkspace({ 'a.txt': a, 'b.txt': b });
  const c = await TestClient.start({ folders: [ws] });
  clients.push(c);
  await c.ready();
  const fileA = path.join(ws, 'a.txt');
  const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', at(fileA, posOf(a, 'respond')));
  const bUri = uriOf(path.join(ws, 'b.txt'));
  assert.ok(hover.contents.value.includes(`(${bUri}#L1 `), hover.contents.value);
  assert.ok(!hover.contents.value.includes('command:'), 'no VS Code command links');
  const actions = await c.request<{ title: string; command?: { command: string; arguments?: unknown[] } }[]>('textDocument/codeAction', {
    textDocument: { uri: uriOf(fileA) }, range: { start: posOf(a, 'respond'), end: posOf(a, 'respond') }, context: { diagnostics: [] },
  });
  const verify = actions.find((x) => /verified/i.test(x.title));
  assert.ok(verify?.command, JSON.stringify(actions.map((x) => x.title)));
  assert.equal(verify.command.command, 'quoteLens.server.annotate');
  assert.ok(!actions.some((x) => x.command?.command === 'quoteLens.addNote'), 'no action that needs the VS Code client');
  await c.request('workspace/executeCommand', { command: verify.command.command, arguments: verify.command.arguments });
  const stored = JSON.parse(fs.readFileSync(path.join(ws, '.quotelens', 'annotations.json'), 'utf8')) as unknown;
  assert.match(JSON.stringify(stored), /verified/);
  assert.match(JSON.stringify(stored), /We will respond to any attack on our troops/);
});

export type { Diagnostic };
