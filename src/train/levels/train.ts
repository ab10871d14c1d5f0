import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../../core/rng';
import { PROJECT_VOCAB } from '../../models/levelVae/encoding';
import { levelVaeFromModel } from '../../models/levelVae/loader';
import type { StylePrior } from '../../models/levelVae/vae';
import { DEFAULT_ARCH, parameterCount } from '../../models/levelVae/model';
import { loadModelDir, readJsonFile, saveModelDir, writeJsonAtomic } from '../modelFiles';
import { writeMeta } from '../meta';
import { writeLossPlotSvg } from '../plot';
import { createProgress } from '../progress';
import { initTfNode } from '../tfNode';
import { readCustomCorpus, type Corpus } from './corpus';
import { readProjectCorpus } from './manifest';
import { reconstruction } from './reconstruction';
import { fitStylePrior } from './latentPrior';
import { isPlayable } from './metrics';
import { bandsByStyle } from './generatorRun';
import { infoFor, totalSteps, trainLevelVae, type EpochStats, type TrainOptions } from './trainer';

/**
 * `npm run train:levels` — trains the conditional level VAE in Node (wasm backend) and writes
 * model.json + weights.bin + meta.json + loss.svg. Defaults: the project corpus in `levels/`,
 * output `public/models/level-vae/`. Custom corpora:
 *   npm run train:levels -- --corpus DIR --legend FILE --out DIR [--windows] [--style S] [--biome B]
 * Generalisation diagnostic (one whole style left out of training):
 *   npm run train:levels -- --holdout   (style from levels/manifest.json; output .cache/...)
 */
const USAGE = `usage: npm run train:levels -- [--corpus DIR --legend FILE] [--out DIR] [--windows]
  [--style NAME] [--biome NAME] [--epochs N] [--batch N] [--lr X] [--beta X] [--latent N]
  [--hidden N] [--dec-channels N] [--dec-convs N] [--dec-seed half|full] [--cond-map N]
  [--nonfloor-weight X] [--prior-components K] [--prior-scale X] [--seed N] [--holdout]
  [--ckpt DIR] [--ckpt-every N] [--resume]`;

function intArg(v: string | undefined, name: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected an integer ≥ ${min}, got ${JSON.stringify(v)}\n${USAGE}`);
  return n;
}

function numArg(v: string | undefined, name: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name}: expected a number in [${min}, ${max}], got ${JSON.stringify(v)}\n${USAGE}`);
  return n;
}

