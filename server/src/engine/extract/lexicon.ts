/**
 * Word lists the extractor relies on. Kept in one place so that tuning the engine on a corpus is a
 * matter of editing data, not code.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/**
 * Speech verbs, by lemma. `strong` verbs introduce reported speech on their own; the others only
 * count as a cue next to a quotation (they are too often used in other senses).
 */
export const SPEECH_VERBS_STRONG = words(`
  say tell add warn state explain note insist argue claim assert declare write tweet reply answer respond
  acknowledge admit announce caution complain concede confirm contend deny emphasize emphasise predict
  promise recall remark report stress suggest urge vow joke quip boast charge counter allege reiterate
  repeat testify post accuse admit point reveal indicate
`);
export const SPEECH_VERBS_WEAK = words(`
  ask mock describe call continue threaten maintain write dub label brand term recount muse lament
  concur shout scream yell whisper exclaim retort demand conclude criticize criticise cite liken dismiss
  blast praise slam hail decry condemn tout pledge scoff sing chant type read attack comment
`);

/** Irregular and tricky inflections; regular -s/-ed/-ing forms are derived in cues.ts. */
export const IRREGULAR_FORMS: Record<string, string> = {
  said: 'say', says: 'say', saying: 'say', say: 'say',
  told: 'tell', tells: 'tell', telling: 'tell', tell: 'tell',
  wrote: 'write', writes: 'write', writing: 'write', written: 'write', write: 'write',
  denied: 'deny', denies: 'deny', denying: 'deny', deny: 'deny',
  replied: 'reply', replies: 'reply', replying: 'reply', reply: 'reply',
  testified: 'testify', testifies: 'testify', testifying: 'testify',
  quipped: 'quip', quipping: 'quip',
  emphasised: 'emphasise', emphasises: 'emphasise', emphasising: 'emphasise',
  dubbed: 'dub', dubbing: 'dub',
  labelled: 'label', labeled: 'label',
  concurred: 'concur',
};

/** Military ranks and honorifics: kept in a speaker mention, dropped from the canonical name. */
export const RANKS = words(`
  gen gen. general maj maj. major col col. colonel lt lt. lieutenant capt capt. captain sgt sgt. sergeant
  adm adm. admiral brig brig. brigadier cmdr cmdr. commander cpl cpl. corporal pvt pvt. private
  major-general lieutenant-general colonel-general brigadier-general lieutenant-colonel rear vice
  mr mr. mrs mrs. ms ms. dr dr. sir dame
`);

/**
 * Role and title words: they describe a speaker but are not part of the name
 * ("Spanish Defence Minister Maria Dolores de Cospedal" → "Maria Dolores de Cospedal").
 */
export const ROLE_WORDS = words(`
  president vice-president minister secretary spokesman spokeswoman spokesperson envoy ambassador
  chairman chairwoman chair director chief head leader governor senator sen sen. rep rep. representative
  congressman congresswoman mayor premier prime chancellor king queen prince princess pope judge justice
  attorney general's deputy undersecretary under-secretary commissioner official officer adviser advisor
  aide speaker candidate nominee founder ceo executive analyst professor economist lawmaker
  allied supreme commander-in-chief army navy air force marine marines defence defense foreign interior
  finance state affairs ministry department staff press former acting assistant associate senior top
  u.s. us uk eu un nato democratic republican democrat gop campaign manager strategist pollster
  publisher editor correspondent reporter columnist host anchor counsel sheriff lt.-gen.
`);

/** Words that end an organisation's name ("Russian Defence Ministry", "State Duma"). */
export const ORG_HEADS = words(`
  ministry department office agency service services council committee commission party parliament
  duma kremlin pentagon government administration organisation organization alliance coalition forces
  army military navy observatory institute university court senate house congress bureau authority
  authorities union federation league association company corporation bank fund group network
  channel newspaper post times journal news reuters interfax tass ap afp bbc cnn campaign spokesman's
  police command headquarters embassy consulate mission board foundation center centre commission
  command directorate guard militia militias rebels nations rights watch
`);

