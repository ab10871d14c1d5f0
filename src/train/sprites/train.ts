/**
 * npm run train:sprites [-- --minutes 55 --steps N --batch 64 --seed 7 --resume]
 *                       [--sheet PNG --cell 16 --labels FILE]   (train on your own sprites)
 * Trains the class-conditional sprite GAN on the wasm backend; writes a log, loss plot, sample
 * grids and checkpoints under --work, and the EMA generator + meta.json + loss.svg to --out.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../../core/rng';
import { parameterCount } from '../../models/spriteGan/model';
import { saveModelDir } from '../modelFiles';
import { sha256Entries, writeMeta } from '../meta';
import { writeLossPlotSvg, type PlotSeries } from '../plot';
import { createProgress } from '../progress';
import { initTfNode } from '../tfNode';
import { AUGMENTATION, buildDataset, DEFAULT_BUILD } from './build';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { datasetCounts, withoutSplit, type SpriteDataset } from './dataset';
import { loadDataset } from './datasetFiles';
import { createGanTrainer, DEFAULT_GAN } from './ganTrainer';
import { writeSampleGrid } from './samples';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '.cache/sprites' },
    work: { type: 'string', default: '.cache/sprites/run' },
    out: { type: 'string', default: 'public/models/sprite-gan' },
    steps: { type: 'string', default: '100000' },
    minutes: { type: 'string', default: '57' },
    'cpu-minutes': { type: 'string' },
    'prior-cpu-seconds': { type: 'string' },
    'prior-wall-seconds': { type: 'string' },
    batch: { type: 'string', default: String(DEFAULT_GAN.batch) },
    'ac-weight': { type: 'string', default: String(DEFAULT_GAN.acWeight) },
    base: { type: 'string', default: String(DEFAULT_GAN.arch.base) },
    'critic-channels': { type: 'string', default: String(DEFAULT_GAN.critic.channels) },
    seed: { type: 'string', default: String(DEFAULT_GAN.seed) },
    'sample-every': { type: 'string', default: '500' },
    'ckpt-every': { type: 'string', default: '1000' },
    resume: { type: 'boolean', default: false },
    'plot-only': { type: 'boolean', default: false },
    sheet: { type: 'string' },
    cell: { type: 'string', default: '16' },
    labels: { type: 'string' },
  },
});

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} ${v}: expected a positive number`);
  return n;
}

function loadData(): SpriteDataset & { source: string; licence: string; sources: Array<{ name: string; licence: string; origin: string }> } {
  if (args.sheet) {
    if (!args.labels) throw new Error('--sheet needs --labels FILE (one class per cell)');
    const ds = buildDataset({ ...DEFAULT_BUILD, root: process.cwd(), sheet: { path: args.sheet, cell: positive('cell', args.cell), labels: args.labels } });
    return { ...ds, licence: 'user-supplied', sources: [{ name: 'own sprite sheet', licence: 'user-supplied', origin: args.sheet }] };
  }
  const cache = loadDataset(resolve(args.data));
  // The classifier-only tiles stay out: the GAN (and its data hash) sees the train/held split only.
  const ds = { ...withoutSplit(cache, 'extra'), info: cache.info };
  return {
    ...ds,
    source: ds.info.source,
    licence: 'CC-BY-4.0 AND Apache-2.0',
    sources: [
      { name: 'Twemoji (emoji-datasource-twitter)', licence: 'CC-BY-4.0', origin: 'npm:emoji-datasource-twitter@16.0.0' },
      { name: 'Noto Emoji (emoji-datasource-google)', licence: 'Apache-2.0', origin: 'npm:emoji-datasource-google@16.0.0' },
    ].filter((s) => ds.info.source.includes(s.origin.split(':')[1].split('@')[0])),
  };
}

/** Loss series from the run's whole log (all resumed segments). */
function seriesFromLog(logPath: string): PlotSeries[] {
  const lines = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').filter(Boolean) : [];
  const rows = lines.map((l) => JSON.parse(l) as { step: number; d: number; g: number });
  return [
    { name: 'critic (hinge)', points: rows.map((r) => [r.step, r.d]) },
    { name: 'generator', points: rows.map((r) => [r.step, r.g]) },
  ];
}

