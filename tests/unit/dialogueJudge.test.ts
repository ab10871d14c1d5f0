import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITUATIONS } from '../../src/core/vocab';
import { createRng } from '../../src/core/rng';
import { decodeDialogueModel, encodeDialogueModel } from '../../src/models/dialogue/artifacts';
import { brokenProbability, JUDGE_FEATURES, JudgeContext, parseJudge, type LineJudge } from '../../src/models/dialogue/judge';
import { MarkovChain } from '../../src/models/dialogue/markov';
import type { DialogueModels } from '../../src/models/dialogue/sampler';
import { DialogueTokenizer } from '../../src/models/dialogue/tokenizer';
import { initParams } from '../../src/models/dialogue/transformer';
import { createLineWriter } from '../../src/models/dialogue/writer';
import { buildNoveltyIndex, corpusWords } from '../../src/pipeline/lineFilter';
import type { LineRequest } from '../../src/pipeline/ports';
import { parseRows } from '../../src/train/dialogue/corpusRows';
import { fitJudge, heldOutAuc, judgeData, withinSituationAuc, type JudgeData } from '../../src/train/dialogue/judgeFit';
import { labelFiles, readLabelFiles } from '../../src/train/dialogue/rejectedLines';
import { initTfNode } from '../../src/train/tfNode';

const ROWS = [
  'Welcome, {player}. Sit a while by the fire.', 'Hello there, {player}. The fire is warm.', 'Good day to you, {player}.',
  'Welcome back, traveller. Sit by the fire.', 'Ah, {player}. A fine day for the road.', 'Greetings, friend. The road is long.',
  'Hello, friend. Rest a while.', 'Good morrow, {player}. Rest by the fire a while.', 'Welcome, friend. The day is fine.',
].map((text) => ({ role: 'elder', situation: 'greeting', text }));
const FEATURE = (name: (typeof JUDGE_FEATURES)[number]) => JUDGE_FEATURES.indexOf(name);

/** A judge that finds a line the more broken the more of its 4-piece runs no training line has. */
function splicesJudge(weight: number): LineJudge {
  const weights = JUDGE_FEATURES.map((f) => (f === 'unattestedShare' ? weight : 0));
  return { features: [...JUDGE_FEATURES], mean: weights.map(() => 0), scale: weights.map(() => 1), weights, situationWeights: SITUATIONS.map(() => 0), bias: 0, labels: 0, heldOutAuc: 0.5 };
}

describe('reader judge: features', () => {
  const ctx = new JudgeContext(new MarkovChain(ROWS));
  it('a training line is all attested sentences and no unattested run; a splice is not', () => {
    const own = ctx.features('Hello there, {player}. The fire is warm.', 'elder', 'greeting');
    expect(own).toHaveLength(JUDGE_FEATURES.length);
    expect(own[FEATURE('unattestedRuns')]).toBe(0);
    expect(own[FEATURE('corpusSentenceShare')]).toBe(1);
    expect(own[FEATURE('situationSentenceShare')]).toBe(1);
    expect(own[FEATURE('lastSentenceInCorpus')]).toBe(1);
    expect(own[FEATURE('sentences')]).toBe(2);
    const splice = ctx.features('Hello there, friend. The road is warm by the day.', 'elder', 'greeting');
    expect(splice[FEATURE('unattestedRuns')]).toBeGreaterThan(0);
    expect(splice[FEATURE('unattestedShare')]).toBeGreaterThan(0);
    expect(splice[FEATURE('lastSentenceInCorpus')]).toBe(0);
    expect(splice[FEATURE('chainBitsPerChar')]).toBeGreaterThan(own[FEATURE('chainBitsPerChar')]);
    // The same sentences said in another situation are attested, but not in that situation.
    const elsewhere = ctx.features('Hello there, {player}. The fire is warm.', 'elder', 'rumour');
    expect(elsewhere[FEATURE('corpusSentenceShare')]).toBe(1);
    expect(elsewhere[FEATURE('situationSentenceShare')]).toBe(0);
  });
});

