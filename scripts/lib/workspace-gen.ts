/**
 * Deterministic synthetic workspace for `npm run bench` (issue 3): N articles assembled from real news
 * paragraphs (PolNeAR train, else the samples) in a seeded shuffled order. Paragraphs are kept whole (a
 * paragraph is one or more real sentences) so quotation marks, attributions and numbers stay intact; as
 * the pool is smaller than the workspace, every paragraph recurs in several articles, which gives the
 * matcher real cross-file duplicates to find, as in a folder of reprints.
 *
 * Same seed, same pool → byte-identical workspace (see `fingerprint`).
 */
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
 * Yields the workspace's articles in order, without holding them: article i takes paragraphs from the
 * shuffled pool in order (reshuffled with the same PRNG each time the pool runs out) until it reaches its
 * drawn size.
 */
export function* iterateWorkspace(pool: readonly string[], o: WorkspaceOptions): Generator<GeneratedArticle> {
  if (!pool.length) throw new Error('empty paragraph pool');
  const rand = mulberry32(o.seed);
  let order = shuffle([...pool], rand);
  let k = 0;
  const root = o.root ?? '/bench-workspace';
  const width = String(o.articles).length;
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
    yield { path: `${root}/${dir}/article-${String(i).padStart(width, '0')}.txt`, text: parts.join('\n\n') + '\n' };
  }
}

/** The whole workspace as an array (see {@link iterateWorkspace}). */
export function generateWorkspace(pool: readonly string[], o: WorkspaceOptions): GeneratedArticle[] {
  return [...iterateWorkspace(pool, o)];
}

/**
 * Incremental 64-bit FNV-1a (as two 32-bit halves) over paths and texts: a fingerprint that shows two
 * runs used the same input, computed without allocating (hashing 40 MB through node:crypto would convert
 * every string to a buffer and inflate the RSS being measured).
 */
export class Fingerprint {
  private h1 = 0x811c9dc5;
  private h2 = 0x050c5d1f;

  add(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 13);
    }
    this.h1 = Math.imul(h1 ^ 0xff, 0x01000193);
    this.h2 = h2;
    return this;
  }

  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0').slice(0, 4);
  }
}

/** Fingerprint of a whole workspace (paths and texts). */
export function fingerprint(files: Iterable<GeneratedArticle>): string {
  const f = new Fingerprint();
  for (const x of files) f.add(x.path).add(x.text);
  return f.hex();
}