async function main(): Promise<void> {
  if (args['plot-only']) {
    const series = seriesFromLog(join(resolve(args.work), 'log.jsonl'));
    const steps = series[0].points.at(-1)?.[0] ?? 0;
    await writeLossPlotSvg(join(resolve(args.out), 'loss.svg'), series, { title: `sprite GAN losses (${steps} steps)`, xLabel: 'step', yLabel: 'loss' });
    return;
  }
  await initTfNode();
  const seed = Math.round(positive('seed', args.seed));
  const acWeight = Number(args['ac-weight']);
  if (!(acWeight >= 0)) throw new Error(`--ac-weight ${args['ac-weight']}: expected a number ≥ 0`);
  const base = Math.round(positive('base', args.base));
  if (base % 4) throw new Error(`--base ${base}: expected a multiple of 4 (halved twice)`);
  const cfg = {
    ...DEFAULT_GAN,
    batch: Math.round(positive('batch', args.batch)),
    seed,
    acWeight,
    arch: { ...DEFAULT_GAN.arch, base },
    critic: { ...DEFAULT_GAN.critic, channels: Math.round(positive('critic-channels', args['critic-channels'])) },
  };
  const maxSteps = Math.round(positive('steps', args.steps));
  const budgetMs = positive('minutes', args.minutes) * 60_000;
  // On a machine shared with other jobs, wall-clock time says little about compute: the optional
  // CPU budget counts this process's CPU time across resumed runs (single-threaded wasm, so on an
  // idle machine CPU time ≈ wall time).
  const cpuBudget = args['cpu-minutes'] ? positive('cpu-minutes', args['cpu-minutes']) * 60 : Infinity;
  const sampleEvery = Math.round(positive('sample-every', args['sample-every']));
  const ckptEvery = Math.round(positive('ckpt-every', args['ckpt-every']));
  const logEvery = Math.min(25, sampleEvery);
  const work = resolve(args.work);
  mkdirSync(join(work, 'samples'), { recursive: true });
  const data = loadData();
  console.error(`sprite GAN: ${data.tiles.length} tiles from ${data.source}: ${JSON.stringify(datasetCounts(data.tiles))}`);

  const rng = createRng(`sprite-gan/${seed}`);
  const trainer = createGanTrainer(data, cfg, rng.fork('train'));
  const logPath = join(work, 'log.jsonl');
  let prior = { cpuSeconds: 0, wallSeconds: 0 };
  if (args.resume) {
    const ck = loadCheckpoint(join(work, 'ckpt'), trainer.state());
    trainer.setStep(ck.step);
    prior = { cpuSeconds: ck.cpuSeconds, wallSeconds: ck.wallSeconds };
    console.error(`resumed at step ${trainer.step} (${Math.round(prior.cpuSeconds)} CPU s, ${Math.round(prior.wallSeconds)} wall s so far)`);
  }
  // For checkpoints written before totals were recorded.
  if (args['prior-cpu-seconds']) prior.cpuSeconds = Number(args['prior-cpu-seconds']);
  if (args['prior-wall-seconds']) prior.wallSeconds = Number(args['prior-wall-seconds']);
  const cpu0 = process.cpuUsage();
  const totals = () => {
    const u = process.cpuUsage(cpu0);
    return { cpuSeconds: prior.cpuSeconds + (u.user + u.system) / 1e6, wallSeconds: prior.wallSeconds + (performance.now() - t0) / 1000 };
  };
  const startStep = trainer.step;
  const progress = createProgress({ total: maxSteps, label: 'sprite-gan', fields: ['d', 'g', 'ms/step'] });
  const series: PlotSeries[] = [
    { name: 'critic (hinge)', points: [] },
    { name: 'generator', points: [] },
  ];
  const t0 = performance.now();
  let acc = { d: 0, g: 0, n: 0 };
  const snapshot = (final: boolean): void => {
    const g = trainer.exportGenerator(final ? 60 : 8);
    writeSampleGrid(join(work, 'samples', `step-${String(trainer.step).padStart(6, '0')}.png`), g, createRng('samples'));
    writeSampleGrid(join(work, 'samples', 'latest.png'), g, createRng('samples'));
    g.dispose();
  };
  while (trainer.step < maxSteps && performance.now() - t0 < budgetMs && totals().cpuSeconds < cpuBudget) {
    const loss = trainer.train();
    if (!Number.isFinite(loss.d) || !Number.isFinite(loss.g)) throw new Error(`sprite GAN: loss became ${loss.d}/${loss.g} at step ${trainer.step}`);
    acc = { d: acc.d + loss.d, g: acc.g + loss.g, n: acc.n + 1 };
    const step = trainer.step;
    if (step % logEvery === 0) {
      const ms = (performance.now() - t0) / Math.max(1, step - startStep);
      const line = { step, d: acc.d / acc.n, g: acc.g / acc.n, seconds: (performance.now() - t0) / 1000, ...totals() };
      appendFileSync(logPath, `${JSON.stringify(line)}\n`);
      series[0].points.push([step, line.d]);
      series[1].points.push([step, line.g]);
      progress.update(step, { d: line.d, g: line.g, 'ms/step': Math.round(ms) });
      acc = { d: 0, g: 0, n: 0 };
    }
    if (step % sampleEvery === 0) {
      snapshot(false);
      if (series[0].points.length > 0) await writeLossPlotSvg(join(work, 'loss.svg'), series, { title: 'sprite GAN losses', xLabel: 'step', yLabel: 'loss' });
    }
    if (step % ckptEvery === 0) saveCheckpoint(join(work, 'ckpt'), trainer.state(), step, totals());
  }
  progress.stop();
  const run = totals();
  saveCheckpoint(join(work, 'ckpt'), trainer.state(), trainer.step, run);
  snapshot(true);

  const out = resolve(args.out);
  const g = trainer.exportGenerator(60);
  const bytes = await saveModelDir(g, out);
  const fullSeries = seriesFromLog(logPath);
  if (fullSeries[0].points.length > 0) {
    await writeLossPlotSvg(join(out, 'loss.svg'), fullSeries, { title: `sprite GAN losses (${trainer.step} steps)`, xLabel: 'step', yLabel: 'loss' });
  }
  const last = series.map((s) => s.points.slice(-20).reduce((a, p) => a + p[1], 0) / Math.max(1, Math.min(20, s.points.length)));
  await writeMeta(out, {
    name: 'sprite-gan',
    version: '1',
    createdAt: new Date().toISOString(),
    dataHash: sha256Entries([['pixels', data.pixels], ['tiles', JSON.stringify(data.tiles)]]),
    dataLicence: data.licence,
    dataSources: data.sources,
    seed,
    steps: trainer.step,
    metrics: { finalCriticLoss: last[0], finalGeneratorLoss: last[1] },
    params: parameterCount(g),
    trainingSeconds: Math.round(run.wallSeconds),
    command: `npm run train:sprites -- ${process.argv.slice(2).join(' ')}`.trim(),
    config: { cpuSeconds: Math.round(run.cpuSeconds), wallSeconds: Math.round(run.wallSeconds), ...cfg, latent: cfg.arch.latent, classes: ['creature', 'item', 'character'], size: data.size, augmentation: AUGMENTATION, dataCounts: datasetCounts(data.tiles) },
  });
  console.error(`sprite GAN: ${trainer.step} steps, ${Math.round(run.wallSeconds)} s wall, ${Math.round(run.cpuSeconds)} s CPU; wrote ${out} (${bytes} bytes of weights)`);
  g.dispose();
  trainer.dispose();
}

main().catch((e: unknown) => {
  console.error(`train:sprites: ${(e as Error).message}`);
  process.exit(1);
});
