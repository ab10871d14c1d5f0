import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { DEFAULT_PARAMS } from '../../src/core/params';
import { SPRITE_CLASSES } from '../../src/core/vocab';
import { buildGenerator, checkGenerator } from '../../src/models/spriteGan/model';
import { buildCritic } from '../../src/models/spriteGan/discriminator';
import { ganSampler, generateImages, loadSpriteGan } from '../../src/models/spriteGan/sampler';
import { loadModelDir, saveModelDir } from '../../src/train/modelFiles';
import { initTfNode } from '../../src/train/tfNode';
import { buildDataset, DEFAULT_BUILD } from '../../src/train/sprites/build';
import { loadCheckpoint, saveCheckpoint } from '../../src/train/sprites/checkpoint';
import { createGanTrainer, DEFAULT_GAN } from '../../src/train/sprites/ganTrainer';
import type { SpriteRequest } from '../../src/pipeline/ports';

const TINY = { latent: 8, base: 16, classMaps: true, bnMomentum: 0.9 };
const requests: SpriteRequest[] = SPRITE_CLASSES.map((cls, i) => ({ cls, key: `k${i}`, biome: 'grassland' }));

beforeAll(async () => {
  await initTfNode();
});

describe('sprite generator', () => {
  it('maps (z, class) to premultiplied 16×16 RGBA', () => {
    const g = buildGenerator(TINY, 1);
    expect(checkGenerator(g, 'test')).toBe(8);
    const [img] = generateImages(g, [new Float32Array(8).fill(0.3)], ['creature']);
    expect(img).toHaveLength(1024);
    for (let i = 0; i < img.length; i += 4) {
      expect(img[i + 3]).toBeGreaterThanOrEqual(0);
      expect(img[i + 3]).toBeLessThanOrEqual(1);
      expect(Math.max(img[i], img[i + 1], img[i + 2])).toBeLessThanOrEqual(img[i + 3] + 1e-6);
    }
    g.dispose();
  });

  it('premultiplies inside the model: colour is exactly rgb·alpha of the frozen spread', () => {
    const g = buildGenerator(TINY, 6);
    const spread = g.getLayer('alpha_spread');
    expect(spread.trainable).toBe(false);
    const [k, b] = spread.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual([0, 0, 0, 1]);
    expect(k.reduce((a, v) => a + v, 0)).toBe(3);
    g.dispose();
  });

  it('class conditioning changes the output for the same latent', () => {
    const g = buildGenerator(TINY, 2);
    const z = new Float32Array(8).fill(0.5);
    const [a, b] = generateImages(g, [z, z], ['creature', 'character']);
    expect(a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0)).toBeGreaterThan(0.1);
    g.dispose();
  });

  it('samples deterministically per seed, without leaking tensors', () => {
    const g = buildGenerator(TINY, 3);
    const sampler = ganSampler(g);
    const opts = DEFAULT_PARAMS.sprites;
    sampler.sampleSprites(requests, createRng('warm'), opts);
    const before = tf.memory().numTensors;
    const a = sampler.sampleSprites(requests, createRng('s'), opts);
    const b = sampler.sampleSprites(requests, createRng('s'), opts);
    const c = sampler.sampleSprites(requests, createRng('t'), { ...opts, truncation: 1.5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(sampler.name).toBe('gan');
    expect(a.map((s) => Array.from(s.frames[0]))).toEqual(b.map((s) => Array.from(s.frames[0])));
    expect(a.map((s) => s.size)).toEqual([16, 16, 16]);
    expect(a.map((s) => Array.from(s.frames[0]))).not.toEqual(c.map((s) => Array.from(s.frames[0])));
    g.dispose();
  });
});

describe('loading the generator', () => {
  it('round-trips through model.json + weights.bin and loads as a sampler', async () => {
    const g = buildGenerator(TINY, 4);
    const dir = mkdtempSync(join(tmpdir(), 'sprite-gan-'));
    await saveModelDir(g, dir);
    const back = await loadModelDir(dir);
    const z = [new Float32Array(8).fill(-0.2)];
    expect(Array.from(generateImages(back, z, ['item'])[0])).toEqual(Array.from(generateImages(g, z, ['item'])[0]));
    let artifacts: tf.io.ModelArtifacts | undefined;
    await g.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const sampler = await loadSpriteGan(tf.io.fromMemory(artifacts!));
    expect(sampler.sampleSprites(requests, createRng('x'), DEFAULT_PARAMS.sprites)).toHaveLength(3);
    g.dispose();
    back.dispose();
  });

  it('throws a clear error for missing or corrupt weights', async () => {
    const g = buildGenerator(TINY, 5);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await g.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const nan = new Float32Array((artifacts!.weightData as ArrayBuffer).byteLength / 4).fill(NaN);
    await expect(loadSpriteGan(tf.io.fromMemory({ ...artifacts!, weightData: nan.buffer }))).rejects.toThrow(/sprite GAN.*non-finite/);
    await expect(loadSpriteGan(tf.io.fromMemory({ ...artifacts!, weightData: new ArrayBuffer(12) }))).rejects.toThrow(/sprite GAN/);
    await expect(loadSpriteGan(tf.io.fromMemory({ modelTopology: { nope: 1 } }))).rejects.toThrow(/sprite GAN/);
    g.dispose();
  });
});

describe('GAN training (tiny)', () => {
  it('steps give finite losses, keep tensors flat and checkpoints round-trip', () => {
    const ds = buildDataset({ ...DEFAULT_BUILD, root: '.', sheet: { path: 'tests/fixtures/sprites/sheet.png', cell: 16, labels: 'tests/fixtures/sprites/labels.txt' } });
    const cfg = { ...DEFAULT_GAN, batch: 6, acWeight: 0.5, arch: TINY, critic: { channels: 4, slope: 0.2, kernel: 3 } };
    const trainer = createGanTrainer(ds, cfg, createRng('train'));
    trainer.train();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { d, g } = trainer.train();
      expect(Number.isFinite(d) && Number.isFinite(g)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(0);
    }
    expect(tf.memory().numTensors).toBe(before);
    const exported = trainer.exportGenerator(2);
    expect(checkGenerator(exported, 'export')).toBe(8);
    const dir = mkdtempSync(join(tmpdir(), 'sprite-ckpt-'));
    saveCheckpoint(dir, trainer.state(), trainer.step, { cpuSeconds: 12, wallSeconds: 34 });
    const other = createGanTrainer(ds, { ...cfg, seed: 99 }, createRng('other'));
    expect(loadCheckpoint(dir, other.state())).toEqual({ step: 4, cpuSeconds: 12, wallSeconds: 34 });
    const [k, v] = [...trainer.state().entries()][0];
    expect(Array.from(other.state().get(k)!.dataSync())).toEqual(Array.from(v.dataSync()));
    exported.dispose();
    trainer.dispose();
    other.dispose();
  });

  it('the critic scores a batch per image and depends on the class', () => {
    const critic = buildCritic({ channels: 4, slope: 0.2, kernel: 3 }, 1);
    const x = tf.randomUniform([2, 16, 16, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
    const s1 = critic.score(x, tf.tensor2d([[1, 0, 0], [1, 0, 0]]));
    const s2 = critic.score(x, tf.tensor2d([[0, 0, 1], [0, 0, 1]]));
    expect(s1.shape).toEqual([2]);
    expect(Array.from(s1.dataSync())).not.toEqual(Array.from(s2.dataSync()));
    const { score, logits } = critic.scoreAndLogits(x, tf.tensor2d([[1, 0, 0], [1, 0, 0]]));
    expect(Array.from(score.dataSync())).toEqual(Array.from(s1.dataSync()));
    expect(logits.shape).toEqual([2, 3]);
    tf.dispose([x, s1, s2, score, logits]);
    critic.dispose();
  });
});
