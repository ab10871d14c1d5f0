/**
 * npm run eval:sprites [-- --json] [--n 1000] [--model public/models/sprite-gan] [--retrain-classifier]
 * Scores GAN, procedural and held-out real sprites after the game's post-processing (grassland
 * palette, default sprite params) with a CNN classifier trained on the real training split; writes
 * a sheet of 64 GAN vs 64 real sprites per class. See docs/sprites.md for every figure.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type * as tfType from '@tensorflow/tfjs';
import { createRng } from '../../core/rng';
import { DEFAULT_PARAMS } from '../../core/params';
import { SPRITE_CLASSES, type SpriteClass } from '../../core/vocab';
import { fromPremul, toPremul } from '../../art/spriteImage';
import { finishSprite } from '../../art/spritePost';
import { drawProcedural } from '../../art/spriteProcedural';
import { postOptionsFor } from '../../art/spriteStyle';
import { drawLatent, generateImages } from '../../models/spriteGan/sampler';
import { loadModelDir, saveModelDir } from '../modelFiles';
import { readJsonFile, writeJsonAtomic } from '../modelFiles';
import { readMeta, writeMeta } from '../meta';
import { initTfNode } from '../tfNode';
import { classify, ENSEMBLE_SEEDS, splitImages, trainClassifierEnsemble } from './classifier';
import { loadDataset } from './datasetFiles';
import { kNearest, meanPairwiseDistance, median, precisionRecall, quantile } from './metrics';
import { writeSpriteGrid } from './sheetPng';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    n: { type: 'string', default: '1000' },
    data: { type: 'string', default: '.cache/sprites' },
    model: { type: 'string', default: 'public/models/sprite-gan' },
    sheet: { type: 'string', default: 'docs/sprites-eval-sheet.png' },
    'retrain-classifier': { type: 'boolean', default: false },
    'classifier-only': { type: 'boolean', default: false },
    classifier: { type: 'string' },
    'update-meta': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'eval' },
  },
});

const OPTIONS = DEFAULT_PARAMS.sprites;
/** Game post-processing of one soft image; evaluation looks at idle frame 1 (frame 2 is a 1-px squash of it). */
const finish = (img: Float32Array, cls: SpriteClass): Float32Array => toPremul(finishSprite(img, postOptionsFor(cls, 'grassland', OPTIONS))[0]);

interface SetScores {
  n: number;
  classAccuracy: number;
  perClass: Record<string, number>;
  precision: number;
  recall: number;
  nnRatio: number;
  nnRatioPixels: number;
  memorised: number;
  diversity: number;
  msPerSprite: number | null;
  msPerSpriteCpu?: number | null;
  msPerSpriteModel?: number | null;
}

/** The evaluation ensemble: `--classifier DIR`, else the cached one, else trained (and cached). */
async function classifierFor(dataDir: string, ds: ReturnType<typeof loadDataset>): Promise<tfType.LayersModel[]> {
  if (args.classifier) return loadMembers(resolve(args.classifier));
  const dir = join(dataDir, 'classifier');
  const stamp = { tiles: ds.tiles.length, hash: ds.info.hash, extraHash: ds.info.extraHash ?? '', version: 8, seeds: ENSEMBLE_SEEDS };
  if (!args['retrain-classifier'] && existsSync(join(dir, 'stamp.json'))) {
    const old = (await readJsonFile(join(dir, 'stamp.json'))) as typeof stamp;
    if (JSON.stringify(old) === JSON.stringify(stamp)) return loadMembers(dir);
  }
  const members = await trainClassifierEnsemble(ds);
  for (const [k, m] of members.entries()) await saveModelDir(m, join(dir, `member-${k}`));
  await writeJsonAtomic(join(dir, 'stamp.json'), stamp);
  return members;
}

/** Members saved as `member-0`, `member-1`, … under `dir`, or `dir` itself holding one model. */
async function loadMembers(dir: string): Promise<tfType.LayersModel[]> {
  const members: tfType.LayersModel[] = [];
  for (let k = 0; existsSync(join(dir, `member-${k}`, 'model.json')); k++) members.push(await loadModelDir(join(dir, `member-${k}`)));
  return members.length > 0 ? members : [await loadModelDir(dir)];
}

