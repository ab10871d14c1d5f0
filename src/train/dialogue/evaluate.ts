import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS } from '../../core/params';
import { disposeDialogueModels } from '../../models/dialogue/artifacts';
import { createLineSampler } from '../../models/dialogue/sampler';
import { createLineWriter } from '../../models/dialogue/writer';
import { mixtureBitsPerChar, modelBitsPerChar, scoreRows } from '../../models/dialogue/score';
import { readRejected } from './rejectedLines';
import { buildFilterIndex } from './verbs';
import { readMeta, sha256Hex, writeMeta } from '../meta';
import { initTfNode } from '../tfNode';
import { RoleClassifier } from './classifier';
import { parseRows, type CorpusRow } from './corpusRows';
import { evalRequests, evaluateSampler, msPerLine, type SampleFigures } from './evalSampling';
import { meanStd, median } from './metrics';
import { createRng } from '../../core/rng';
import { EVAL_RECORD, weightsSha256, writeEvalRecord } from './evalRecord';
import { loadSplitModels, SHIPPED_DIALOGUE, splitModelDir } from './splitModels';
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
 *   --jobs N (default: one per core, at most one per split): the splits side by side in child
 *   processes; their latency figures are then measured one split at a time, on the quiet machine
 */

const KINDS = ['markov', 'transformer', 'mixture'] as const;
type Kind = (typeof KINDS)[number];
type Figures = SampleFigures & { bitsPerChar: number };

function usage(msg: string): never {
  console.error(`eval:dialogue: ${msg}\nusage: npm run eval:dialogue -- [--json] [--splits 1,2,3] [--lines N] [--slot-lines N] [--timing-lines N] [--temperature T] [--top-k K] [--candidates N] [--jobs N] [--update-meta] [--timing-only] [--work DIR]`);
  process.exit(2);
}

interface SplitResult {
  seed: number;
  mixtureWeights: number[];
  testLines: number;
  figures: Record<Kind, Figures>;
}

interface Context {
  work: string;
  rows: CorpusRow[];
  corpusHash: string;
  sampling: { temperature: number; topK: number; candidates: number };
  lines: number;
  /** Lines per model and split for slot validity. */
  slotLinesPerSplit: number;
  timingLines: number;
  warnings: string[];
}

/** Every figure of one split's three models on its test families (null when the split has no models). */
function evaluateSplit(seed: number, ctx: Context): SplitResult | null {
  const models = loadSplitModels(ctx.work, seed, ctx.corpusHash, ctx.warnings);
  if (!models) return null;
  try {
    const split = splitByFamily(ctx.rows, seed);
    const index = buildFilterIndex(split.train.map((r) => r.text), readRejected());
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
        lines: ctx.lines, slotLines: ctx.slotLinesPerSplit, timingLines: ctx.timingLines, sampling: ctx.sampling, seed: `eval-${seed}`,
      }, createLineWriter(kind, models, index));
      figures[kind] = { bitsPerChar: bpc[kind], ...sampled };
      console.error(`split ${seed} ${kind}: bits/char ${bpc[kind].toFixed(3)}, novelty ${sampled.novelty.toFixed(3)}, role accuracy ${sampled.roleAccuracy.toFixed(3)} (shown ${sampled.shownRoleAccuracy.toFixed(3)}), ${sampled.msPerLine.toFixed(2)} ms/line`);
    }
    return { seed, mixtureWeights: models.mixtureWeights, testLines: split.test.length, figures };
  } finally {
    disposeDialogueModels(models);
  }
}

/** Median ms per line sampled alone, and per line of `lines` sampled in one call, per model (null without models). */
function timeSplit(seed: number, ctx: Context): Record<Kind, { alone: number; batched: number }> | null {
  const models = loadSplitModels(ctx.work, seed, ctx.corpusHash, ctx.warnings);
  if (!models) return null;
  try {
    const out = {} as Record<Kind, { alone: number; batched: number }>;
    for (const kind of KINDS) {
      const sampler = createLineSampler(kind, models);
      const alone = msPerLine(sampler, ctx.timingLines, ctx.sampling, createRng(`timing-${seed}/${kind}`));
      const reqs = evalRequests(ctx.lines, createRng(`batch-${seed}`));
      const t0 = performance.now();
      sampler.sampleLines(reqs, createRng(`batch-${seed}/${kind}`), ctx.sampling);
      out[kind] = { alone, batched: (performance.now() - t0) / reqs.length };
    }
    return out;
  } finally {
    disposeDialogueModels(models);
  }
}

