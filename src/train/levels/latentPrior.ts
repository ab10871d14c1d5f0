import type { Rng } from '../../core/rng';
import type { StylePrior } from '../../models/levelVae/vae';

/**
 * Fits the sampling prior of one style: a diagonal Gaussian mixture over the encoder's posterior
 * means of that style's training rooms (k-means++ start, then EM). Each component's variance
 * adds the mean posterior variance of its rooms, so the mixture approximates the aggregate
 * posterior q(z) = mean q(z|x) the decoder was trained on, instead of the N(0, I) it was only
 * pulled towards. (Sampling from a density fitted after training: Ghosh et al. 2020, "From
 * variational to deterministic autoencoders".)
 * @param mus posterior means, n × L; @param vars posterior variances, n × L
 */
export function fitStylePrior(mus: readonly Float32Array[], vars: readonly Float32Array[], k: number, rng: Rng, iterations = 40): StylePrior {
  const n = mus.length;
  if (n === 0) throw new Error('fitStylePrior: no latents');
  const L = mus[0].length;
  const K = Math.max(1, Math.min(k, n));
  // k-means++ seeding.
  const centres: Float64Array[] = [Float64Array.from(mus[rng.int(0, n - 1)])];
  const d2 = new Float64Array(n);
  while (centres.length < K) {
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (const c of centres) {
        let d = 0;
        for (let j = 0; j < L; j++) d += (mus[i][j] - c[j]) ** 2;
        best = Math.min(best, d);
      }
      d2[i] = best;
    }
    centres.push(Float64Array.from(mus[rng.weighted(mus.map((_, i) => i), Array.from(d2))]));
  }
  const means = centres;
  const variances = Array.from({ length: K }, () => new Float64Array(L).fill(1));
  const weights = new Float64Array(K).fill(1 / K);
  const resp = Array.from({ length: n }, () => new Float64Array(K));
  for (let it = 0; it < iterations; it++) {
    // E step: responsibilities from log densities (stable with a max shift).
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < K; c++) {
        let lp = Math.log(weights[c] + 1e-12);
        for (let j = 0; j < L; j++) lp -= 0.5 * (Math.log(variances[c][j]) + (mus[i][j] - means[c][j]) ** 2 / variances[c][j]);
        resp[i][c] = lp;
        max = Math.max(max, lp);
      }
      let total = 0;
      for (let c = 0; c < K; c++) total += resp[i][c] = Math.exp(resp[i][c] - max);
      for (let c = 0; c < K; c++) resp[i][c] /= total;
    }
    // M step.
    for (let c = 0; c < K; c++) {
      let nc = 0;
      const m = new Float64Array(L);
      for (let i = 0; i < n; i++) {
        nc += resp[i][c];
        for (let j = 0; j < L; j++) m[j] += resp[i][c] * mus[i][j];
      }
      if (nc < 1e-6) continue; // an empty component keeps its last parameters
      const v = new Float64Array(L);
      for (let j = 0; j < L; j++) m[j] /= nc;
      for (let i = 0; i < n; i++) for (let j = 0; j < L; j++) v[j] += resp[i][c] * (mus[i][j] - m[j]) ** 2;
      for (let j = 0; j < L; j++) v[j] = Math.max(v[j] / nc, 1e-4);
      means[c] = m;
      variances[c] = v;
      weights[c] = nc / n;
    }
  }
  // Add each component's mean posterior variance (the encoder's own uncertainty).
  const scales = means.map((_, c) => {
    const post = new Float64Array(L);
    let nc = 0;
    for (let i = 0; i < n; i++) {
      nc += resp[i][c];
      for (let j = 0; j < L; j++) post[j] += resp[i][c] * vars[i][j];
    }
    return Array.from(variances[c], (v, j) => Number(Math.sqrt(v + post[j] / Math.max(nc, 1e-9)).toFixed(4)));
  });
  return {
    weights: Array.from(weights, (w) => Number(w.toFixed(6))),
    means: means.map((m) => Array.from(m, (x) => Number(x.toFixed(4)))),
    scales,
  };
}