function seedArg(v: string | undefined): 'half' | 'full' {
  if (v === 'half' || v === 'full') return v;
  throw new Error(`--dec-seed: expected half or full, got ${JSON.stringify(v)}\n${USAGE}`);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        corpus: { type: 'string' },
        legend: { type: 'string' },
        out: { type: 'string' },
        windows: { type: 'boolean', default: false },
        style: { type: 'string' },
        biome: { type: 'string' },
        epochs: { type: 'string', default: '80' },
        batch: { type: 'string', default: '64' },
        lr: { type: 'string', default: '0.002' },
        beta: { type: 'string', default: '0.02' },
        latent: { type: 'string', default: String(DEFAULT_ARCH.latentSize) },
        'dec-channels': { type: 'string', default: String(DEFAULT_ARCH.decoderChannels) },
        'dec-convs': { type: 'string', default: String(DEFAULT_ARCH.decoderConvs) },
        hidden: { type: 'string', default: String(DEFAULT_ARCH.hidden) },
        'dec-seed': { type: 'string', default: DEFAULT_ARCH.decoderSeed },
        'cond-map': { type: 'string', default: String(DEFAULT_ARCH.condMapChannels ?? 0) },
        'nonfloor-weight': { type: 'string', default: '1' },
        'prior-components': { type: 'string', default: '64' },
        'prior-scale': { type: 'string', default: '1' },
        seed: { type: 'string', default: '1234' },
        holdout: { type: 'boolean', default: false },
        ckpt: { type: 'string' },
        'ckpt-every': { type: 'string', default: '5' },
        resume: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const a = parsed.values;
  if (a.corpus && !a.legend) throw new Error(`--corpus needs --legend FILE (char → tile mapping)\n${USAGE}`);
  if (a.legend && !a.corpus) throw new Error(`--legend needs --corpus DIR\n${USAGE}`);
  const custom = Boolean(a.corpus);
  if (custom && a.holdout) throw new Error('--holdout works on the project corpus only (a custom corpus has one style)');

  const corpus: Corpus = custom
    ? await readCustomCorpus(a.corpus!, a.legend!, { windows: a.windows, style: a.style, biome: a.biome })
    : await readProjectCorpus('levels');
  const holdout = a.holdout ? corpus.holdoutStyle : null;
  const out = a.out ?? (custom ? '.cache/level-vae-custom' : holdout ? `.cache/level-vae-holdout-${holdout}` : 'public/models/level-vae');
  const ckpt = a.ckpt ?? join('.cache', `ckpt-${out.replace(/[^A-Za-z0-9]+/g, '-')}`);
  const train = corpus.rooms.filter((r) => r.split === 'train' && r.style !== holdout);
  const val = corpus.rooms.filter((r) => r.split === 'val' && r.style !== holdout);
  if (train.length === 0) throw new Error(`${a.corpus ?? 'levels'}: no training rooms`);

  const options: TrainOptions = {
    arch: {
      ...DEFAULT_ARCH,
      latentSize: intArg(a.latent, '--latent', 16),
      decoderChannels: intArg(a['dec-channels'], '--dec-channels', 1),
      decoderConvs: intArg(a['dec-convs'], '--dec-convs', 0),
      hidden: intArg(a.hidden, '--hidden', 1),
      decoderSeed: seedArg(a['dec-seed']),
      condMapChannels: intArg(a['cond-map'], '--cond-map', 0),
    },
    vocab: custom ? { styles: corpus.styles, biomes: corpus.biomes } : PROJECT_VOCAB,
    defaultBiome: corpus.biomes[0],
    seed: intArg(a.seed, '--seed', 0),
    epochs: intArg(a.epochs, '--epochs', 1),
    batchSize: intArg(a.batch, '--batch', 1),
    learningRate: numArg(a.lr, '--lr', 1e-6, 1),
    betaMax: numArg(a.beta, '--beta', 0, 10),
    warmup: 0.3,
    augment: true,
    nonFloorWeight: numArg(a['nonfloor-weight'], '--nonfloor-weight', 0.1, 20),
    priorScale: numArg(a['prior-scale'], '--prior-scale', 0.01, 5),
  };
  const priorComponents = intArg(a['prior-components'], '--prior-components', 0);

  await initTfNode();
  let resume: { model: import('@tensorflow/tfjs').LayersModel; epoch: number } | undefined;
  let history: EpochStats[] = [];
  if (a.resume) {
    const state = (await readJsonFile(join(ckpt, 'state.json'))) as { epoch: number; history: EpochStats[] };
    resume = { model: await loadModelDir(ckpt), epoch: state.epoch };
    history = state.history;
    console.error(`train:levels: resuming from ${ckpt} after epoch ${state.epoch} (optimizer state restarts)`);
  }
  console.error(
    `train:levels: ${train.length} train rooms, ${val.length} val rooms, styles ${corpus.styles.join('/')}` +
      `${holdout ? ` (holding out ${holdout})` : ''} → ${out}`,
  );
  const ckptEvery = intArg(a['ckpt-every'], '--ckpt-every', 1);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const progress = createProgress({
    total: totalSteps(train.length, options),
    label: 'level-vae',
    fields: ['epoch', 'loss', 'recon', 'kl', 'beta', 'valRecon'],
  });
  let lastVal = NaN;
  const result = await trainLevelVae(train, val, options, {
    resume,
    onStep: (step, _total, s) => {
      progress.update(step, { epoch: s.epoch, loss: s.loss, recon: s.reconstruction, kl: s.kl, beta: s.beta, valRecon: lastVal });
    },
    onEpoch: async (stats, vae) => {
      lastVal = stats.valReconstruction;
      history.push(stats);
      if (stats.epoch % ckptEvery === 0 || stats.epoch === options.epochs) {
        await mkdir(ckpt, { recursive: true });
        await saveModelDir(vae.full, ckpt);
        await writeJsonAtomic(join(ckpt, 'state.json'), { epoch: stats.epoch, history });
      }
    },
  });
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6; // the machine is shared: CPU time is the fair cost

  let priorRooms = 0;
  const priors: Record<string, StylePrior> = {};
  if (priorComponents > 0) {
    // Fit each style's sampling prior to the latents of its training rooms (see latentPrior.ts),
    // leaving out rooms whose own reconstruction is unplayable: the prior should not send the
    // sampler to latents the decoder renders badly.
    for (const style of options.vocab.styles) {
      const rooms = train.filter((r) => r.style === style || options.vocab.styles.length === 1);
      if (rooms.length === 0) continue;
      const conds = rooms.map((r) => result.vae.conditionOf(r.grid, r.style, r.biome));
      const post = result.vae.posterior(rooms.map((r) => r.grid), conds);
      const decoded = result.vae.decodeBatch(post.mu, conds);
      let keep = rooms.map((_, i) => i).filter((i) => isPlayable(decoded[i], conds[i].doors));
      if (keep.length < priorComponents) keep = rooms.map((_, i) => i);
      priorRooms += keep.length;
      priors[style] = fitStylePrior(keep.map((i) => post.mu[i]), keep.map((i) => post.variance[i]), priorComponents, createRng(`${options.seed}/prior/${style}`));
    }
  }
  // The training rooms' density band per style: what the sampler's critic prefers (docs/levels.md).
  const bands = Object.fromEntries(bandsByStyle(train));
  result.vae.full.setUserDefinedMetadata({ ...infoFor(options), priors, bands } as unknown as Record<string, unknown>);
  const vae = levelVaeFromModel(result.vae.full, out); // re-read the metadata as the game will
  const valFigures = reconstruction(vae, val);
  const last = history[history.length - 1];
  await mkdir(out, { recursive: true });
  const bytes = await saveModelDir(vae.full, out);
  await writeLossPlotSvg(join(out, 'loss.svg'), [
    { name: 'train loss (recon + β·KL)', points: history.map((h) => [h.epoch, h.loss]) },
    { name: 'train reconstruction', points: history.map((h) => [h.epoch, h.reconstruction]) },
    { name: 'val reconstruction', points: history.map((h) => [h.epoch, h.valReconstruction]) },
    { name: 'train KL', points: history.map((h) => [h.epoch, h.kl]) },
  ], { title: 'Level VAE training (nats per room)', xLabel: 'epoch', yLabel: 'nats', logY: true });
  await writeMeta(out, {
    name: 'level-vae',
    version: '1',
    createdAt: new Date().toISOString(),
    dataHash: corpus.hash,
    dataLicence: corpus.licence,
    dataSources: [{ name: 'level corpus', licence: corpus.licence, origin: corpus.source }],
    seed: options.seed,
    epochs: options.epochs,
    steps: result.steps,
    metrics: {
      valAllTiles: valFigures.allTiles,
      valInteriorNonFloor: valFigures.interiorNonFloor,
      trainLoss: last.loss,
      trainReconstruction: last.reconstruction,
      trainKl: last.kl,
      valReconstruction: last.valReconstruction,
      valKl: last.valKl,
      weightBytes: bytes,
      cpuSeconds: Math.round(cpuSeconds),
    },
    params: parameterCount(vae.full),
    trainingSeconds: Math.round(seconds),
    command: ['npm run train:levels', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    config: {
      ...options,
      corpus: custom ? a.corpus : 'levels',
      legend: a.legend ?? 'levels/legend.json',
      windows: a.windows,
      holdoutStyle: holdout,
      priorComponents,
      priorRooms,
      trainRooms: train.length,
      valRooms: val.length,
    },
  });
  console.error(
    `train:levels: done in ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} s CPU); val reconstruction all ${valFigures.allTiles.toFixed(3)}, ` +
      `interior non-floor ${valFigures.interiorNonFloor.toFixed(3)}; wrote ${out} (${(bytes / 1024).toFixed(0)} KiB weights)`,
  );
  vae.dispose();
}

main().catch((err: unknown) => {
  console.error(`train:levels: ${(err as Error).message}`);
  process.exit(1);
});
