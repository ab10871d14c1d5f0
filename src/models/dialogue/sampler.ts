import type { Rng } from '../../core/rng';
import type { LineRequest, LineSampleOptions, LineSampler } from '../../pipeline/ports';
import { KvDecoder, type WeightMap } from './decode';
import { ChainMemo, drawChainPiece } from './chainDraw';
import { drawIndex } from './draw';
import { LineForm, type FormRules } from './lineForm';
import { M_EOS, type MarkovChain } from './markov';
import type { LineJudge } from './judge';
import { EOS, PAD, type DialogueTokenizer } from './tokenizer';
import { tokenText } from './bpe';
import type { TransformerConfig } from './transformer';

/**
 * The three LineSamplers. 'markov' walks the chain; 'transformer' decodes subwords with a
 * key/value cache; 'mixture' samples from the piece-level interpolation
 * P(piece) = λ·P_transformer(piece) + (1−λ)·P_chain(piece): at each piece boundary it picks a
 * model with probability λ, lets that model write the next piece, and feeds the piece to both
 * (the transformer through its cache, the chain through its history). Every draw uses the
 * request's own fork of the Rng, so a line does not depend on the other lines of its batch.
 * With `rules` (lineForm.ts) the draws are constrained; every sampled line also carries its
 * log-probability under each model (temperature 1), which the line writer ranks candidates by.
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
  /** The reader judge (judge.ts) the line writer ranks by with `judgePenalty`; absent in models shipped before it. */
  judge?: LineJudge;
}

export type ModelKind = 'markov' | 'transformer' | 'mixture';

/** A sampled line and how likely each model finds it (untempered). */
export interface SampledLine {
  /** '' when the rules left no way to go on (a dead end). */
  text: string;
  /** −log2 P(line) under the transformer (NaN for the chain alone, which does not run it). */
  transformerBits: number;
  /** −log2 P(line) under the chain. */
  chainBits: number;
  /** Characters + 1 (the end of the line): the unit of bits per character. */
  chars: number;
}

/** The decoding rules of a request (its situation sets the sentence limit and required facts). */
export type RulesOf = (request: LineRequest) => FormRules;

/** Requests decoded together; bigger batches amortise per-op overhead. */
const BATCH = 64;

interface LineState {
  rng: Rng;
  role: string;
  situation: string;
  out: number[];
  /** Tokens of the current transformer piece (empty at a boundary) and its text. */
  piece: number[];
  pieceText: string;
  /** Tokens of a chain piece still to feed. */
  queue: number[];
  history: number[];
  form: LineForm | null;
  tBits: number;
  mBits: number;
  failed: boolean;
  done: boolean;
}

/**
 * Samples lines from the mixture with weights `lambdas` per chain evidence level ([1] = the
 * transformer alone). `forks[i]` is the Rng of request i.
 */
export function sampleWithTransformer(
  models: DialogueModels,
  requests: readonly LineRequest[],
  forks: readonly Rng[],
  options: LineSampleOptions,
  lambdas: readonly number[],
  rules?: RulesOf,
): SampledLine[] {
  const out: SampledLine[] = [];
  for (let start = 0; start < requests.length; start += BATCH) {
    const chunk = requests.slice(start, start + BATCH).map((r, k) => ({ r, rng: forks[start + k] }));
    out.push(...sampleBatch(models, chunk, options, lambdas, rules));
  }
  return out;
}

