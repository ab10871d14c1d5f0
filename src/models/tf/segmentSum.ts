import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasmOps';

/**
 * UnsortedSegmentSum for the tfjs wasm backend, which 4.22 lacks. It is the gradient of `gather`,
 * so with it an embedding lookup can be a gather (B·T·d reads) instead of a one-hot product
 * (B·T·V·d multiply-adds forward and again backward). Segment sums scatter rows: a plain loop
 * over the heap, linear in the input size. Ids outside [0, numSegments) are dropped, as in
 * TensorFlow. float32 and int32 values; 1-D segment ids over the first axis (what the gather
 * gradient passes).
 */

type Args = {
  inputs: { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  attrs: { numSegments: number };
  backend: WasmBackend;
};

function unsortedSegmentSum({ inputs, attrs, backend }: Args): tf.TensorInfo {
  const { x, segmentIds } = inputs;
  const rows = x.shape[0] ?? 1;
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== rows) {
    throw new Error(`wasm UnsortedSegmentSum: segment ids of shape [${segmentIds.shape}] for values of shape [${x.shape}]; expected [${rows}]`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`wasm UnsortedSegmentSum: dtype ${x.dtype} is not supported`);
  const inner = x.shape.slice(1).reduce((p, d) => p * d, 1);
  const out = backend.makeOutput([attrs.numSegments, ...x.shape.slice(1)], x.dtype);
  // Views are taken after the output is allocated: allocation may grow (and detach) the heap.
  const sum = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const values = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const ids = backend.typedArrayFromHeap(segmentIds) as Int32Array;
  sum.fill(0);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= attrs.numSegments) continue;
    const from = r * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) sum[to + k] += values[from + k];
  }
  return out;
}

/** Registers the kernel unless the backend already has one (idempotent). */
export function registerWasmSegmentSum(): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
  });
}
