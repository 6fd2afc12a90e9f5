/**
 * Deterministic synthetic workspace for `npm run bench` (issue 3): N articles assembled from real news
 * paragraphs (PolNeAR train, else the samples) in a seeded shuffled order. Paragraphs are kept whole (a
 * paragraph is one or more real sentences) so quotation marks, attributions and numbers stay intact; as
 * the pool is smaller than the workspace, every paragraph recurs in several articles, which gives the
 * matcher real cross-file duplicates to find, as in a folder of reprints.
 *
 * Same seed, same pool → byte-identical workspace (see `fingerprint`).
 */
import { createHash } from 'node:crypto';

/** mulberry32: a small, fast, seedable 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given PRNG. */
export function shuffle<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

/** Splits texts into paragraphs (non-empty lines, trimmed), dropping very short ones (datelines, bylines). */
export function paragraphsOf(texts: readonly string[], minChars = 40): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const line of t.split(/\r?\n/)) {
      const p = line.trim();
      if (p.length >= minChars) out.push(p);
    }
  }
  return out;
}

export interface GeneratedArticle {
  path: string;
  text: string;
}

export interface WorkspaceOptions {
  articles: number;
  /** Mean article size in characters (sizes are drawn uniformly in [0.5, 1.5] × mean). */
  meanChars: number;
  seed: number;
  /** Folder prefix for the virtual paths. */
  root?: string;
}

/**
 * Builds the workspace: article i takes paragraphs from the shuffled pool in order (reshuffled with the
 * same PRNG each time the pool runs out) until it reaches its drawn size.
 */
export function generateWorkspace(pool: readonly string[], o: WorkspaceOptions): GeneratedArticle[] {
  if (!pool.length) throw new Error('empty paragraph pool');
  const rand = mulberry32(o.seed);
  let order = shuffle([...pool], rand);
  let k = 0;
  const root = o.root ?? '/bench-workspace';
  const width = String(o.articles).length;
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < o.articles; i++) {
    const target = Math.round(o.meanChars * (0.5 + rand()));
    const parts: string[] = [];
    let len = 0;
    while (len < target) {
      if (k >= order.length) {
        order = shuffle(order, rand);
        k = 0;
      }
      const p = order[k++];
      parts.push(p);
      len += p.length + 2;
    }
    const dir = `d${String(Math.floor(i / 1000)).padStart(2, '0')}`;
    out.push({ path: `${root}/${dir}/article-${String(i).padStart(width, '0')}.txt`, text: parts.join('\n\n') + '\n' });
  }
  return out;
}

/** Short hash of the whole workspace (paths and texts), to show runs used the same input. */
export function fingerprint(files: readonly GeneratedArticle[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex').slice(0, 12);
}
