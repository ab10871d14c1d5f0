import * as tf from '@tensorflow/tfjs';
import { freeAll, runWasmKernel, transposeInfo, type WasmBackend } from './wasmOps';

/**
 * Fast paths around the wasm BatchMatMul and _FusedMatMul kernels.
 *
 * Measured on tfjs-backend-wasm 4.22 (docs/tfjs.md): only an unbatched, untransposed product
 * reaches XNNPACK's fast matrix multiply. `transposeA`/`transposeB` (every dense-layer gradient,
 * attention's Q·Kᵀ) run 10–37× slower, and a batched A times an unbatched B (a dense layer on a
 * [batch, seq, d] tensor) ~10× slower than the same product as one 2-D matMul. So: transpose
 * explicitly (the Transpose kernel is cheap), fold A's batch into its rows when B has no batch,
 * then run the stock kernel without transposes. Products with two real batches (attention) run
 * as one 2-D product per batch entry.
 */

interface MatMulInputs extends tf.NamedTensorInfoMap {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
}
interface MatMulArgs {
  inputs: MatMulInputs;
  attrs: tf.NamedAttrMap & { transposeA: boolean; transposeB: boolean };
  backend: WasmBackend;
}

const stock = new Map<string, tf.KernelConfig>();
/** m·k·n below which a batch entry is too small for a separate 2-D product to pay off. */
const MIN_ENTRY_WORK = 32 * 1024;

function batchOf(shape: number[]): number {
  return shape.slice(0, -2).reduce((p, d) => p * d, 1);
}

function swapLastTwo(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return transposeInfo(backend, x, perm);
}

function reshapeInfo(backend: WasmBackend, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return runWasmKernel('Reshape', backend, { x }, { shape });
}

/**
 * Rewrites one matMul call: returns the result computed through the fast path, or undefined
 * when the stock kernel should run as it is.
 */
function fastMatMul(kernelName: string, { inputs, attrs, backend }: MatMulArgs): tf.TensorInfo | undefined {
  const { a, b } = inputs;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const batchA = batchOf(a.shape);
  const batchB = batchOf(b.shape);
  const fused = kernelName === '_FusedMatMul';
  if (batchB !== 1) return fused ? undefined : batchByBatch({ inputs, attrs, backend });
  // Folding A's batch into rows changes the output rank; only safe for a plain bias/no prelu.
  const foldable = batchA > 1 && (!fused || ((inputs.bias?.shape.length ?? 0) <= 1 && !inputs.preluActivationWeights));
  if (!attrs.transposeA && !attrs.transposeB && !foldable) return undefined;

  const temps: tf.TensorInfo[] = [];
  let a2 = attrs.transposeA ? swapLastTwo(backend, a) : a;
  let b2 = attrs.transposeB ? swapLastTwo(backend, b) : b;
  if (a2 !== a) temps.push(a2);
  if (b2 !== b) temps.push(b2);
  const m = a2.shape[a2.shape.length - 2];
  const n = b2.shape[b2.shape.length - 1];
  const outShape = [...tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)), m, n];
  if (foldable) {
    const k = a2.shape[a2.shape.length - 1];
    a2 = reshapeInfo(backend, a2, [batchA * m, k]);
    b2 = reshapeInfo(backend, b2, b2.shape.slice(-2));
    temps.push(a2, b2);
  }
  const config = stock.get(kernelName)!;
  const out = config.kernelFunc({
    inputs: { ...inputs, a: a2, b: b2 },
    attrs: { ...attrs, transposeA: false, transposeB: false },
    backend,
  }) as tf.TensorInfo;
  freeAll(backend, ...temps);
  return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
}

/** A fresh Float32Array view of a tensor's data (any allocation may move the wasm heap). */
function heap(backend: WasmBackend, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/**
 * Two real batches (attention scores and weighted values): one 2-D stock matMul per batch entry
 * beats the stock batched loop 3–8× (docs/tfjs.md). Needs identical batch dims (no broadcasting).
 */
function batchByBatch({ inputs, attrs, backend }: MatMulArgs): tf.TensorInfo | undefined {
  const { a, b } = inputs;
  const outer = a.shape.slice(0, -2);
  if (outer.join(',') !== b.shape.slice(0, -2).join(',')) return undefined;
  const [ar, ac] = a.shape.slice(-2);
  // Each entry costs ~15 µs of call overhead; below ~32k multiply-adds the stock loop wins.
  if (ar * ac * b.shape[b.shape.length - (attrs.transposeB ? 2 : 1)] < MIN_ENTRY_WORK) return undefined;
  const a2 = attrs.transposeA ? swapLastTwo(backend, a) : a;
  const b2 = attrs.transposeB ? swapLastTwo(backend, b) : b;
  const [m, k] = a2.shape.slice(-2);
  const n = b2.shape[b2.shape.length - 1];
  const batch = batchOf(a.shape);
  const plain = { transposeA: false, transposeB: false };
  const matMul2d = stock.get('BatchMatMul')!;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  for (let i = 0; i < batch; i++) {
    const ai = backend.makeOutput([m, k], 'float32');
    const bi = backend.makeOutput([k, n], 'float32');
    heap(backend, ai).set(heap(backend, a2).subarray(i * m * k, (i + 1) * m * k));
    heap(backend, bi).set(heap(backend, b2).subarray(i * k * n, (i + 1) * k * n));
    const oi = matMul2d.kernelFunc({ inputs: { a: ai, b: bi }, attrs: plain, backend }) as tf.TensorInfo;
    heap(backend, out).set(heap(backend, oi), i * m * n);
    freeAll(backend, ai, bi, oi);
  }
  if (a2 !== a) freeAll(backend, a2);
  if (b2 !== b) freeAll(backend, b2);
  return out;
}

function kernelFor(kernelName: string): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ((args: MatMulArgs) =>
      fastMatMul(kernelName, args) ??
      stock.get(kernelName)!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0])) as unknown as tf.KernelFunc,
  };
}

const fastKernels = ['BatchMatMul', '_FusedMatMul'].map(kernelFor);

/**
 * Wraps the wasm BatchMatMul and _FusedMatMul kernels with the fast paths above. Idempotent.
 * Needs `@tensorflow/tfjs-backend-wasm` imported (its kernels are what gets wrapped).
 */
export function registerWasmMatMulFast(): void {
  for (const kernel of fastKernels) {
    const current = tf.getKernel(kernel.kernelName, 'wasm');
    if (!current) throw new Error(`registerWasmMatMulFast: wasm kernel '${kernel.kernelName}' is not registered`);
    if (current.kernelFunc === kernel.kernelFunc) continue;
    stock.set(kernel.kernelName, current);
    tf.unregisterKernel(kernel.kernelName, 'wasm');
    // The stock setupFunc already ran if the backend is initialised; keep it for a later init.
    tf.registerKernel({ ...kernel, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
  }
}
