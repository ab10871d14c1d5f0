import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Grid } from '../../core/grid';
import { DEFAULT_PARAMS } from '../../core/params';
import { createRng } from '../../core/rng';
import type { Biome } from '../../core/vocab';
import { doorMaskOf } from '../../core/room';
import { levelVaeFromModel } from '../../models/levelVae/loader';
import { vaeRoomSampler } from '../../models/levelVae/sampler';
import { classicRoomSampler } from '../../pipeline/rooms/classic';
import { readMeta } from '../meta';
import { loadModelDir, writeFileAtomic } from '../modelFiles';
import { initTfNode } from '../tfNode';
import { readCustomCorpus, type Corpus, type CorpusRoom } from './corpus';
import { expressiveRangeSvg, type RangePanel } from './expressiveRange';
import { bandsByStyle, evalRequests, produceWithSampler, produceWithWfc, scoreRun, type Produced } from './generatorRun';
import { readProjectCorpus } from './manifest';
import { interiorBlockedShare, pathLength, toCodes } from './metrics';
import { reconstruction } from './reconstruction';
import { formatRooms, roomKey } from './roomText';
import { trainStyleClassifier } from './styleClassifier';
import { buildWfcPeer } from './wfcPeer';

/**
 * `npm run eval:levels -- [--model DIR] [--corpus DIR --legend FILE] [--train DIR] [--json]`
 * Compares the level VAE with the classic generator and the WFC peer on the same requests and
 * prints one JSON object (stdout; logs go to stderr). See docs/levels.md for every figure.
 */
const USAGE = `usage: npm run eval:levels -- [--model DIR] [--corpus DIR --legend FILE] [--train DIR]
  [--windows] [--samples N] [--quality N] [--wfc-samples N] [--candidates N] [--holdout-model DIR]
  [--plot FILE] [--examples DIR] [--seed S] [--json]`;

const log = (msg: string): void => void process.stderr.write(`eval:levels: ${msg}\n`);

