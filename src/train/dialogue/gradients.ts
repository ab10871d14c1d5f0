import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { sequenceLoss, type TransformerConfig, type TransformerParams } from '../../models/dialogue/transformer';
import { batchTensors, disposeBatch, shardBatch, type BatchArrays } from './batches';
import type { WorkerInit, WorkerReply, WorkerStep } from './gradientWorker';

/**
 * The loss and gradients of one training batch, on one thread or data-parallel over several.
 *
 * The wasm backend runs on one thread in Node, so a single training run used one core. With
 * `threads` > 1 the batch is cut into shards of every n-th row (`shardBatch`): this thread takes
 * the first, worker threads the rest, each with its own wasm backend and a copy of the weights
 * (synced through shared memory after every update). The shards' gradients are combined weighted by
 * their tokens, so the result is the gradient of the whole batch's mean loss (tests check it against
 * one thread). Dropout masks are drawn per shard (seed + shard), so runs with different thread
 * counts differ by their masks; a run is reproducible for a given count.
 */

/**
 * The worker's start-up code. Training runs under tsx, and a worker needs tsx's loader registered
 * before it imports TypeScript (tsx is found from this file, so the cwd does not matter).
 */
function workerBoot(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const json = JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(pkg), json.exports['./esm/api'].import.default)).href;
  const entry = new URL('./gradientWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
}

export interface BatchGradients {
  /** Mean loss per predicted token over the whole batch (nats). */
  loss: number;
  /** By parameter name; the caller disposes. */
  grads: tf.NamedTensorMap;
}

export interface LossSettings {
  dropout: number;
  labelSmoothing: number;
}

export class GradientComputer {
  private readonly names: string[];
  private readonly offsets: number[];
  private readonly workers: Worker[] = [];
  private readonly weightView: Float32Array;
  private readonly gradViews: Float32Array[] = [];
  private failure: Error | null = null;

  private constructor(
    private readonly params: TransformerParams,
    private readonly config: TransformerConfig,
    private readonly loss: LossSettings,
    threads: number,
  ) {
    this.names = Object.keys(params);
    this.offsets = [];
    let at = 0;
    for (const n of this.names) {
      this.offsets.push(at);
      at += params[n].size;
    }
    this.weightView = new Float32Array(new SharedArrayBuffer(threads > 1 ? at * 4 : 0));
    const boot = threads > 1 ? workerBoot() : '';
    for (let i = 1; i < threads; i++) {
      const grads = new SharedArrayBuffer(at * 4);
      this.gradViews.push(new Float32Array(grads));
      const init: WorkerInit = { config, loss, names: this.names, shapes: this.names.map((n) => params[n].shape), weights: this.weightView.buffer as SharedArrayBuffer, grads };
      const worker = new Worker(boot, { eval: true, workerData: init });
      worker.on('error', (e) => (this.failure ??= new Error(`gradient worker ${i} failed: ${e.message}`)));
      worker.on('exit', (code) => (this.failure ??= new Error(`gradient worker ${i} stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  /** `threads` ≥ 1: this thread plus `threads − 1` workers (started here, ready on first use). */
  static create(params: TransformerParams, config: TransformerConfig, loss: LossSettings, threads: number): GradientComputer {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a whole number ≥ 1, got ${threads}`);
    return new GradientComputer(params, config, loss, threads);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Loss and gradients of `batch` at the current weights; `seed` seeds the dropout masks. */
  async compute(batch: BatchArrays, seed: number): Promise<BatchGradients> {
    if (this.failure) throw this.failure;
    const shards = shardBatch(batch, this.threads);
    if (shards.length > 1) this.publishWeights();
    const replies = shards.slice(1).map((shard, i) => this.ask(i, { shard, seed: seed + i + 1 }));
    const own = this.local(shards[0], seed);
    let answers: WorkerReply[];
    try {
      answers = await Promise.all(replies);
    } catch (e) {
      tf.dispose(Object.values(own.grads));
      throw e;
    }
    if (answers.length === 0) return own;
    const tokens = shards.reduce((n, s) => n + s.tokens, 0);
    const grads = tf.tidy(() => {
      const out: tf.NamedTensorMap = {};
      this.names.forEach((n, k) => {
        const parts = [own.grads[n].mul(shards[0].tokens)];
        answers.forEach((_, w) => {
          const view = this.gradViews[w].subarray(this.offsets[k], this.offsets[k] + this.params[n].size);
          parts.push(tf.tensor(view, this.params[n].shape).mul(shards[w + 1].tokens));
        });
        out[n] = tf.addN(parts).div(tokens);
      });
      return out;
    });
    tf.dispose(Object.values(own.grads));
    const loss = (own.loss * shards[0].tokens + answers.reduce((s, a, w) => s + a.loss * shards[w + 1].tokens, 0)) / tokens;
    return { loss, grads };
  }

  /** Stops the workers. */
  async dispose(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private local(shard: BatchArrays, seed: number): BatchGradients {
    const b = batchTensors(shard);
    try {
      const vars = this.names.map((n) => this.params[n]);
      const { value, grads } = tf.variableGrads(
        () => sequenceLoss(this.params, this.config, b.inputs, b.targets, b.weights, { rate: this.loss.dropout, seed }, this.loss.labelSmoothing),
        vars,
      );
      const loss = value.dataSync()[0];
      value.dispose();
      return { loss, grads: Object.fromEntries(this.names.map((n) => [n, grads[this.params[n].name]])) };
    } finally {
      disposeBatch(b);
    }
  }

  private publishWeights(): void {
    this.names.forEach((n, k) => this.weightView.set(this.params[n].dataSync() as Float32Array, this.offsets[k]));
  }

  private ask(worker: number, step: WorkerStep): Promise<WorkerReply> {
    const w = this.workers[worker];
    return new Promise((resolve, reject) => {
      const done = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const onError = (e: Error) => {
        done();
        reject(new Error(`gradient worker ${worker + 1} failed: ${e.message}`));
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`gradient worker ${worker + 1} stopped (exit code ${code})`));
      };
      const onMessage = (reply: WorkerReply) => {
        done();
        if (reply.error) reject(new Error(`gradient worker ${worker + 1}: ${reply.error}`));
        else resolve(reply);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(step);
    });
  }
}
