import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotations, type Quotation } from '../../server/src/engine/index';

/** The quotation whose text is exactly `words`; fails when there is none. */
function quote(all: Quotation[], words: string): Quotation {
  const q = all.find((x) => x.text === words);
  assert.ok(q, `no quotation with text ${JSON.stringify(words)}; got ${JSON.stringify(all.map((x) => x.text))}`);
  return q;
}

/** Offsets of `needle` in `text` (its first occurrence after `from`). */
function at(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `fixture lacks ${needle}`);
  return { start, end: start + needle.length };
}

test('straight quotes: span without the marks, speaker after the quote', () => {
  const text = '"We will not back down," Mayor Jane Smith said on Monday.';
  const q = quote(findQuotations(text), 'We will not back down,');
  assert.equal(q.kind, 'direct');
  assert.deepEqual({ start: q.start, end: q.end }, at(text, 'We will not back down,'));
  assert.equal(q.speaker, 'Jane Smith');
  assert.equal(q.speaker_mention, 'Jane Smith');
  assert.equal(q.cue, 'said');
  assert.deepEqual({ start: q.cue_start, end: q.cue_end }, at(text, 'said'));
  assert.equal(q.attribution, 'explicit');
});

test('curly quotes and a rank: the mention keeps the rank, the canonical name drops it', () => {
  const text = '“Fire points will be suppressed,” Maj. Gen. Igor Konashenkov said in a statement.';
  const q = quote(findQuotations(text), 'Fire points will be suppressed,');
  assert.equal(q.speaker, 'Igor Konashenkov');
  assert.equal(q.speaker_mention, 'Maj. Gen. Igor Konashenkov');
  assert.equal(q.mention_type, 'name');
  assert.equal(q.cue, 'said in a statement');
});

test('inverted attribution with an apposition: said Army Colonel Ryan Dillon, a spokesman', () => {
  const text = '“We had a face-to-face discussion,” said Army Colonel Ryan Dillon, a Baghdad-based spokesman for the coalition.';
  const q = quote(findQuotations(text), 'We had a face-to-face discussion,');
  assert.equal(q.speaker, 'Ryan Dillon');
  assert.equal(q.speaker_mention, 'Colonel Ryan Dillon');
});

test('interrupted quote: the second part is a continuation with the same speaker', () => {
  const text = '"Attempts to open fire would be met with retaliation," he said. "The firing positions will be destroyed."';
  const text2 = 'Konashenkov said the warning was delivered.\n\n' + text;
  const all = findQuotations(text2);
  const first = quote(all, 'Attempts to open fire would be met with retaliation,');
  const second = quote(all, 'The firing positions will be destroyed.');
  assert.equal(first.speaker_mention, 'he');
  assert.equal(first.mention_type, 'pronoun');
  assert.equal(first.speaker, 'Konashenkov');
  assert.equal(second.attribution, 'continuation');
  assert.equal(second.speaker, 'Konashenkov');
  assert.equal(second.mention_start, first.mention_start);
});

test('surname alone resolves to the full name met earlier; ranks spelled three ways are one speaker', () => {
  const text = [
    'Major-General Igor Konashenkov said the strikes would go on.',
    'Maj Gen Igor Konashenkov said in a statement that the fighters had fled.',
    '"We reserve the right to respond," Konashenkov said.',
  ].join('\n');
  const all = findQuotations(text);
  const q = quote(all, 'We reserve the right to respond,');
  assert.equal(q.speaker, 'Igor Konashenkov');
  const ids = new Set(all.filter((x) => x.speaker).map((x) => x.speaker_id));
  assert.deepEqual([...ids], ['igor konashenkov']);
});

test('a bare quotation paragraph takes the previous paragraph’s speaker (carried)', () => {
  const text = [
    '“We should be clear about the source of this violence,” Tillerson said.',
    '',
    '“Russia is arming, leading, training and fighting alongside anti-government forces.”',
  ].join('\n');
  const q = quote(findQuotations(text), 'Russia is arming, leading, training and fighting alongside anti-government forces.');
  assert.equal(q.attribution, 'carried');
  assert.equal(q.speaker, 'Tillerson');
  assert.deepEqual({ start: q.mention_start, end: q.mention_end }, at(text, 'Tillerson'));
});

