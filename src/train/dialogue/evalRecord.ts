import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../meta';
import { writeAtomic } from './buildCorpus';

/**
 * The held-out figures of a training run, kept beside its splits (`WORK/eval.json`, written by
 * `eval:dialogue -- --update-meta`). They are means over the splits, so they describe the run,
 * and whichever of its splits is shipped carries them in meta.json — also when it is shipped again
 * later (`train:dialogue -- --ship-only`), as long as the corpus and that split's weights are the
 * ones that were evaluated.
 */

export const EVAL_RECORD = 'eval.json';

export interface EvalRecord {
  corpusSha256: string;
  /** SHA-256 of the weights.bin each evaluated split was read from, by split seed. */
  weightsSha256: Record<string, string>;
  /** `test.KIND.FIGURE` → the mean over the splits. */
  metrics: Record<string, number>;
  command: string;
}

/** SHA-256 of a model directory's weights.bin. */
export function weightsSha256(dir: string): string {
  return sha256Hex(readFileSync(join(dir, 'weights.bin')));
}

export function writeEvalRecord(work: string, record: EvalRecord): void {
  writeAtomic(join(work, EVAL_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * The run's figures for shipping split `seed` from `dir` (`WORK/split-N`), or null when the run
 * has no record or the record is of another corpus or of other weights (retrained or
 * recalibrated since). A record that cannot be read is an error naming the file.
 */
export function evalMetricsFor(work: string, seed: number, dir: string, corpusSha256: string): Record<string, number> | null {
  const file = join(work, EVAL_RECORD);
  if (!existsSync(file)) return null;
  let record: EvalRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as EvalRecord;
    if (typeof record.metrics !== 'object' || typeof record.weightsSha256 !== 'object') throw new Error('expected { corpusSha256, weightsSha256, metrics }');
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  if (record.corpusSha256 !== corpusSha256 || record.weightsSha256[String(seed)] !== weightsSha256(dir)) return null;
  return record.metrics;
}
