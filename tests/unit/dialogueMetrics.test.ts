import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { SLOTS } from '../../src/core/vocab';
import { buildNoveltyIndex } from '../../src/pipeline/lineFilter';
import { RoleClassifier } from '../../src/train/dialogue/classifier';
import { evalRequests } from '../../src/train/dialogue/evalSampling';
import { distinctN, knownWordRate, meanStd, median, novelty, noveltyStrict, randomFacts, slotValidity } from '../../src/train/dialogue/metrics';

const index = buildNoveltyIndex(['Go {direction} to {place}, child.', 'one two three four five six seven eight nine']);

describe('dialogue metrics', () => {
  it('distinct-n counts unique n-grams over all n-grams', () => {
    expect(distinctN(['a b a b', 'a b'], 1)).toBeCloseTo(2 / 6, 12);
    expect(distinctN(['a b a b', 'a b'], 2)).toBeCloseTo(2 / 4, 12);
  });

  it('novelty: exact copies (case and punctuation aside) and 8-word runs', () => {
    const lines = ['go {direction} to {place} child', 'Go {direction} to {place} now.', 'zero one two three four five six seven eight'];
    expect(novelty(lines, index)).toBeCloseTo(2 / 3, 12);
    expect(noveltyStrict(lines, index)).toBeCloseTo(1 / 3, 12);
  });

  it('known-word rate ignores slots', () => {
    expect(knownWordRate(['Go {place} child zzz'], index)).toBeCloseTo(2 / 3, 12);
  });

  it('slot validity: only known slots, every value a fact of that world', () => {
    const facts = randomFacts(createRng('f'), 'elder');
    expect(Object.keys(facts).sort()).toEqual([...SLOTS].sort());
    expect(slotValidity(['Hi {player}, go {direction}.', 'Beware {dragon}.', 'A stray { here.'], [facts, facts, facts])).toBeCloseTo(1 / 3, 12);
  });

  it('requests cycle through roles and situations with their own facts', () => {
    const reqs = evalRequests(200, createRng('r'));
    expect(new Set(reqs.map((r) => `${r.role}|${r.situation}`)).size).toBe(100);
    expect(reqs[0].facts).not.toEqual(reqs[1].facts);
    expect(evalRequests(200, createRng('r'))).toEqual(reqs);
  });

  it('the role classifier learns which words a role uses', () => {
    const c = new RoleClassifier([
      { role: 'merchant', text: 'Fine wares, fair prices, buy now.' },
      { role: 'merchant', text: 'Coins for goods, goods for coins.' },
      { role: 'guard', text: 'Halt! State your business at the gate.' },
      { role: 'guard', text: 'The watch keeps the gate shut at night.' },
    ]);
    expect(c.predict('Buy my goods for a few coins.')).toBe('merchant');
    expect(c.predict('Halt at the gate!')).toBe('guard');
  });

  it('median and mean ± spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const s = meanStd([1, 2, 3]);
    expect(s.mean).toBe(2);
    expect(s.std).toBeCloseTo(1, 12);
  });
});
