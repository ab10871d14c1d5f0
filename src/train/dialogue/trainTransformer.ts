import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../core/rng';
import type { WeightMap } from '../../models/dialogue/decode';
import { DialogueTokenizer } from '../../models/dialogue/tokenizer';
import { initParams, parameterCount, sequenceLoss, type TransformerConfig } from '../../models/dialogue/transformer';
import { AdamW } from './adamw';
import type { Resampling } from './augment';
import { batchArrays, batchPlan, disposeBatch, encodeRows, makeBatch, type ConditionedText, type Sequence } from './batches';
import { GradientComputer } from './gradients';

/**
 * The transformer's training loop: AdamW, linear warmup then cosine decay over steps or time,
 * global-norm clipping, dropout, and early stopping on validation bits per character (the best
 * weights are kept).
 * Pure apart from time: file output goes through the `onCheckpoint` hook.
 */

export interface TransformerTrainOptions {
  merges: number;
  dModel: number;
  heads: number;
  layers: number;
  ffn: number;
  context: number;
  /** Where the role/situation condition enters (see TransformerConfig.condition). */
  condition: 'prefix' | 'every';
  /** Label smoothing ε of the training loss (0: plain cross-entropy). */
  labelSmoothing: number;
  batchSize: number;
  /** Upper bound on steps; the cosine schedule ends here or at `maxSeconds`, whichever comes first. */
  steps: number;
  lr: number;
  warmup: number;
  dropout: number;
  /** Probability of replacing an input token by `<unk>` (targets unchanged). */
  tokenNoise: number;
  weightDecay: number;
  evalEvery: number;
  /** Stop after this many evaluations without a new best. */
  patience: number;
  /** Wall-clock budget in seconds for the training loop. */
  maxSeconds: number;
  /**
   * Decay of an exponential moving average of the weights (0 = off). Validation, early stopping
   * and the kept weights use the average, which smooths the noise of a high learning rate.
   */
  ema: number;
  /**
   * Further expansions drawn per training template family (0 = off; the built-in corpus only): each
   * epoch trains on as many of a family's pool as the corpus has (see augment.ts).
   */
  resample: number;
  /**
   * Lines written by the split's chain per training line (0 = off; see augment.ts `chainSamples`):
   * sequence-level distillation, so the chain's smoothed statistics reach the transformer.
   */
  distill: number;
  /** Share of training batches drawn from the chain's lines when there are any. */
  distillShare: number;
  /** 1: keep only the chain lines the split's role classifier reads as their role (0: keep all). */
  distillFilter: number;
  /** 0: weights, batch order and dropout follow the split seed; n > 0: an independent run n of the same split. */
  initSeed: number;
  /**
   * Threads that share each batch (data parallel, gradients.ts): 1 trains on this thread alone.
   * Dropout masks are drawn per thread, so the thread count is part of a run's recipe.
   */
  threads: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TransformerTrainOptions = {
  merges: 1200,
  dModel: 128,
  heads: 4,
  layers: 2,
  ffn: 512,
  context: 96,
  condition: 'every',
  labelSmoothing: 0,
  batchSize: 32,
  steps: 4600,
  lr: 3e-3,
  warmup: 60,
  dropout: 0.025,
  tokenNoise: 0,
  weightDecay: 0.05,
  evalEvery: 100,
  patience: 6,
  maxSeconds: 1020,
  ema: 0.995,
  resample: 36,
  distill: 3,
  distillShare: 0.45,
  distillFilter: 1,
  initSeed: 0,
  threads: 1,
  seed: 1,
};

export interface TrainPoint {
  step: number;
  /** Training loss (nats/token, mean since the previous point). */
  trainLoss: number;
  /** Validation bits per character (evaluation steps only). */
  valBpc?: number;
}

export interface TrainedTransformer {
  tokenizer: DialogueTokenizer;
  config: TransformerConfig;
  /** Best weights by validation bits/char (caller disposes). */
  weights: WeightMap;
  bestStep: number;
  bestValBpc: number;
  steps: number;
  seconds: number;
  history: TrainPoint[];
  truncated: number;
  /** Characters (+1 per line end) per predicted token of the training set: nats/token → bits/char. */
  charsPerToken: number;
}

/** Training data beyond the rows: resampled template lines (augment.ts). */
export interface TrainData {
  resampling?: Resampling;
  /** Lines written by the chain (distillation), under the role and situation they were written for. */
  distilled?: readonly ConditionedText[];
}

export interface TrainHooks {
  onStep?: (step: number, fields: Record<string, number>) => void;
  /** Called with the new best weights after each improving evaluation. */
  onCheckpoint?: (t: Omit<TrainedTransformer, 'seconds'>) => Promise<void>;
}

/** Mean nats per token and bits per char of `sequences` (no dropout). */
export function validationBpc(
  weights: WeightMap,
  cfg: TransformerConfig,
  sequences: readonly Sequence[],
  chars: number,
): number {
  let nats = 0;
  for (const idx of batchPlan(sequences, 64)) {
    const b = makeBatch(sequences, idx);
    nats += tf.tidy(() => sequenceLoss(weights as Record<string, tf.Variable>, cfg, b.inputs, b.targets, b.weights).dataSync()[0]) * b.tokens;
    disposeBatch(b);
  }
  return nats / Math.LN2 / chars;
}

export async function trainTransformer(
  train: readonly ConditionedText[],
  validation: readonly ConditionedText[],
  o: TransformerTrainOptions,
  hooks: TrainHooks = {},
  { resampling, distilled = [] }: TrainData = {},
): Promise<TrainedTransformer> {
  const started = performance.now();
  const roles = [...new Set(train.map((r) => r.role))].sort();
  const situations = [...new Set(train.map((r) => r.situation))].sort();
  const tokenizer = DialogueTokenizer.train(train.map((r) => r.text), roles, situations, o.merges);
  const config: TransformerConfig = { vocabSize: tokenizer.size, context: o.context, dModel: o.dModel, heads: o.heads, layers: o.layers, ffn: o.ffn, condition: o.condition };
  const own = resampling ? [...train, ...resampling.extra] : train;
  const enc = encodeRows(tokenizer, [...own, ...distilled], o.context);
  const chainIds = distilled.map((_, i) => own.length + i);
  const val = encodeRows(tokenizer, validation, o.context).sequences;
  const valChars = validation.reduce((n, r) => n + r.text.length + 1, 0);
  const charsPerToken = train.reduce((n, r) => n + r.text.length + 1, 0) / enc.sequences.slice(0, train.length).reduce((n, s) => n + s.ids.length - 2, 0);
  const runSeed = o.initSeed > 0 ? o.seed * 1000 + o.initSeed : o.seed;
  const params = initParams(config, runSeed);
  const names = Object.keys(params);
  const opt = new AdamW(params, { beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: o.weightDecay, clipNorm: 1 });
  const gradients = GradientComputer.create(params, config, { dropout: o.dropout, labelSmoothing: o.labelSmoothing }, o.threads);
  const average = o.ema > 0 ? Object.fromEntries(names.map((n) => [n, tf.variable(params[n], false, `ema/${n}`)])) : null;
  const scored = average ?? params;
  const rng = createRng(`dialogue-train/${runSeed}`);
  let plan: number[][] = [];
  let chainPlan: number[][] = [];
  let best: WeightMap | undefined;
  let bestStep = 0;
  let bestValBpc = Infinity;
  let sinceBest = 0;
  const history: TrainPoint[] = [];
  let lossSum = 0;
  let lossN = 0;
  let step = 0;
  try {
    while (step < o.steps) {
      let indices: number[];
      if (chainIds.length > 0 && rng.chance(o.distillShare)) {
        if (chainPlan.length === 0) chainPlan = batchPlan(enc.sequences, o.batchSize, rng, chainIds);
        indices = chainPlan.pop()!;
      } else {
        if (plan.length === 0) plan = batchPlan(enc.sequences, o.batchSize, rng, resampling ? epochLines(train.length, resampling, rng) : own.map((_, i) => i));
        indices = plan.pop()!;
      }
      const batch = batchArrays(enc.sequences, indices, o.tokenNoise > 0 ? { rate: o.tokenNoise, rng } : undefined);
      // Progress is steps or wall-clock, whichever is further along, so the cosine decay (worth
      // much of the final validation figure) completes even on a busy machine.
      const progress = Math.min(1, Math.max(step / o.steps, (performance.now() - started) / 1000 / o.maxSeconds));
      const lr = o.lr * (step < o.warmup ? (step + 1) / o.warmup : 0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
      // Shard k draws its dropout masks from seed + k (one thread: the seed itself, as before threads).
      const { loss, grads } = await gradients.compute(batch, runSeed * 100003 + step * o.threads);
      if (!Number.isFinite(loss)) {
        tf.dispose(Object.values(grads));
        throw new Error(`training diverged at step ${step} (loss ${loss})`);
      }
      opt.apply(grads, lr);
      tf.dispose(Object.values(grads));
      if (average) {
        // Warm-up of the decay (as TF's ExponentialMovingAverage with num_updates): early weights fade fast.
        const d = Math.min(o.ema, (1 + step) / (10 + step));
        tf.tidy(() => names.forEach((n) => average[n].assign(average[n].mul(d).add(params[n].mul(1 - d)))));
      }
      step++;
      lossSum += loss;
      lossN++;
      const point: TrainPoint = { step, trainLoss: lossSum / lossN };
      const finished = step === o.steps || progress >= 1;
      const evalNow = step % o.evalEvery === 0 || finished;
      if (evalNow) {
        point.valBpc = validationBpc(scored, config, val, valChars);
        if (point.valBpc < bestValBpc) {
          bestValBpc = point.valBpc;
          bestStep = step;
          sinceBest = 0;
          if (best) tf.dispose(Object.values(best));
          best = Object.fromEntries(names.map((n) => [n, tf.keep(scored[n].clone())]));
          await hooks.onCheckpoint?.({ tokenizer, config, weights: best, bestStep, bestValBpc, steps: step, history, truncated: enc.truncated, charsPerToken });
        } else sinceBest++;
      }
      if (evalNow || step % 10 === 0) {
        history.push(point);
        lossSum = 0;
        lossN = 0;
      }
      hooks.onStep?.(step, { loss, lr, ...(point.valBpc !== undefined ? { valBpc: point.valBpc } : {}) });
      if (finished || (evalNow && sinceBest >= o.patience)) break;
    }
  } finally {
    opt.dispose();
    await gradients.dispose();
  }
  if (!best) best = Object.fromEntries(names.map((n) => [n, tf.keep(scored[n].clone())]));
  tf.dispose(Object.values(params));
  if (average) tf.dispose(Object.values(average));
  return { tokenizer, config, weights: best, bestStep, bestValBpc, steps: step, seconds: (performance.now() - started) / 1000, history, truncated: enc.truncated, charsPerToken };
}

/** One epoch's lines under resampling: every ungrouped training line and `take` of each group's pool. */
export function epochLines(trainLines: number, r: Resampling, rng: Rng): number[] {
  const grouped = new Set(r.groups.flatMap((g) => g.members));
  const out = Array.from({ length: trainLines }, (_, i) => i).filter((i) => !grouped.has(i));
  for (const g of r.groups) out.push(...rng.shuffle(g.members).slice(0, g.take));
  return out;
}

export { parameterCount };
