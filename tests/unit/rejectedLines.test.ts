import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { buildNoveltyIndex, corpusWords, lineProblem, parseNoveltyIndex, rejectKey, serializeNoveltyIndex, withRejected } from '../../src/pipeline/lineFilter';
import { heroName, itemName, npcName, placeName } from '../../src/pipeline/names';
import { fillSlots } from '../../src/pipeline/slots';
import { parseRows } from '../../src/train/dialogue/corpusRows';
import { labelFiles, parseLabels, parseRejectedFile, readLabelFiles, readRejected, rejectedTexts, slotFormOf } from '../../src/train/dialogue/rejectedLines';

const CORPUS = [
  'Colleagues write that the {foe} was seen in the {biome}.',
  'The creatures seen in the {biome} are older than the bestiaries suggest.',
  'Old {npc} says {item} lies {direction} of {place}. Old roads, old ways.',
  'Between us, {player}, the prices are rising.',
  'Ah, well. And it is not me.',
  'Go on, then. Sure as rain. Mind the gate.',
];
const known = corpusWords(CORPUS);
const HEAD = 'reading\tid\trole\tsituation\tline\twritten by\treader a\treader b';

describe('rejected lines and sentences (what blind readers marked broken)', () => {
  it('puts the slots back into lines as players read them, for names and facts any world may hold', () => {
    const template = 'Ah, {player}. {npc} says {item} lies {direction} of {place}, where the {foe} roams the {biome}.';
    for (let w = 0; w < 20; w++) {
      const rng = createRng(`world-${w}`);
      const facts = {
        npc: npcName(rng, 'elder'), player: heroName(rng), item: itemName(rng), place: placeName(rng, 'forest'),
        biome: 'woods', foe: 'grey wolf', direction: rng.pick(['north', 'south-west', 'east']),
      };
      const read = fillSlots(template, facts)!;
      expect(read).not.toContain('{');
      expect(rejectKey('line', slotFormOf(read, known), 'rumour'), read).toBe(rejectKey('line', template, 'rumour'));
    }
    expect(slotFormOf("Don't go, Keldra. Keldra's forge.", known)).toBe("Don't go, {npc}. {npc}'s forge."); // a contraction is no name
  });

  it('lists a line every reader marked broken every time, once across worlds; a line once read as fine stays allowed', () => {
    const tsv = [
      HEAD,
      '1\tX1\tscholar\trumour\tColleagues write that the grey wolf was seen in the woods are older than the bestiaries suggest.\tA:1\tbroken\tbroken',
      '2\tX2\tscholar\trumour\tColleagues write that the cave bat was seen in the caves are older than the bestiaries suggest.\tA:2\tbroken\tbroken',
      '2\tX3\tmerchant\trumour\tBetween us, Keldra, the prices are rising.\tA:3\tbroken\tbroken',
      '3\tX4\tmerchant\trumour\tBetween us, Maren, the prices are rising.\tA:4\tok\tbroken',
      '3\tX5\tguard\twarning\tStay watchful.\tA:5\tok\tok',
    ].join('\n');
    const listed = rejectedTexts(parseLabels(tsv, 'labels.tsv'), known, []);
    expect(listed).toEqual([{ unit: 'line', situation: 'rumour', text: 'Colleagues write that the {foe} was seen in the {biome} are older than the bestiaries suggest.', reads: 2 }]);
  });

  it('lists a sentence that read broken in at least three distinct lines, unless it is a corpus sentence of that situation', () => {
    const row = (i: number, line: string, b = 'broken') => `1\tX${i}\tfarmer\tquest-description\t${line}\tA:${i}\tbroken\t${b}`;
    const lines = ['Go east, at Keld Vale. The Amber Key is there.', 'Go north, at Dun Grove. Mind the grey wolf.', 'Ah, Bo. Go west, at Sae Green.', 'Go west, at Sae Green. Sure as rain.'];
    const labels = (rows: string[]) => parseLabels([HEAD, ...rows].join('\n'), 'l.tsv');
    const sentences = (rows: string[], corpus: { situation: string; text: string }[] = []) => rejectedTexts(labels(rows), known, corpus).filter((r) => r.unit === 'sentence');
    expect(sentences(lines.map((l, i) => row(i, l)))).toEqual([{ unit: 'sentence', situation: 'quest-description', text: 'Go {direction}, at {place}.', reads: 4 }]);
    expect(sentences(lines.slice(0, 2).map((l, i) => row(i, l)))).toEqual([]); // two lines are not enough
    expect(sentences(lines.map((l, i) => row(i, l, i === 3 ? 'ok' : 'broken')))).toEqual([]); // once fine: allowed
    expect(sentences(lines.map((l, i) => row(i, l)), [{ situation: 'quest-description', text: 'Go {direction}, at {place}.' }])).toEqual([]);
    expect(sentences(lines.map((l, i) => row(i, l)), [{ situation: 'hint', text: 'Go {direction}, at {place}.' }])).toHaveLength(1); // another situation's sentence
  });

  it('the filter rejects a listed line in its situation, with either name, and nowhere else', () => {
    const index = withRejected(buildNoveltyIndex(CORPUS), [
      { unit: 'line', situation: 'rumour', text: 'Between us, {npc}, and it is not me.' },
      { unit: 'sentence', situation: 'rumour', text: 'Ah, well.' },
    ]);
    const problem = (template: string, situation: 'rumour' | 'farewell') => lineProblem(template, fillSlots(template, { npc: 'Ana', player: 'Bo', item: '', place: '', biome: '', foe: '', direction: '' })!, index, situation);
    expect(problem('Between us, {player}, and it is not me.', 'rumour')).toMatch(/blind readers marked broken/);
    expect(problem('Between us, {npc}, and it is not me!', 'rumour')).toMatch(/blind readers marked broken/); // punctuation aside
    expect(problem('Between us, {player}, and it is not me.', 'farewell')).toBeNull();
    expect(problem('Between us, {player}, it is not me.', 'rumour')).toBeNull();
    expect(problem('Between us, {player}. Ah, well!', 'rumour')).toMatch(/the sentence "Ah, well!" read broken in every line/);
    expect(problem('Ah, well. Between us, {player}.', 'farewell')).toBeNull();
    expect(withRejected(buildNoveltyIndex(CORPUS), []).rejected).toBeUndefined();
  });

  it('novelty.json carries the rejected lines; an older file without them rejects none; a corrupt list is an error', () => {
    const index = withRejected(buildNoveltyIndex(CORPUS), [{ unit: 'line', situation: 'lore', text: 'In the old war, {npc}.' }]);
    const json = JSON.parse(serializeNoveltyIndex(index));
    expect(parseNoveltyIndex(json).rejected).toEqual(index.rejected);
    const { rejected: _, ...older } = json;
    expect(parseNoveltyIndex(older).rejected).toBeUndefined();
    expect(() => parseNoveltyIndex({ ...json, rejected: 'AAA' })).toThrow(/rejected has 2 bytes/);
  });

  it('bad label and list files are errors naming the file and line', () => {
    expect(() => parseLabels(`${HEAD}\n1\tX1\telder\trumour\tHello.\tA:1\tok\tmaybe`, 'l.tsv')).toThrow(/^l\.tsv:2: labels must be "ok" or "broken"/);
    expect(() => parseLabels(`${HEAD}\n1\tX1\telder\tgossip\tHello.\tA:1\tok\tok`, 'l.tsv')).toThrow(/^l\.tsv:2: unknown situation "gossip"/);
    expect(() => parseLabels('id\tline\n', 'l.tsv')).toThrow(/^l\.tsv:1: expected columns/);
    expect(parseRejectedFile('# comment\n\nline|lore|In the old war, {npc}.\nsentence|lore|In the old war.\n', 'r.txt')).toEqual([
      { unit: 'line', situation: 'lore', text: 'In the old war, {npc}.' },
      { unit: 'sentence', situation: 'lore', text: 'In the old war.' },
    ]);
    expect(() => parseRejectedFile('# comment\nlore|In the old war.\n', 'r.txt')).toThrow(/^r\.txt:2: expected "line\|situation\|text"/);
  });
});

describe('the shipped list', () => {
  it('assets/text/rejected.txt is what data:rejects builds from the labels, and novelty.json carries exactly it', () => {
    const { labels } = readLabelFiles(labelFiles());
    const corpus = parseRows(readFileSync('assets/text/corpus.txt', 'utf8'), 'corpus.txt', 'corpus').rows;
    const built = rejectedTexts(labels, corpusWords(corpus.map((r) => r.text)), corpus).map(({ unit, situation, text }) => ({ unit, situation, text }));
    const shipped = readRejected();
    expect(shipped).toEqual(built); // run `npm run data:rejects -- --ship public/models/dialogue` after adding labels
    const index = parseNoveltyIndex(JSON.parse(readFileSync('public/models/dialogue/novelty.json', 'utf8')));
    expect(index.rejected).toEqual(new Set(shipped.map((r) => rejectKey(r.unit, r.text, r.situation))));
  });
});
