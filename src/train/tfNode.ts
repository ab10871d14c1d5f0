import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../models/tf/kernels';

let ready: Promise<typeof tf> | undefined;

/**
 * Uses up the cpu backend's one-time "install tfjs-node" hint with warnings muted: tfjs-node does
 * not install here and the wasm backend is the deliberate choice, so the hint is only noise (tests
 * that compare against the cpu backend would print it). Other tfjs warnings stay on.
 */
function muteNodeBackendHint(): void {
  const env = tf.env();
  const prod = env.getBool('PROD');
  env.set('PROD', true);
  try {
    const cpu = tf.engine().findBackend('cpu');
    if (cpu) cpu.disposeData(cpu.write(new Float32Array(1), [1], 'float32'));
  } finally {
    env.set('PROD', prod);
  }
}

/**
 * Initialises tfjs for Node training and evaluation: the wasm backend (SIMD, no threads; no
 * setWasmPaths needed in Node) with the project's kernel fixes registered. Idempotent: every call
 * returns the same promise. Rejects if the wasm backend cannot start.
 */
export function initTfNode(): Promise<typeof tf> {
  ready ??= (async () => {
    registerWasmKernels();
    muteNodeBackendHint();
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('initTfNode: the tfjs wasm backend failed to initialise');
    await tf.ready();
    return tf;
  })().catch((err: unknown) => {
    ready = undefined; // let a later call retry instead of caching the failure
    throw err;
  });
  return ready;
}
