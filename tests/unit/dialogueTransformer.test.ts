import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '../../src/core/rng';
import { decodeDialogueModel, encodeDialogueModel, modelsFromArtifacts } from '../../src/models/dialogue/artifacts';
import { KvDecoder } from '../../src/models/dialogue/decode';
import { MarkovChain } from '../../src/models/dialogue/markov';
import { dialogueSamplersFromArtifacts } from '../../src/models/dialogue';
import { transformerBitsOf } from '../../src/models/dialogue/lineBits';
import { createLineSampler, type DialogueModels } from '../../src/models/dialogue/sampler';
import { buildNoveltyIndex, lineProblem, serializeNoveltyIndex } from '../../src/pipeline/lineFilter';
import { fillSlots } from '../../src/pipeline/slots';
import { mixtureBitsPerChar, modelBitsPerChar, scoreRows } from '../../src/models/dialogue/score';
import { DialogueTokenizer } from '../../src/models/dialogue/tokenizer';
import { forward, initParams, type TransformerConfig } from '../../src/models/dialogue/transformer';
import { trainTransformer, validationBpc, DEFAULT_TRAIN_OPTIONS } from '../../src/train/dialogue/trainTransformer';
import { initTfNode } from '../../src/train/tfNode';
import { encodeRows } from '../../src/train/dialogue/batches';
import { fitLogitScale, foldLogitScale } from '../../src/train/dialogue/calibrate';
import { TINY_ROWS } from './dialogueRows';

const ROWS = TINY_ROWS;
const FACTS = { npc: 'Ana', player: 'Bo', item: 'the Key', place: 'Keld Vale', biome: 'woods', foe: 'slime', direction: 'north' };

let tok: DialogueTokenizer;
let cfg: TransformerConfig;
let models: DialogueModels;

beforeAll(async () => {
  await initTfNode();
  tok = DialogueTokenizer.train(ROWS.map((r) => r.text), ['elder', 'guard', 'merchant'], ['greeting', 'hint', 'trade', 'warning'], 40);
  cfg = { vocabSize: tok.size, context: 40, dModel: 16, heads: 2, layers: 2, ffn: 32 };
  const params = initParams(cfg, 7);
  models = { tokenizer: tok, config: cfg, weights: params, markov: new MarkovChain(ROWS), mixtureWeights: [0.5] };
});