test('“him” in "quoted him as saying" is the speaker; "he" resolves to the last person who spoke', () => {
  const text = [
    'Vyacheslav Volodin, the speaker of the State Duma, said parliament could back the bill.',
    '“Restrictions will be the same,” Interfax news agency quoted him as saying.',
  ].join('\n');
  const q = quote(findQuotations(text), 'Restrictions will be the same,');
  assert.equal(q.speaker, 'Vyacheslav Volodin');
  assert.equal(q.speaker_mention, 'him');
  assert.equal(q.cue, 'quoted him as saying');
});

test('"she" prefers the last woman who spoke', () => {
  const text = [
    '“What we know today is that much of this came from Russia,” Defence Minister Maria Dolores de Cospedal said.',
    'Foreign Minister Alfonso Dastis said Spain had detected false accounts.',
    '“These are groups trying to create instability,” she told reporters.',
  ].join('\n');
  const q = quote(findQuotations(text), 'These are groups trying to create instability,');
  assert.equal(q.speaker, 'Maria Dolores de Cospedal');
  assert.equal(q.cue, 'told reporters');
});

test('organisations: spellings of one ministry share a canonical name', () => {
  const text = [
    'The Russian Defence Ministry said the militia had opened fire.',
    'The Russian ministry of defence said the strikes had stopped.',
    'Russia\'s Defense Ministry warned it would retaliate against any strikes.',
  ].join('\n');
  const speakers = new Set(findQuotations(text).map((q) => q.speaker));
  assert.deepEqual([...speakers], ['Russian Defence Ministry']);
});

test('"the ministry" resolves to the ministry that spoke before', () => {
  const text = [
    'The Russian Foreign Ministry said the search was illegal.',
    'The "intruders" had taken over the premises, the ministry said.',
  ].join('\n');
  const q = quote(findQuotations(text), 'intruders');
  assert.equal(q.kind, 'partial');
  assert.equal(q.speaker, 'Russian Foreign Ministry');
  assert.equal(q.mention_type, 'nominal');
  assert.equal(q.speaker_mention, 'the ministry');
});

test('partial quote inside the reporter’s sentence', () => {
  const text = 'The United States would “badly” like to lift sanctions against Russia, Secretary of State Rex Tillerson said on Thursday.';
  const q = quote(findQuotations(text), 'badly');
  assert.equal(q.kind, 'partial');
  assert.equal(q.speaker, 'Rex Tillerson');
  assert.equal(q.speaker_mention, 'Rex Tillerson');
});

test('scare quotes: labels, nested names and word glosses are never statements', () => {
  const text = [
    'Russia to amend law to classify U.S. media ‘foreign agents’',
    '',
    '“As for units that took part in the exercises ‘Zapad 2017’, they all returned to their bases,” TASS news agency quoted Major-General Igor Konashenkov as saying. “Zapad” is the Russian word for “west”.',
  ].join('\n');
  const all = findQuotations(text);
  for (const words of ['foreign agents', 'Zapad 2017', 'Zapad', 'west']) {
    assert.equal(quote(all, words).kind, 'scare', words);
    assert.equal(quote(all, words).speaker, null, words);
  }
  const main = quote(all, 'As for units that took part in the exercises ‘Zapad 2017’, they all returned to their bases,');
  assert.equal(main.kind, 'direct');
  assert.equal(main.speaker, 'Igor Konashenkov');
});

test("'' closes a quotation (typewriter style) and is not part of the span", () => {
  const text = '"The firing positions will be destroyed,\'\' Ministry spokesman Major General Igor Konashenkov said in a statement.';
  const q = quote(findQuotations(text), 'The firing positions will be destroyed,');
  assert.equal(q.end, text.indexOf("''"));
  assert.equal(q.speaker_mention, 'Major General Igor Konashenkov');
});

test('unbalanced marks never abort; an unclosed quote runs to the end of its paragraph', () => {
  const text = '"We will keep going, he said\n\n"The next paragraph reopens," he said.\n\n” stray closer and "';
  const all = findQuotations(text);
  const q = quote(all, 'We will keep going, he said');
  assert.equal(q.end, text.indexOf('\n'));
  for (const x of all) assert.equal(text.slice(x.start, x.end), x.text);
});

