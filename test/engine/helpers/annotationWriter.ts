/**
 * Child process for the two-process annotation store test (test/engine/annotationStore.test.ts): one
 * "window" writing to a workspace folder's .quotelens/annotations.json through the real AnnotationStore.
 * Not a test file itself (the runner only picks up *.test.ts).
 *
 *   node --import tsx test/engine/helpers/annotationWriter.ts MODE FOLDER WRITER COUNT SEED
 *
 * MODE     own    — COUNT distinct annotations, one write each (quote "WRITER statement i").
 *          shared — COUNT writes to the same annotation, each appending "WRITER:i;" to its note.
 * WRITER   a short tag naming this process (A, B).
 *
 * Prints "ready" once loaded, waits for a "go" line on stdin (so that both processes start writing at the
 * same moment, after both paid their start-up cost), then writes with small random pauses and prints one
 * JSON line: { writer, done, first, last, othersSeen }: first and last are the times (ms) the first write
 * started and the last one ended, othersSeen[i] how many of the other writer's entries (or note tags)
 * were in the file when write i was made (the evidence that the two really interleaved).
 */
import { AnnotationStore } from '../../../server/src/annotations/store.ts';
import type { Annotation, AnnotationStatus } from '../../../server/src/annotations/store.ts';
import { ownQuote, SHARED } from './annotationWriterQuotes.ts';

const [mode, folder, writer, countArg, seedArg] = process.argv.slice(2);
const count = Number(countArg);
if ((mode !== 'own' && mode !== 'shared') || !folder || !writer || !(count > 0)) {
  process.stderr.write('usage: annotationWriter.ts own|shared FOLDER WRITER COUNT SEED\n');
  process.exit(2);
}

// A small deterministic PRNG (mulberry32) so a failing run can be replayed with its seed.
let state = Number(seedArg) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let buf = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.includes('go\n')) {
        process.stdin.pause();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  const store = new AnnotationStore(folder);
  await store.load();
  process.stdout.write('ready\n');
  await waitForGo();
  const othersSeen: number[] = [];
  const first = Date.now();
  for (let i = 0; i < count; i++) {
    // 2–11 ms between writes, one time in ten none (back-to-back writes). The pauses are what let the
    // other process in: a waiting store polls the lock every 10–100 ms, so a writer that never paused would
    // keep the lock until it is done (the other then waits; correct, but the writes would not interleave).
    const pause = random() < 0.1 ? 0 : 2 + Math.floor(random() * 10);
    if (pause) await sleep(pause);
    if (mode === 'own') {
      const id = ownQuote(writer, i);
      const status: AnnotationStatus = i % 2 ? 'disputed' : 'verified';
      await store.update(id, (cur): Annotation => ({ ...id, ...cur, status, note: `${writer} note ${i}` }));
      othersSeen.push(store.entries().filter((e) => !e.quote.startsWith(`${writer} `)).length);
    } else {
      await store.update(SHARED, (cur): Annotation => ({ ...SHARED, ...cur, note: `${cur?.note ?? ''}${writer}:${i};` }));
      const note = store.get(SHARED)?.note ?? '';
      othersSeen.push(note.split(';').filter((t) => t && !t.startsWith(`${writer}:`)).length);
    }
  }
  const last = Date.now();
  process.stdout.write(`${JSON.stringify({ writer, done: count, first, last, othersSeen })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