/**
 * Median wall and CPU milliseconds of `fn` over `reps` runs. CPU time of this process is reported
 * beside wall time because the machine is shared: the wasm backend is single-threaded, so on an
 * idle core the two agree, and under contention CPU time is the one that means "how fast".
 */
function timeMs(fn: () => void, reps = 7): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function main(): Promise<void> {
  await initTfNode();
  const n = Math.round(Number(args.n));
  if (!(n >= 1)) throw new Error(`--n ${args.n}: expected a positive integer`);
  const rng = createRng(`sprite-eval/${args.seed}`);
  const dataDir = resolve(args.data);
  const ds = loadDataset(dataDir);
  const classifier = await classifierFor(dataDir, ds);

  const train = splitImages(ds, 'train');
  const held = splitImages(ds, 'held');
  const trainFinished = train.images.map((im, i) => finish(im, SPRITE_CLASSES[train.classes[i]]));
  const heldFinished = held.images.map((im, i) => finish(im, SPRITE_CLASSES[held.classes[i]]));
  const heldScored = classify(classifier, heldFinished);
  const trainFeatures = classify(classifier, trainFinished).features;

  // Reference distances: nearest training image of each held-out real sprite, and between
  // distinct training images (its 1st percentile is the "near-copy" threshold).
  // nnRatio is measured in the classifier's feature space (what a sprite looks like), with the
  // pixel-space ratio beside it; near-copies are a pixel notion. "Distinct" training images are
  // pairs at distance > 0: some tiles of different emoji are pixel-identical after shrinking.
  const heldNn = kNearest(heldScored.features, trainFeatures, 1).map((d) => d[0]);
  const heldNnPixels = kNearest(heldFinished, trainFinished, 1).map((d) => d[0]);
  const trainNn = kNearest(trainFinished, trainFinished, 2, true).map((d) => (d[0] > 1e-6 ? d[0] : d[1]));
  const copyThreshold = quantile(trainNn.filter((d) => d > 1e-6), 0.01);
  const heldMedian = median(heldNn);
  const heldMedianPixels = median(heldNnPixels);

  const score = (images: Float32Array[], classes: number[], precisionSet?: Float32Array[]): SetScores => {
    const { labels, features } = classify(classifier, images);
    const perClass: Record<string, number> = {};
    SPRITE_CLASSES.forEach((cls, c) => {
      const idx = classes.flatMap((k, i) => (k === c ? [i] : []));
      perClass[cls] = idx.filter((i) => labels[i] === c).length / Math.max(1, idx.length);
    });
    const nn = kNearest(features, trainFeatures, 1).map((d) => d[0]);
    const nnPixels = kNearest(images, trainFinished, 1).map((d) => d[0]);
    const pr = precisionRecall(heldScored.features, precisionSet ?? features, 5);
    return {
      n: images.length,
      classAccuracy: Object.values(perClass).reduce((a, b) => a + b, 0) / SPRITE_CLASSES.length,
      perClass,
      precision: pr.precision,
      recall: pr.recall,
      nnRatio: median(nn) / heldMedian,
      nnRatioPixels: median(nnPixels) / heldMedianPixels,
      memorised: nnPixels.filter((d) => d < copyThreshold).length / nnPixels.length,
      diversity: meanPairwiseDistance(features),
      msPerSprite: null,
    };
  };

  if (args['classifier-only']) {
    const real = score(heldFinished, held.classes, trainFeatures);
    console.log(JSON.stringify({ classifierRealAccuracy: real.classAccuracy, perClass: real.perClass }));
    return;
  }
  const classes = SPRITE_CLASSES.flatMap((_, c) => Array<number>(n).fill(c));
  const out: Record<string, unknown> = {};

  // GAN
  const gen = await loadModelDir(resolve(args.model));
  const latent = gen.inputs[0].shape[1] as number;
  const ganRng = rng.fork('gan');
  const ganRaw: Float32Array[] = [];
  for (let i = 0; i < classes.length; i += 256) {
    const cs = classes.slice(i, i + 256).map((c) => SPRITE_CLASSES[c]);
    ganRaw.push(...generateImages(gen, cs.map(() => drawLatent(ganRng, latent, OPTIONS.truncation)), cs));
  }
  const ganImages = ganRaw.map((im, i) => finish(im, SPRITE_CLASSES[classes[i]]));
  const gan = score(ganImages, classes);
  const batchCls = Array.from({ length: 256 }, (_, i) => SPRITE_CLASSES[i % 3]);
  const zs = batchCls.map(() => drawLatent(ganRng, latent, OPTIONS.truncation));
  generateImages(gen, zs, batchCls); // warm-up
  gan.msPerSpriteModel = timeMs(() => generateImages(gen, zs, batchCls)).wall / 256;
  const ganTime = timeMs(() => generateImages(gen, zs, batchCls).forEach((im, i) => finishSprite(im, postOptionsFor(batchCls[i], 'grassland', OPTIONS))));
  gan.msPerSprite = ganTime.wall / 256;
  gan.msPerSpriteCpu = ganTime.cpu / 256;
  out.gan = gan;

  // Procedural baseline
  const procRng = rng.fork('procedural');
  const procImages = classes.map((c) => finish(drawProcedural(SPRITE_CLASSES[c], procRng), SPRITE_CLASSES[c]));
  const procedural = score(procImages, classes);
  const procTime = timeMs(() => batchCls.forEach((cls) => finishSprite(drawProcedural(cls, procRng), postOptionsFor(cls, 'grassland', OPTIONS))));
  procedural.msPerSprite = procTime.wall / 256;
  procedural.msPerSpriteCpu = procTime.cpu / 256;
  out.procedural = procedural;

  // Real held-out (the control): precision/recall use the real training split as the "generated" set.
  const real = score(heldFinished, held.classes, trainFeatures);
  out.real = real;
  out.classifierRealAccuracy = real.classAccuracy;
  out.reference = {
    heldOutPerClass: SPRITE_CLASSES.map((_, c) => held.classes.filter((k) => k === c).length),
    trainPerClass: SPRITE_CLASSES.map((_, c) => train.classes.filter((k) => k === c).length),
    nnMedianHeldToTrain: heldMedian,
    nnMedianHeldToTrainPixels: heldMedianPixels,
    copyThreshold,
    space: 'nnRatio, precision/recall, diversity: classifier features (128); nnRatioPixels, memorised: Euclidean distance of post-processed premultiplied RGBA (1024 values in [0,1])',
  };

  // Sheet: per class 8 rows of 8 GAN sprites | gap | 8 real held-out (or training) sprites.
  const sheet: Uint8ClampedArray[] = [];
  const sheetRng = rng.fork('sheet');
  SPRITE_CLASSES.forEach((_, c) => {
    const ganIdx = classes.flatMap((k, i) => (k === c ? [i] : [])).slice(0, 64);
    const realPool = held.classes.flatMap((k, i) => (k === c ? [i] : []));
    const realIdx = sheetRng.shuffle(realPool).slice(0, 64);
    for (let r = 0; r < 8; r++) {
      for (let k = 0; k < 8; k++) sheet.push(fromPremul(ganImages[ganIdx[r * 8 + k]]));
      for (let k = 0; k < 8; k++) {
        const j = realIdx[(r * 8 + k) % realIdx.length];
        sheet.push(fromPremul(heldFinished[j]));
      }
    }
  });
  writeSpriteGrid(resolve(args.sheet), sheet, 16, 16, 3, 8);
  out.sheet = args.sheet;

  if (args['update-meta']) {
    // The shipped model's meta.json carries its evaluation figures.
    const dir = resolve(args.model);
    const meta = await readMeta(dir);
    const perClass = Object.fromEntries(Object.entries(gan.perClass).map(([k, v]) => [`classAccuracy.${k}`, v]));
    const figures: Record<string, number> = { ...meta.metrics, classAccuracy: gan.classAccuracy, ...perClass, precision: gan.precision, recall: gan.recall, nnRatio: gan.nnRatio, nnRatioPixels: gan.nnRatioPixels, memorised: gan.memorised, diversity: gan.diversity, msPerSprite: gan.msPerSprite!, msPerSpriteCpu: gan.msPerSpriteCpu!, classifierRealAccuracy: real.classAccuracy, proceduralClassAccuracy: procedural.classAccuracy, proceduralNnRatio: procedural.nnRatio };
    await writeMeta(dir, { ...meta, metrics: figures });
  }
  if (args.json) console.log(JSON.stringify(out));
  else console.log(JSON.stringify(out, null, 2));
  gen.dispose();
  classifier.forEach((m) => m.dispose());
}

main().catch((e: unknown) => {
  console.error(`eval:sprites: ${(e as Error).message}`);
  process.exit(1);
});
