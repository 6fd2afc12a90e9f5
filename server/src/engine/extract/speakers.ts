import type { EntityKind, Mention } from './mentions';
import { isFemaleFirstName } from './names';

export interface Speaker {
  /** Canonical name: a person's full name without ranks, an organisation or a description. */
  name: string;
  /** Stable across files: the same for every alias of the speaker. */
  id: string;
  kind: EntityKind;
  female: boolean;
}

/** Folds case, accents and punctuation so that spellings of one name share an id. */
export function speakerId(name: string): string {
  // A few hundred names recur in every file of a desk: normalise each once.
  let id = speakerIds.get(name);
  if (id === undefined) {
    id = normaliseName(name);
    if (speakerIds.size >= SPEAKER_ID_CACHE_LIMIT) speakerIds.clear();
    // An own copy as the key: a slice would keep the whole file's text alive.
    speakerIds.set((' ' + name).slice(1), id);
  }
  return id;
}

const speakerIds = new Map<string, string>();
const SPEAKER_ID_CACHE_LIMIT = 20_000;

function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bdefense\b/g, 'defence')
    .replace(/\borganization\b/g, 'organisation')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The speakers of one document, in the order they spoke. Resolves a surname to the full name met
 * earlier, a pronoun to the last fitting speaker, and a definite description ("the ministry") to
 * the last speaker it describes.
 */
export class SpeakerIndex {
  private readonly fullNames = new Map<string, Speaker>();
  private readonly bySurname = new Map<string, Speaker>();
  private readonly recent: Speaker[] = [];

  resolve(m: Mention): Speaker | null {
    switch (m.type) {
      case 'pronoun':
        return this.resolvePronoun(m.head);
      case 'nominal':
        return this.resolveNominal(m);
      default:
        if (m.kind !== 'person' && this.bySurname.has(speakerId(m.name))) return this.resolvePerson(m.name);
        return m.kind === 'person' ? this.resolvePerson(m.name) : this.make(m.name, m.kind);
    }
  }

  /** Records that `s` spoke, so later pronouns and descriptions can refer to it. */
  noteSpeaker(s: Speaker): void {
    const at = this.recent.indexOf(s);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(s);
    if (this.recent.length > 50) this.recent.shift();
  }

  private resolvePerson(name: string): Speaker {
    const words = name.split(/\s+/);
    if (words.length >= 2) {
      const key = speakerId(name);
      let s = this.fullNames.get(key);
      if (!s) {
        s = { name, id: key, kind: 'person', female: isFemaleFirstName(words[0]) };
        this.fullNames.set(key, s);
        this.bySurname.set(speakerId(words[words.length - 1]), s);
      }
      return s;
    }
    const known = this.bySurname.get(speakerId(name));
    if (known) return known;
    const s: Speaker = { name, id: speakerId(name), kind: 'person', female: false };
    return s;
  }

  private make(name: string, kind: EntityKind): Speaker {
    return { name, id: speakerId(name), kind, female: false };
  }

  private resolvePronoun(pronoun: string): Speaker | null {
    const want: EntityKind[] = /^(he|him|his|himself|she|her|hers|herself)$/.test(pronoun) ? ['person']
      : /^(it|its)$/.test(pronoun) ? ['org', 'country']
      : /^(they|them|their)$/.test(pronoun) ? ['group', 'org', 'country']
      : ['person', 'org', 'country', 'group'];
    const female = /^(she|her|hers|herself)$/.test(pronoun);
    const male = /^(he|him|his|himself)$/.test(pronoun);
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const s = this.recent[i];
      if (!want.includes(s.kind)) continue;
      if (female && !s.female && this.recent.some((r) => r.female)) continue;
      if (male && s.female) continue;
      return s;
    }
    return null;
  }

  private resolveNominal(m: Mention): Speaker {
    if (!m.indefinite) {
      for (let i = this.recent.length - 1; i >= 0; i--) {
        const s = this.recent[i];
        if (s.id.split(' ').includes(m.head) || s.id.split(' ').includes(m.head.replace(/s$/, ''))) return s;
      }
    }
    const desc = m.name.replace(/^(The|A|An|One|Another)\s+/i, '');
    const name = m.indefinite && m.kind !== 'org' ? `anonymous ${lowerDescription(desc)}` : desc;
    return this.make(name, m.kind);
  }
}

/** "U.S. Military Official" from cleanOrgName back to "U.S. military official" for descriptions. */
function lowerDescription(desc: string): string {
  return desc.split(' ').map((w) => (/^\p{Lu}\p{Ll}+$/u.test(w) && /^(Military|Official|Spokesman|Commander|Source|Officials|Sources|Diplomat|Aide|Adviser|Officer|Statement|Report|Letter|Memo|Email)$/.test(w) ? w.toLowerCase() : w)).join(' ');
}