function sampleBatch(
  models: DialogueModels,
  chunk: { r: LineRequest; rng: Rng }[],
  options: LineSampleOptions,
  lambdas: readonly number[],
  rules: RulesOf | undefined,
): SampledLine[] {
  const { tokenizer: tok, markov, config } = models;
  const n = chunk.length;
  const lines: LineState[] = chunk.map(({ r, rng }) => ({
    rng, role: r.role, situation: r.situation, out: [], piece: [], pieceText: '', queue: [], history: markov.startHistory(),
    form: rules ? new LineForm(rules(r), r.situation) : null, tBits: 0, mBits: 0, failed: false, done: false,
  }));
  const decoder = new KvDecoder(models.weights, config, n);
  const v = tok.size;
  const boundaryOnly = Uint8Array.from(tok.startsPiece, (s, i) => (s && tok.sampleable[i] ? 1 : 0));
  const texts = tok.vocab.map((t) => tokenText(t));
  const feed = new Int32Array(n);
  const markovBuf = new Float64Array(markov.pieces.length);
  const chainMemo = new ChainMemo(markov, options.topK);
  const { temperature: temp, topK } = options;
  try {
    lines.forEach((l, i) => (feed[i] = tok.roleToken(l.role)));
    decoder.step(feed);
    lines.forEach((l, i) => (feed[i] = tok.situationToken(l.situation)));
    let probs = decoder.step(feed);
    while (decoder.length < config.context && lines.some((l) => !l.done)) {
      lines.forEach((l, i) => {
        feed[i] = l.done ? PAD : nextToken(l, probs.subarray(i * v, (i + 1) * v));
        if (!l.done && l.out.length + 3 >= config.context) finish(l, probs.subarray(i * v, (i + 1) * v));
      });
      if (lines.every((l) => l.done)) break;
      probs = decoder.step(feed, lines.map((l) => (l.done ? 0 : 1)));
    }
  } finally {
    decoder.dispose();
  }
  return lines.map((l) => {
    const text = l.failed ? '' : tok.decode(l.out).trim();
    return { text, transformerBits: l.tBits, chainBits: l.mBits, chars: text.length + 1 };
  });

  /** A token may start a piece here (rules permitting). */
  function startOk(l: LineState, t: number): boolean {
    if (!l.form) return true;
    return t === EOS ? l.form.canEnd() : l.form.allowsStart(texts[t]);
  }

  /** Chooses the token line `l` feeds next given the model's distribution `p`; may end the line. */
  function nextToken(l: LineState, p: Float32Array): number {
    if (l.queue.length > 0) return push(l, l.queue.shift()!, p);
    let first = -1;
    if (l.piece.length > 0) {
      // Inside a transformer piece: continue it, or end it with a token that starts the next one.
      const form = l.form;
      const accept = form
        ? (t: number) => (tok.startsPiece[t] ? form.allows(l.pieceText) && afterPiece(l, t) : form.allowsGrowth(l.pieceText, texts[t]))
        : undefined;
      const t = drawIndex(p, l.rng, temp, topK, tok.sampleable, accept);
      if (t < 0) return fail(l);
      if (!tok.startsPiece[t]) {
        l.piece.push(t);
        l.pieceText += texts[t];
        return push(l, t, p);
      }
      endPiece(l);
      first = t;
    }
    if (l.form?.mustEnd()) return l.form.canEnd() ? finish(l, p) : fail(l);
    const lambda = lambdas[Math.min(lambdas.length - 1, markov.evidence(l.role, l.situation, l.history))];
    if (l.rng.next() < lambda) {
      const t = first >= 0 ? first : drawIndex(p, l.rng, temp, topK, boundaryOnly, l.form ? (u) => startOk(l, u) : undefined);
      if (t < 0) return fail(l);
      if (t === EOS) return finish(l, p);
      l.piece = [t];
      l.pieceText = texts[t];
      return push(l, t, p);
    }
    const { id, prob } = drawChainPiece(markov, l.role, l.situation, l.history, l.rng, options, l.form, chainMemo, markovBuf);
    if (id < 0) return fail(l);
    l.mBits -= Math.log2(prob);
    if (id === M_EOS) return finish(l, p, true);
    l.history.push(id);
    l.history.shift();
    l.form?.add(markov.pieces[id]);
    l.queue = tok.encodePiece(markov.pieces[id]).slice();
    return push(l, l.queue.shift()!, p);
  }

  /** Rules for a piece-starting token `t` right after the current piece ends. */
  function afterPiece(l: LineState, t: number): boolean {
    const form = l.form!;
    form.add(l.pieceText);
    try {
      return startOk(l, t) || form.mustEnd();
    } finally {
      form.undo();
    }
  }

  function endPiece(l: LineState): void {
    l.mBits -= markov.log2PieceProb(l.role, l.situation, l.history, l.pieceText);
    l.history.push(markov.id(l.pieceText));
    l.history.shift();
    l.form?.add(l.pieceText);
    l.piece = [];
    l.pieceText = '';
  }

  function push(l: LineState, t: number, p: Float32Array): number {
    l.tBits -= Math.log2(p[t]);
    l.out.push(t);
    return t;
  }

  /** Ends the line: scores the end under the transformer (and the chain, unless it drew the end). */
  function finish(l: LineState, p: Float32Array, chainDrew = false): number {
    l.tBits -= Math.log2(p[EOS]);
    if (!chainDrew) l.mBits -= markov.log2PieceProb(l.role, l.situation, l.history, '');
    l.done = true;
    return PAD;
  }

  function fail(l: LineState): number {
    l.failed = true;
    l.done = true;
    return PAD;
  }
}

