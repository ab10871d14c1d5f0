import '@tensorflow/tfjs-backend-wasm'; // registers the 'wasm' backend and the kernels we build on
import { registerWasmConvGradients } from './convGradients';
import { registerWasmMatMulFast } from './matMulFast';
import { registerWasmSegmentSum } from './segmentSum';

/**
 * Registers every wasm kernel fix of this folder: the Conv2D gradients (missing or slow in
 * tfjs-backend-wasm 4.22), the matMul fast paths (transposed and broadcast products) and
 * UnsortedSegmentSum (the gradient of gather, which embedding lookups need).
 * Idempotent; call it before the first training step, in Node or in the browser. Does not
 * select the backend.
 */
export function registerWasmKernels(): void {
  registerWasmConvGradients();
  registerWasmMatMulFast();
  registerWasmSegmentSum();
}
