/**
 * British → American spelling, applied to lower-cased word tokens so that two outlets' renderings of the
 * same words compare equal ("Defence Ministry" / "Defense Ministry", "7 kilometres" / "7 kilometers").
 * Stems are matched as word prefixes, so one entry covers its inflections (organis → organisation,
 * organised, organising). The list is deliberately small: a stem that is also the start of an unrelated
 * word would merge words that differ, which is worse than missing a variant. (A stem that only garbles an
 * unrelated word, realism → realizm, is harmless: both sides are transformed alike.)
 */
const STEM_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['kilometre', 'kilometer'], ['centimetre', 'centimeter'], ['millimetre', 'millimeter'],
  ['metre', 'meter'], ['litre', 'liter'], ['centre', 'center'], ['theatre', 'theater'],
  ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'],
  ['organis', 'organiz'], ['recognis', 'recogniz'], ['realis', 'realiz'], ['normalis', 'normaliz'],
  ['renormalis', 'renormaliz'], ['criticis', 'criticiz'], ['apologis', 'apologiz'], ['authoris', 'authoriz'],
  ['mobilis', 'mobiliz'], ['stabilis', 'stabiliz'], ['destabilis', 'destabiliz'], ['prioritis', 'prioritiz'],
  ['legalis', 'legaliz'], ['modernis', 'moderniz'], ['characteris', 'characteriz'], ['emphasis', 'emphasiz'],
  ['summaris', 'summariz'], ['militaris', 'militariz'], ['demilitaris', 'demilitariz'], ['privatis', 'privatiz'],
  ['nationalis', 'nationaliz'], ['utilis', 'utiliz'], ['minimis', 'minimiz'], ['maximis', 'maximiz'],
  ['jeopardis', 'jeopardiz'], ['terroris', 'terroriz'], ['neutralis', 'neutraliz'], ['finalis', 'finaliz'],
  ['colour', 'color'], ['favour', 'favor'], ['honour', 'honor'], ['labour', 'labor'], ['neighbour', 'neighbor'],
  ['behaviour', 'behavior'], ['rumour', 'rumor'], ['armour', 'armor'], ['harbour', 'harbor'],
  ['endeavour', 'endeavor'], ['vigour', 'vigor'], ['humour', 'humor'], ['savour', 'savor'],
  ['analys', 'analyz'], ['paralys', 'paralyz'], ['catalogue', 'catalog'], ['programme', 'program'],
  ['travell', 'travel'], ['cancell', 'cancel'], ['labell', 'label'], ['modell', 'model'], ['counsell', 'counsel'],
  ['judgement', 'judgment'], ['ageing', 'aging'], ['sceptic', 'skeptic'], ['manoeuvr', 'maneuver'],
  ['aluminium', 'aluminum'], ['grey', 'gray'], ['practis', 'practic'],
  ['pyjama', 'pajama'], ['plough', 'plow'], ['tyre', 'tire'], ['storey', 'story'], ['cheque', 'check'],
];

/** Words where a listed stem is a prefix but the word is not the British spelling. */
const NOT_VARIANTS = new Set(['emphasis', 'greyhound']);

const byFirstLetter = new Map<string, Array<readonly [string, string]>>();
for (const pair of STEM_VARIANTS) {
  const list = byFirstLetter.get(pair[0][0]) ?? [];
  list.push(pair);
  byFirstLetter.set(pair[0][0], list);
}
for (const list of byFirstLetter.values()) list.sort((x, y) => y[0].length - x[0].length);

/** The American spelling of a lower-cased word, or the word itself. */
export function americanSpelling(word: string): string {
  const candidates = byFirstLetter.get(word[0]);
  if (!candidates || NOT_VARIANTS.has(word)) return word;
  for (const [british, american] of candidates) {
    if (word.startsWith(british)) return american + word.slice(british.length);
  }
  return word;
}
