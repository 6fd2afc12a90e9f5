// Editor features over the index (issue 5): hover, code lens, definition, references. Each test runs once
// the server advertises the capability, and is reported as pending until then.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import type { Context } from 'mocha';
import * as vscode from 'vscode';
import { expectedRelation, gold, ready, sameWords, sampleText, uriOfFile } from './helpers';
import type { GoldGroup, GoldSpan, QuoteLensApi } from './helpers';

function group(id: string): GoldGroup {
  return gold<GoldGroup[]>('matches.json').find((g) => g.group_id === id)!;
}

function member(g: GoldGroup, filePrefix: string): GoldSpan {
  return g.members.find((m) => m.file.startsWith(filePrefix))!;
}

/** A position in the middle of a gold span. */
function inside(span: GoldSpan): vscode.Position {
  const doc = sampleText(uriOfFile(span.file));
  const mid = span.start + Math.floor((span.end - span.start) / 2);
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < mid; i++) if (doc.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  return new vscode.Position(line, mid - lineStart);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

suite('Hover, code lens, definition and references', () => {
  let api: QuoteLensApi;
  // The server must advertise each feature these tests use: a missing capability is a failure, not a skip.
  const needs = (_ctx: Context, capability: string) => {
    const caps = (api.client?.initializeResult?.capabilities ?? {}) as Record<string, unknown>;
    assert.ok(caps[capability], `the server advertises ${capability}`);
  };

  suiteSetup(async () => {
    api = await ready();
  });

  test("hover on Rudskoi's quotation names him and the other place with its relation", async function () {
    needs(this, 'hoverProvider');
    const span = member(group('M3'), '000');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOfFile(span.file), inside(span));
    const text = hoverText(hovers);
    assert.match(text, /Sergei Rudskoi/, text);
    assert.match(text, /duplicate/i, text);
    assert.match(text, /002/, text);
  });

  test('no hover on the dateline, which quotes nobody', async function () {
    needs(this, 'hoverProvider');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOfFile(member(group('M3'), '000').file), new vscode.Position(0, 3));
    assert.equal(hoverText(hovers), '');
  });

  test("a code lens above Konashenkov's warning counts its sources and reworded places (gold M1)", async function () {
    needs(this, 'codeLensProvider');
    const g = group('M1');
    const span = member(g, '000');
    // The code-lens command only reads documents that are open (it throws "Illegal argument" otherwise).
    await vscode.workspace.openTextDocument(uriOfFile(span.file));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uriOfFile(span.file), 100);
    const line = inside(span).line;
    const lens = lenses.find((l) => l.range.start.line === line);
    assert.ok(lens?.command, `no resolved lens on line ${line + 1}: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
    // Gold M1: three other places quote it; one of them (001, another translation) is a variant.
    const mine = g.pairs.filter((p) => p.a === span.id || p.b === span.id);
    const reworded = mine.filter((p) => expectedRelation(p) === 'variant').length;
    assert.equal(mine.length, 3);
    assert.equal(reworded, 1);
    assert.match(lens.command.title, new RegExp(`\\b${mine.length} sources · ${reworded} reworded$`), lens.command.title);
    assert.ok(lens.command.command, 'the lens runs a command');
  });

  test("references of Konashenkov's warning list all four places", async function () {
    needs(this, 'referencesProvider');
    const g = group('M1');
    const span = member(g, '000');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uriOfFile(span.file), inside(span));
    for (const m of g.members) {
      const text = sampleText(uriOfFile(m.file));
      assert.ok(
        refs.some((r) => r.uri.fsPath === uriOfFile(m.file).fsPath && sameWords(text, r.range, m.start, m.end)),
        `no reference to ${m.id} in ${m.file}`,
      );
    }
  });

  test("definition of Rudskoi's quotation in 002 goes to a place of the same statement", async function () {
    needs(this, 'definitionProvider');
    const g = group('M3');
    const from = member(g, '002');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uriOfFile(from.file), inside(from));
    assert.ok(defs.length >= 1, 'a definition');
    const first = defs[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetUri' in first ? first.targetRange : first.range;
    assert.ok(
      g.members.some((m) => uri.fsPath === uriOfFile(m.file).fsPath && sameWords(sampleText(uri), range, m.start, m.end)),
      `definition at ${uri.fsPath}:${range.start.line + 1}`,
    );
  });
});
