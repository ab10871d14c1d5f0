import type { Rng } from '../../core/rng';
import type { LineSampleOptions } from '../../pipeline/ports';
import { drawIndex, drawRanked, rankedProb, type RankedIndices } from './draw';
import type { LineForm } from './lineForm';
import { M_EOS, type MarkovChain } from './markov';

/**
 * Ranked next-piece lists of the chain per context (role, situation, history), shared by the lines
 * one call samples: a request's candidates start alike, and requests of one role and situation
 * share contexts. Holds the most likely pieces of each, 1.6 times the draws' top-k: enough in all
 * but a few contexts, where the line's rules reject many of them (those fall back to the whole
 * distribution). A list comes from the chain's own ranking (`MarkovChain.top`), which looks at a
 * few hundred pieces rather than the whole vocabulary. Cleared past `MEMO_LIMIT` contexts.
 */
export class ChainMemo {
  private readonly byCondition = new Map<string, Map<number | string, RankedIndices>>();
  private size = 0;
  private readonly kept: number;

  constructor(private readonly markov: MarkovChain, topK: number) {
    this.kept = Math.max(8, Math.ceil(1.6 * topK));
  }

  /** The ranked list of a context, worked out on first use. */
  ranked(role: string, situation: string, history: readonly number[]): RankedIndices {
    const condition = `${role}|${situation}`;
    let contexts = this.byCondition.get(condition);
    if (!contexts) this.byCondition.set(condition, (contexts = new Map()));
    const key = historyKey(history, this.markov.pieces.length);
    let ranked = contexts.get(key);
    if (!ranked) {
      if (this.size >= MEMO_LIMIT) this.clear();
      const top = this.markov.top(role, situation, history, this.kept);
      ranked = { ids: Int32Array.from(top.ids), probs: Float64Array.from(top.probs), complete: top.ids.length < this.kept, length: this.markov.pieces.length };
      contexts.set(key, ranked);
      this.size++;
    }
    return ranked;
  }

  private clear(): void {
    for (const contexts of this.byCondition.values()) contexts.clear();
    this.size = 0;
  }
}
const MEMO_LIMIT = 50_000;

/** A history of piece ids as one number (base `n`) while that is exact, else as text. */
function historyKey(history: readonly number[], n: number): number | string {
  if (n ** history.length > Number.MAX_SAFE_INTEGER) return history.join(',');
  let key = 0;
  for (const id of history) key = key * n + id;
  return key;
}

/**
 * Draws the chain's next piece for `history` (a drawIndex over its distribution, through `memo`
 * when lines share contexts): the piece's id (−1 when nothing is allowed) and its untempered probability.
 */
export function drawChainPiece(
  markov: MarkovChain,
  role: string,
  situation: string,
  history: readonly number[],
  rng: Rng,
  options: LineSampleOptions,
  form: LineForm | null,
  memo: ChainMemo | undefined,
  buf: Float64Array,
): { id: number; prob: number } {
  const accept = form ? (u: number) => (u === M_EOS ? form.canEnd() : form.allows(markov.pieces[u])) : undefined;
  if (memo) {
    const ranked = memo.ranked(role, situation, history);
    const id = drawRanked(ranked, rng, options.temperature, options.topK, accept);
    if (id !== null) return { id, prob: id < 0 ? 0 : rankedProb(ranked, id) };
  }
  const dist = markov.distribution(role, situation, history, buf);
  const id = drawIndex(dist, rng, options.temperature, options.topK, markov.sampleable, accept);
  return { id, prob: id < 0 ? 0 : dist[id] };
}
