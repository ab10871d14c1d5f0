import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_MARKOV_CONFIG } from '../../models/dialogue/markov';
import { serializeNoveltyIndex } from '../../pipeline/lineFilter';
import { readRejected } from './rejectedLines';
import { buildFilterIndex } from './verbs';
import { writeMeta } from '../meta';
import { writeLossPlotSvg } from '../plot';
import { writeAtomic } from './buildCorpus';
import { evalMetricsFor } from './evalRecord';
import type { CorpusRow } from './corpusRows';
import type { TrainPoint } from './trainTransformer';

/**
 * Copies one trained split (its `train.json` record and model files) to the shipped directory,
 * with the novelty index of the whole corpus, the loss plot and meta.json (the split's training
 * figures, plus the run's held-out `test.*` figures when `WORK/eval.json` is of these weights).
 */

export interface SplitRecord {
  seed: number;
  corpus: string;
  corpusSha256: string;
  options: Record<string, unknown>;
  metrics: Record<string, number>;
  params: number;
  steps: number;
  seconds: number;
  truncated: number;
  charsPerToken: number;
  /** The command line that trained it. */
  command?: string;
  /** The command that last rebuilt its chain (`--chain-only`), when one did. */
  chainCommand?: string;
  /** `train:dialogue -- --calibrate-only`, when the logit scale was fitted after training. */
  calibrateCommand?: string;
  history: TrainPoint[];
}

export const SHIPPED_FILES = ['model.json', 'weights.bin', 'vocab.json', 'markov.json'] as const;

export function readSplitRecord(dir: string): SplitRecord {
  const file = join(dir, 'train.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SplitRecord;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export async function shipSplit(dir: string, out: string, rows: readonly CorpusRow[], custom: boolean, command: string, totalSeconds: number): Promise<void> {
  const rec = readSplitRecord(dir);
  mkdirSync(out, { recursive: true });
  for (const f of SHIPPED_FILES) writeAtomic(join(out, f), readFileSync(join(dir, f)));
  writeAtomic(join(out, 'novelty.json'), serializeNoveltyIndex(buildFilterIndex(rows.map((r) => r.text), readRejected())));
  await writeLossPlotSvg(join(out, 'loss.svg'), [
    { name: 'training bits/char (with dropout)', points: rec.history.map((p) => [p.step, p.trainLoss / Math.LN2 / rec.charsPerToken] as [number, number]) },
    { name: `validation bits/char${Number(rec.options.ema) > 0 ? ' (weight average)' : ''}`, points: rec.history.filter((p) => p.valBpc !== undefined).map((p) => [p.step, p.valBpc!] as [number, number]) },
  ], { title: `Dialogue transformer (split ${rec.seed})`, xLabel: 'step', yLabel: 'bits per character', logY: true });
  await writeMeta(out, {
    name: 'dialogue',
    version: '1',
    createdAt: new Date().toISOString(),
    dataHash: rec.corpusSha256,
    dataLicence: custom ? 'as given by the user' : 'MIT (written for this project)',
    dataSources: [{ name: custom ? rec.corpus : 'Worldsmith NPC dialogue corpus (hand-written lines + template expansions)', licence: custom ? 'unknown' : 'MIT', origin: rec.corpus }],
    seed: rec.seed,
    steps: rec.steps,
    // The run's held-out figures (eval:dialogue -- --update-meta) when they are of these weights.
    metrics: { ...rec.metrics, ...evalMetricsFor(dirname(dir), rec.seed, dir, rec.corpusSha256) },
    params: rec.params,
    trainingSeconds: Math.max(totalSeconds, rec.seconds),
    command: rec.command ?? command,
    config: { transformer: rec.options, markov: DEFAULT_MARKOV_CONFIG, chainCommand: rec.chainCommand, calibrateCommand: rec.calibrateCommand, split: rec.seed, files: [...SHIPPED_FILES, 'novelty.json'] },
  });
}
