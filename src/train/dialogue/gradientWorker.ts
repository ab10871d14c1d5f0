import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { sequenceLoss, type TransformerConfig, type TransformerParams } from '../../models/dialogue/transformer';
import { initTfNode } from '../tfNode';
import { batchTensors, disposeBatch, type BatchArrays } from './batches';

/**
 * A worker thread of `GradientComputer` (gradients.ts): holds a copy of the transformer's weights
 * on its own wasm backend and answers each step with the loss of its shard, writing the gradients
 * into shared memory. The weights are read from shared memory before every step.
 */

export interface WorkerInit {
  config: TransformerConfig;
  loss: { dropout: number; labelSmoothing: number };
  names: string[];
  shapes: number[][];
  /** float32: every parameter, in `names` order; written by the main thread before each step. */
  weights: SharedArrayBuffer;
  /** float32, same layout: this worker's gradients. */
  grads: SharedArrayBuffer;
}

export interface WorkerStep {
  shard: BatchArrays;
  seed: number;
}

export interface WorkerReply {
  loss: number;
  error?: string;
}

async function serve(init: WorkerInit): Promise<void> {
  await initTfNode();
  const weights = new Float32Array(init.weights);
  const grads = new Float32Array(init.grads);
  const sizes = init.shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const params: TransformerParams = Object.fromEntries(init.names.map((n, i) => [n, tf.variable(tf.zeros(init.shapes[i]), true, `w/${n}`)]));
  const vars = init.names.map((n) => params[n]);
  parentPort!.on('message', ({ shard, seed }: WorkerStep) => {
    let reply: WorkerReply;
    try {
      init.names.forEach((n, i) => tf.tidy(() => params[n].assign(tf.tensor(weights.subarray(offsets[i], offsets[i] + sizes[i]), init.shapes[i]))));
      const b = batchTensors(shard);
      try {
        const { value, grads: g } = tf.variableGrads(
          () => sequenceLoss(params, init.config, b.inputs, b.targets, b.weights, { rate: init.loss.dropout, seed }, init.loss.labelSmoothing),
          vars,
        );
        reply = { loss: value.dataSync()[0] };
        init.names.forEach((n, i) => grads.set(g[params[n].name].dataSync() as Float32Array, offsets[i]));
        tf.dispose([value, ...Object.values(g)]);
      } finally {
        disposeBatch(b);
      }
    } catch (e) {
      reply = { loss: NaN, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  });
}

if (!isMainThread && parentPort) {
  serve(workerData as WorkerInit).catch((e: unknown) => {
    // An uncaught rejection reaches the main thread as the worker's 'error' event.
    throw e;
  });
}
