import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_MARKOV_CONFIG, MarkovChain } from '../../models/dialogue/markov';
import { modelBitsPerChar, scoreRows, tuneMixtureWeights } from '../../models/dialogue/score';
import { sha256Hex } from '../meta';
import { createProgress } from '../progress';
import { initTfNode } from '../tfNode';
import { writeAtomic } from './buildCorpus';
import { chainSamples, templateResampling } from './augment';
import { RoleClassifier } from './classifier';
import { calibrateTransformer } from './calibrate';
import { formatIssues, parseRows, type CorpusRow } from './corpusRows';
import { readModelFiles, writeModelFiles } from './splitModels';
import { shipSplit, type SplitRecord } from './shipModel';
import { shipJudge } from './judgeFit';
import { labelFiles } from './rejectedLines';
import { SPLIT_SEEDS, splitByFamily } from './splits';
import { DEFAULT_TRAIN_OPTIONS, trainTransformer, type TransformerTrainOptions } from './trainTransformer';
import { parameterCount } from '../../models/dialogue/transformer';

/**
 * `npm run train:dialogue`: for each split seed (default 1, 2, 3) trains the chain and the
 * transformer on the training families, early-stops on validation, tunes the mixture weight λ on
 * validation, and leaves the models in `.cache/dialogue/split-N/` for `eval:dialogue`. The model
 * of the first split ships to `public/models/dialogue/` with meta.json, the loss plot, the
 * novelty index of the whole corpus and (the project's corpus only) the reader judge fitted for its
 * chain on the readers' labels (`npm run train:judge`).
 *   --corpus FILE   train on your own lines (`text` or `role|situation|text` rows)
 *   --splits 1,2,3  --threads N (threads that share each batch, data parallel: default one per
 *   core)  --jobs N (splits trained side by side in child processes, at most this many at once;
 *   default 1, the cores then go to --threads)  --steps N
 *   --minutes M (per split)  --out DIR  --no-ship  --ship-only  --quick (a tiny pilot)
 *   --chain-only (rebuild each split's chain and re-tune λ, keeping its trained transformer)
 *   --calibrate-only (fit each trained split's logit scale on validation and re-tune λ; training
 *   does this at its end)
 *   --set NAME=VALUE (any transformer training option, e.g. --set dropout=0.2 --set condition=every;
 *   repeatable)  --work DIR (where split models go; default .cache/dialogue)
 */

const CORPUS = 'assets/text/corpus.txt';
const CACHE = '.cache/dialogue';