test('a file with stripped quote marks: inverted attributions are unmarked quotations, and the bare sentence after', () => {
  const text = [
    'Russia s military said on Thursday it would respond to any attack on its troops in the region.',
    'Any attempts to open fire from those areas would be quickly shut down, Major-General Igor Konashenkov said in a statement.',
    'Fire points in those areas will be immediately suppressed with all military means.',
    'The army has captured about 100 km of the river bank, the monitoring group reported.',
  ].join('\n');
  const all = findQuotations(text);
  const first = quote(all, 'Any attempts to open fire from those areas would be quickly shut down');
  assert.equal(first.kind, 'unmarked');
  assert.equal(first.speaker, 'Igor Konashenkov');
  const carried = quote(all, 'Fire points in those areas will be immediately suppressed with all military means.');
  assert.equal(carried.kind, 'unmarked');
  assert.equal(carried.attribution, 'carried');
  const reported = quote(all, 'The army has captured about 100 km of the river bank');
  assert.equal(reported.kind, 'indirect');
});

test('reported speech: the clause after the cue, without "that"', () => {
  const text = 'Konashenkov said the warning was delivered to the US military command. Russia warned the United States on Thursday it would target the militias, as the United States disclosed a meeting.';
  const all = findQuotations(text);
  const a = quote(all, 'the warning was delivered to the US military command');
  assert.equal(a.kind, 'indirect');
  assert.equal(a.speaker, 'Konashenkov');
  const b = quote(all, 'it would target the militias');
  assert.equal(b.speaker, 'Russia');
  assert.equal(b.cue, 'warned');
});

test('no clause, no reported speech: "warned against", "declined to comment"', () => {
  const text = 'The SDF warned against any further advances. Stoltenberg declined to comment on the accusations.';
  assert.deepEqual(findQuotations(text).filter((q) => q.kind === 'indirect'), []);
});

test('transcript turns and dash attributions name their speakers', () => {
  const text = [
    '"WALLACE: Will she be there tomorrow night?',
    '',
    '“I’m so ashamed to be an American.” ― Jacklyn Ashley',
  ].join('\n');
  const all = findQuotations(text);
  const turn = quote(all, 'Will she be there tomorrow night?');
  assert.equal(turn.speaker, 'Wallace');
  assert.equal(turn.speaker_mention, 'WALLACE');
  const dashed = quote(all, 'I’m so ashamed to be an American.');
  assert.equal(dashed.speaker, 'Jacklyn Ashley');
});

test('empty and whitespace-only text has no quotations', () => {
  assert.deepEqual(findQuotations(''), []);
  assert.deepEqual(findQuotations('   \n\n  '), []);
});

test('titles, stage directions and names in quote marks are not statements; a title-case sentence is', () => {
  const text = [
    'In an interview on CBS’s “Face the Nation,” House Speaker Paul Ryan said the party would unite.',
    '"(CROSSTALK.)"',
    'Ms. Lynch spoke in her documentary “13th” about the prisons.',
    '“We’re America,” the president added.',
  ].join('\n\n');
  const all = findQuotations(text);
  for (const words of ['Face the Nation,', '(CROSSTALK.)', '13th']) assert.equal(quote(all, words).kind, 'scare', words);
  const said = quote(all, 'We’re America,');
  assert.equal(said.kind, 'direct');
  assert.equal(said.speaker_mention, 'the president');
});

test('"what he called" credits the named subject of the sentence', () => {
  const text = 'U.N. Secretary General Ban Ki-moon condemned what he called a “brazen breach” of Security Council resolutions.';
  const q = quote(findQuotations(text), 'brazen breach');
  assert.equal(q.kind, 'partial');
  assert.equal(q.speaker, 'Ban Ki-moon');
  assert.equal(q.speaker_mention, 'Ban Ki-moon');
});

