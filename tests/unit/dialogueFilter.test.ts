import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { sentenceKeys, writeLines } from '../../src/pipeline/dialogue';
import {
  blockedWord, buildNoveltyIndex, copyProblem, createLineAccept, filteredLineSampler, formProblem, lineProblem, literalDirection,
  missingFact, parseNoveltyIndex, serializeNoveltyIndex, unknownWords,
} from '../../src/pipeline/lineFilter';
import type { LineSampler } from '../../src/pipeline/ports';

const TRAIN = [
  'Welcome, {player}. Sit a while; the village has waited for someone like you.',
  'Go {direction} to {place}. The {foe} keeps {item} close, so be quick.',
];
const index = buildNoveltyIndex(TRAIN);

describe('line filters', () => {
  it('block offensive words, also inside compounds and with endings, but not innocent words', () => {
    expect(blockedWord('What the shit is this')).toBe('shit');
    expect(blockedWord('You bastards!')).toBe('bastards');
    expect(blockedWord('Hell-bent fools')).toBe('hell');
    expect(blockedWord('Pass the class, assassin, at the shell')).toBeNull();
  });

  it('reject literal compass words outside the {direction} slot', () => {
    expect(literalDirection('Go {direction}, then north-east.')).toBe('north-east');
    expect(literalDirection('The Western gate is shut.')).toBe('western');
    expect(literalDirection('Go {direction} to {place}.')).toBeNull();
  });

  it('reject copies: identical lines and shared 8-word runs, case and punctuation aside', () => {
    expect(copyProblem('welcome, {player} -- sit a while; the village has waited for someone like you', index)).toMatch(/identical/);
    expect(copyProblem('Rest now. Sit a while; the village has waited for someone brave.', index)).toMatch(/8-word run/);
    expect(copyProblem('Sit a while, the village waited for you.', index)).toBeNull();
  });

  it('reject broken forms and quest lines that do not name the quest facts', () => {
    expect(formProblem('My.')).toMatch(/1 word/);
    expect(formProblem('The road is long and.')).toMatch(/stops on "and"/);
    expect(formProblem('These are the. Fine words here.')).toMatch(/stops on "the"/);
    expect(formProblem('Ah, there you are. Come in.')).toBeNull();
    expect(formProblem('Welcome, young one."')).toMatch(/unmatched quotation mark/);
    expect(formProblem('Follow its, or your way south-east.')).toMatch(/"its" stands before a comma/);
    expect(formProblem('The old road ends at its.')).toMatch(/stops on "its"/);
    expect(formProblem('Follow the river, and keep its banks close.')).toBeNull();
    expect(formProblem('They call me "the old one." Sit down.')).toBeNull();
    // Single quotes: a quotation must open and close; plural possessives are not quotes.
    expect(formProblem("The old minstrels sing of {place}, where the treasure lies.'")).toMatch(/unmatched quotation mark/);
    expect(formProblem("Hark! The old song goes: 'Go {direction}, to {place}.")).toMatch(/unmatched quotation mark/);
    expect(formProblem("Hark! The old song goes: 'Go {direction}, to {place}, where the treasure lies.'")).toBeNull();
    expect(formProblem("The pilgrims' road runs {direction} to the sea.")).toBeNull();
    // A fragment spliced to itself, and a sentence that is only "I".
    expect(formProblem('{item} is there, and find {place}. {item} is there, and find {place}, {direction} of here.')).toMatch(/repeats the run "\{item\} is there and find \{place\}"/);
    expect(formProblem('If you are looking for it, look {direction}. If you are looking for me, I will be here.')).toBeNull();
    expect(formProblem('I. {item} was made by the {foe}.')).toMatch(/only "I"/);
    expect(formProblem('Nor do I. Go {direction}.')).toBeNull();
    expect(missingFact('Please help me, {player}!', 'quest-hook')).toMatch(/\{item\}/);
    expect(missingFact('Bring {item} back, it lies {direction}.', 'quest-description')).toBeNull();
    expect(missingFact('Bring {item} back soon.', 'quest-description')).toMatch(/\{place\} or \{direction\}/);
    expect(missingFact('It is in {place}.', 'hint')).toBeNull();
    expect(missingFact('Hello there, friend.', 'greeting')).toBeNull();
    expect(lineProblem('Please help me, {player}!', 'Please help me, Bo!', undefined, 'quest-hook')).toMatch(/\{item\}/);
  });

  it('flag words the training text never used', () => {
    expect(unknownWords('Go {direction} to Zorblat.', index)).toEqual(['zorblat']);
    expect(lineProblem('Go {direction} to {place}, quick.', 'Go west to Keld Vale, quick.', index)).toBeNull();
    expect(lineProblem('Go {direction} to {place}, quikc.', 'Go west to Keld Vale, quikc.', index)).toMatch(/unknown word "quikc"/);
  });

  it('ship as JSON and load back the same index; bad files fail clearly', () => {
    const again = parseNoveltyIndex(JSON.parse(serializeNoveltyIndex(index)));
    expect([...again.lines].sort()).toEqual([...index.lines].sort());
    expect([...again.runs].sort()).toEqual([...index.runs].sort());
    expect(again.words).toEqual(index.words);
    expect(() => parseNoveltyIndex({ format: 'x' })).toThrow(/worldsmith-novelty/);
    expect(() => parseNoveltyIndex({ format: 'worldsmith-novelty', runLength: 8, lines: 'AAA', runs: '', words: [] })).toThrow(/lines/);
  });

  it('with writeLines: rejected lines are resampled a bounded number of times, then fall back', () => {
    let calls = 0;
    const copier: LineSampler = { name: 'markov', sampleLines: (reqs) => (calls++, reqs.map(() => TRAIN[0])) };
    const facts = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };
    const out = writeLines(createRng('f'), [{ role: 'elder', situations: ['greeting'], facts }], copier, { temperature: 0.8, topK: 20, accept: createLineAccept(index), retries: 3 });
    expect(calls).toBe(4);
    expect(out[0][0].text).not.toContain('village has waited');
    expect(out[0][0].text).not.toMatch(/[{}]/);
    const fresh: LineSampler = { name: 'markov', sampleLines: (reqs) => reqs.map(() => 'Go {direction}, {player}, so be quick.') };
    const ok = writeLines(createRng('f'), [{ role: 'elder', situations: ['hint'], facts }], fresh, { temperature: 0.8, topK: 20, accept: createLineAccept(index) });
    expect(ok[0][0].text).toBe('Go north, Bo, so be quick.');
  });

  it('with writeLines: a line repeating a sentence the same NPC already says is written again, kept only in the last round', () => {
    const facts = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };
    const job = (npc: string) => ({ role: 'farmer' as const, situations: ['greeting', 'trade', 'farewell'] as const, facts: { ...facts, npc } });
    let round = 0;
    const habit: LineSampler = {
      name: 'markov',
      sampleLines: (reqs) => (round++, reqs.map((r) => (round === 1 ? `I'll tell you what. Fine ${r.situation}!` : `A ${r.situation} in round ${round}, {player}.`))),
    };
    const out = writeLines(createRng('f'), [job('Ana'), job('Cy')], habit, { temperature: 0.8, topK: 20 });
    // Per NPC the greeting keeps the sentence; trade and farewell repeated it and were written again.
    for (const lines of out) expect(lines.map((l) => l.text)).toEqual(["I'll tell you what. Fine greeting!", 'A trade in round 2, Bo.', 'A farewell in round 2, Bo.']);
    expect(round).toBe(2);
    const stubborn: LineSampler = { name: 'markov', sampleLines: (reqs) => reqs.map(() => 'Mind the mud, {player}.') };
    const kept = writeLines(createRng('f'), [job('Ana')], stubborn, { temperature: 0.8, topK: 20, retries: 2 });
    expect(kept[0].map((l) => l.text)).toEqual(['Mind the mud, Bo.', 'Mind the mud, Bo.', 'Mind the mud, Bo.']); // not placeholders
    expect(sentenceKeys("Hello, Bo. I'll tell you what! Go.")).toEqual(["i'll tell you what"]);
  });

  it('travel with the sampler: bounded resampling per line, then an empty line for writeLines to replace', () => {
    const facts = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };
    const calls: number[] = [];
    // Line 0 always copies a training line; line 1 is fine.
    const inner: LineSampler = {
      name: 'mixture',
      sampleLines: (reqs) => (calls.push(reqs.length), reqs.map((r) => (r.situation === 'greeting' ? TRAIN[0] : 'Go {direction}, so be quick.'))),
    };
    const s = filteredLineSampler(inner, index, 2);
    const reqs = [{ role: 'elder' as const, situation: 'greeting' as const, facts }, { role: 'elder' as const, situation: 'hint' as const, facts }];
    const out = s.sampleLines(reqs, createRng('x'), { temperature: 1, topK: 5 });
    expect(out).toEqual(['', 'Go {direction}, so be quick.']);
    expect(calls).toEqual([2, 1, 1]);
    expect(s.name).toBe('mixture');
  });
});
