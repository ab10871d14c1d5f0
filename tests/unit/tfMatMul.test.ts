import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/rng';
import { initTfNode } from '../../src/train/tfNode';
import { registerWasmMatMulFast } from '../../src/models/tf/matMulFast';

function values(seed: string, shape: number[]): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

async function on(backend: string, f: () => tf.Tensor[]): Promise<{ shapes: number[][]; data: Float32Array[] }> {
  await tf.setBackend(backend);
  const outs = f();
  const data = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
  const shapes = outs.map((t) => t.shape);
  tf.dispose(outs);
  return { shapes, data };
}

async function expectSameOnCpuAndWasm(f: () => tf.Tensor[]): Promise<void> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  expect(wasm.shapes).toEqual(cpu.shapes);
  cpu.data.forEach((c, i) => {
    let err = 0;
    for (let j = 0; j < c.length; j++) err = Math.max(err, Math.abs(c[j] - wasm.data[i][j]) / (1 + Math.abs(c[j])));
    expect(err).toBeLessThan(1e-4);
  });
}

/** [a shape, b shape] before transposition, as in a·b with a [.., m, k] and b [.., k, n]. */
const cases: [string, number[], number[]][] = [
  ['2-D', [7, 5], [5, 3]],
  ['3-D times 2-D (folded)', [4, 6, 5], [5, 3]],
  ['4-D times 2-D (folded)', [2, 3, 6, 5], [5, 4]],
  ['batched, small entries (stock)', [3, 5, 7], [3, 7, 2]],
  ['batched, large entries (per entry)', [3, 40, 24], [3, 24, 40]],
  ['4-D batched, large entries', [2, 2, 33, 32], [2, 2, 32, 33]],
  ['broadcast batch [2,1] × [1,3] (stock)', [2, 1, 4, 5], [1, 3, 5, 2]],
];

function transposed(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  perm.push(...perm.splice(-2).reverse());
  return x.transpose(perm);
}

describe('wasm matMul fast paths', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  for (const [name, as, bs] of cases) {
    it.each([[false, false], [true, false], [false, true], [true, true]])(`${name}: transposeA=%s transposeB=%s matches cpu`, async (ta, tb) => {
      const av = values(`a${name}`, as);
      const bv = values(`b${name}`, bs);
      await expectSameOnCpuAndWasm(() => tf.tidy(() => {
        const a = tf.tensor(av, as);
        const b = tf.tensor(bv, bs);
        const a2 = ta ? transposed(a) : a;
        const b2 = tb ? transposed(b) : b;
        return [tf.matMul(a2, b2, ta, tb)];
      }));
    });
  }

  it('fused matMul with bias and relu, transposed operands, matches cpu', async () => {
    const av = values('fa', [6, 9]);
    const bv = values('fb', [4, 6]);
    const biasv = values('fbias', [4]);
    await expectSameOnCpuAndWasm(() => tf.tidy(() => {
      const a = tf.tensor2d(av, [6, 9]);
      const b = tf.tensor2d(bv, [4, 6]);
      const bias = tf.tensor1d(biasv);
      return [tf.fused.matMul({ a, b, transposeA: true, transposeB: true, bias, activation: 'relu' })];
    }));
  });

  it('dense-layer gradients match cpu', async () => {
    const xv = values('x', [8, 12]);
    await expectSameOnCpuAndWasm(() => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [12], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
          tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      const x = tf.tensor2d(xv, [8, 12]);
      const { value, grads } = tf.variableGrads(() => (model.apply(x) as tf.Tensor).square().mean() as tf.Scalar);
      x.dispose();
      model.dispose();
      return [value, ...Object.values(grads)];
    });
  });

  it('is idempotent and leaks no tensors', async () => {
    registerWasmMatMulFast();
    registerWasmMatMulFast();
    await tf.setBackend('wasm');
    const a = tf.tensor3d(values('la', [3, 40, 24]), [3, 40, 24]);
    const b = tf.tensor3d(values('lb', [3, 40, 24]), [3, 40, 24]);
    const step = () => tf.dispose(tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, false, true).sum())([a, b]));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});
