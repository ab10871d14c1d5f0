import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS } from '../../core/params';
import { disposeDialogueModels } from '../../models/dialogue/artifacts';
import { createLineSampler } from '../../models/dialogue/sampler';
import { createLineWriter } from '../../models/dialogue/writer';
import { mixtureBitsPerChar, modelBitsPerChar, scoreRows } from '../../models/dialogue/score';
import { buildFilterIndex } from './verbs';
import { readMeta, sha256Hex, writeMeta } from '../meta';
import { initTfNode } from '../tfNode';
import { RoleClassifier } from './classifier';
import { parseRows } from './corpusRows';
import { evalRequests, evaluateSampler, msPerLine, type SampleFigures } from './evalSampling';
import { meanStd, median } from './metrics';
import { createRng } from '../../core/rng';
import { loadSplitModels } from './splitModels';
import { SPLIT_SEEDS, splitByFamily } from './splits';

/**
 * `npm run eval:dialogue -- --json`: the three models on the held-out test families of each split
 * (models from `.cache/dialogue/split-N/` or `--work DIR`, left there by train:dialogue; the shipped model stands
 * in for split 1 when the cache is gone). Prints one JSON object: per model the mean over splits of
 * every figure, its spread (sample standard deviation) and the per-split values, then the targets.
 *   --splits 1,2,3  --lines 1000  --slot-lines 10000 (per model, over all splits)  --timing-lines 100
 *   --temperature 0.8 --top-k 20 --candidates 16 (default: the game's; DEFAULT_PARAMS.dialogue; candidates
 *   per line of the line writer, which writes the shown lines)
 *   --update-meta (write the means into public/models/dialogue/meta.json)
 *   --timing-only (just the latency figures, for a quiet machine)
 */

const KINDS = ['markov', 'transformer', 'mixture'] as const;
type Kind = (typeof KINDS)[number];
type Figures = SampleFigures & { bitsPerChar: number };

