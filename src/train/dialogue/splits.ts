import { createRng } from '../../core/rng';
import type { CorpusRow } from './corpusRows';

/**
 * Train/validation/test splits by family, never by line: every expansion of a template (and each
 * hand-written line, its own family) falls on one side, so held-out figures measure lines the
 * models have not seen in any form. A family's side is drawn from an Rng seeded by split seed and
 * family id, so a split is stable when families are added.
 */

export interface Split {
  seed: number;
  train: CorpusRow[];
  validation: CorpusRow[];
  test: CorpusRow[];
}

/** The three seeds the evaluation reports over (mean and spread). */
export const SPLIT_SEEDS = [1, 2, 3] as const;

export function splitByFamily(rows: readonly CorpusRow[], seed: number, validation = 0.1, test = 0.1): Split {
  const side = new Map<string, number>();
  const out: Split = { seed, train: [], validation: [], test: [] };
  for (const row of rows) {
    let u = side.get(row.family);
    if (u === undefined) {
      u = createRng(`split-${seed}/${row.family}`).next();
      side.set(row.family, u);
    }
    if (u < test) out.test.push(row);
    else if (u < test + validation) out.validation.push(row);
    else out.train.push(row);
  }
  return out;
}
