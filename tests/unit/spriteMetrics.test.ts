import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { initTfNode } from '../../src/train/tfNode';
import { kNearest, meanPairwiseDistance, median, precisionRecall, quantile } from '../../src/train/sprites/metrics';

const points = (seed: string, n: number, dim: number, shift = 0): Float32Array[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: dim }, () => rng.normal() + shift));
};
const dist = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((v, i) => v - b[i]));

beforeAll(async () => {
  await initTfNode();
});

describe('sprite metrics', () => {
  it('kNearest matches brute force (with and without self)', () => {
    const a = points('a', 20, 6);
    const b = points('b', 30, 6);
    const got = kNearest(a, b, 3);
    a.forEach((p, i) => {
      const want = b.map((q) => dist(p, q)).sort((x, y) => x - y).slice(0, 3);
      want.forEach((w, k) => expect(got[i][k]).toBeCloseTo(w, 3));
    });
    const self = kNearest(a, a, 1, true);
    a.forEach((p, i) => expect(self[i][0]).toBeCloseTo(Math.min(...a.filter((_, j) => j !== i).map((q) => dist(p, q))), 3));
  });

  it('precision/recall: a set against itself is 1/1; a far-away set scores 0', () => {
    const real = points('r', 60, 4);
    expect(precisionRecall(real, real, 5)).toEqual({ precision: 1, recall: 1 });
    const far = points('f', 60, 4, 50);
    expect(precisionRecall(real, far, 5)).toEqual({ precision: 0, recall: 0 });
  });

  it('median, quantile and mean pairwise distance', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(meanPairwiseDistance([new Float32Array([0, 0]), new Float32Array([3, 4])])).toBeCloseTo(5, 4);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    kNearest(points('x', 10, 3), points('y', 10, 3), 2);
    precisionRecall(points('x', 10, 3), points('y', 10, 3), 3);
    meanPairwiseDistance(points('z', 10, 3));
    expect(tf.memory().numTensors).toBe(before);
  });
});
