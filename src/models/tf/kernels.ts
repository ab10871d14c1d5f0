import '@tensorflow/tfjs-backend-wasm'; // registers the 'wasm' backend and the kernels we build on
import { registerWasmConvGradients } from './convGradients';

/**
 * Registers every wasm kernel fix of this folder: the Conv2D gradients (missing in
 * tfjs-backend-wasm 4.22). Idempotent; call it before the first training step, in Node or in the
 * browser. Does not select the backend.
 */
export function registerWasmKernels(): void {
  registerWasmConvGradients();
}