describe('tiny transformer', () => {
  it('is causal: changing a later token leaves earlier logits unchanged', () => {
    const a = tf.tensor2d([[3, 7, 20, 21, 22, 23]], [1, 6], 'int32');
    const b = tf.tensor2d([[3, 7, 20, 21, 30, 31]], [1, 6], 'int32');
    const [la, lb] = [forward(models.weights as never, cfg, a), forward(models.weights as never, cfg, b)].map((t) => t.arraySync() as number[][]);
    for (let i = 0; i < 4; i++) for (let v = 0; v < cfg.vocabSize; v++) expect(la[i][v]).toBeCloseTo(lb[i][v], 4);
    expect(la[5].some((x, v) => Math.abs(x - lb[5][v]) > 1e-4)).toBe(true);
    tf.dispose([a, b]);
  });

  /** Decodes `seq` in five rows (row 2 and, while it is active, row 4 follow it) against the full forward pass. */
  const checkDecoder = (c: TransformerConfig, weights: Record<string, tf.Tensor>) => {
    const seq = [3, 7, 20, 21, 22];
    const full = tf.tidy(() => tf.softmax(forward(weights as never, c, tf.tensor2d([seq], [1, seq.length], 'int32'))).arraySync() as number[][]);
    // Rows 0–3 are computed as a block of four; row 4, while active (steps 0 and 1), alone.
    const dec = new KvDecoder(weights, c, 5);
    seq.forEach((id, i) => {
      const feed = Int32Array.from([id, (id + 1) % c.vocabSize, id, (id + 3) % c.vocabSize, id]);
      const p = dec.step(feed, [1, 1, 1, 1, i < 2 ? 1 : 0]);
      for (let v = 0; v < c.vocabSize; v += 5) {
        expect(p[v]).toBeCloseTo(full[i][v], 5);
        expect(p[2 * c.vocabSize + v]).toBe(p[v]);
        expect(p[4 * c.vocabSize + v]).toBe(i < 2 ? p[v] : 0);
      }
    });
    dec.dispose();
  };

  it.each(['prefix', 'every'] as const)('decodes with its key/value cache exactly as the full forward pass (condition %s), rows independent of the batch', (condition) => {
    checkDecoder({ ...cfg, condition }, models.weights);
  });

  it('decodes odd widths too (the products sum even and odd inputs apart)', () => {
    const odd: TransformerConfig = { vocabSize: tok.size, context: 40, dModel: 15, heads: 3, layers: 1, ffn: 31, condition: 'every' };
    const weights = initParams(odd, 11);
    checkDecoder(odd, weights);
    tf.dispose(Object.values(weights));
  });

  it('saves and loads: same probabilities; corrupt or missing weights fail with a clear error', async () => {
    const enc = await encodeDialogueModel(models.weights, cfg, [0.4, 0.6]);
    const json = JSON.parse(JSON.stringify(enc.modelJson));
    const loaded = modelsFromArtifacts({ modelJson: json, weights: enc.weights, vocab: tok.toJSON(), markov: models.markov.toJSON() });
    expect(loaded.mixtureWeights).toEqual([0.4, 0.6]);
    const x = tf.tensor2d([[3, 7, 20]], [1, 3], 'int32');
    const [p1, p2] = [forward(models.weights as never, cfg, x), forward(loaded.weights as never, cfg, x)].map((t) => t.dataSync());
    expect(Array.from(p2)).toEqual(Array.from(p1));
    tf.dispose([x, ...Object.values(loaded.weights)]);
    expect(() => decodeDialogueModel(json, enc.weights.slice(0, 100))).toThrow(/weights\.bin: 100 bytes/);
    expect(() => decodeDialogueModel({ ...json, format: 'x' }, enc.weights)).toThrow(/model\.json/);
    expect(() => decodeDialogueModel({ ...json, config: { ...cfg, dModel: 15 } }, enc.weights)).toThrow(/divisible|bytes|should be/);
    const nan = new Float32Array(enc.weights.slice(0));
    nan[3] = NaN;
    expect(() => decodeDialogueModel(json, nan.buffer)).toThrow(/NaN/);
    expect(() => modelsFromArtifacts({ modelJson: json, weights: enc.weights, vocab: { format: 'nope' }, markov: {} })).toThrow(/vocab\.json/);
  });

  it('samples the same lines per seed, whatever the batch, and keeps tf.memory flat', () => {
    const reqs = [
      { role: 'elder' as const, situation: 'hint' as const, facts: FACTS },
      { role: 'guard' as const, situation: 'warning' as const, facts: FACTS },
      { role: 'merchant' as const, situation: 'trade' as const, facts: FACTS },
    ];
    const opts = { temperature: 0.9, topK: 10 };
    for (const kind of ['transformer', 'mixture'] as const) {
      const s = createLineSampler(kind, models);
      const a = s.sampleLines(reqs, createRng('seed'), opts);
      const before = tf.memory().numTensors;
      expect(s.sampleLines(reqs, createRng('seed'), opts)).toEqual(a);
      expect(tf.memory().numTensors).toBe(before);
      expect(s.sampleLines(reqs.slice(0, 1), createRng('seed'), opts)).toEqual(a.slice(0, 1));
      expect(s.sampleLines(reqs, createRng('other'), opts)).not.toEqual(a);
      for (const line of a) expect(line).not.toMatch(/<|\u2581|\u2582/);
    }
  });

  it('scores lines per character; the mixture at λ = 1 and λ = 0 reproduces each model', () => {
    const scores = scoreRows(models.weights, cfg, tok, models.markov, ROWS);
    const tfBpc = modelBitsPerChar(scores, 'transformer');
    const mkBpc = modelBitsPerChar(scores, 'markov');
    expect(mixtureBitsPerChar(scores, [0])).toBeCloseTo(mkBpc, 9);
    // λ = 1 differs from the transformer alone only by renormalising the first piece over
    // piece-starting tokens, which can only raise its probability.
    const one = mixtureBitsPerChar(scores, [1]);
    expect(one).toBeLessThanOrEqual(tfBpc);
    expect(tfBpc - one).toBeLessThan(0.1);
    const mid = mixtureBitsPerChar(scores, [0.5]);
    expect(mid).toBeLessThanOrEqual(Math.max(tfBpc, mkBpc));
    for (const r of ROWS) expect(models.markov.scoreLine(r.role, r.situation, r.text).log2).toBeCloseTo(scores[ROWS.indexOf(r)].markov.reduce((a, b) => a + b, 0), 9);
  });

  it('scores lines through shared prefixes with the bits of each line decoded alone (and of the full forward pass)', () => {
    // Lines that share their role, situation and first words: each row in every role, whole, cut after 1…4 words, and again.
    const cuts = (text: string) => [text, ...[1, 2, 3, 4].map((k) => text.split(' ').slice(0, k).join(' ')), text];
    const lines = ['elder', 'guard', 'merchant'].flatMap((role) => ROWS.flatMap((r) => cuts(r.text).map((text) => ({ ...r, role, text }))));
    expect(lines.length).toBeGreaterThan(64); // more than one batch
    const forks = vi.spyOn(KvDecoder.prototype, 'fork');
    const shared = transformerBitsOf(models, lines, lines.map((l) => l.text));
    expect(forks.mock.calls.length).toBeGreaterThan(0);
    forks.mockRestore();
    lines.forEach((l, k) => expect(shared[k]).toBe(transformerBitsOf(models, [l], [l.text])[0]));
    const full = scoreRows(models.weights, cfg, tok, models.markov, lines);
    lines.forEach((_, k) => expect(shared[k]).toBeCloseTo(-full[k].transformerLine, 3));
  });

  it('trains: a few steps lower the validation bits/char, tensors stay flat', async () => {
    const before = tf.memory().numTensors;
    const t = await trainTransformer(ROWS, ROWS, { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 40, evalEvery: 20, warmup: 5, lr: 1e-2, dropout: 0, patience: 5, batchSize: 6 });
    expect(t.history.find((p) => p.valBpc !== undefined)!.valBpc!).toBeGreaterThan(t.bestValBpc);
    tf.dispose(Object.values(t.weights));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('initSeed: 0 repeats the split seed\'s run exactly, n > 0 is an independent run of the same data', async () => {
    const before = tf.memory().numTensors;
    const opts = { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 6, evalEvery: 3, warmup: 2, lr: 1e-2, dropout: 0.1, patience: 5, batchSize: 6, seed: 4 };
    const runs: Awaited<ReturnType<typeof trainTransformer>>[] = [];
    for (const initSeed of [0, 0, 1]) runs.push(await trainTransformer(ROWS, ROWS, { ...opts, initSeed }));
    const first = (k: number) => Array.from(runs[k].weights['tok'].dataSync().slice(0, 64));
    expect(first(1)).toEqual(first(0));
    expect(first(2)).not.toEqual(first(0));
    expect(runs[2].tokenizer.vocab).toEqual(runs[0].tokenizer.vocab);
    for (const r of runs) tf.dispose(Object.values(r.weights));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on distilled lines in their share of batches: a line only they hold becomes likelier, tensors stay flat', async () => {
    const before = tf.memory().numTensors;
    const opts = { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 40, evalEvery: 20, warmup: 5, lr: 1e-2, dropout: 0, patience: 5, batchSize: 6, ema: 0, distillShare: 0.5 };
    const taughtLine = { role: 'guard', situation: 'warning', text: 'Halt, {player}. Beware the fire in the {biome}.' };
    const plain = await trainTransformer(ROWS, ROWS, opts);
    const taught = await trainTransformer(ROWS, ROWS, opts, {}, { distilled: Array.from({ length: 12 }, () => taughtLine) });
    const bitsOf = (t: typeof plain) => validationBpc(t.weights, t.config, encodeRows(t.tokenizer, [taughtLine], 40).sequences, taughtLine.text.length + 1);
    expect(taught.tokenizer.toJSON()).toEqual(plain.tokenizer.toJSON()); // merges come from the real lines only
    expect(bitsOf(taught)).toBeLessThan(bitsOf(plain) - 0.5);
    tf.dispose([...Object.values(plain.weights), ...Object.values(taught.weights)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('calibration: a folded logit scale multiplies every logit; the fitted scale undoes a blunted one; tensors stay flat', async () => {
    const before = tf.memory().numTensors;
    const t = await trainTransformer(ROWS, ROWS, { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 30, evalEvery: 10, warmup: 5, lr: 1e-2, dropout: 0, patience: 5, batchSize: 6 });
    const tokens = tf.tensor2d([[3, 6, 9, 12, 15]], [1, 5], 'int32');
    // After 30 steps the tiny model is under-confident on its own lines; blunted further, the fit must sharpen it.
    const blunt = foldLogitScale(t.weights, 0.5);
    const [plainLogits, bluntLogits] = [t.weights, blunt].map((w) => tf.tidy(() => forward(w as Record<string, tf.Variable>, t.config, tokens).arraySync()));
    bluntLogits.flat().forEach((v, i) => expect(v).toBeCloseTo(0.5 * plainLogits.flat()[i], 4));
    const seqs = encodeRows(t.tokenizer, ROWS, 40).sequences;
    const chars = ROWS.reduce((n, r) => n + r.text.length + 1, 0);
    const fit = fitLogitScale(blunt, t.config, seqs, chars);
    expect(fit.before).toBeCloseTo(validationBpc(blunt, t.config, seqs, chars), 9);
    expect(fit.scale).toBeGreaterThan(1);
    expect(fit.after).toBeLessThan(fit.before);
    const refolded = foldLogitScale(blunt, fit.scale);
    expect(validationBpc(refolded, t.config, seqs, chars)).toBeCloseTo(fit.after, 9);
    tf.dispose([tokens, blunt['lnf.g'], blunt['lnf.b'], blunt.outBias, refolded['lnf.g'], refolded['lnf.b'], refolded.outBias, ...Object.values(t.weights)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with a weight average (ema), validates and keeps the average: the kept weights score the best figure, tensors stay flat', async () => {
    const before = tf.memory().numTensors;
    const opts = { ...DEFAULT_TRAIN_OPTIONS, merges: 40, dModel: 16, heads: 2, ffn: 32, context: 40, steps: 40, evalEvery: 20, warmup: 5, lr: 1e-2, dropout: 0, patience: 5, batchSize: 6 };
    const plain = await trainTransformer(ROWS, ROWS, { ...opts, ema: 0 });
    const averaged = await trainTransformer(ROWS, ROWS, { ...opts, ema: 0.9 });
    const val = encodeRows(averaged.tokenizer, ROWS, 40).sequences;
    const chars = ROWS.reduce((n, r) => n + r.text.length + 1, 0);
    expect(validationBpc(averaged.weights, averaged.config, val, chars)).toBeCloseTo(averaged.bestValBpc, 9);
    expect(averaged.bestValBpc).not.toBeCloseTo(plain.bestValBpc, 6); // the average is not the last weights
    tf.dispose([...Object.values(plain.weights), ...Object.values(averaged.weights)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads as filtered samplers for the game: every non-empty line passes the filters', async () => {
    const enc = await encodeDialogueModel(models.weights, cfg, [0.5]);
    const noveltyJson = JSON.parse(serializeNoveltyIndex(buildNoveltyIndex(ROWS.map((r) => r.text))));
    const samplers = dialogueSamplersFromArtifacts({ modelJson: enc.modelJson, weights: enc.weights, vocab: tok.toJSON(), markov: models.markov.toJSON() }, noveltyJson);
    const index = buildNoveltyIndex(ROWS.map((r) => r.text));
    const reqs = Array.from({ length: 6 }, (_, i) => ({ role: 'guard' as const, situation: 'warning' as const, facts: { ...FACTS, npc: `N${i}` } }));
    for (const kind of ['markov', 'transformer', 'mixture'] as const) {
      const lines = samplers[kind].sampleLines(reqs, createRng('g'), { temperature: 1, topK: 20 });
      expect(samplers[kind].name).toBe(kind);
      for (const [i, l] of lines.entries()) if (l !== '') expect(lineProblem(l, fillSlots(l, reqs[i].facts)!, index)).toBeNull();
    }
  });
});