export const PERSON_PRONOUNS = words('he she him her his hers himself herself');
export const PLURAL_PRONOUNS = words('they them their');
export const OTHER_PRONOUNS = words('it its we i us');

/** Nominal heads of descriptive speaker mentions ("a U.S. military spokesman", "the official"). */
export const NOMINAL_HEADS = words(`
  spokesman spokeswoman spokesperson official officials source sources ministry agency statement
  report government administration military coalition alliance commander general diplomat diplomats
  lawmaker lawmakers officer officers aide aides adviser advisers analyst analysts expert experts
  person people witness witnesses resident residents campaign team embassy police army party
  leader leaders representative representatives member members group groups organisers organizers
  broadcaster newspaper paper website duma kremlin pentagon white house department committee
  investigators prosecutors critics supporters voters observers activists protesters officials
  narrator announcer letter article ruling study poll survey memo video clip piece website ad spokespeople
`);

/** Capitals and other metonyms for a country's government ("Moscow denies …" → Russia). */
export const METONYMS: Record<string, string> = {
  moscow: 'Russia', washington: 'United States', beijing: 'China', tehran: 'Iran', kiev: 'Ukraine',
  kyiv: 'Ukraine', london: 'United Kingdom', paris: 'France', berlin: 'Germany', madrid: 'Spain',
  ankara: 'Turkey', damascus: 'Syria', pyongyang: 'North Korea', seoul: 'South Korea', tokyo: 'Japan',
  minsk: 'Belarus', brussels: 'European Union',
};

/** Country → adjective, so that "Russia's Defence Ministry" and "the Russian Defence Ministry" meet. */
export const COUNTRY_ADJECTIVES: Record<string, string> = {
  russia: 'Russian', spain: 'Spanish', iran: 'Iranian', syria: 'Syrian', ukraine: 'Ukrainian',
  china: 'Chinese', france: 'French', germany: 'German', britain: 'British', turkey: 'Turkish',
  belarus: 'Belarussian', israel: 'Israeli', iraq: 'Iraqi', japan: 'Japanese', italy: 'Italian',
  poland: 'Polish', mexico: 'Mexican', canada: 'Canadian', america: 'American', egypt: 'Egyptian',
};

/** Spelling variants folded in organisation names. */
export const ORG_SPELLINGS: Record<string, string> = {
  defense: 'Defence', organization: 'Organisation',
};

/** Name particles that may be lower-case inside a person's name. */
export const NAME_PARTICLES = words('de del della der di da dos du la le van von bin ibn al al- el ben');

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = words(`
  mr mrs ms dr prof gen maj col lt capt sgt adm brig cmdr cpl pvt rep sen gov st jr sr no vs etc
  jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft u.s u.k u.n e.u a.m p.m
  d.c n.y l.a e.g i.e approx est dept univ rev hon pres gov't
`);


/** Words that cannot be part of a speaker's noun phrase: they end the backward scan. */
export const NP_BARRIERS = words(`
  that which who whom whose and but or nor because when while as if so than to is was were are be been
  being has have had would will can could should may might must not did does do where after before
  since until although though however also even just only what why how there here this these those
  said says told added for with by from into about against over under between without within of at
  it's he's she's they're we're i'm
`);

/** Capitalised words that open sentences but never name anyone ("After", "Meanwhile", "February"). */
export const NOT_NAMES = words(`
  after meanwhile however but and or so yet in on at when while although though since during before
  a an the this that these those there here also still instead now then today yesterday tonight
  if as because despite unlike like under over with without for from by to of about
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday earlier later last next first
  asked speaking addressing according writing following once only even just
`);

/** AP abbreviations of U.S. states, which follow a town ("Flint, Mich."). */
export const US_STATE_ABBREVIATIONS = words(`
  ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev
  okla ore pa tenn tex vt va wash wis wyo
`);