function intArg(v: string | undefined, name: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected an integer ≥ ${min}, got ${JSON.stringify(v)}\n${USAGE}`);
  return n;
}

/** The corpus a model was trained on, as its meta.json records it. */
async function trainingCorpusOf(modelDir: string, trainDir: string | undefined, legend: string | undefined, windows: boolean): Promise<Corpus> {
  if (trainDir) {
    if (!legend) throw new Error('--train needs --legend FILE (the legend of the training rooms)');
    const c = await readCustomCorpus(trainDir, legend, { windows });
    return { ...c, rooms: c.rooms.map((r) => ({ ...r, split: 'train' as const })) };
  }
  const meta = await readMeta(modelDir);
  const cfg = (meta.config ?? {}) as { corpus?: string; legend?: string; windows?: boolean; vocab?: { styles: string[]; biomes: string[] } };
  if (!cfg.corpus || cfg.corpus === 'levels') return readProjectCorpus('levels');
  return readCustomCorpus(cfg.corpus, cfg.legend ?? '', { windows: cfg.windows, style: cfg.vocab?.styles[0], biome: cfg.vocab?.biomes[0] });
}

function rangePoints(rooms: ReadonlyArray<Grid | null>): RangePanel['points'] {
  return rooms.filter((g): g is Grid => g !== null).map((g) => [interiorBlockedShare(g), pathLength(g, doorMaskOf(g))] as const);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        model: { type: 'string', default: 'public/models/level-vae' },
        corpus: { type: 'string' },
        legend: { type: 'string' },
        train: { type: 'string' },
        windows: { type: 'boolean', default: false },
        samples: { type: 'string', default: '10000' },
        quality: { type: 'string', default: '1000' },
        'wfc-samples': { type: 'string', default: '1000' },
        candidates: { type: 'string', default: String(DEFAULT_PARAMS.rooms.candidates) },
        'holdout-model': { type: 'string' },
        plot: { type: 'string', default: 'levels/examples/expressive-range.svg' },
        examples: { type: 'string' },
        seed: { type: 'string', default: 'eval-levels' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const a = parsed.values;
  if (Boolean(a.corpus) !== Boolean(a.legend) && !a.train) throw new Error(`--corpus and --legend go together\n${USAGE}`);
  const samples = intArg(a.samples, '--samples', 1);
  const quality = intArg(a.quality, '--quality', 1);
  const wfcSamples = intArg(a['wfc-samples'], '--wfc-samples', 0); // 0 skips WFC (quick checks only)
  const candidates = intArg(a.candidates, '--candidates', 1);

  await initTfNode();
  const vae = levelVaeFromModel(await loadModelDir(a.model!), join(a.model!, 'model.json'));
  const trainCorpus = await trainingCorpusOf(a.model!, a.train, a.legend, a.windows!);
  const heldOutCorpus = a.corpus ? await readCustomCorpus(a.corpus, a.legend!, { windows: a.windows, style: vae.info.styles[0], biome: vae.info.biomes[0] }) : null;
  const trainRooms = trainCorpus.rooms.filter((r) => r.split === 'train');
  const heldOut: CorpusRoom[] = heldOutCorpus ? heldOutCorpus.rooms : trainCorpus.rooms.filter((r) => r.split === 'test');
  const styles = [...new Set(trainRooms.map((r) => r.style))].filter((s) => vae.info.styles.includes(s) || vae.info.styles.length === 1);
  log(`${trainRooms.length} training rooms, ${heldOut.length} held-out rooms, styles ${styles.join('/')}`);

  const started = performance.now();
  const classifier = styles.length > 1 ? await trainStyleClassifier(trainCorpus.rooms, styles) : null;
  if (classifier) log(`style classifier: test accuracy ${classifier.testAccuracy.toFixed(3)}`);
  const heldOutByStyle = new Map(styles.map((s) => [s, heldOut.filter((r) => r.style === s || styles.length === 1).map((r) => r.grid)]));
  const ctx = {
    trainKeys: new Set(trainRooms.map((r) => roomKey(r.grid))),
    trainCodes: toCodes(trainRooms.map((r) => r.grid)),
    bands: bandsByStyle(trainRooms),
    heldOutByStyle,
    classifier,
    qualitySamples: quality,
  };

  const rng = createRng(a.seed!);
  const requests = evalRequests(samples, styles, rng.fork('requests'));
  const runs: Record<string, Produced> = {};
  const report: Record<string, unknown> = {};

  log(`vae: ${samples} samples, up to ${candidates} critic draws per room (as the game samples)`);
  runs.vae = produceWithSampler(vaeRoomSampler(vae), requests, rng.fork('vae'), candidates);
  const recon = reconstruction(vae, heldOut);
  const byStyle = Object.fromEntries(styles.map((s) => {
    const f = reconstruction(vae, heldOut.filter((r) => r.style === s));
    return [s, { allTiles: Number(f.allTiles.toFixed(4)), interiorNonFloor: Number(f.interiorNonFloor.toFixed(4)) }];
  }));
  report.vae = {
    reconstruction: { allTiles: Number(recon.allTiles.toFixed(4)), interiorNonFloor: Number(recon.interiorNonFloor.toFixed(4)), rooms: recon.rooms, byStyle },
    ...scoreRun(requests, runs.vae, ctx),
  };

  if (candidates > 1) {
    // The decoder without its critic: each room is the first prior draw (rooms.candidates = 1).
    log(`vaeFirstDraw: ${samples} samples, one draw per room`);
    runs.vaeFirstDraw = produceWithSampler(vaeRoomSampler(vae), requests, rng.fork('vae'), 1);
    report.vaeFirstDraw = scoreRun(requests, runs.vaeFirstDraw, ctx);
  }

  log(`classic: ${samples} samples`);
  runs.classic = produceWithSampler(classicRoomSampler, requests, rng.fork('classic'));
  report.classic = scoreRun(requests, runs.classic, ctx);

  const wfcRequests = requests.slice(0, wfcSamples);
  if (wfcSamples > 0) {
    log(`wfc: building pattern tables from ${trainRooms.length} training rooms`);
    const peer = buildWfcPeer(new Map(styles.map((s) => [s, trainRooms.filter((r) => r.style === s).map((r) => r.grid)])));
    log(`wfc: ${wfcRequests.length} samples`);
    runs.wfc = produceWithWfc(peer, wfcRequests, rng.fork('wfc'));
    report.wfc = { ...scoreRun(wfcRequests, runs.wfc, ctx), buildMs: Math.round(Object.values(peer.buildMs).reduce((x, y) => x + y, 0)) };
  } else {
    report.wfc = null;
  }

  if (a['holdout-model']) {
    const dir = a['holdout-model'];
    const meta = await readMeta(dir);
    const style = (meta.config as { holdoutStyle?: string } | undefined)?.holdoutStyle;
    if (!style) throw new Error(`${dir}/meta.json: no config.holdoutStyle (train it with --holdout)`);
    const held = levelVaeFromModel(await loadModelDir(dir), join(dir, 'model.json'));
    const unseen = reconstruction(held, heldOut.filter((r) => r.style === style));
    const seen = reconstruction(held, heldOut.filter((r) => r.style !== style));
    report.generalisation = {
      heldOutStyle: style,
      unseenStyle: { allTiles: Number(unseen.allTiles.toFixed(4)), interiorNonFloor: Number(unseen.interiorNonFloor.toFixed(4)), rooms: unseen.rooms },
      seenStyles: { allTiles: Number(seen.allTiles.toFixed(4)), interiorNonFloor: Number(seen.interiorNonFloor.toFixed(4)), rooms: seen.rooms },
    };
    held.dispose();
  }

  // The control: the held-out rooms themselves, scored like a generator's samples. A generator
  // that matched the corpus exactly would score this; nonTrivial is near 0.9 by construction
  // (the band is the training rooms' 5th–95th percentile), so it is the ceiling to compare with.
  const refRooms = heldOut.filter((r) => styles.length === 1 || styles.includes(r.style));
  const refGrids = refRooms.map((r) => r.grid);
  const refRequests = refRooms.map((r) => ({ doors: doorMaskOf(r.grid), style: styles.length === 1 ? styles[0] : r.style, biome: r.biome as Biome }));
  const refRun: Produced = { raw: refGrids, repaired: refGrids, changed: refGrids.map(() => 0), ms: NaN, tries: refGrids.length };
  report.reference = { ...scoreRun(refRequests, refRun, ctx), msPerRoom: null };

  type Scored = { msPerRoom: number; tilePatternKL2x2: { mean: number } };
  const vaeScore = report.vae as Scored;
  const wfcScore = report.wfc as Scored | null;
  report.comparison = {
    vaeMsPerRoomOverWfc: wfcScore ? Number((vaeScore.msPerRoom / wfcScore.msPerRoom).toFixed(5)) : null,
    klVae: vaeScore.tilePatternKL2x2.mean,
    klWfc: wfcScore ? wfcScore.tilePatternKL2x2.mean : null,
  };
  report.setup = {
    model: a.model,
    trainingCorpus: trainCorpus.source,
    trainingRooms: trainRooms.length,
    heldOut: heldOutCorpus ? heldOutCorpus.source : 'test split of the training corpus',
    heldOutRooms: heldOut.length,
    styles,
    styleClassifierTestAccuracy: classifier ? Number(classifier.testAccuracy.toFixed(4)) : null,
    seed: a.seed,
    candidates,
    seconds: Math.round((performance.now() - started) / 1000),
  };

  const panels: RangePanel[] = [
    { name: 'held-out corpus', points: rangePoints(heldOut.map((r) => r.grid)) },
    { name: 'VAE', points: rangePoints(runs.vae.raw.slice(0, quality)) },
    { name: 'classic', points: rangePoints(runs.classic.raw.slice(0, quality)) },
    ...(runs.wfc ? [{ name: 'WFC', points: rangePoints(runs.wfc.raw) }] : []),
  ];
  await mkdir(dirname(a.plot!), { recursive: true });
  await writeFileAtomic(a.plot!, expressiveRangeSvg(panels, { xLabel: 'blocked interior share', yLabel: 'path length between doors (tiles)', xMax: 1, yMax: 30, bins: 20 }, 'Expressive range: rooms by blocked share and path length'));
  log(`wrote ${a.plot}`);
  if (a.examples) {
    await mkdir(a.examples, { recursive: true });
    for (const [name, run] of Object.entries(runs)) {
      const rooms = run.raw.slice(0, 25).filter((g): g is Grid => g !== null);
      await writeFile(join(a.examples, `${name}-samples.txt`), `; ${name}: first ${rooms.length} raw samples of npm run eval:levels (seed ${a.seed})\n\n${formatRooms(rooms)}`);
    }
  }
  vae.dispose();
  classifier?.model.dispose();
  const text = JSON.stringify(report, null, 2);
  if (a.json) process.stdout.write(`${text}\n`);
  else log(text);
}

main().catch((err: unknown) => {
  console.error(`eval:levels: ${(err as Error).message}`);
  process.exit(1);
});