test('a verb that names or rates gives the quoted words to its subject; passives, nouns and venues do not', () => {
  const text = [
    'On the front line of the terror war, Obama and Clinton call them “lone wolves” and describe their acts as crimes.',
    'PolitiFact rated 32% of Republican claims as “false” last year.',
    'The Chicago Police Department, which reported “2,521 shooting incidents” in the city, declined to comment.',
    'He has been called a charlatan by fellow physicians for promoting “quack” medical cures.',
    'Sharpton began taking calls from listeners to his “Keepin’ It Real” radio program.',
    'Clinton cited Trump’s past references to Machado as “Miss Piggy” during the debate.',
    'Pence said on CNN’s “State of the Union” that the police deserved support.',
  ].join('\n\n');
  const all = findQuotations(text);
  const wolves = quote(all, 'lone wolves');
  assert.equal(wolves.kind, 'partial');
  assert.equal(wolves.speaker_mention, 'Obama and Clinton');
  assert.equal(wolves.cue, 'call');
  assert.deepEqual({ start: wolves.cue_start, end: wolves.cue_end }, at(text, 'call'));
  const rated = quote(all, 'false');
  assert.equal(rated.kind, 'partial');
  assert.equal(rated.speaker, 'PolitiFact');
  assert.equal(rated.cue, 'rated');
  const reported = quote(all, '2,521 shooting incidents');
  assert.equal(reported.kind, 'partial');
  assert.equal(reported.speaker_mention, 'The Chicago Police Department');
  // Passive voice, a noun ("calls", "references") and a title after a possessive quote no one.
  for (const words of ['quack', 'Keepin’ It Real', 'State of the Union']) assert.equal(quote(all, words).kind, 'scare', words);
  // "references" after a possessive is a noun: the verb further back ("cited") gives the words to Clinton.
  assert.equal(quote(all, 'Miss Piggy').speaker_mention, 'Clinton');
});

test('a quotation in the other style of marks nests inside the open one', () => {
  // After PolNeAR dev breitbart …pat-caddell…: a straight-quoted answer reads out a poll question in curly marks.
  const text = 'Pat Caddell continued:\n\n"Read the question: \u201CAs you know, she left the event early. Does it matter?\u201D Forty-three, yes; forty-six, no."';
  const all = findQuotations(text);
  const outer = quote(all, 'Read the question: \u201CAs you know, she left the event early. Does it matter?\u201D Forty-three, yes; forty-six, no.');
  assert.equal(outer.kind, 'direct');
  assert.equal(outer.speaker, 'Pat Caddell');
  // A long nested quotation is part of the outer one, not a second statement.
  assert.deepEqual(all.filter((q) => q.kind !== 'indirect').map((q) => q.text), [outer.text]);
  // Straight marks inside curly ones: the short nested title is a scare quote; the outer quote is whole.
  const t2 = '\u201CWe watched "Shark Tank" all night,\u201D Jane Smith said.';
  const all2 = findQuotations(t2);
  assert.equal(quote(all2, 'We watched "Shark Tank" all night,').speaker, 'Jane Smith');
  assert.equal(quote(all2, 'Shark Tank').kind, 'scare');
  // A same-style opening mark still starts a new quotation, not a nested one.
  const t3 = '\u201CIt is over. \u201CWe won,\u201D she said.';
  assert.deepEqual(findQuotations(t3).map((q) => q.text), ['We won,']);
});

test('coordinated partial quotations share their speaker; words named as words are mentions', () => {
  const text = [
    'Clinton said Trump called the winner “Miss Piggy” and “Miss Housekeeping” years ago.',
    'The senator refused to say the words “radical Islam” at the hearing.',
    '“I would rather live in what he calls “hell” than give in,” Jane Smith said.',
  ].join('\n\n');
  const all = findQuotations(text);
  const first = quote(all, 'Miss Piggy');
  const second = quote(all, 'Miss Housekeeping');
  assert.equal(second.kind, 'partial');
  assert.equal(second.speaker, first.speaker);
  assert.equal(second.speaker_mention, 'Trump');
  assert.deepEqual({ start: second.start, end: second.end }, at(text, 'Miss Housekeeping'));
  // "the words …" names a term: no one's statement.
  assert.equal(quote(all, 'radical Islam').kind, 'scare');
  // The inner curly quote belongs to the outer one, which keeps its speaker.
  const outer = quote(all, 'I would rather live in what he calls “hell” than give in,');
  assert.equal(outer.kind, 'direct');
  assert.equal(outer.speaker, 'Jane Smith');
  assert.ok(!all.some((q) => q.text === 'I would rather live in what he calls '), 'the outer quote was cut at the inner mark');
});

