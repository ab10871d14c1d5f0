import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeAtomic } from './datasetFiles';

/**
 * Training checkpoints: every variable of a run (generator, its EMA, critic and its
 * power-iteration vectors) as `state.bin` (float32, concatenated) + `state.json` (names, shapes,
 * step). Optimizer moments are not saved: a resumed run restarts Adam (a short wobble, no harm).
 */
/** Run totals carried across resumed runs (so a resumed run knows the compute already spent). */
export interface RunTotals {
  cpuSeconds: number;
  wallSeconds: number;
}

export function saveCheckpoint(dir: string, vars: Map<string, tf.Variable>, step: number, totals: RunTotals = { cpuSeconds: 0, wallSeconds: 0 }): void {
  const entries = [...vars.entries()].map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
  const total = entries.reduce((n, e) => n + e.values.length, 0);
  const bin = new Float32Array(total);
  let offset = 0;
  for (const e of entries) {
    bin.set(e.values, offset);
    offset += e.values.length;
  }
  writeAtomic(join(dir, 'state.bin'), new Uint8Array(bin.buffer));
  writeAtomic(join(dir, 'state.json'), JSON.stringify({ step, ...totals, vars: entries.map(({ name, shape }) => ({ name, shape })) }));
}

/** Restores a checkpoint into `vars`; returns its step and run totals. Throws naming the file on any mismatch. */
export function loadCheckpoint(dir: string, vars: Map<string, tf.Variable>): { step: number } & RunTotals {
  const jsonPath = join(dir, 'state.json');
  const binPath = join(dir, 'state.bin');
  if (!existsSync(jsonPath) || !existsSync(binPath)) throw new Error(`${dir}: no checkpoint (state.json + state.bin)`);
  const info = JSON.parse(readFileSync(jsonPath, 'utf8')) as { step: number; vars: Array<{ name: string; shape: number[] }> } & Partial<RunTotals>;
  const buf = readFileSync(binPath);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  let offset = 0;
  for (const { name, shape } of info.vars) {
    const v = vars.get(name);
    if (!v) throw new Error(`${jsonPath}: variable '${name}' does not exist in this model`);
    if (v.shape.join(',') !== shape.join(',')) throw new Error(`${jsonPath}: '${name}' is [${shape}], the model has [${v.shape}]`);
    const n = shape.reduce((a, b) => a * b, 1);
    if (offset + n > data.length) throw new Error(`${binPath}: truncated at '${name}'`);
    const t = tf.tensor(data.subarray(offset, offset + n), shape);
    v.assign(t);
    t.dispose();
    offset += n;
  }
  if (offset !== data.length) throw new Error(`${binPath}: ${data.length - offset} values more than state.json lists`);
  if (info.vars.length !== vars.size) throw new Error(`${jsonPath}: ${info.vars.length} variables, the model has ${vars.size}`);
  return { step: info.step, cpuSeconds: info.cpuSeconds ?? 0, wallSeconds: info.wallSeconds ?? 0 };
}
