import * as tf from '@tensorflow/tfjs';

/**
 * Distance-based figures for generated sets, computed with tfjs matrix products
 * (‖a−b‖² = ‖a‖² + ‖b‖² − 2a·b) in blocks so a few thousand × a few thousand stays small.
 */

function matrix(rows: readonly Float32Array[]): tf.Tensor2D {
  const dim = rows[0].length;
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => data.set(r, i * dim));
  return tf.tensor2d(data, [rows.length, dim]);
}

/**
 * For each row of `a`, the distances to its k nearest rows of `b` (ascending).
 * @param skipSelf when a and b are the same set: ignore the zero distance of a row to itself
 * @returns a.length arrays of k Euclidean distances
 */
export function kNearest(a: readonly Float32Array[], b: readonly Float32Array[], k: number, skipSelf = false): Float32Array[] {
  if (a.length === 0 || b.length === 0) return a.map(() => new Float32Array(k).fill(Infinity));
  const kk = Math.min(k + (skipSelf ? 1 : 0), b.length);
  const bt = matrix(b);
  const bn = tf.tidy(() => bt.square().sum(1));
  const btT = tf.tidy(() => bt.transpose());
  const out: Float32Array[] = [];
  for (let i = 0; i < a.length; i += 512) {
    const block = a.slice(i, i + 512);
    const d = tf.tidy(() => {
      const at = matrix(block);
      const an = at.square().sum(1, true);
      const d2 = an.add(bn.expandDims(0)).sub(at.matMul(btT).mul(2)).maximum(0);
      // topk of the negated squared distances = the smallest distances
      return tf.topk(d2.neg(), kk).values.neg().sqrt().dataSync() as Float32Array;
    });
    for (let r = 0; r < block.length; r++) {
      const row = d.slice(r * kk, (r + 1) * kk);
      out.push(skipSelf ? row.slice(1, k + 1) : row.slice(0, k));
    }
  }
  tf.dispose([bt, bn, btT]);
  return out;
}

export function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Array.from(values).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

/**
 * k-NN manifold precision and recall (Kynkäänniemi et al. 2019): a sample is "inside" a set when
 * it lies within the k-th-neighbour radius of some member of that set.
 * precision = share of generated inside the real manifold; recall = share of real inside the
 * generated manifold.
 */
export function precisionRecall(real: readonly Float32Array[], fake: readonly Float32Array[], k = 5): { precision: number; recall: number } {
  const realRadius = kNearest(real, real, k, true).map((d) => d[k - 1]);
  const fakeRadius = kNearest(fake, fake, k, true).map((d) => d[k - 1]);
  const inside = (queries: readonly Float32Array[], members: readonly Float32Array[], radius: number[]): number => {
    let n = 0;
    // Distances from each query to every member, compared with that member's radius.
    const mt = matrix(members);
    const mn = tf.tidy(() => mt.square().sum(1));
    const r2 = tf.tensor1d(radius.map((r) => r * r));
    for (let i = 0; i < queries.length; i += 512) {
      const block = queries.slice(i, i + 512);
      const hits = tf.tidy(() => {
        const q = matrix(block);
        const d2 = q.square().sum(1, true).add(mn.expandDims(0)).sub(q.matMul(mt.transpose()).mul(2));
        return d2.lessEqual(r2.expandDims(0)).any(1).sum().dataSync()[0];
      });
      n += hits;
    }
    tf.dispose([mt, mn, r2]);
    return n / queries.length;
  };
  return { precision: inside(fake, real, realRadius), recall: inside(real, fake, fakeRadius) };
}

/** Mean Euclidean distance over all pairs of distinct rows (at most `cap` rows, evenly spaced). */
export function meanPairwiseDistance(rows: readonly Float32Array[], cap = 1500): number {
  const step = Math.max(1, Math.floor(rows.length / cap));
  const pick = rows.filter((_, i) => i % step === 0).slice(0, cap);
  if (pick.length < 2) return 0;
  return tf.tidy(() => {
    const m = matrix(pick);
    const n = m.square().sum(1, true);
    const d = n.add(n.transpose()).sub(m.matMul(m.transpose()).mul(2)).maximum(0).sqrt();
    return d.sum().dataSync()[0] / (pick.length * (pick.length - 1));
  });
}
