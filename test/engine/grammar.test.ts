/**
 * The `news` TextMate grammar (syntaxes/news.tmLanguage.json), tokenised with VS Code's own engine
 * (vscode-textmate + oniguruma) on lines from the samples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '..', '..');

async function grammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(path.join(ROOT, 'syntaxes', 'news.tmLanguage.json'), 'utf8'), 'news.tmLanguage.json'),
  });
  const g = await registry.loadGrammar('text.news');
  if (!g) throw new Error('grammar not loaded');
  return g;
}

/** Each token's text with its innermost scope, skipping the bare `text.news` ones. */
function tokens(g: vsctm.IGrammar, line: string): Array<[string, string]> {
  const r = g.tokenizeLine(line, vsctm.INITIAL);
  return r.tokens
    .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]])
    .filter(([, s]) => s !== 'text.news');
}

function scopeOf(g: vsctm.IGrammar, line: string, piece: string): string[] {
  const at = line.indexOf(piece);
  assert.ok(at >= 0, piece);
  const t = g.tokenizeLine(line, vsctm.INITIAL).tokens.find((x) => x.startIndex <= at && at < x.endIndex)!;
  return t.scopes;
}

test('dateline, byline, quotes (straight, curly, single) and cues get their scopes; apostrophes do not open quotes', async () => {
  const g = await grammar();
  const dateline = 'MOSCOW/WASHINGTON (Reuters) - Russia warned the United States on Thursday';
  assert.deepEqual(tokens(g, dateline).slice(0, 3), [
    ['MOSCOW/WASHINGTON', 'entity.name.section.dateline.news'],
    ['(Reuters)', 'entity.name.type.agency.news'],
    ['-', 'punctuation.separator.dateline.news'],
  ]);
  assert.deepEqual(tokens(g, 'BEIRUT, Sept 21 (AP) — Syria said')[0], ['BEIRUT, Sept 21', 'entity.name.section.dateline.news']);
  assert.deepEqual(tokens(g, 'By Robin Emmott'), [['By', 'keyword.other.byline.news'], ['Robin Emmott', 'entity.name.tag.author.news']]);
  assert.deepEqual(tokens(g, 'By Tom Perry and Lisa Barrington')[1], ['Tom Perry and Lisa Barrington', 'entity.name.tag.author.news']);
  // "By" in running text is no byline.
  assert.ok(!tokens(g, 'By the end of the day, the talks had failed.').some(([, s]) => s.includes('byline')));

  const curly = '“Fire points in those areas will be immediately suppressed,” Konashenkov said.';
  assert.deepEqual(scopeOf(g, curly, 'Fire points').slice(1), ['string.quoted.double.news']);
  assert.deepEqual(scopeOf(g, curly, '“').slice(-1), ['punctuation.definition.string.begin.news']);
  assert.deepEqual(scopeOf(g, curly, ' Konashenkov').slice(1), []);
  assert.deepEqual(scopeOf(g, curly, 'said').slice(-1), ['keyword.other.speech-cue.news']);
  const straight = 'He said "it was badly needed" and left.';
  assert.deepEqual(scopeOf(g, straight, 'badly').slice(1), ['string.quoted.double.news']);
  assert.deepEqual(scopeOf(g, straight, ' and left').slice(1), []);
  const single = "Officials called it a 'frank exchange' of views, Syria's envoy said, and Syria’s ‘red line’ held.";
  assert.deepEqual(scopeOf(g, single, 'frank').slice(1), ['string.quoted.single.news']);
  assert.deepEqual(scopeOf(g, single, ' of views').slice(1), []);
  assert.deepEqual(scopeOf(g, single, "s envoy").slice(1), [], "Syria's is an apostrophe");
  assert.deepEqual(scopeOf(g, single, 'red line').slice(1), ['string.quoted.single.news']);
  assert.deepEqual(scopeOf(g, single, ' held').slice(1), []);
  // A quotation left open (continued in the next paragraph) ends with its line.
  const open = '“We will respond to any attack';
  assert.deepEqual(scopeOf(g, open, 'attack').slice(1), ['string.quoted.double.news']);
  const next = g.tokenizeLine('The ministry said nothing.', g.tokenizeLine(open, vsctm.INITIAL).ruleStack);
  assert.deepEqual(next.tokens[0].scopes, ['text.news']);
  // A cue inside a quotation is part of the quotation.
  assert.deepEqual(scopeOf(g, '“They said no,” she said.', 'They said').slice(1), ['string.quoted.double.news']);
});
