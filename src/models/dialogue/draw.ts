import type { Rng } from '../../core/rng';

/**
 * Draws one index from a probability vector with temperature and top-k, using the project Rng
 * (never tf.multinomial, so the same seed gives the same line in Node and in the browser).
 * `allowed[i] = 0` removes an index (special tokens, unknown words). Ties break by lower index.
 * `accept(i)`, when given, is a further rule checked only for an index about to enter the top k
 * (so an expensive rule runs a few dozen times, not once per vocabulary entry).
 * Returns -1 when no allowed index has probability above 0.
 */
export function drawIndex(
  probs: ArrayLike<number>,
  rng: Rng,
  temperature: number,
  topK: number,
  allowed?: ArrayLike<number>,
  accept?: (i: number) => boolean,
): number {
  const k = Math.max(1, Math.floor(topK));
  if (k >= probs.length && temperature > 1e-6) return drawAll(probs, rng, temperature, allowed, accept);
  const { idx, val } = largest(probs, k, allowed, accept);
  return drawTop(idx, val, rng, temperature);
}

/**
 * A probability vector's allowed indices with probability above 0, largest first (ties by lower
 * index), at most a chosen number of them: the order drawIndex ranks by, worked out once for a
 * distribution that is drawn from many times (a chain context shared by the lines of a call).
 */
export interface RankedIndices {
  ids: Int32Array;
  probs: Float64Array;
  /** True when no allowed index with probability above 0 was left out (the list is shorter than asked). */
  complete: boolean;
  /** Length of the probability vector. */
  length: number;
}

/**
 * The k largest allowed probabilities above 0 (with `accept`, of the indices it accepts), largest
 * first, ties by lower index. `accept` runs only for an index about to enter.
 */
function largest(probs: ArrayLike<number>, k: number, allowed?: ArrayLike<number>, accept?: (i: number) => boolean): { idx: number[]; val: number[] } {
  // Keep the k largest in a small array sorted by descending probability.
  const idx: number[] = [];
  const val: number[] = [];
  // A probability must beat `bar` to enter: 0 until k are kept, then the k-th largest.
  let bar = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p > bar) || (allowed && !allowed[i])) continue;
    if (accept && !accept(i)) continue;
    let at = idx.length === k ? k - 1 : idx.length;
    while (at > 0 && val[at - 1] < p) at--;
    idx.splice(at, 0, i);
    val.splice(at, 0, p);
    if (idx.length > k) {
      idx.pop();
      val.pop();
    }
    if (idx.length === k) bar = val[k - 1];
  }
  return { idx, val };
}

/**
 * `drawIndex(probs, rng, temperature, topK, allowed, accept)` over the ranked list of `probs`
 * under `allowed`: the same index with the same use of `rng`, walking the ranked list until `topK`
 * indices are accepted instead of scanning the whole vector. Returns null, without touching
 * `rng`, when the list runs out first and is not complete: then call drawIndex itself.
 */
export function drawRanked(ranked: RankedIndices, rng: Rng, temperature: number, topK: number, accept?: (i: number) => boolean): number | null {
  const k = Math.max(1, Math.floor(topK));
  if (k >= ranked.length && temperature > 1e-6) return null;
  const idx: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < ranked.ids.length && idx.length < k; j++) {
    const i = ranked.ids[j];
    if (accept && !accept(i)) continue;
    idx.push(i);
    val.push(ranked.probs[j]);
  }
  if (idx.length < k && !ranked.complete) return null;
  return drawTop(idx, val, rng, temperature);
}

/** The probability a ranked list holds for index `i` (NaN when it is not in the list). */
export function rankedProb(ranked: RankedIndices, i: number): number {
  const j = ranked.ids.indexOf(i);
  return j < 0 ? NaN : ranked.probs[j];
}

/** Draws from the top indices `idx` (descending probabilities `val`) with temperature. */
function drawTop(idx: readonly number[], val: readonly number[], rng: Rng, temperature: number): number {
  if (idx.length === 0) return -1;
  if (temperature <= 1e-6) return idx[0];
  const inv = 1 / temperature;
  const w = val.map((p) => Math.pow(p / val[0], inv));
  let total = 0;
  for (const x of w) total += x;
  let r = rng.next() * total;
  for (let i = 0; i < w.length; i++) {
    r -= w[i];
    if (r < 0) return idx[i];
  }
  return idx[idx.length - 1];
}

/** No top-k cut: one pass over every allowed index (the sorted list above would cost O(n²)). */
function drawAll(probs: ArrayLike<number>, rng: Rng, temperature: number, allowed?: ArrayLike<number>, accept?: (i: number) => boolean): number {
  const inv = 1 / temperature;
  const w = new Float64Array(probs.length);
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p > 0) || (allowed && !allowed[i]) || (accept && !accept(i))) continue;
    total += w[i] = inv === 1 ? p : Math.pow(p, inv);
  }
  if (total === 0) return -1;
  let r = rng.next() * total;
  let last = -1;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 0) continue;
    last = i;
    r -= w[i];
    if (r < 0) return i;
  }
  return last;
}
