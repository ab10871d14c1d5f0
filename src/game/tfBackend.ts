import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmKernels } from '../models/tf/kernels';

let ready: Promise<void> | undefined;

/**
 * Selects tfjs's wasm backend in the browser. Explicitly, because tfjs would pick WebGL, which is
 * software-rendered in headless Chromium and ~40× slower for our batch decodes. The three .wasm
 * binaries are served by Vite (`?url` imports: hashed files in a build, live paths in dev); tfjs
 * picks plain, SIMD or threaded-SIMD by what the browser supports. Also registers the project's
 * wasm kernel fixes (faster conv-transpose and matMul). Idempotent: every call returns the same
 * promise; rejects with an Error (and allows a retry) if wasm cannot start.
 */
export function initTfBrowser(): Promise<void> {
  ready ??= (async () => {
    registerWasmKernels();
    // tfjs refuses new paths once its wasm module exists (someone selected 'wasm' before us).
    if (!('wasm' in tf.engine().registry)) {
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
      });
    }
    let ok = false;
    try {
      ok = await tf.setBackend('wasm');
    } catch (err) {
      throw new Error(`initTfBrowser: the tfjs wasm backend failed to initialise (${(err as Error).message})`);
    }
    if (!ok) throw new Error('initTfBrowser: the tfjs wasm backend failed to initialise (is WebAssembly available?)');
    await tf.ready();
  })().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return ready;
}