/**
 * `--jobs N`: each split in a child process (this script with `--split-json FILE`), at most N at a
 * time. The children's timings would be of a busy machine, so they skip them and this process
 * measures each split's afterwards, one at a time.
 */
async function evaluateInChildren(seeds: number[], jobs: number, ctx: Context): Promise<SplitResult[]> {
  // This process's own options: those with a value (dropped with it) and the report's switches.
  const valued = ['--splits', '--jobs', '--slot-lines', '--timing-lines', '--split-json'];
  const switches = ['--json', '--update-meta'];
  const passOn = process.argv.slice(2).filter((a, i, all) => !valued.includes(a) && !switches.includes(a) && !valued.includes(all[i - 1] ?? '') && !valued.some((o) => a.startsWith(`${o}=`)));
  const dir = mkdtempSync(join(tmpdir(), 'eval-dialogue-'));
  try {
    const fileOf = (k: number) => join(dir, `${k}-${seeds[k]}.json`);
    const run = (k: number) => new Promise<number>((done) => {
      const args = [...passOn, '--splits', String(seeds[k]), '--jobs', '1', '--slot-lines', String(ctx.slotLinesPerSplit), '--timing-lines', '0', '--split-json', fileOf(k)];
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code) => done(code ?? 1));
    });
    const queue = seeds.map((_, k) => k);
    const codes: number[] = [];
    await Promise.all(Array.from({ length: Math.min(jobs, seeds.length) }, async () => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) codes.push(await run(k));
    }));
    if (codes.some((c) => c !== 0)) throw new Error(`a split's evaluation failed (exit codes ${codes.join(', ')})`);
    const results: SplitResult[] = [];
    for (let k = 0; k < seeds.length; k++) {
      const { results: mine, warnings } = JSON.parse(readFileSync(fileOf(k), 'utf8')) as { results: SplitResult[]; warnings: string[] };
      ctx.warnings.push(...warnings);
      for (const r of mine) {
        const t = timeSplit(r.seed, ctx);
        for (const kind of KINDS) if (t) Object.assign(r.figures[kind], { msPerLine: t[kind].alone, msPerLineBatched: t[kind].batched });
        results.push(r);
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        splits: { type: 'string', default: SPLIT_SEEDS.join(',') },
        jobs: { type: 'string' },
        lines: { type: 'string', default: '1000' },
        'slot-lines': { type: 'string', default: '10000' },
        'timing-lines': { type: 'string', default: '100' },
        'update-meta': { type: 'boolean', default: false },
        'timing-only': { type: 'boolean', default: false },
        'split-json': { type: 'string' },
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
  const jobs = values.jobs !== undefined ? Number(values.jobs) : Math.min(seeds.length, availableParallelism());
  if (!(Number.isInteger(jobs) && jobs >= 1)) usage(`--jobs must be a whole number ≥ 1, got "${values.jobs}"`);
  const corpusText = readFileSync('assets/text/corpus.txt', 'utf8');
  const { rows } = parseRows(corpusText, 'assets/text/corpus.txt', 'corpus');
  const sampling = { temperature: Number(values.temperature), topK: Number(values['top-k']), candidates: Number(values.candidates) };
  if (!(sampling.temperature > 0) || !(Number.isInteger(sampling.topK) && sampling.topK > 0) || !(Number.isInteger(sampling.candidates) && sampling.candidates > 0)) {
    usage('--temperature must be > 0, --top-k and --candidates positive integers');
  }
  const evaluated = seeds.filter((seed) => existsSync(join(values.work!, `split-${seed}`, 'weights.bin')) || seed === SPLIT_SEEDS[0]);
  const ctx: Context = {
    work: values.work!, rows, corpusHash: sha256Hex(corpusText), sampling, lines, timingLines, warnings: [],
    // A child is given its share already (--split-json); otherwise the lines are shared among the splits.
    slotLinesPerSplit: values['split-json'] ? slotLines : Math.ceil(slotLines / Math.max(1, evaluated.length)),
  };
  await initTfNode();
  if (values['timing-only']) {
    // Latency alone (re-measure on a quiet machine): median ms per single line, per model and split.
    const timed = seeds.map((seed) => timeSplit(seed, ctx)).filter((t) => t !== null);
    const summary = (key: 'alone' | 'batched') => Object.fromEntries(KINDS.map((k) => {
      const per = timed.map((t) => round(t[k][key]));
      return [k, { median: round(median(per)), perSplit: per }];
    }));
    console.log(JSON.stringify({ msPerLine: summary('alone'), msPerLineBatched: summary('batched'), batchLines: lines, warnings: ctx.warnings }, null, 2));
    return;
  }
  let perSplit: SplitResult[];
  if (jobs > 1 && seeds.length > 1 && !values['split-json']) {
    perSplit = await evaluateInChildren(seeds, jobs, ctx);
  } else {
    perSplit = seeds.map((seed) => evaluateSplit(seed, ctx)).filter((r) => r !== null);
  }
  if (values['split-json']) {
    writeFileSync(values['split-json'], JSON.stringify({ results: perSplit, warnings: ctx.warnings }));
    return;
  }
  if (perSplit.length === 0) usage(`no split has models; run npm run train:dialogue first (${ctx.warnings.join('; ')})`);
  const warnings = ctx.warnings;
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
    corpus: { file: 'assets/text/corpus.txt', sha256: ctx.corpusHash, lines: rows.length },
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
  if (values['update-meta']) await updateMeta(ctx, perSplit.map((p) => p.seed), summary);
  console.log(values.json ? JSON.stringify(report, null, 2) : JSON.stringify({ markov: m.bitsPerChar, transformer: t.bitsPerChar, mixture: x.bitsPerChar, targets }, null, 2));
}

/**
 * `--update-meta`: keeps the figures with the run (`WORK/eval.json`, so a later `--ship-only` of
 * one of its splits carries them) and writes them into the shipped meta.json when the shipped
 * weights are one of the evaluated splits'; otherwise the shipped meta is left alone, with a warning.
 */
async function updateMeta(ctx: Context, seeds: readonly number[], summary: Record<Kind, Record<string, unknown>>): Promise<void> {
  const metrics: Record<string, number> = {};
  for (const kind of KINDS) for (const k of ['bitsPerChar', 'distinct1', 'distinct2', 'novelty', 'slotValidity', 'roleAccuracy', 'knownWordRate', 'shownKnownWordRate', 'msPerLine']) metrics[`test.${kind}.${k}`] = summary[kind][k] as number;
  const weights = Object.fromEntries(seeds.map((seed) => [String(seed), weightsSha256(splitModelDir(ctx.work, seed)!)]));
  mkdirSync(ctx.work, { recursive: true });
  writeEvalRecord(ctx.work, { corpusSha256: ctx.corpusHash, weightsSha256: weights, metrics, command: `npm run eval:dialogue -- ${process.argv.slice(2).join(' ')}` });
  if (!Object.values(weights).includes(weightsSha256(SHIPPED_DIALOGUE))) {
    const warning = `--update-meta: ${SHIPPED_DIALOGUE}/weights.bin is none of the evaluated splits', so its meta.json is left as it was; the figures are in ${join(ctx.work, EVAL_RECORD)} and go into meta.json when one of these splits is shipped (npm run train:dialogue -- --ship-only --work ${ctx.work})`;
    ctx.warnings.push(warning);
    console.error(`eval:dialogue: ${warning}`);
    return;
  }
  const meta = await readMeta(SHIPPED_DIALOGUE);
  await writeMeta(SHIPPED_DIALOGUE, { ...meta, metrics: { ...meta.metrics, ...metrics } });
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