function usage(msg: string): never {
  console.error(`eval:dialogue: ${msg}\nusage: npm run eval:dialogue -- [--json] [--splits 1,2,3] [--lines N] [--slot-lines N] [--timing-lines N] [--temperature T] [--top-k K] [--candidates N] [--update-meta] [--work DIR]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        splits: { type: 'string', default: SPLIT_SEEDS.join(',') },
        lines: { type: 'string', default: '1000' },
        'slot-lines': { type: 'string', default: '10000' },
        'timing-lines': { type: 'string', default: '100' },
        'update-meta': { type: 'boolean', default: false },
        'timing-only': { type: 'boolean', default: false },
        temperature: { type: 'string', default: String(DEFAULT_PARAMS.dialogue.temperature) },
        'top-k': { type: 'string', default: String(DEFAULT_PARAMS.dialogue.topK) },
        candidates: { type: 'string', default: String(DEFAULT_PARAMS.dialogue.candidates) },
        work: { type: 'string', default: '.cache/dialogue' },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const seeds = values.splits!.split(',').map(Number);
  const [lines, slotLines, timingLines] = [values.lines, values['slot-lines'], values['timing-lines']].map(Number);
  if (seeds.some((s) => !Number.isInteger(s)) || ![lines, slotLines, timingLines].every((n) => Number.isInteger(n) && n >= 0)) usage('counts and splits must be integers');
  await initTfNode();
  const corpusText = readFileSync('assets/text/corpus.txt', 'utf8');
  const corpusHash = sha256Hex(corpusText);
  const { rows } = parseRows(corpusText, 'assets/text/corpus.txt', 'corpus');
  const sampling = { temperature: Number(values.temperature), topK: Number(values['top-k']), candidates: Number(values.candidates) };
  if (!(sampling.temperature > 0) || !(Number.isInteger(sampling.topK) && sampling.topK > 0) || !(Number.isInteger(sampling.candidates) && sampling.candidates > 0)) {
    usage('--temperature must be > 0, --top-k and --candidates positive integers');
  }
  const warnings: string[] = [];
  if (values['timing-only']) {
    // Latency alone (re-measure on a quiet machine): median ms per single line, per model and split.
    const timing: Record<string, number[]> = { markov: [], transformer: [], mixture: [] };
    const batched: Record<string, number[]> = { markov: [], transformer: [], mixture: [] };
    for (const seed of seeds) {
      const models = loadSplitModels(values.work!, seed, corpusHash, warnings);
      if (!models) continue;
      for (const kind of KINDS) {
        const sampler = createLineSampler(kind, models);
        timing[kind].push(round(msPerLine(sampler, timingLines, sampling, createRng(`timing-${seed}/${kind}`))));
        const reqs = evalRequests(lines, createRng(`batch-${seed}`));
        const t0 = performance.now();
        sampler.sampleLines(reqs, createRng(`batch-${seed}/${kind}`), sampling);
        batched[kind].push(round((performance.now() - t0) / reqs.length));
      }
      disposeDialogueModels(models);
    }
    const summary = (t: Record<string, number[]>) => Object.fromEntries(KINDS.map((k) => [k, { median: round(median(t[k])), perSplit: t[k] }]));
    console.log(JSON.stringify({ msPerLine: summary(timing), msPerLineBatched: summary(batched), batchLines: lines, warnings }, null, 2));
    return;
  }
  const perSplit: { seed: number; mixtureWeights: number[]; testLines: number; figures: Record<Kind, Figures> }[] = [];
  const evaluated = seeds.filter((seed) => existsSync(join(values.work!, `split-${seed}`, 'weights.bin')) || seed === SPLIT_SEEDS[0]);
  for (const seed of seeds) {
    const models = loadSplitModels(values.work!, seed, corpusHash, warnings);
    if (!models) continue;
    const split = splitByFamily(rows, seed);
    const index = buildFilterIndex(split.train.map((r) => r.text));
    const classifier = new RoleClassifier(split.train);
    const scores = scoreRows(models.weights, models.config, models.tokenizer, models.markov, split.test);
    const bpc: Record<Kind, number> = {
      markov: modelBitsPerChar(scores, 'markov'),
      transformer: modelBitsPerChar(scores, 'transformer'),
      mixture: mixtureBitsPerChar(scores, models.mixtureWeights),
    };
    const figures = {} as Record<Kind, Figures>;
    for (const kind of KINDS) {
      const sampled = evaluateSampler(createLineSampler(kind, models), index, classifier, {
        lines, slotLines: Math.ceil(slotLines / Math.max(1, evaluated.length)), timingLines, sampling, seed: `eval-${seed}`,
      }, createLineWriter(kind, models, index));
      figures[kind] = { bitsPerChar: bpc[kind], ...sampled };
      console.error(`split ${seed} ${kind}: bits/char ${bpc[kind].toFixed(3)}, novelty ${sampled.novelty.toFixed(3)}, role accuracy ${sampled.roleAccuracy.toFixed(3)} (shown ${sampled.shownRoleAccuracy.toFixed(3)}), ${sampled.msPerLine.toFixed(2)} ms/line`);
    }
    perSplit.push({ seed, mixtureWeights: models.mixtureWeights, testLines: split.test.length, figures });
    disposeDialogueModels(models);
  }
  if (perSplit.length === 0) usage(`no split has models; run npm run train:dialogue first (${warnings.join('; ')})`);
  const markovBpc = meanStd(perSplit.map((p) => p.figures.markov.bitsPerChar)).mean;
  const summary = Object.fromEntries(KINDS.map((kind) => {
    const keys = Object.keys(perSplit[0].figures[kind]) as (keyof Figures)[];
    const mean: Record<string, number> = {};
    const spread: Record<string, number> = {};
    for (const k of keys) {
      const s = meanStd(perSplit.map((p) => p.figures[kind][k]));
      mean[k] = round(s.mean);
      spread[k] = round(s.std);
    }
    if (kind !== 'markov') mean.bitsPerCharVsMarkov = round(mean.bitsPerChar / markovBpc);
    return [kind, { ...mean, spread, perSplit: perSplit.map((p) => ({ seed: p.seed, ...roundAll(p.figures[kind]) })) }];
  })) as unknown as Record<Kind, Record<string, unknown> & { bitsPerChar: number; novelty: number; slotValidity: number; roleAccuracy: number; msPerLine: number; shownKnownWordRate: number }>;
  const m = summary.markov;
  const t = summary.transformer;
  const x = summary.mixture;
  const targets = {
    transformerBitsPerCharAtMostMarkov: t.bitsPerChar <= m.bitsPerChar,
    mixtureBitsPerCharAtMost09Markov: x.bitsPerChar <= 0.9 * m.bitsPerChar,
    noveltyAtLeast09: KINDS.every((k) => summary[k].novelty >= 0.9),
    slotValidityIs1: KINDS.every((k) => summary[k].slotValidity === 1),
    transformerRoleAccuracyAtLeastMarkov: t.roleAccuracy >= m.roleAccuracy,
    transformerMsPerLineAtMost30: t.msPerLine <= 30,
    markovMsPerLineAtMost2: m.msPerLine <= 2,
    shownKnownWordRateAtLeast098: KINDS.every((k) => summary[k].shownKnownWordRate >= 0.98),
  };
  const report = {
    corpus: { file: 'assets/text/corpus.txt', sha256: corpusHash, lines: rows.length },
    splits: perSplit.map((p) => p.seed),
    mixtureWeights: perSplit.map((p) => p.mixtureWeights),
    testLines: perSplit.map((p) => p.testLines),
    sampling,
    markov: m,
    transformer: t,
    mixture: x,
    targets,
    warnings,
  };
  if (values['update-meta']) {
    const dir = 'public/models/dialogue';
    const meta = await readMeta(dir);
    const flat: Record<string, number> = { ...meta.metrics };
    for (const kind of KINDS) for (const k of ['bitsPerChar', 'distinct1', 'distinct2', 'novelty', 'slotValidity', 'roleAccuracy', 'knownWordRate', 'shownKnownWordRate', 'msPerLine']) flat[`test.${kind}.${k}`] = summary[kind][k] as number;
    await writeMeta(dir, { ...meta, metrics: flat });
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : JSON.stringify({ markov: m.bitsPerChar, transformer: t.bitsPerChar, mixture: x.bitsPerChar, targets }, null, 2));
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10000) / 10000 : x;
}

function roundAll<T extends object>(o: T): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number)]));
}

main().catch((e: unknown) => {
  console.error(`eval:dialogue: ${(e as Error).message}`);
  process.exit(1);
});
