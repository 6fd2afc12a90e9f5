import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findQuotations } from '../../server/src/engine/index';

// Inputs the fuzzer once broke the engine with (test/fixtures/fuzz-repro/README.md says how): each
// must now give only quotations whose offsets slice back to their texts.
const dir = path.resolve(__dirname, '..', 'fixtures', 'fuzz-repro');

for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  test(`fuzz reproducer ${name}: offsets slice back to the texts`, () => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const q of findQuotations(text)) {
      assert.ok(q.start < q.end && q.end <= text.length, `${q.start}..${q.end}`);
      assert.equal(text.slice(q.start, q.end), q.text);
      if (q.cue !== null) assert.equal(text.slice(q.cue_start ?? -1, q.cue_end ?? -1), q.cue);
      if (q.speaker_mention !== null) assert.equal(text.slice(q.mention_start ?? -1, q.mention_end ?? -1), q.speaker_mention);
    }
  });
}

test('a transcript label with nothing after it is not a quotation', () => {
  assert.deepEqual(findQuotations("'E': ").filter((q) => q.kind === 'direct'), []);
});
