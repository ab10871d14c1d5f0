import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initTfNode } from '../../src/train/tfNode';
import { loadModelDir, readJsonFile, saveModelDir, writeJsonAtomic } from '../../src/train/modelFiles';

let root: string;
let n = 0;
const freshDir = () => join(root, `m${n++}`);

function smallModel(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init(2) }),
    ],
  });
}

const input = () => tf.tensor4d(Float32Array.from({ length: 2 * 6 * 6 * 2 }, (_, i) => Math.sin(i)), [2, 6, 6, 2]);

async function predict(model: tf.LayersModel): Promise<Float32Array> {
  const x = input();
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return out;
}

async function savedDir(): Promise<string> {
  const dir = freshDir();
  const model = smallModel();
  await saveModelDir(model, dir);
  model.dispose();
  return dir;
}

describe('model files (model.json + weights.bin)', () => {
  beforeAll(async () => {
    await initTfNode();
    root = await mkdtemp(join(tmpdir(), 'tfmodelfiles-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('round-trips a model with identical predictions, leaving no temp files or tensors', async () => {
    const dir = freshDir();
    const model = smallModel();
    const before = await predict(model);
    const bytes = await saveModelDir(model, dir);
    expect(bytes).toBe(model.countParams() * 4);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    model.dispose();

    const tensors = tf.memory().numTensors;
    const loaded = await loadModelDir(dir);
    const again = await loadModelDir(dir); // same layer names twice in one process
    expect(Array.from(await predict(loaded))).toEqual(Array.from(before));
    expect(Array.from(await predict(again))).toEqual(Array.from(before));
    loaded.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('names model.json when it is missing', async () => {
    const dir = await savedDir();
    await rm(join(dir, 'model.json'));
    await expect(loadModelDir(dir)).rejects.toThrow(/model\.json: cannot read file \(file not found\)/);
  });

  it('names model.json when it is malformed', async () => {
    const dir = await savedDir();
    await writeFile(join(dir, 'model.json'), '{"modelTopology": {');
    await expect(loadModelDir(dir)).rejects.toThrow(/model\.json: malformed JSON/);
    await writeFile(join(dir, 'model.json'), '{"modelTopology": {}}');
    await expect(loadModelDir(dir)).rejects.toThrow(/model\.json: missing "weightsManifest"/);
  });

  it('names weights.bin when it is missing, truncated or too long', async () => {
    const dir = await savedDir();
    const weights = join(dir, 'weights.bin');
    const full = await readFile(weights);
    await truncate(weights, full.byteLength - 4);
    await expect(loadModelDir(dir)).rejects.toThrow(/weights\.bin: weights file is truncated: \d+ bytes, the manifest in model\.json needs \d+/);
    await writeFile(weights, Buffer.concat([full, Buffer.alloc(8)]));
    await expect(loadModelDir(dir)).rejects.toThrow(/weights\.bin: weights file is too long/);
    await rm(weights);
    await expect(loadModelDir(dir)).rejects.toThrow(/weights\.bin: cannot read weights \(file not found\)/);
  });

  it('names model.json when the topology does not fit the weights or is unknown', async () => {
    const dir = await savedDir();
    const path = join(dir, 'model.json');
    const json = (await readJsonFile(path)) as { modelTopology: { config: { layers: { config: { units?: number } }[] } } };
    const original = JSON.stringify(json);
    json.modelTopology.config.layers[2].config.units = 7; // weights were saved for 5 units
    await writeFile(path, JSON.stringify(json));
    const tensors = tf.memory().numTensors;
    await expect(loadModelDir(dir)).rejects.toThrow(/model\.json: weight .dense_Dense\d+\/kernel. is \[108,7\] in the topology but \[108,5\] in the manifest/);
    await writeFile(path, original.replace('"Conv2D"', '"NoSuchLayer"'));
    await expect(loadModelDir(dir)).rejects.toThrow(/model\.json: cannot build the model .*NoSuchLayer/);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('writes and reads JSON atomically', async () => {
    const path = join(root, 'meta.json');
    await writeJsonAtomic(path, { a: 1, b: [true, 'x'] });
    expect(await readJsonFile(path)).toEqual({ a: 1, b: [true, 'x'] });
    expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await expect(readJsonFile(join(root, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read file \(file not found\)/);
  });
});
