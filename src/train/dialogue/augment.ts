import { createRng } from '../../core/rng';
import type { MarkovChain } from '../../models/dialogue/markov';
import { sampleChainLine } from '../../models/dialogue/sampler';
import type { LineRequest } from '../../pipeline/ports';
import { loadTemplates, TEXT_DIR } from './buildCorpus';
import type { ConditionedText } from './batches';
import type { CorpusRow } from './corpusRows';
import { expandOrigin, familyId } from './templates';

/**
 * Template resampling for the transformer: a template family in the training part is a grammar,
 * not just the dozen lines the corpus keeps of it. For every training family this draws up to
 * `extra` further distinct expansions (an Rng seeded by the family id and `salt`, so they differ
 * from the corpus's own), and each epoch trains on as many lines of the family's pool as the
 * corpus has — so the mix of hand-written and template lines stays the corpus's, while the
 * transformer sees every symbol's alternatives in many more combinations. Validation and test
 * families are never expanded. (The chain is not given the pool: its Kneser–Ney counts would
 * over-weight template lines; see docs/dialogue.md.)
 */

export interface Resampling {
  /** Lines appended after the training rows (not used to learn the tokenizer). */
  extra: ConditionedText[];
  /** Per family: indices into training rows ++ extra, and how many one epoch uses. */
  groups: { members: number[]; take: number }[];
}

export function templateResampling(train: readonly CorpusRow[], extra: number, dir = TEXT_DIR, salt = 'resample'): Resampling {
  const { common, roles } = loadTemplates(dir);
  const origins = new Map<string, { origin: string; rules: Record<string, string[]>; where: string }>();
  for (const { templates: t, file } of roles) {
    const rules = { ...common, ...t.rules };
    for (const [situation, list] of Object.entries(t.families)) {
      list.forEach((origin, k) => origins.set(familyId(t.role, situation, k), { origin, rules, where: `${file}: families.${situation}[${k}]` }));
    }
  }
  const byFamily = new Map<string, number[]>();
  train.forEach((r, i) => {
    if (!r.family.startsWith('tpl/')) return;
    const members = byFamily.get(r.family);
    if (members) members.push(i);
    else byFamily.set(r.family, [i]);
  });
  const out: Resampling = { extra: [], groups: [] };
  for (const [family, members] of byFamily) {
    const source = origins.get(family);
    if (!source) throw new Error(`template family ${family} of the corpus is not in ${dir}/templates (rebuild the corpus: npm run data:dialogue)`);
    const first = train[members[0]];
    const seen = new Set(members.map((i) => train[i].text));
    const group = [...members];
    for (const text of expandOrigin(source.origin, source.rules, createRng(`${family}/${salt}`), extra, seen, source.where)) {
      group.push(train.length + out.extra.length);
      out.extra.push({ role: first.role, situation: first.situation, text });
    }
    out.groups.push({ members: group, take: members.length });
  }
  return out;
}

/**
 * Sequence-level distillation data: `n` lines written by the split's chain at temperature 1 without
 * a top-k cut (its own smoothed distribution), each for the role and situation of a training line
 * drawn by an Rng seeded by `seed`; slots stay tokens. The chain backs off to the role before the
 * situation, so its lines keep their speaker's voice and can train the transformer under the
 * role they were written for.
 */
export function chainSamples(markov: MarkovChain, train: readonly ConditionedText[], n: number, seed: number, keep: (line: ConditionedText) => boolean = () => true): ConditionedText[] {
  const rng = createRng(`distill/${seed}`);
  const topK = markov.pieces.length;
  const out: ConditionedText[] = [];
  for (let tries = 0; out.length < n && tries < 8 * n + 100; tries++) {
    const { role, situation } = rng.pick(train);
    // A user's corpus brings its own role and situation names; the chain treats them as strings
    // and, without decoding rules, never reads the facts.
    const request = { role, situation, facts: {} } as unknown as LineRequest;
    const { text } = sampleChainLine(markov, request, rng, { temperature: 1, topK });
    if (text && keep({ role, situation, text })) out.push({ role, situation, text });
  }
  return out;
}
