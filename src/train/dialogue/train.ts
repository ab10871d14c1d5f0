import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_MARKOV_CONFIG, MarkovChain } from '../../models/dialogue/markov';
import { modelBitsPerChar, scoreRows, tuneMixtureWeight } from '../../models/dialogue/score';
import { buildNoveltyIndex, serializeNoveltyIndex } from '../../pipeline/lineFilter';
import { sha256Hex, writeMeta } from '../meta';
import { writeLossPlotSvg } from '../plot';
import { createProgress } from '../progress';
import { initTfNode } from '../tfNode';
import { writeAtomic } from './buildCorpus';
import { formatIssues, parseRows, type CorpusRow } from './corpusRows';
import { writeModelFiles } from './splitModels';
import { SPLIT_SEEDS, splitByFamily } from './splits';
import { DEFAULT_TRAIN_OPTIONS, trainTransformer, type TransformerTrainOptions } from './trainTransformer';
import { parameterCount } from '../../models/dialogue/transformer';

/**
 * `npm run train:dialogue`: for each split seed (default 1, 2, 3) trains the chain and the
 * transformer on the training families, early-stops on validation, tunes the mixture weight λ on
 * validation, and leaves the models in `.cache/dialogue/split-N/` for `eval:dialogue`. The model
 * of the first split ships to `public/models/dialogue/` with meta.json, the loss plot and the
 * novelty index of the whole corpus.
 *   --corpus FILE   train on your own lines (`text` or `role|situation|text` rows)
 *   --splits 1,2,3  --steps N  --minutes M (per split)  --out DIR  --quick (a tiny pilot)
 */

const CORPUS = 'assets/text/corpus.txt';
const CACHE = '.cache/dialogue';

function usage(msg: string): never {
  console.error(`train:dialogue: ${msg}\nusage: npm run train:dialogue -- [--corpus FILE] [--splits 1,2,3] [--steps N] [--minutes M] [--out DIR] [--quick]`);
  process.exit(2);
}

