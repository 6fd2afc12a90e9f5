import nlp from 'compromise';

export type WordClass = 'first-name' | 'female-name' | 'place' | 'org' | 'unknown';

const cache = new Map<string, WordClass>();

/**
 * What compromise's lexicon knows about one capitalised word: a first name (and whether it is
 * usually a woman's, for "she"), a place, or an organisation. Only single words are looked up, and
 * each once, so the full parser never runs on the hot path.
 */
export function classifyWord(word: string): WordClass {
  const key = word.replace(/[’']s$/, '');
  let c = cache.get(key);
  if (c === undefined) {
    c = lookup(key);
    if (cache.size < 100_000) cache.set(key, c);
  }
  return c === 'female-name' ? 'first-name' : c;
}

export function isFemaleFirstName(word: string): boolean {
  classifyWord(word);
  return cache.get(word.replace(/[’']s$/, '')) === 'female-name';
}

function lookup(word: string): WordClass {
  if (!/^\p{Lu}/u.test(word) || word.length < 2) return 'unknown';
  const doc = nlp(word);
  if (doc.has('#FemaleName')) return 'female-name';
  if (doc.has('#FirstName')) return 'first-name';
  if (doc.has('#Place') || doc.has('#Country') || doc.has('#City')) return 'place';
  if (doc.has('#Organization')) return 'org';
  return 'unknown';
}
