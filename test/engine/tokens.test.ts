import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOKEN_PATTERN, tokenize } from '../../server/src/engine/extract/tokens';
import { ABBREVIATIONS } from '../../server/src/engine/extract/lexicon';

/** The tokens the regular expression gives, with the same abbreviation rule as the scanner. */
function byPattern(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const re = new RegExp(TOKEN_PATTERN.source, TOKEN_PATTERN.flags);
  for (let m; (m = re.exec(text)); ) {
    let t = m[0];
    if (t.length > 1 && t.endsWith('.') && !/^(\p{L}\.)+$/u.test(t) && !ABBREVIATIONS.has(t.slice(0, -1).toLowerCase())) t = t.slice(0, -1);
    out.push({ start: m.index, text: t });
  }
  return out;
}

test('the hand-written scanner tokenises exactly as the regular expression, on every seed and on odd input', () => {
  const dir = path.resolve(__dirname, '..', 'fixtures', 'seeds');
  const texts = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  texts.push('MOSCOW (Reuters) - Russia -- said; U.S.-backed well- done Maj. Gen. x.y. end.', 'naïve Ünïcode Ελλάδα 東京 ١٢٣ word’s\u2015dash—em –en a--b -- ', '-', '--', '. ,', '');
  for (const text of texts) {
    const got = tokenize(text, 0, text.length).map((t) => ({ start: t.start, text: t.text }));
    assert.deepEqual(got, byPattern(text));
  }
});
