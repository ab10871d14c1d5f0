import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { buildNoveltyIndex, lineProblem, parseNoveltyIndex, rejectKey, serializeNoveltyIndex, withRejected } from '../../src/pipeline/lineFilter';
import { heroName, itemName, npcName, placeName } from '../../src/pipeline/names';
import { fillSlots } from '../../src/pipeline/slots';
import { parseRows } from '../../src/train/dialogue/corpusRows';
import { knownWords, parseLabels, parseRejectedFile, readRejected, rejectedLines, slotFormOf } from '../../src/train/dialogue/rejectedLines';

const CORPUS = [
  'Colleagues write that the {foe} was seen in the {biome}.',
  'The creatures seen in the {biome} are older than the bestiaries suggest.',
  'Old {npc} says {item} lies {direction} of {place}. Old roads, old ways.',
  'Between us, {player}, the prices are rising.',
  'Ah, well. And it is not me.',
];
const known = knownWords(CORPUS);
const HEAD = 'reading\tid\trole\tsituation\tline\twritten by\treader a\treader b';

describe('rejected lines (lines blind readers marked broken)', () => {
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
      expect(rejectKey(slotFormOf(read, known), 'rumour'), read).toBe(rejectKey(template, 'rumour'));
    }
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
    const listed = rejectedLines(parseLabels(tsv, 'labels.tsv'), known);
    expect(listed).toEqual([{ situation: 'rumour', template: 'Colleagues write that the {foe} was seen in the {biome} are older than the bestiaries suggest.', reads: 2 }]);
  });

  it('the filter rejects a listed line in its situation, with either name, and nowhere else', () => {
    const index = withRejected(buildNoveltyIndex(CORPUS), [{ situation: 'rumour', template: 'Between us, {npc}, and it is not me.' }]);
    const problem = (template: string, situation: 'rumour' | 'farewell') => lineProblem(template, fillSlots(template, { npc: 'Ana', player: 'Bo', item: '', place: '', biome: '', foe: '', direction: '' })!, index, situation);
    expect(problem('Between us, {player}, and it is not me.', 'rumour')).toMatch(/blind readers marked broken/);
    expect(problem('Between us, {npc}, and it is not me!', 'rumour')).toMatch(/blind readers marked broken/); // punctuation aside
    expect(problem('Between us, {player}, and it is not me.', 'farewell')).toBeNull();
    expect(problem('Between us, {player}, it is not me.', 'rumour')).toBeNull();
    expect(withRejected(buildNoveltyIndex(CORPUS), []).rejected).toBeUndefined();
  });

  it('novelty.json carries the rejected lines; an older file without them rejects none; a corrupt list is an error', () => {
    const index = withRejected(buildNoveltyIndex(CORPUS), [{ situation: 'lore', template: 'In the old war, {npc}.' }]);
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
    expect(parseRejectedFile('# comment\n\nlore|In the old war, {npc}.\n', 'r.txt')).toEqual([{ situation: 'lore', template: 'In the old war, {npc}.' }]);
    expect(() => parseRejectedFile('# comment\nIn the old war.\n', 'r.txt')).toThrow(/^r\.txt:2: expected "situation\|line"/);
  });
});

describe('the shipped list', () => {
  it('assets/text/rejected.txt is what data:rejects builds from the labels, and novelty.json carries exactly it', () => {
    const labels = readdirSync('docs/eval').filter((f) => /^splices-.*\.tsv$/.test(f)).sort().flatMap((f) => parseLabels(readFileSync(join('docs/eval', f), 'utf8'), f));
    const corpus = parseRows(readFileSync('assets/text/corpus.txt', 'utf8'), 'corpus.txt', 'corpus').rows.map((r) => r.text);
    const built = rejectedLines(labels, knownWords(corpus)).map(({ situation, template }) => ({ situation, template }));
    const shipped = readRejected();
    expect(shipped).toEqual(built); // run `npm run data:rejects -- --ship public/models/dialogue` after adding labels
    const index = parseNoveltyIndex(JSON.parse(readFileSync('public/models/dialogue/novelty.json', 'utf8')));
    expect(index.rejected).toEqual(new Set(shipped.map((r) => rejectKey(r.template, r.situation))));
  });
});
