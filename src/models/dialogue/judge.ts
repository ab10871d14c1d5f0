import { sentenceKey, sentencesOf } from '../../pipeline/lineGrammar';
import { SITUATIONS } from '../../core/vocab';
import { Attestation } from './attestation';
import type { MarkovChain } from './markov';
import { wordsOf } from './pieces';

/**
 * The reader judge: how likely blind readers are to mark a written line broken, from what the
 * writer can see of it. A logistic regression over a few features of the line in slot form, fitted
 * on the labels of every reading (docs/eval/splices-*.tsv, `npm run train:judge`), and shipped in
 * model.json beside the mixture's weights. The writer adds `judgePenalty` times its probability to
 * a candidate's score, so among the candidates the filters let through it prefers those that read
 * like the lines readers accepted.
 *
 * The features need only the chain and its training lines, so every writer (chain, transformer,
 * mixture) can use the judge. They describe how the line was put together: how likely the chain
 * finds it and its least likely piece; the runs of 4 pieces no training line has (a splice's mark);
 * its length in sentences, words and characters; and how many of its sentences are whole training
 * sentences, of any situation and of its own, and whether its last one is. Readers' failures are
 * mostly sentences stitched from the wrong parts ("The ore carts near the woods.") and good
 * sentences in the wrong place ("Between us, traveller. Everything on this cart is honest goods."
 * as a rumour); the model scores alone cannot tell those from good lines (docs/dialogue.md, "The
 * reader judge").
 */

export const JUDGE_FEATURES = [
  'chainBitsPerChar', 'chainWorstPiece', 'unattestedShare', 'unattestedRuns', 'sentences', 'words', 'chars',
  'corpusSentenceShare', 'situationSentenceShare', 'lastSentenceInCorpus',
] as const;

/** The fitted judge as model.json holds it (`judge`). */
export interface LineJudge {
  /** The feature names, in order (`JUDGE_FEATURES` when it was fitted). */
  features: string[];
  /** Each feature's mean and standard deviation over the labels: the weights apply to standardised values. */
  mean: number[];
  scale: number[];
  weights: number[];
  /** One term per situation (`SITUATIONS` order) and the intercept: the base rates of each situation. */
  situationWeights: number[];
  bias: number;
  /** What it was fitted on and how well it ranks held-out readings (recorded, not used). */
  labels: number;
  heldOutAuc: number;
}

/** What the features look up in the chain's training lines (built once per loaded models). */
export class JudgeContext {
  private readonly sentences = new Set<string>();
  private readonly bySituation = new Set<string>();

  /** `runs`: the chain's attestation when the caller has built it already. */
  constructor(readonly chain: MarkovChain, readonly runs: Attestation = new Attestation(chain.rows)) {
    for (const r of chain.rows) {
      for (const s of sentencesOf(r.text)) {
        const key = sentenceKey(s);
        this.sentences.add(key);
        this.bySituation.add(`${r.situation}|${key}`);
      }
    }
  }

  /** The features of a line (slot form) said by `role` in `situation`, in `JUDGE_FEATURES` order. */
  features(template: string, role: string, situation: string): number[] {
    const chars = template.length + 1;
    const bits = this.chain.pieceLog2(role, situation, template).map((b) => -b);
    const { runs, unattested } = this.runs.check(template, role, situation);
    const keys = sentencesOf(template).map(sentenceKey);
    const n = Math.max(1, keys.length);
    return [
      bits.reduce((a, b) => a + b, 0) / chars,
      Math.max(...bits),
      runs === 0 ? 0 : unattested / runs,
      unattested,
      keys.length,
      wordsOf(template).length,
      chars,
      keys.filter((k) => this.sentences.has(k)).length / n,
      keys.filter((k) => this.bySituation.has(`${situation}|${k}`)).length / n,
      keys.length > 0 && this.sentences.has(keys[keys.length - 1]) ? 1 : 0,
    ];
  }
}

/** The judge's probability that readers mark the line with features `x` in `situation` broken. */
export function brokenProbability(judge: LineJudge, x: readonly number[], situation: string): number {
  let z = judge.bias + (judge.situationWeights[(SITUATIONS as readonly string[]).indexOf(situation)] ?? 0);
  for (let k = 0; k < judge.weights.length; k++) z += (judge.weights[k] * (x[k] - judge.mean[k])) / judge.scale[k];
  return 1 / (1 + Math.exp(-z));
}

/** Checks model.json's `judge`; throws saying what is wrong. */
export function parseJudge(value: unknown): LineJudge {
  const j = value as Partial<LineJudge>;
  if (typeof j !== 'object' || j === null) throw new Error('judge must be an object');
  const numbers = (name: keyof LineJudge, length: number) => {
    const v = j[name];
    if (!Array.isArray(v) || v.length !== length || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new Error(`judge.${name} must be ${length} finite numbers`);
    }
  };
  if (!Array.isArray(j.features) || j.features.join() !== JUDGE_FEATURES.join()) {
    throw new Error(`judge.features must be ${JUDGE_FEATURES.join(', ')} (got ${Array.isArray(j.features) ? j.features.join(', ') : typeof j.features})`);
  }
  numbers('mean', JUDGE_FEATURES.length);
  numbers('scale', JUDGE_FEATURES.length);
  numbers('weights', JUDGE_FEATURES.length);
  numbers('situationWeights', SITUATIONS.length);
  if (j.scale!.some((s) => !(s > 0))) throw new Error('judge.scale must be positive');
  for (const name of ['bias', 'labels', 'heldOutAuc'] as const) {
    if (typeof j[name] !== 'number' || !Number.isFinite(j[name])) throw new Error(`judge.${name} must be a finite number`);
  }
  return j as LineJudge;
}
