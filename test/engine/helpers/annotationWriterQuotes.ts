/**
 * The quotations the two-process annotation store test writes (shared by the test and its child script,
 * test/engine/helpers/annotationWriter.ts).
 */
import type { QuoteIdentity } from '../../../server/src/annotations/keys.ts';

/** Writer `writer`'s i-th quotation: both writers spread theirs over the same files and speakers. */
export function ownQuote(writer: string, i: number): QuoteIdentity {
  return { file: `story-${i % 5}.txt`, speaker: i % 3 ? 'Anna Berg' : 'Igor Konashenkov', quote: `${writer} statement ${i}` };
}

/** The one quotation both writers annotate in the "shared" mode. */
export const SHARED: QuoteIdentity = { file: 'story-0.txt', speaker: 'Anna Berg', quote: 'We will respond to any attack on our troops' };