describe('reader judge: fitting', () => {
  // Lines broken exactly when their first feature is high: the fit must find that and rank held-out readings by it.
  const synthetic = (n: number): JudgeData => {
    const rng = createRng('judge-fit');
    const x = Array.from({ length: n }, () => JUDGE_FEATURES.map(() => rng.next()));
    return { x, y: x.map((v) => (v[0] + 0.2 * rng.next() > 0.6 ? 1 : 0)), situations: x.map((_, i) => SITUATIONS[i % SITUATIONS.length]), readings: x.map((_, i) => 1 + (i % 10)) };
  };

  it('learns which feature marks broken lines and ranks held-out readings by it', () => {
    const data = synthetic(600);
    const judge = fitJudge(data);
    expect(judge.weights[0]).toBeGreaterThan(1);
    for (const w of judge.weights.slice(1)) expect(Math.abs(w)).toBeLessThan(judge.weights[0] / 4);
    expect(heldOutAuc(data)).toBeGreaterThan(0.9);
    expect(brokenProbability(judge, JUDGE_FEATURES.map(() => 0.9), 'lore')).toBeGreaterThan(brokenProbability(judge, JUDGE_FEATURES.map((_, k) => (k === 0 ? 0.1 : 0.9)), 'lore'));
  });

  it('within-situation AUC: 1 for a perfect order, 0.5 for no order, and pairs only lines of one situation', () => {
    expect(withinSituationAuc([0.9, 0.1, 0.8, 0.2], [1, 0, 1, 0], ['lore', 'lore', 'trade', 'trade'])).toBe(1);
    expect(withinSituationAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0], ['lore', 'lore', 'trade', 'trade'])).toBe(0.5);
    // Across situations the order is wrong, within each it is right: only within counts.
    expect(withinSituationAuc([0.3, 0.2, 0.9, 0.8], [1, 0, 1, 0], ['lore', 'lore', 'trade', 'trade'])).toBe(1);
    expect(withinSituationAuc([0.5, 0.5], [0.5, 0.5], ['lore', 'lore'])).toBeNaN(); // readers disagreed: no pair
  });

  it('refuses too few labels', () => {
    expect(() => fitJudge(synthetic(10))).toThrow(/too few/);
  });

  it("the shipped judge is the fit of the label files for the shipped chain (model.json's judge is reproducible)", () => {
    const shipped = parseJudge((JSON.parse(readFileSync('public/models/dialogue/model.json', 'utf8')) as { judge: unknown }).judge);
    const { labels } = readLabelFiles(labelFiles());
    const chain = MarkovChain.fromJSON(JSON.parse(readFileSync('public/models/dialogue/markov.json', 'utf8')));
    const { rows } = parseRows(readFileSync('assets/text/corpus.txt', 'utf8'), 'corpus', 'corpus');
    const fitted = fitJudge(judgeData(labels, new JudgeContext(chain), corpusWords(rows.map((r) => r.text))));
    expect(shipped.labels).toBe(labels.length);
    fitted.weights.forEach((w, k) => expect(shipped.weights[k]).toBeCloseTo(w, 9));
    expect(shipped.bias).toBeCloseTo(fitted.bias, 9);
    expect(shipped.heldOutAuc).toBeGreaterThan(0.6);
  });
});

describe('reader judge: model.json and the writer', () => {
  let models: DialogueModels;
  beforeAll(async () => {
    await initTfNode();
    const tok = DialogueTokenizer.train(ROWS.map((r) => r.text), ['elder'], ['greeting'], 40);
    const config = { vocabSize: tok.size, context: 48, dModel: 16, heads: 2, layers: 1, ffn: 32 };
    models = { tokenizer: tok, config, weights: initParams(config, 3), markov: new MarkovChain(ROWS), mixtureWeights: [0.5] };
  });

  it('round-trips through model.json, and a corrupt judge is an error naming model.json', async () => {
    const enc = await encodeDialogueModel(models.weights, models.config, [0.5]);
    const judge = splicesJudge(2);
    const loaded = decodeDialogueModel({ ...enc.modelJson, judge }, enc.weights);
    expect(loaded.judge).toEqual(judge);
    expect(decodeDialogueModel(enc.modelJson, enc.weights).judge).toBeUndefined(); // models shipped before the judge
    for (const bad of [{ ...judge, weights: [1] }, { ...judge, scale: judge.scale.map(() => 0) }, { ...judge, bias: Number.NaN }, { ...judge, features: ['words'] }, 'judge']) {
      expect(() => decodeDialogueModel({ ...enc.modelJson, judge: bad }, enc.weights)).toThrow(/^dialogue model: model\.json: judge/);
    }
  });

  it('with a judge penalty the writer keeps lines the judge finds less broken; without a judge or penalty it writes as before', () => {
    const reqs: LineRequest[] = Array.from({ length: 24 }, (_, i) => ({ role: 'elder', situation: 'greeting', facts: { npc: `N${i}`, player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' } }));
    const index = buildNoveltyIndex(ROWS.map((r) => r.text));
    const ctx = new JudgeContext(models.markov);
    const write = (m: DialogueModels, judgePenalty?: number) => createLineWriter('markov', m, index).sampleLines(reqs, createRng('judge'), { temperature: 1.5, topK: 50, splicePenalty: 0, judgePenalty });
    const spliced = (lines: string[]) => lines.filter((l) => l !== '').reduce((s, l) => s + ctx.features(l, 'elder', 'greeting')[FEATURE('unattestedShare')], 0);
    const plain = write(models);
    expect(write({ ...models, judge: splicesJudge(8) }, 0)).toEqual(plain);
    expect(write(models, 5)).toEqual(plain); // no judge: the penalty has nothing to weigh
    const judged = write({ ...models, judge: splicesJudge(8) }, 5);
    expect(judged.filter((l) => l !== '').length).toBeGreaterThan(reqs.length / 2);
    expect(spliced(plain)).toBeGreaterThan(0);
    expect(spliced(judged)).toBeLessThan(spliced(plain));
    expect(() => write(models, -1)).toThrow(/judgePenalty must be a number ≥ 0/);
  });
});