/** One chain line with its bits; with `rules`, constrained like the transformer's lines. */
export function sampleChainLine(
  markov: MarkovChain,
  request: LineRequest,
  rng: Rng,
  options: LineSampleOptions,
  rules?: RulesOf,
  memo?: ChainMemo,
  maxPieces = 60,
): SampledLine {
  const form = rules ? new LineForm(rules(request), request.situation) : null;
  const history = markov.startHistory();
  const buf = new Float64Array(markov.pieces.length);
  let text = '';
  let bits = 0;
  for (let i = 0; ; i++) {
    if (form?.mustEnd() && !form.canEnd()) return { text: '', transformerBits: NaN, chainBits: Infinity, chars: 1 };
    if (i === maxPieces || form?.mustEnd()) {
      bits -= markov.log2PieceProb(request.role, request.situation, history, '');
      break;
    }
    const { id, prob } = drawChainPiece(markov, request.role, request.situation, history, rng, options, form, memo, buf);
    if (id < 0) return { text: '', transformerBits: NaN, chainBits: Infinity, chars: 1 };
    bits -= Math.log2(prob);
    if (id === M_EOS) break;
    text += markov.pieces[id];
    form?.add(markov.pieces[id]);
    history.push(id);
    history.shift();
  }
  text = text.trim();
  return { text, transformerBits: NaN, chainBits: bits, chars: text.length + 1 };
}

/** Samples one line per request (request i uses `forks[i]`), scored by both models where run. */
export function sampleScoredLines(
  kind: ModelKind,
  models: DialogueModels,
  requests: readonly LineRequest[],
  forks: readonly Rng[],
  options: LineSampleOptions,
  rules?: RulesOf,
): SampledLine[] {
  if (kind === 'markov') {
    const memo = new ChainMemo(models.markov, options.topK);
    return requests.map((r, i) => sampleChainLine(models.markov, r, forks[i], options, rules, memo));
  }
  return sampleWithTransformer(models, requests, forks, options, kind === 'transformer' ? [1] : models.mixtureWeights, rules);
}

/** The LineSampler of one model kind over loaded models (plain sampling, no rules). */
export function createLineSampler(kind: ModelKind, models: DialogueModels): LineSampler {
  return {
    name: kind,
    sampleLines(requests, rng, options) {
      if (kind === 'markov') {
        return requests.map((r, i) => sampleChainLine(models.markov, r, rng.fork(`line:${i}`), options).text);
      }
      const forks = requests.map((_, i) => rng.fork(`line:${i}`));
      return sampleWithTransformer(models, requests, forks, options, kind === 'transformer' ? [1] : models.mixtureWeights).map((l) => l.text);
    },
  };
}
