import * as tf from '@tensorflow/tfjs';
import type { WeightMap } from './decode';
import type { MarkovChain } from './markov';
import { splitPieces } from './pieces';
import { EOS, PAD, type DialogueTokenizer } from './tokenizer';
import { forward, type TransformerConfig, type TransformerParams } from './transformer';

/**
 * Scoring held-out lines: bits per character of the transformer, of the chain and of their
 * piece-level mixture. Characters = text length + 1 (the end of the line), the same for all models.
 * The transformer's probability of a piece is the product of its tokens' probabilities times the
 * probability that a piece boundary follows (split off the next piece's first token), so pieces of
 * both models are events of one kind and can be interpolated one by one.
 */

export interface ScoredRow {
  role: string;
  situation: string;
  text: string;
}

export interface PieceScores {
  /** log2 probabilities of each piece (then the end of the line) under the transformer. */
  transformer: number[];
  /** The same pieces under the chain. */
  markov: number[];
  /** The chain's evidence level before each piece (selects the mixture weight). */
  evidence: number[];
  chars: number;
  /** log2 P(line) of the transformer alone (sum over tokens, end included). */
  transformerLine: number;
}

/**
 * Runs the transformer over rows in batches and returns per-row piece scores.
 * Rows with more tokens than the context holds are an error (the caller filters them).
 */
export function scoreRows(
  weights: WeightMap,
  cfg: TransformerConfig,
  tok: DialogueTokenizer,
  markov: MarkovChain,
  rows: readonly ScoredRow[],
  batchSize = 64,
): PieceScores[] {
  const startsMask = tf.tensor2d(Float32Array.from(tok.startsPiece), [tok.size, 1]);
  const out: PieceScores[] = [];
  try {
    for (let s = 0; s < rows.length; s += batchSize) {
      const chunk = rows.slice(s, s + batchSize);
      const pieces = chunk.map((r) => splitPieces(r.text).map((p) => tok.encodePiece(p)));
      const seqs = chunk.map((r, k) => [tok.roleToken(r.role), tok.situationToken(r.situation), ...pieces[k].flat(), EOS]);
      const t = Math.max(...seqs.map((q) => q.length)) - 1;
      if (t > cfg.context) throw new Error(`scoreRows: a line needs ${t} positions, the context holds ${cfg.context}`);
      const n = chunk.length;
      const inp = new Int32Array(n * t).fill(PAD);
      const tgt = new Int32Array(n * t).fill(PAD);
      seqs.forEach((q, r) => q.slice(0, -1).forEach((id, j) => ((inp[r * t + j] = id), (tgt[r * t + j] = q[j + 1]))));
      const [tokenLog, boundLog] = tf.tidy(() => {
        const logp = tf.logSoftmax(forward(weights as TransformerParams, cfg, tf.tensor2d(inp, [n, t], 'int32')));
        const picked = logp.mul(tf.oneHot(tf.tensor1d(tgt, 'int32'), tok.size).toFloat()).sum(1);
        const bound = tf.log(tf.exp(logp).matMul(startsMask).reshape([n * t]));
        return [picked.dataSync() as Float32Array, bound.dataSync() as Float32Array];
      });
      chunk.forEach((r, k) => {
        const row = (j: number) => k * t + j; // output row j predicts sequence token j + 1
        const ln2 = Math.LN2;
        const tfPieces: number[] = [];
        let j = 1; // output 1 predicts the first text token
        let line = 0;
        for (const ids of pieces[k]) {
          let bits = -boundLog[row(j)] / ln2;
          for (let u = 0; u < ids.length; u++, j++) bits += tokenLog[row(j)] / ln2;
          bits += boundLog[row(j)] / ln2;
          tfPieces.push(bits);
        }
        tfPieces.push((tokenLog[row(j)] - boundLog[row(j)]) / ln2);
        for (let u = 1; u <= j; u++) line += tokenLog[row(u)] / ln2;
        out.push({ transformer: tfPieces, ...markovPieces(markov, r), chars: r.text.length + 1, transformerLine: line });
      });
    }
  } finally {
    startsMask.dispose();
  }
  return out;
}

/** log2 P of each piece (then the end) under the chain, and the chain's evidence before it. */
export function markovPieces(markov: MarkovChain, r: ScoredRow): { markov: number[]; evidence: number[] } {
  const history = markov.startHistory();
  const evidence: number[] = [];
  const bits = [...splitPieces(r.text), ''].map((p) => {
    evidence.push(markov.evidence(r.role, r.situation, history));
    const b = markov.log2PieceProb(r.role, r.situation, history, p);
    history.push(markov.id(p));
    history.shift();
    return b;
  });
  return { markov: bits, evidence };
}

/** −log2 of λ·2^a + (1−λ)·2^b, computed around the larger term for stability. */
function mixBits(a: number, b: number, lambda: number): number {
  const m = Math.max(a, b);
  return -(m + Math.log2(lambda * Math.pow(2, a - m) + (1 - lambda) * Math.pow(2, b - m)));
}

/** Bits per character of the mixture; `lambdas[e]` weighs the transformer at chain evidence e. */
export function mixtureBitsPerChar(scores: readonly PieceScores[], lambdas: readonly number[]): number {
  let bits = 0;
  let chars = 0;
  for (const s of scores) {
    s.transformer.forEach((a, i) => (bits += mixBits(a, s.markov[i], lambdas[Math.min(lambdas.length - 1, s.evidence[i])])));
    chars += s.chars;
  }
  return bits / chars;
}

const GRID = Array.from({ length: 21 }, (_, k) => k / 20);

/**
 * Mixture weights tuned on these scores: one λ per chain evidence level (the objective splits by
 * level, so each is a 1-D grid search in steps of 0.05); a level with fewer than `minPieces`
 * pieces keeps the single best global λ rather than fitting noise.
 */
export function tuneMixtureWeights(scores: readonly PieceScores[], levels: number, minPieces = 200): { lambdas: number[]; global: number; bitsPerChar: number } {
  const best = (keep: (e: number) => boolean) => {
    let arg = 0.5;
    let low = Infinity;
    for (const lambda of GRID) {
      let bits = 0;
      for (const s of scores) s.transformer.forEach((a, i) => keep(s.evidence[i]) && (bits += mixBits(a, s.markov[i], lambda)));
      if (bits < low) [low, arg] = [bits, lambda];
    }
    return arg;
  };
  const global = best(() => true);
  const counts = new Array<number>(levels).fill(0);
  for (const s of scores) for (const e of s.evidence) counts[Math.min(levels - 1, e)]++;
  const lambdas = counts.map((n, e) => (n >= minPieces ? best((x) => Math.min(levels - 1, x) === e) : global));
  return { lambdas, global, bitsPerChar: mixtureBitsPerChar(scores, lambdas) };
}

/** Bits per character of one model alone. */
export function modelBitsPerChar(scores: readonly PieceScores[], model: 'transformer' | 'markov'): number {
  let bits = 0;
  let chars = 0;
  for (const s of scores) {
    bits -= model === 'transformer' ? s.transformerLine : s.markov.reduce((a, b) => a + b, 0);
    chars += s.chars;
  }
  return bits / chars;
}
