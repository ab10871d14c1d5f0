import type { Rng } from '../../core/rng';
import type { LineRequest, LineSampleOptions, LineSampler } from '../../pipeline/ports';
import { KvDecoder, type WeightMap } from './decode';
import { drawIndex } from './draw';
import { M_EOS, type MarkovChain } from './markov';
import { EOS, PAD, type DialogueTokenizer } from './tokenizer';
import type { TransformerConfig } from './transformer';

/**
 * The three LineSamplers. 'markov' walks the chain; 'transformer' decodes subwords with a
 * key/value cache; 'mixture' samples from the piece-level interpolation
 * P(piece) = λ·P_transformer(piece) + (1−λ)·P_chain(piece): at each piece boundary it picks a
 * model with probability λ, lets that model write the next piece, and feeds the piece to both
 * (the transformer through its cache, the chain through its history). Every draw uses the
 * request's own fork of the Rng, so a line does not depend on the other lines of its batch.
 */

export interface DialogueModels {
  tokenizer: DialogueTokenizer;
  config: TransformerConfig;
  weights: WeightMap;
  markov: MarkovChain;
  /**
   * λ of the mixture per evidence level of the chain (see MarkovChain.evidence), tuned on
   * validation text: the weight of the transformer where the chain has that much evidence.
   */
  mixtureWeights: number[];
}

/** Requests decoded together; bigger batches amortise per-op overhead. */
const BATCH = 64;

interface LineState {
  rng: Rng;
  role: string;
  situation: string;
  out: number[];
  /** Tokens of the current transformer piece (empty at a boundary). */
  piece: number[];
  /** Tokens of a chain piece still to feed. */
  queue: number[];
  history: number[];
  done: boolean;
}

/** Samples lines from the mixture with weights `lambdas` per chain evidence level ([1] = transformer alone). */
export function sampleWithTransformer(
  models: DialogueModels,
  requests: readonly LineRequest[],
  rng: Rng,
  options: LineSampleOptions,
  lambdas: readonly number[],
): string[] {
  const out: string[] = [];
  for (let start = 0; start < requests.length; start += BATCH) {
    const chunk = requests.slice(start, start + BATCH).map((r, k) => ({ r, rng: rng.fork(`line:${start + k}`) }));
    out.push(...sampleBatch(models, chunk, options, lambdas));
  }
  return out;
}

function sampleBatch(
  models: DialogueModels,
  chunk: { r: LineRequest; rng: Rng }[],
  options: LineSampleOptions,
  lambdas: readonly number[],
): string[] {
  const { tokenizer: tok, markov, config } = models;
  const n = chunk.length;
  const lines: LineState[] = chunk.map(({ r, rng }) => ({
    rng, role: r.role, situation: r.situation, out: [], piece: [], queue: [], history: markov.startHistory(), done: false,
  }));
  const decoder = new KvDecoder(models.weights, config, n);
  const v = tok.size;
  const boundaryOnly = Uint8Array.from(tok.startsPiece, (s, i) => (s && tok.sampleable[i] ? 1 : 0));
  const feed = new Int32Array(n);
  const markovBuf = new Float64Array(markov.pieces.length);
  try {
    lines.forEach((l, i) => (feed[i] = tok.roleToken(l.role)));
    decoder.step(feed);
    lines.forEach((l, i) => (feed[i] = tok.situationToken(l.situation)));
    let probs = decoder.step(feed);
    while (decoder.length < config.context && lines.some((l) => !l.done)) {
      lines.forEach((l, i) => {
        feed[i] = l.done ? PAD : nextToken(l, probs.subarray(i * v, (i + 1) * v));
        if (!l.done && l.out.length + 3 >= config.context) l.done = true;
      });
      if (lines.every((l) => l.done)) break;
      probs = decoder.step(feed, lines.map((l) => (l.done ? 0 : 1)));
    }
  } finally {
    decoder.dispose();
  }
  return lines.map((l) => tok.decode(l.out).trim());

  /** Chooses the token line `l` feeds next given the model's distribution `p`; may end the line. */
  function nextToken(l: LineState, p: Float32Array): number {
    const { temperature: temp, topK } = options;
    if (l.queue.length > 0) return push(l, l.queue.shift()!);
    let first = -1;
    if (l.piece.length > 0) {
      // Inside a transformer piece: continue it, or end it with a token that starts the next one.
      const t = drawIndex(p, l.rng, temp, topK, tok.sampleable);
      if (t >= 0 && !tok.startsPiece[t]) {
        l.piece.push(t);
        return push(l, t);
      }
      endPiece(l);
      first = t;
    }
    const lambda = lambdas[Math.min(lambdas.length - 1, markov.evidence(l.role, l.situation, l.history))];
    if (l.rng.next() < lambda) {
      const t = first >= 0 ? first : drawIndex(p, l.rng, temp, topK, boundaryOnly);
      if (t < 0 || t === EOS) return finish(l);
      l.piece = [t];
      return push(l, t);
    }
    const id = drawIndex(markov.distribution(l.role, l.situation, l.history, markovBuf), l.rng, temp, topK, markov.sampleable);
    if (id <= M_EOS) return finish(l);
    l.history.push(id);
    l.history.shift();
    l.queue = tok.encodePiece(markov.pieces[id]).slice();
    return push(l, l.queue.shift()!);
  }

  function endPiece(l: LineState): void {
    l.history.push(markov.id(tok.decode(l.piece)));
    l.history.shift();
    l.piece = [];
  }

  function push(l: LineState, t: number): number {
    l.out.push(t);
    return t;
  }

  function finish(l: LineState): number {
    l.done = true;
    return PAD;
  }
}

/** The LineSampler of one model kind over loaded models. */
export function createLineSampler(kind: 'markov' | 'transformer' | 'mixture', models: DialogueModels): LineSampler {
  return {
    name: kind,
    sampleLines(requests, rng, options) {
      if (kind === 'markov') {
        return requests.map((r, i) => models.markov.sampleLine(r.role, r.situation, rng.fork(`line:${i}`), options.temperature, options.topK));
      }
      return sampleWithTransformer(models, requests, rng, options, kind === 'transformer' ? [1] : models.mixtureWeights);
    },
  };
}
