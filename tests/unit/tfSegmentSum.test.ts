import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/rng';
import { initTfNode } from '../../src/train/tfNode';

/** Runs `f` on a backend and returns its outputs' shapes and values. */
async function on(backend: string, f: () => tf.Tensor[]): Promise<{ shapes: number[][]; data: number[][] }> {
  await tf.setBackend(backend);
  const outs = f();
  const data = await Promise.all(outs.map(async (t) => Array.from(await t.data())));
  const shapes = outs.map((t) => t.shape);
  tf.dispose(outs);
  return { shapes, data };
}

describe('wasm UnsortedSegmentSum (the gradient of gather)', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  it('sums rows into segments, drops out-of-range ids, and matches the cpu backend', async () => {
    const x = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    const ids = [2, 0, 2, -1, 5];
    const f = () => [tf.unsortedSegmentSum(tf.tensor2d(x), tf.tensor1d(ids, 'int32'), 3), tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([1, 1, 0], 'int32'), 2)];
    const wasm = await on('wasm', f);
    expect(wasm.shapes).toEqual([[3, 2], [2]]);
    expect(wasm.data).toEqual([[3, 4, 0, 0, 6, 8], [3, 3]]);
    expect(wasm.data).toEqual((await on('cpu', f)).data);
    await tf.setBackend('wasm');
  });

  it('makes the gradient of an embedding gather equal to that of a one-hot product, without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const rng = createRng('segment-sum');
    const table = tf.tensor2d(Float32Array.from({ length: 11 * 4 }, () => rng.normal()), [11, 4]);
    const tokens = tf.tensor1d([3, 0, 3, 10, 7, 3], 'int32');
    const dy = tf.tensor2d(Float32Array.from({ length: 6 * 4 }, () => rng.normal()), [6, 4]);
    const before = tf.memory().numTensors;
    const [viaGather, viaOneHot] = tf.tidy(() => [
      tf.grad((t: tf.Tensor) => tf.gather(t, tokens).mul(dy).sum())(table),
      tf.grad((t: tf.Tensor) => tf.oneHot(tokens, 11).toFloat().matMul(t as tf.Tensor2D).mul(dy).sum())(table),
    ]);
    const a = await viaGather.data();
    const b = await viaOneHot.data();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    // Row 3 is looked up three times: its gradient is the sum of three rows of dy.
    const d = await dy.data();
    expect(a[3 * 4]).toBeCloseTo(d[0] + d[2 * 4] + d[5 * 4], 5);
    tf.dispose([viaGather, viaOneHot]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([table, tokens, dy]);
  });
});
