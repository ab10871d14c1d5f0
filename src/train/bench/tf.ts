// `npm run bench:tf -- [MODE]`: the wasm kernel kit's effect, in ms per training step (docs/tfjs.md).
// MODE: all (default) | no-matmul (conv gradients only) | stock-input (stock Conv2DBackpropInput)
//       | products (the stock matMul kernel on plain / transposed / batched products, no training)
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvGradients } from '../../models/tf/convGradients';
import { registerWasmMatMulFast } from '../../models/tf/matMulFast';

const mode = process.argv[2] ?? 'all';
const stockInput = tf.getKernel('Conv2DBackpropInput', 'wasm')!;
registerWasmConvGradients();
if (mode !== 'no-matmul' && mode !== 'products') registerWasmMatMulFast();
if (mode === 'stock-input') { tf.unregisterKernel('Conv2DBackpropInput', 'wasm'); tf.registerKernel(stockInput); }
await tf.setBackend('wasm');
await tf.ready();
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

/** Median-free mean ms of `f` over `reps` runs (after 3 warm-ups), data read back each time. */
function timeProduct(f: () => tf.Tensor, reps: number): number {
  for (let i = 0; i < 3; i++) f().dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = f();
    r.dataSync();
    r.dispose();
  }
  return +((performance.now() - t0) / reps).toFixed(2);
}

if (mode === 'products') {
  // Why matMulFast.ts exists: the stock kernel is fast only for unbatched, untransposed products.
  // Each product is timed with the stock kernel, then again through the wrapped kernel.
  const rn = (s: number[]) => tf.randomNormal(s, 0, 1, 'float32', 1);
  const cases: Array<{ product: string; calls: Record<string, [() => tf.Tensor, number]> }> = [];
  for (const [m, k, n] of [[64, 512, 256], [256, 256, 256], [3072, 128, 128]]) {
    const [a, b] = [rn([m, k]), rn([k, n])];
    const [aT, bT] = [a.transpose(), b.transpose()];
    cases.push({ product: `${m}x${k} · ${k}x${n}`, calls: {
      plain: [() => tf.matMul(a, b), 20],
      transposeA: [() => tf.matMul(aT, b, true, false), 20],
      transposeB: [() => tf.matMul(a, bT, false, true), 20],
    } });
  }
  {
    const [a, b] = [rn([8, 96, 128]), rn([1, 128, 128])];
    cases.push({ product: '[8,96,128] · [1,128,128] (broadcast B)', calls: { plain: [() => tf.matMul(a, b as tf.Tensor3D), 10] } });
  }
  {
    const [a, b] = [rn([128, 96, 32]), rn([128, 32, 96])];
    const bT = b.transpose([0, 2, 1]);
    cases.push({ product: '[128,96,32] · [128,32,96] (batched)', calls: { plain: [() => tf.matMul(a, b), 5], transposeB: [() => tf.matMul(a, bT, false, true), 5] } });
  }
  const stock = cases.map((c) => Object.fromEntries(Object.entries(c.calls).map(([k, [f, reps]]) => [k, timeProduct(f, reps)])));
  registerWasmMatMulFast();
  cases.forEach((c, i) => {
    const fast = Object.fromEntries(Object.entries(c.calls).map(([k, [f, reps]]) => [k, timeProduct(f, reps)]));
    console.log(JSON.stringify({ mode, product: c.product, stockMs: stock[i], fastMs: fast }));
  });
  process.exit(0);
}

function bench(name: string, model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, steps: number) {
  const opt = tf.train.adam(1e-3);
  const step = () => opt.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar, false);
  for (let i = 0; i < 3; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  tf.backend().readSync((tf.zeros([1]) as any).dataId);
  const ms = (performance.now() - t0) / steps;
  console.log(JSON.stringify({ mode, name, params: model.countParams(), msPerStep: +ms.toFixed(1) }));
}

const rnd = (s: number[], seed: number) => tf.randomNormal(s, 0, 1, 'float32', seed);
// 1. MLP 256-512-512-64, batch 64
{
  const m = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [256], units: 512, activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.dense({ units: 512, activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.dense({ units: 64, kernelInitializer: init(3) })] });
  bench('dense MLP 256-512-512-64, batch 64', m, rnd([64, 256], 1), rnd([64, 64], 2), 30);
}
// 2. conv autoencoder 16x16x9 (VAE-like), batch 64
{
  const m = tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [16, 16, 9], filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 32, kernelInitializer: init(3) }),
    tf.layers.dense({ units: 4 * 4 * 64, activation: 'relu', kernelInitializer: init(4) }),
    tf.layers.reshape({ targetShape: [4, 4, 64] }),
    tf.layers.conv2dTranspose({ filters: 32, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(5) }),
    tf.layers.conv2dTranspose({ filters: 9, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init(6) })] });
  const x = rnd([64, 16, 16, 9], 3);
  bench('conv autoencoder 16x16x9, batch 64', m, x, x, 20);
}
// 3. DCGAN-like generator 4x4 -> 32x32x4 (conv-transpose forward = Conv2DBackpropInput), batch 64
{
  const m = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [64], units: 4 * 4 * 128, activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.reshape({ targetShape: [4, 4, 128] }),
    tf.layers.conv2dTranspose({ filters: 64, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.conv2dTranspose({ filters: 32, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(3) }),
    tf.layers.conv2dTranspose({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: init(4) })] });
  bench('DCGAN-like generator 4x4->32x32x4, batch 64', m, rnd([64, 64], 4), rnd([64, 32, 32, 4], 5), 10);
  const z = rnd([256, 64], 6);
  for (let i = 0; i < 2; i++) tf.dispose(m.predict(z));
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) { const g = m.predict(z) as tf.Tensor; g.dataSync(); g.dispose(); }
  console.log(JSON.stringify({ mode, name: 'generator inference, batch 256', msPerBatch: +((performance.now() - t0) / 10).toFixed(1) }));
}
// 4. attention block: batch 16, T 96, d 128, 4 heads (q/k/v/out projections + softmax attention)
{
  const [B, T, D, H] = [16, 96, 128, 4];
  const ws = [1, 2, 3, 4].map((s) => tf.variable(rnd([D, D], 10 + s).mul(0.05)));
  const x = rnd([B * T, D], 7); // 2-D: tfjs cannot differentiate a broadcast (3-D × 2-D) matMul
  const heads = (t: tf.Tensor) => t.reshape([B, T, H, D / H]).transpose([0, 2, 1, 3]);
  const opt = tf.train.adam(1e-3);
  const step = () => opt.minimize(() => {
    const [q, k, v] = ws.slice(0, 3).map((w) => heads(tf.matMul(x, w)));
    const att = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(D / H)));
    const o = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([B, T, D]);
    return tf.matMul(o.reshape([B * T, D]), ws[3]).square().mean() as tf.Scalar;
  }, false);
  for (let i = 0; i < 2; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) step();
  console.log(JSON.stringify({ mode, name: 'attention block B16 T96 d128 h4', msPerStep: +((performance.now() - t0) / 5).toFixed(1) }));
}
