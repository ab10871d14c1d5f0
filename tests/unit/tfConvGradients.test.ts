import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/rng';
import { initTfNode } from '../../src/train/tfNode';
import { registerWasmConvGradients } from '../../src/models/tf/convGradients';

type Shape4 = [number, number, number, number];

function values(seed: string, shape: number[]): Float32Array {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** Runs `f` on `backend` and returns its outputs as plain arrays. */
async function on(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = f();
  const data = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(outs);
  return data;
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
  return m;
}

async function expectSameOnCpuAndWasm(f: () => tf.Tensor[]): Promise<void> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  expect(wasm.length).toBe(cpu.length);
  cpu.forEach((c, i) => expect(maxRelErr(c, wasm[i])).toBeLessThan(1e-4));
}

const convCases: [Shape4, Shape4, number | [number, number], 'same' | 'valid'][] = [
  [[2, 5, 5, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 6, 6, 2], [3, 3, 2, 4], 1, 'valid'],
  [[2, 7, 6, 3], [3, 3, 3, 4], 2, 'same'], // odd sizes, stride 2 'same'
  [[3, 8, 8, 3], [4, 4, 3, 2], 2, 'same'],
  [[1, 9, 7, 2], [3, 2, 2, 3], 2, 'valid'], // unused trailing rows
  [[2, 6, 6, 1], [1, 1, 1, 3], 2, 'valid'], // kernel smaller than stride
  [[2, 10, 9, 2], [5, 3, 2, 3], [3, 2], 'same'],
];

describe('wasm Conv2D gradients', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  it.each(convCases)('conv2d x%j filter%j stride %j %s: dx and dfilter match cpu', async (xs, fs, stride, pad) => {
    const xv = values('x', xs);
    const fv = values('f', fs);
    await expectSameOnCpuAndWasm(() => {
      const g = tf.grads((...[x, f]: tf.Tensor[]) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, stride, pad).square().sum());
      const x = tf.tensor4d(xv, xs);
      const f = tf.tensor4d(fv, fs);
      const out = g([x, f]);
      tf.dispose([x, f]);
      return out;
    });
  });

  it.each([
    [[2, 4, 4, 3], [3, 3, 2, 3], [2, 8, 8, 2], 2, 'same'],
    [[2, 3, 5, 4], [4, 4, 3, 4], [2, 6, 10, 3], 2, 'same'],
    [[1, 3, 3, 2], [3, 3, 2, 2], [1, 7, 7, 2], 2, 'valid'],
    [[2, 5, 5, 3], [3, 3, 2, 3], [2, 5, 5, 2], 1, 'same'],
  ] as [Shape4, Shape4, Shape4, number, 'same' | 'valid'][])(
    'conv2dTranspose x%j filter%j → %j stride %d %s: forward and gradients match cpu',
    async (xs, fs, outShape, stride, pad) => {
      const xv = values('tx', xs);
      const fv = values('tf', fs);
      await expectSameOnCpuAndWasm(() => {
        const x = tf.tensor4d(xv, xs);
        const f = tf.tensor4d(fv, fs);
        const y = tf.conv2dTranspose(x, f, outShape, stride, pad);
        const g = tf.grads((...[a, b]: tf.Tensor[]) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, outShape, stride, pad).square().sum());
        const out = [y, ...g([x, f])];
        tf.dispose([x, f]);
        return out;
      });
    },
  );

  it('trains a conv encoder/decoder with tf.layers (gradients match cpu)', async () => {
    const xv = values('img', [4, 8, 8, 2]);
    const grads = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
          tf.layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      const x = tf.tensor4d(xv, [4, 8, 8, 2]);
      const { value, grads: g } = tf.variableGrads(() => (model.apply(x) as tf.Tensor).sub(x).square().mean() as tf.Scalar);
      const out = [value, ...Object.values(g)];
      x.dispose();
      model.dispose();
      return out;
    };
    await expectSameOnCpuAndWasm(grads);
  });

  it('is idempotent and leaks no tensors over repeated gradient calls', async () => {
    registerWasmConvGradients();
    registerWasmConvGradients();
    await tf.setBackend('wasm');
    const x = tf.tensor4d(values('lx', [2, 7, 7, 3]), [2, 7, 7, 3]);
    const f = tf.tensor4d(values('lf', [3, 3, 3, 4]), [3, 3, 3, 4]);
    const g = tf.grads((...[a, b]: tf.Tensor[]) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same').square().sum());
    const step = () => tf.dispose(g([x, f]));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f]);
  });
});