test('the short, capitalised opening of an interrupted quotation is said, not a title', () => {
  // After PolNeAR train wash-post …clinton-sanders-answer-union… and nyt …perfect-term-for-conservat….
  const text = '“As President,” she said, “I will oppose it.”\n\nThe civil rights anthem “A Change Is Gonna Come,” she added the words, “Hillary Clinton.”';
  const all = findQuotations(text);
  const opening = quote(all, 'As President,');
  assert.equal(opening.kind, 'direct');
  assert.equal(opening.speaker_mention, 'she');
  assert.equal(opening.cue, 'said');
  assert.deepEqual({ start: opening.start, end: opening.end }, at(text, 'As President,'));
  // A title that ends a phrase stays a title, though its attribution and a quotation follow.
  assert.equal(quote(all, 'A Change Is Gonna Come,').kind, 'scare');
});

test('survey shares, plural groups and modified descriptions report speech', () => {
  const cases: Array<[string, string, string]> = [
    ['Sixty-six percent said it made no difference to them.', 'Sixty-six percent', 'it made no difference to them'],
    ['About three in 10 said they prefer a more liberal agenda.', 'About three in 10', 'they prefer a more liberal agenda'],
    ['Almost half said they wanted a nominee from outside the establishment.', 'Almost half', 'they wanted a nominee from outside the establishment'],
    ['Abortion opponents said the decision would energise their voters.', 'Abortion opponents', 'the decision would energise their voters'],
    ['The billionaire businessman says running for president is tough.', 'The billionaire businessman', 'running for president is tough'],
    ['The meetings have turned into real support, donors said.', 'donors', 'The meetings have turned into real support'],
    ['According to state law, no one may solicit a vote within 150 feet.', 'state law', 'no one may solicit a vote within 150 feet'],
    ['CNN reported at least six planes filled the skies.', 'CNN', 'at least six planes filled the skies'],
  ];
  for (const [text, mention, content] of cases) {
    const indirect = findQuotations(text).filter((q) => q.kind === 'indirect');
    assert.equal(indirect.length, 1, `${text}: ${JSON.stringify(indirect.map((q) => q.text))}`);
    assert.equal(indirect[0].speaker_mention, mention, text);
    assert.deepEqual({ start: indirect[0].start, end: indirect[0].end }, at(text, content), text);
  }
});

test('reported speech ends before an apposition and before a clause with a new subject', () => {
  const t1 = 'Comey said she should face no criminal charges, a recommendation Attorney General Loretta Lynch adopted.';
  const r1 = findQuotations(t1).filter((q) => q.kind === 'indirect');
  assert.deepEqual(r1.map((q) => q.text), ['she should face no criminal charges']);
  assert.equal(r1[0].speaker, 'Comey');
  const t2 = 'Prosecutors said they charged Van Dyke with first-degree murder, and Emanuel released the video hours later.';
  assert.deepEqual(findQuotations(t2).filter((q) => q.kind === 'indirect').map((q) => q.text), ['they charged Van Dyke with first-degree murder']);
  // The same subject's second verb stays in the clause.
  const t3 = 'Symms said he has been impressed by Ayotte and liked her record on defense.';
  assert.deepEqual(findQuotations(t3).filter((q) => q.kind === 'indirect').map((q) => q.text), ['he has been impressed by Ayotte and liked her record on defense']);
});

test('a title inside the speaker after a question keeps the attribution in the sentence; -s forms of noun-like verbs after a pronoun are cues', () => {
  const text = 'Bush spoke first.\n\n“Is it over?” Mr. Trump asked.\n\n“It is a never-ending line,” he notes.\n\nSanders waved. He jokes, “It’s a long night!”';
  const all = findQuotations(text);
  const asked = quote(all, 'Is it over?');
  assert.equal(asked.speaker, 'Trump');
  assert.equal(asked.speaker_mention, 'Mr. Trump');
  assert.equal(asked.cue, 'asked');
  assert.deepEqual({ start: asked.mention_start, end: asked.mention_end }, at(text, 'Mr. Trump'));
  const notes = quote(all, 'It is a never-ending line,');
  assert.equal(notes.cue, 'notes');
  assert.equal(notes.speaker_mention, 'he');
  const jokes = quote(all, 'It’s a long night!');
  assert.equal(jokes.cue, 'jokes');
  assert.equal(jokes.kind, 'direct');
  assert.deepEqual({ start: jokes.cue_start, end: jokes.cue_end }, at(text, 'jokes'));
});

