import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Kernel-level building blocks for the wasm kernels registered in this folder.
 *
 * Inside a kernel we cannot call `tf.*` ops (the engine would record them on the gradient tape
 * and track their tensors); instead we call the wasm backend's own kernels directly and free
 * every intermediate with `backend.disposeData`. Only the returned TensorInfo survives.
 */

export type WasmBackend = BackendWasm;

/** Runs the currently registered wasm kernel `name` (throws naming it if it is missing). */
export function runWasmKernel(
  name: string,
  backend: WasmBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel '${name}' is not registered (import @tensorflow/tfjs-backend-wasm first)`);
  const out = config.kernelFunc({ inputs, attrs, backend });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${name}' returned several outputs; expected one`);
  return out;
}

/** Frees intermediate kernel outputs (each exactly once). */
export function freeAll(backend: WasmBackend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Transposes with the wasm Transpose kernel; `perm[i]` is the source axis of output axis i. */
export function transposeInfo(backend: WasmBackend, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return runWasmKernel('Transpose', backend, { x }, { perm });
}

/** Slices `size` elements starting at `begin` along each axis (wasm Slice kernel). */
export function sliceInfo(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  return runWasmKernel('Slice', backend, { x }, { begin, size });
}

/**
 * Plain NHWC Conv2D with explicit padding [top, bottom, left, right] (wasm Conv2D kernel).
 * x: [N, H, W, Cin], filter: [kh, kw, Cin, Cout] → [N, Ho, Wo, Cout].
 */
export function conv2dInfo(
  backend: WasmBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  strides: [number, number],
  dilations: [number, number],
  pads: [number, number, number, number],
): tf.TensorInfo {
  const pad = [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]];
  return runWasmKernel('Conv2D', backend, { x, filter }, {
    strides,
    dilations,
    pad: pad as unknown as tf.NamedAttrMap[string],
    dataFormat: 'NHWC',
  });
}
