import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { initTfNode } from '../../src/train/tfNode';
import { kNearest, meanPairwiseDistance, median, precisionRecall, quantile } from '../../src/train/sprites/metrics';
import { classify, trainClassifier } from '../../src/train/sprites/classifier';
import { tilePixels, type SpriteDataset } from '../../src/train/sprites/dataset';
import { SPRITE_CLASSES } from '../../src/core/vocab';

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

describe('evaluation classifier', () => {
  // 12 tiles, 4 per class: a coloured square of a size per class (premultiplied bytes).
  const tiny = (): SpriteDataset => {
    const tiles = SPRITE_CLASSES.flatMap((cls) => [0, 1, 2, 3].map((k) => ({ cls, group: `${cls}:${k}`, style: 'fixture', name: `${cls}${k}`, split: (k < 3 ? 'train' : 'held') as 'train' | 'held' })));
    const pixels = new Uint8Array(tiles.length * 1024);
    tiles.forEach((_, i) => {
      const side = 4 + 3 * Math.floor(i / 4);
      for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) pixels.set([200, 40 * (i % 4), 90, 255], i * 1024 + ((y + 2) * 16 + x + 2) * 4);
    });
    return { size: 16, tiles, pixels };
  };

  it('trains reproducibly per seed; the ensemble labels every image and concatenates features; no tensors left', async () => {
    const ds = tiny();
    const run = (seed: number) => trainClassifier(ds, seed, 48, 2);
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(a.model)).toEqual(weights(b.model));
    expect(weights(a.model)).not.toEqual(weights(c.model));
    const before = tf.memory().numTensors;
    const images = Array.from({ length: 5 }, (_, i) => tilePixels(ds, i * 2));
    const one = classify([a.model], images);
    const both = classify([a.model, c.model], images);
    expect(tf.memory().numTensors).toBe(before);
    expect(one.labels).toHaveLength(5);
    expect(both.labels.every((l) => l >= 0 && l < SPRITE_CLASSES.length)).toBe(true);
    expect(both.features[0]).toHaveLength(2 * one.features[0].length);
    expect(() => classify([], images)).toThrow(/no classifier/);
    [a, b, c].forEach((r) => r.model.dispose());
  }, 60_000);
});
