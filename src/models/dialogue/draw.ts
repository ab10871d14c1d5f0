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