function usage(msg: string): never {
  console.error(`train:dialogue: ${msg}\nusage: npm run train:dialogue -- [--corpus FILE] [--splits 1,2,3] [--threads N] [--jobs N] [--steps N] [--minutes M] [--out DIR] [--no-ship] [--ship-only] [--chain-only] [--calibrate-only] [--quick] [--set NAME=VALUE] [--work DIR]`);
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
        set: { type: 'string', multiple: true, default: [] },
        work: { type: 'string', default: CACHE },
        jobs: { type: 'string', default: '1' },
        threads: { type: 'string' },
        'no-ship': { type: 'boolean', default: false },
        'ship-only': { type: 'boolean', default: false },
        'chain-only': { type: 'boolean', default: false },
        'calibrate-only': { type: 'boolean', default: false },
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
  if (values.quick) Object.assign(opts, { steps: 30, evalEvery: 10, dModel: 32, heads: 2, ffn: 64, merges: 100, maxSeconds: 60, distill: 0.2 });
  if (values.steps) opts.steps = Number(values.steps);
  if (values.minutes) opts.maxSeconds = Number(values.minutes) * 60;
  for (const kv of values.set ?? []) setOption(opts, kv);
  if (!(opts.steps > 0) || !(opts.maxSeconds > 0)) usage('--steps and --minutes must be positive numbers');
  const started = performance.now();
  const dirOf = (seed: number) => join(values.work!, `${custom ? 'custom-' : ''}split-${seed}`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usage(`--jobs must be a whole number ≥ 1, got "${values.jobs}"`);
  // The wasm backend uses one thread: the cores are shared out between side-by-side splits (jobs)
  // and the threads of each split's data-parallel batches.
  opts.threads = values.threads !== undefined ? Number(values.threads) : Math.max(1, Math.floor(availableParallelism() / jobs));
  if (!Number.isInteger(opts.threads) || opts.threads < 1) usage(`--threads must be a whole number ≥ 1, got "${values.threads}"`);
  const modes = (['ship-only', 'chain-only', 'calibrate-only'] as const).filter((m) => values[m]);
  if (modes.length > 1) usage(`--${modes.join(' and --')} exclude each other: give one`);
  if (values['ship-only']) {
    // Re-ship an already trained split (e.g. after changing the shipping step).
  } else if (values['chain-only'] || values['calibrate-only']) {
    await initTfNode();
    for (const seed of seeds) await refitSplit(rows, seed, dirOf(seed), values['chain-only'] ? 'chain' : 'calibrate');
  } else if (seeds.length > 1 && jobs > 1) {
    // One child process per split, each with its share of the cores as threads.
    const own = ['--splits', '--jobs', '--threads'];
    const passOn = process.argv.slice(2).filter((a, i, all) => !own.includes(a) && !own.includes(all[i - 1] ?? '') && !own.some((o) => a.startsWith(`${o}=`)));
    const run = (seed: number) => new Promise<number>((done) => {
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...passOn, '--splits', String(seed), '--jobs', '1', '--threads', String(opts.threads), '--no-ship'], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code) => done(code ?? 1));
    });
    // At most `jobs` children at a time: each wants a whole core for its time budget.
    const codes: number[] = [];
    const queue = [...seeds];
    await Promise.all(Array.from({ length: Math.min(jobs, seeds.length) }, async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) codes.push(await run(seed));
    }));
    if (codes.some((c) => c !== 0)) throw new Error(`a split failed (exit codes ${codes.join(', ')})`);
  } else {
    await initTfNode();
    for (const seed of seeds) await trainSplit(rows, seed, dirOf(seed), opts, { file, hash, custom });
  }
  if (!values['no-ship']) {
    await shipSplit(dirOf(seeds[0]), values.out!, rows, custom, trainCommand(), (performance.now() - started) / 1000);
    // The reader judge is fitted for the shipped chain on our readers' labels (train:judge); a custom corpus's models go without.
    if (!custom) {
      const judge = await shipJudge(values.out!, rows.map((r) => r.text), labelFiles(), trainCommand());
      console.error(`reader judge: ${judge.labels} labelled lines, held-out AUC ${judge.heldOutAuc}`);
    }
    console.error(`shipped split ${seeds[0]} to ${values.out}/ (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  }
}

/** Applies `--set NAME=VALUE` to the options; the value takes the type of the default. */
function setOption(opts: TransformerTrainOptions, kv: string): void {
  const at = kv.indexOf('=');
  const name = kv.slice(0, at) as keyof TransformerTrainOptions;
  const raw = kv.slice(at + 1);
  if (at < 1 || !(name in DEFAULT_TRAIN_OPTIONS)) usage(`--set ${kv}: expected NAME=VALUE with NAME one of ${Object.keys(DEFAULT_TRAIN_OPTIONS).join(', ')}`);
  if (name === 'threads') usage(`--set threads: give --threads N instead`);
  if (name === 'condition') {
    if (raw !== 'prefix' && raw !== 'every') usage(`--set condition=${raw}: expected prefix or every`);
    opts.condition = raw;
    return;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) usage(`--set ${kv}: ${name} must be a number ≥ 0`);
  (opts as unknown as Record<string, number>)[name] = value;
}

/** The command as a user would type it (child processes drop their internal flags). */
function trainCommand(): string {
  const args = process.argv.slice(2).filter((a, i, all) => !['--no-ship', '--jobs'].includes(a) && all[i - 1] !== '--jobs');
  return `npm run train:dialogue${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
}

/** Trains the chain and the transformer of one split and leaves them in `dir` with train.json. */
async function trainSplit(rows: readonly CorpusRow[], seed: number, dir: string, opts: TransformerTrainOptions, corpus: { file: string; hash: string; custom: boolean }): Promise<void> {
  const split = splitByFamily(rows, seed);
  if (split.train.length === 0 || split.validation.length === 0) usage(`split ${seed}: empty training or validation part`);
  const markov = new MarkovChain(split.train, DEFAULT_MARKOV_CONFIG);
  const bar = createProgress({ total: opts.steps, label: `dialogue split ${seed}`, fields: ['loss', 'valBpc', 'lr'], everyPercent: 2 });
  // Resampling needs the template seeds behind the corpus: a user's own corpus has none.
  const resampling = opts.resample > 0 && !corpus.custom ? templateResampling(split.train, opts.resample) : undefined;
  if (resampling) console.error(`split ${seed}: ${resampling.extra.length} further expansions of ${resampling.groups.length} training template families`);
  const clf = opts.distillFilter > 0 ? new RoleClassifier(split.train) : null;
  const distilled = opts.distill > 0 ? chainSamples(markov, split.train, Math.round(opts.distill * split.train.length), seed, clf ? (l) => clf.predict(l.text) === l.role : undefined) : [];
  if (distilled.length > 0) console.error(`split ${seed}: ${distilled.length} lines written by the chain for distillation`);
  const trained = await trainTransformer(split.train, split.validation, { ...opts, seed }, {
    onStep: (step, f) => bar.update(step, f),
    onCheckpoint: (t) => writeModelFiles(dir, { ...t, markov, mixtureWeights: [0.5] }),
  }, { resampling, distilled });
  bar.stop();
  const calibration = calibrateTransformer(trained, split.validation);
  const scores = scoreRows(trained.weights, trained.config, trained.tokenizer, markov, split.validation);
  const tuned = tuneMixtureWeights(scores, markov.evidenceLevels);
  const metrics = {
    logitScale: calibration.scale,
    valBitsPerCharUncalibrated: calibration.before,
    valBitsPerCharTransformer: modelBitsPerChar(scores, 'transformer'),
    valBitsPerCharMarkov: modelBitsPerChar(scores, 'markov'),
    valBitsPerCharMixture: tuned.bitsPerChar,
    mixtureWeightGlobal: tuned.global,
    bestStep: trained.bestStep,
  };
  await writeModelFiles(dir, { ...trained, markov, mixtureWeights: tuned.lambdas });
  const record: SplitRecord = {
    seed, corpus: corpus.file, corpusSha256: corpus.hash, options: { ...opts, seed }, metrics, params: parameterCount(trained.config),
    steps: trained.steps, seconds: trained.seconds, truncated: trained.truncated, charsPerToken: trained.charsPerToken, history: trained.history,
    command: trainCommand(),
  };
  writeAtomic(join(dir, 'train.json'), `${JSON.stringify(record, null, 1)}\n`);
  console.error(`split ${seed}: best step ${trained.bestStep}/${trained.steps}, validation bits/char transformer ${metrics.valBitsPerCharTransformer.toFixed(3)} (logits × ${calibration.scale}; ${calibration.before.toFixed(3)} before), markov ${metrics.valBitsPerCharMarkov.toFixed(3)}, mixture ${tuned.bitsPerChar.toFixed(3)} (λ ${tuned.lambdas.join('/')}), ${trained.seconds.toFixed(0)} s`);
  tf.dispose(Object.values(trained.weights));
}

/**
 * Refits one trained split, keeping its trained transformer, and re-tunes λ on validation:
 * `chain` rebuilds the chain with the current DEFAULT_MARKOV_CONFIG; `calibrate` fits the
 * transformer's logit scale (as training now does at its end; a calibrated model refits to ~1).
 * Records the new validation figures in train.json.
 */
async function refitSplit(rows: readonly CorpusRow[], seed: number, dir: string, what: 'chain' | 'calibrate'): Promise<void> {
  const recordFile = join(dir, 'train.json');
  if (!existsSync(recordFile)) usage(`${dir}: no trained split to refit (run npm run train:dialogue first)`);
  const split = splitByFamily(rows, seed);
  const old = readModelFiles(dir);
  const markov = what === 'chain' ? new MarkovChain(split.train, DEFAULT_MARKOV_CONFIG) : old.markov;
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as SplitRecord;
  if (what === 'calibrate') {
    const fit = calibrateTransformer(old, split.validation);
    record.metrics.logitScale = Math.round((record.metrics.logitScale ?? 1) * fit.scale * 1e6) / 1e6;
    record.metrics.valBitsPerCharUncalibrated ??= fit.before;
  }
  const scores = scoreRows(old.weights, old.config, old.tokenizer, markov, split.validation);
  const tuned = tuneMixtureWeights(scores, markov.evidenceLevels);
  await writeModelFiles(dir, { ...old, markov, mixtureWeights: tuned.lambdas });
  record.metrics = {
    ...record.metrics,
    valBitsPerCharTransformer: modelBitsPerChar(scores, 'transformer'),
    valBitsPerCharMarkov: modelBitsPerChar(scores, 'markov'),
    valBitsPerCharMixture: tuned.bitsPerChar,
    mixtureWeightGlobal: tuned.global,
  };
  if (what === 'chain') record.chainCommand = trainCommand();
  else record.calibrateCommand = trainCommand();
  writeAtomic(recordFile, `${JSON.stringify(record, null, 1)}\n`);
  console.error(`split ${seed}: ${what === 'chain' ? 'chain rebuilt' : `logits × ${record.metrics.logitScale}`}; validation bits/char transformer ${record.metrics.valBitsPerCharTransformer.toFixed(3)}, markov ${record.metrics.valBitsPerCharMarkov.toFixed(3)}, mixture ${tuned.bitsPerChar.toFixed(3)} (λ ${tuned.lambdas.join('/')})`);
  tf.dispose(Object.values(old.weights));
}

main().catch((e: unknown) => {
  console.error(`train:dialogue: ${(e as Error).message}`);
  process.exit(1);
});