test('a short sentence quoted after "he said," is direct; scene-setting before an interrupting attribution is not reported speech', () => {
  const text = 'He said, “I never said that.”\n\nOn ABC’s morning show Tuesday, he said, “I never did that.”';
  const all = findQuotations(text);
  const first = quote(all, 'I never said that.');
  assert.equal(first.kind, 'direct');
  assert.equal(first.speaker_mention, 'He');
  assert.equal(quote(all, 'I never did that.').kind, 'direct');
  assert.deepEqual(all.filter((q) => q.kind === 'indirect').map((q) => q.text), []);
});

test('"said on the stump", "stopped writing", "wrote under": no reported clause where a phrase follows the verb', () => {
  const t1 = 'Mrs. Clinton said on the stump last year in Iowa that the crisis was avoidable.';
  const r1 = findQuotations(t1).filter((q) => q.kind === 'indirect');
  assert.deepEqual(r1.map((q) => q.text), ['the crisis was avoidable']);
  assert.equal(r1[0].speaker_mention, 'Mrs. Clinton');
  // A day after "on" is still a time phrase.
  assert.deepEqual(findQuotations('Clinton said on Tuesday the crisis was avoidable.').filter((q) => q.kind === 'indirect').map((q) => q.text), ['the crisis was avoidable']);
  assert.deepEqual(findQuotations('Perez stopped writing his speech and packed up his papers.'), []);
  assert.deepEqual(findQuotations('Weiner wrote under the pseudonym Carlos Danger, but it did not help him.'), []);
});

test('a description that is the whole subject: "the statement said", "said the 46-year-old", "the billionaire business mogul told"', () => {
  const text = [
    'The campaign issued a statement on Friday about the race in Ohio.',
    '“It was a mistake,” the statement said in part.',
    '“Donald is an amazing leader,” said the 46-year-old.',
    '“My guilty pleasure is SNL,” the billionaire business mogul told Politico.',
    '“We will win in Ohio,” Trump said.',
  ].join('\n\n');
  const all = findQuotations(text);
  const cases: Array<[string, string, string, string]> = [
    ['It was a mistake,', 'the statement', 'Statement', 'said'],
    ['Donald is an amazing leader,', 'the 46-year-old', '46-year-old', 'said'],
    ['My guilty pleasure is SNL,', 'the billionaire business mogul', 'Billionaire Business Mogul', 'told Politico'],
    ['We will win in Ohio,', 'Trump', 'Trump', 'said'],
  ];
  for (const [words, mention, speaker, cue] of cases) {
    const q = quote(all, words);
    assert.equal(q.kind, 'direct', words);
    assert.equal(q.speaker_mention, mention, words);
    assert.deepEqual({ start: q.mention_start, end: q.mention_end }, at(text, mention, text.indexOf(words)), words);
    assert.equal(q.speaker, speaker, words);
    assert.equal(q.cue, cue, words);
  }
  // A verb phrase after the determiner is no description: "said the talks failed" reports speech.
  const reported = findQuotations('The minister spoke on Friday. She said the talks failed.');
  assert.ok(!reported.some((q) => q.speaker_mention === 'the talks'), JSON.stringify(reported.map((q) => q.speaker_mention)));
});

test('appositions: a town and its state are no speaker; an opening participle is no subject; a modal is no description', () => {
  const text = [
    'The race was close.',
    'Cory James, 22, of Flint, Mich., said, “I have not given up hope.”',
    'Appearing on CBS Face the Nation, the GOP front-runner said, “We will win.”',
  ].join('\n\n');
  const all = findQuotations(text);
  const hope = quote(all, 'I have not given up hope.');
  assert.equal(hope.speaker, 'Cory James');
  assert.deepEqual({ start: hope.mention_start, end: hope.mention_end }, at(text, 'Cory James'));
  const win = quote(all, 'We will win.');
  assert.equal(win.kind, 'direct');
  assert.equal(win.speaker_mention, 'the GOP front-runner');
  assert.deepEqual({ start: win.mention_start, end: win.mention_end }, at(text, 'the GOP front-runner'));
  const deny = findQuotations('The rules were strict. If they failed, the government could deny them mining permits until the work was done.');
  assert.ok(!deny.some((q) => /could/i.test(q.speaker ?? '')), JSON.stringify(deny.map((q) => q.speaker)));
});
