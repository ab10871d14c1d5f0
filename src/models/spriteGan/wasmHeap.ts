import type * as tfType from '@tensorflow/tfjs';

/**
 * Grows the wasm heap once, up front, by allocating and freeing `mib` MiB.
 * Why: the shared Conv2DBackpropInput kernel (src/models/tf/convGradients.ts) keeps a heap view
 * of the filter across allocations; when an allocation grows wasm memory that view detaches and
 * later stride phases read nothing, so stride-2 conv gradients and transposed convs turn NaN.
 * With the heap already large, no allocation grows it. (Reported to the lead; remove once fixed.)
 */
export function reserveWasmHeap(tf: typeof tfType, mib: number): void {
  if (tf.getBackend() !== 'wasm') return;
  const big = tf.zeros([Math.floor((mib * 1024 * 1024) / 4)]);
  big.dataSync();
  big.dispose();
}
