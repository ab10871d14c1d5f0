import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNoveltyIndex, lineProblem, parseNoveltyIndex, serializeNoveltyIndex } from '../../src/pipeline/lineFilter';
import { buildGrammarIndex, clausesOf, grammarProblem } from '../../src/pipeline/lineGrammar';
import { corpusVerbs } from '../../src/train/dialogue/verbs';

const TRAIN = [
  'They whisper that the {foe} stirs again.',
  'The old folk say the barley grows best by the river.',
  'Welcome to the finest stall this side of the river, and also the only one.',
  'Between you and me. The {foe} has been seen near {place}.',
  'Between you and me. Nobody trusts the miller.',
  'Stay clear of the {biome}. The {foe} has been prowling.',
  'Care to sell that old sword? I know a collector.',
];
const VERBS = ['whisper', 'stirs', 'say', 'grows', 'has', 'been', 'seen', 'trusts', 'stay', 'prowling', 'care', 'sell', 'know', 'beware'];
const grammar = buildGrammarIndex(TRAIN, VERBS);

describe('grammar checks of generated lines', () => {
  it('find the clauses a verb must complete: after "that", after a reporting verb, after ", and"', () => {
    expect(clausesOf('They say the {foe}, and then it.')).toEqual([
      { kind: 'reporting', words: ['say', 'the', '{foe}', 'and', 'then', 'it'] },
      { kind: 'conjunction', words: ['and', 'then', 'it'] },
    ]);
    // "Say a prayer." opens with an imperative, not a report; "told me that …" is the that-clause's.
    expect(clausesOf('Say a prayer first.')).toEqual([]);
    expect(clausesOf('Folk said to me that {item} is lost.').map((c) => c.kind)).toEqual(['reporting', 'that']);
  });

  it('reject a clause without its verb, and keep it when a verb completes it', () => {
    expect(grammarProblem('They whisper that the {foe}.', 'rumour', grammar)).toMatch(/"that the \{foe\}" has no verb/);
    expect(grammarProblem('They whisper that the {foe} stirs again, so beware.', 'rumour', grammar)).toBeNull();
    expect(grammarProblem('The old folk say the barley.', 'lore', grammar)).toMatch(/"say the barley" has no verb/);
    expect(grammarProblem('I saw the {foe} near {place}, and then the river.', 'rumour', grammar)).toMatch(/"and then the river" has no verb/);
    // Contractions carry their verb.
    expect(grammarProblem('I know the {biome}, and it\'s cold.', 'lore', grammar)).toBeNull();
  });

  it('allow an elliptical clause the training lines complete in the same words', () => {
    expect(grammarProblem('The finest stall in {place}, and also the only one.', 'trade', grammar)).toBeNull();
    expect(grammarProblem('Care to buy that old sword?', 'trade', grammar)).toBeNull();
    expect(grammarProblem('The finest stall in {place}, and also the only stall.', 'trade', grammar)).toMatch(/no verb/);
  });

  it('reject a content line that is only an opener, but not a greeting, a farewell or a line with a slot', () => {
    expect(grammarProblem('Between you and me.', 'rumour', grammar)).toMatch(/only opens a line/);
    expect(grammarProblem('Between you and me.', 'farewell', grammar)).toBeNull();
    expect(grammarProblem('Between you and me. Nobody trusts {place}.', 'rumour', grammar)).toBeNull();
    expect(grammarProblem('Stay clear of the {biome}.', 'warning', grammar)).toBeNull();
  });

  it('pass every line it was built from', () => {
    for (const line of TRAIN) expect(grammarProblem(line, 'rumour', grammar)).toBeNull();
  });

  it('take part in lineProblem only when the index has the lines\' verbs, and ship with the index', () => {
    const plain = buildNoveltyIndex(TRAIN);
    const withVerbs = buildNoveltyIndex(TRAIN, VERBS);
    const template = 'They whisper that the {foe} near {place}.';
    const filled = 'They whisper that the slime near Keld Vale.';
    expect(lineProblem(template, filled, plain, 'rumour')).toBeNull();
    expect(lineProblem(template, filled, withVerbs, 'rumour')).toMatch(/no verb/);
    const again = parseNoveltyIndex(JSON.parse(serializeNoveltyIndex(withVerbs)));
    expect(again.grammar?.verbs).toEqual(withVerbs.grammar?.verbs);
    expect([...again.grammar!.clauses].sort()).toEqual([...withVerbs.grammar!.clauses].sort());
    expect([...again.grammar!.openers].sort()).toEqual([...withVerbs.grammar!.openers].sort());
    expect(parseNoveltyIndex(JSON.parse(serializeNoveltyIndex(plain))).grammar).toBeUndefined();
    const json = JSON.parse(serializeNoveltyIndex(withVerbs));
    expect(() => parseNoveltyIndex({ ...json, grammar: { ...json.grammar, verbs: 'say' } })).toThrow(/grammar\.verbs/);
    expect(() => parseNoveltyIndex({ ...json, grammar: { ...json.grammar, clauses: 'AAA' } })).toThrow(/grammar\.clauses/);
  });
});

describe('the verbs of the training lines (tagged in context)', () => {
  it('tags verbs by their use, with slots filled by stand-ins', () => {
    const verbs = corpusVerbs(['They whisper that the {foe} is prowling.', 'A whisper in the dark.', 'In the old tongue, our people spoke of {place}.']);
    for (const v of ['whisper', 'is', 'prowling', 'spoke']) expect(verbs.has(v)).toBe(true);
    for (const w of ['tongue', 'dark', 'people', 'oakvale', 'wolf']) expect(verbs.has(w)).toBe(false);
  });

  it('leaves no line of the shipped corpus rejected by its own checks', () => {
    const rows = readFileSync('assets/text/corpus.txt', 'utf8').trim().split('\n').map((l) => l.split('|'));
    const lines = rows.map((r) => r[3]);
    const index = buildGrammarIndex(lines, corpusVerbs(lines));
    expect(rows.filter((r) => grammarProblem(r[3], r[2] as never, index) !== null)).toEqual([]);
  }, 30_000);
});