function loadRows(file: string, custom: boolean): { rows: CorpusRow[]; hash: string } {
  if (!existsSync(file)) usage(`${file} does not exist${custom ? '' : ' (run npm run data:dialogue)'}`);
  const text = readFileSync(file, 'utf8');
  const { rows, issues } = parseRows(text, file, custom ? 'any' : 'corpus');
  if (issues.length > 0) console.error(`${issues.length} bad row(s) skipped:\n${formatIssues(issues.slice(0, 50))}${issues.length > 50 ? '\n…' : ''}`);
  if (rows.length < 20) usage(`${file}: only ${rows.length} usable rows; need at least 20`);
  return { rows, hash: sha256Hex(text) };
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: 'string' },
        splits: { type: 'string' },
        steps: { type: 'string' },
        minutes: { type: 'string' },
        out: { type: 'string', default: 'public/models/dialogue' },
        quick: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const custom = values.corpus !== undefined;
  const file = values.corpus ?? CORPUS;
  const { rows, hash } = loadRows(file, custom);
  const seeds = values.splits ? values.splits.split(',').map(Number) : custom ? [1] : [...SPLIT_SEEDS];
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) usage(`--splits must be integers, got "${values.splits}"`);
  const opts: TransformerTrainOptions = { ...DEFAULT_TRAIN_OPTIONS };
  if (values.quick) Object.assign(opts, { steps: 30, evalEvery: 10, dModel: 32, heads: 2, ffn: 64, merges: 100, maxSeconds: 60 });
  if (values.steps) opts.steps = Number(values.steps);
  if (values.minutes) opts.maxSeconds = Number(values.minutes) * 60;
  if (!(opts.steps > 0) || !(opts.maxSeconds > 0)) usage('--steps and --minutes must be positive numbers');
  await initTfNode();
  const started = performance.now();
  const shipped: { seed: number; dir: string; history: { step: number; trainLoss: number; valBpc?: number }[]; metrics: Record<string, number>; steps: number; params: number } [] = [];
  for (const seed of seeds) {
    const split = splitByFamily(rows, seed);
    if (split.train.length === 0 || split.validation.length === 0) usage(`split ${seed}: empty training or validation part`);
    const dir = join(CACHE, `${custom ? 'custom-' : ''}split-${seed}`);
    const markov = new MarkovChain(split.train, DEFAULT_MARKOV_CONFIG);
    const bar = createProgress({ total: opts.steps, label: `dialogue split ${seed}`, fields: ['loss', 'valBpc', 'lr'] });
    const trained = await trainTransformer(split.train, split.validation, { ...opts, seed }, {
      onStep: (step, f) => bar.update(step, f),
      onCheckpoint: (t) => writeModelFiles(dir, { ...t, markov, mixtureWeight: 0.5 }),
    });
    bar.stop();
    const scores = scoreRows(trained.weights, trained.config, trained.tokenizer, markov, split.validation);
    const tuned = tuneMixtureWeight(scores);
    const metrics = {
      valBitsPerCharTransformer: modelBitsPerChar(scores, 'transformer'),
      valBitsPerCharMarkov: modelBitsPerChar(scores, 'markov'),
      valBitsPerCharMixture: tuned.bitsPerChar,
      mixtureWeight: tuned.lambda,
      bestStep: trained.bestStep,
    };
    await writeModelFiles(dir, { ...trained, markov, mixtureWeight: tuned.lambda });
    writeAtomic(join(dir, 'train.json'), `${JSON.stringify({ seed, corpus: file, corpusSha256: hash, options: { ...opts, seed }, metrics, steps: trained.steps, seconds: trained.seconds, truncated: trained.truncated, history: trained.history }, null, 1)}\n`);
    console.error(`split ${seed}: best step ${trained.bestStep}/${trained.steps}, validation bits/char transformer ${metrics.valBitsPerCharTransformer.toFixed(3)}, markov ${metrics.valBitsPerCharMarkov.toFixed(3)}, mixture ${tuned.bitsPerChar.toFixed(3)} (λ ${tuned.lambda}), ${trained.seconds.toFixed(0)} s`);
    shipped.push({ seed, dir, history: trained.history, metrics, steps: trained.steps, params: parameterCount(trained.config) });
    tf.dispose(Object.values(trained.weights));
  }
  const ship = shipped[0];
  const out = values.out!;
  mkdirSync(out, { recursive: true });
  for (const f of ['model.json', 'weights.bin', 'vocab.json', 'markov.json']) writeAtomic(join(out, f), readFileSync(join(ship.dir, f)));
  writeAtomic(join(out, 'novelty.json'), serializeNoveltyIndex(buildNoveltyIndex(rows.map((r) => r.text))));
  await writeLossPlotSvg(join(out, 'loss.svg'), [
    { name: 'train loss (bits/token)', points: ship.history.map((p) => [p.step, p.trainLoss / Math.LN2] as [number, number]) },
    { name: 'validation bits/char', points: ship.history.filter((p) => p.valBpc !== undefined).map((p) => [p.step, p.valBpc!] as [number, number]) },
  ], { title: `Dialogue transformer (split ${ship.seed})`, xLabel: 'step', yLabel: 'bits' });
  await writeMeta(out, {
    name: 'dialogue',
    version: '1',
    createdAt: new Date().toISOString(),
    dataHash: hash,
    dataLicence: custom ? 'as given by the user' : 'MIT (written for this project)',
    dataSources: [{ name: custom ? file : 'Worldsmith NPC dialogue corpus', licence: custom ? 'unknown' : 'MIT', origin: file }],
    seed: ship.seed,
    steps: ship.steps,
    metrics: ship.metrics,
    params: ship.params,
    trainingSeconds: (performance.now() - started) / 1000,
    command: `npm run train:dialogue${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    config: { transformer: { ...opts, seed: ship.seed }, markov: DEFAULT_MARKOV_CONFIG, split: ship.seed, files: ['model.json', 'weights.bin', 'vocab.json', 'markov.json', 'novelty.json'] },
  });
  console.error(`shipped split ${ship.seed} to ${out}/ (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}

main().catch((e: unknown) => {
  console.error(`train:dialogue: ${(e as Error).message}`);
  process.exit(1);
});
