import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { bitsToMask, doorMaskOf, emptyRoom, stampDoors } from '../../src/core/room';
import { PROJECT_VOCAB, ROOM_FLOATS, conditionSize, logitsToRoom, mirrorDoors, mirrorX, mirrorY } from '../../src/models/levelVae/encoding';
import { levelVaeFromModel, loadLevelVae } from '../../src/models/levelVae/loader';
import { buildLevelVae, vaeLoss, type LevelVaeArch } from '../../src/models/levelVae/model';
import { vaeRoomSampler } from '../../src/models/levelVae/sampler';
import { LevelVae, type LevelVaeInfo } from '../../src/models/levelVae/vae';
import { loadModelDir, saveModelDir } from '../../src/train/modelFiles';
import { initTfNode } from '../../src/train/tfNode';
import { TINY_VAE_INFO } from './levelVaeInfo';

const ARCH: LevelVaeArch = { latentSize: 16, encoderChannels: 4, hidden: 16, decoderChannels: 4, decoderConvs: 1, decoderSeed: 'half', condMapChannels: 2 };
const INFO: LevelVaeInfo = TINY_VAE_INFO;

function tinyVae(seed = 3): LevelVae {
  const { full } = buildLevelVae(ARCH, PROJECT_VOCAB, seed);
  full.setUserDefinedMetadata(INFO as unknown as Record<string, unknown>);
  return new LevelVae(full, INFO);
}

const request = (bits: number, style: 'caves' | 'water' = 'caves') => ({ doors: bitsToMask(bits), style, biome: 'forest' as const });

let dir: string;
beforeAll(async () => {
  await initTfNode();
  dir = await mkdtemp(join(tmpdir(), 'level-vae-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('level VAE encoding', () => {
  it('argmax decoding picks the largest logit per tile; temperature sampling needs and uses the rng', () => {
    const logits = new Float32Array(ROOM_FLOATS);
    for (let cell = 0; cell < 176; cell++) logits[cell * 9 + (cell % 9)] = 5;
    const room = logitsToRoom(logits, 0);
    expect(room.cells[0]).toBe('F');
    expect(room.cells[1]).toBe('W');
    expect(room.cells[8]).toBe('-');
    expect(() => logitsToRoom(logits, 0, 1)).toThrow(/rng/);
    const a = logitsToRoom(logits, 0, 2, createRng('t'));
    const b = logitsToRoom(logits, 0, 2, createRng('t'));
    expect(a.cells).toEqual(b.cells);
  });

  it('mirroring keeps the door geometry: a mirrored room has the mirrored door mask', () => {
    const room = emptyRoom();
    stampDoors(room, bitsToMask(1 | 2)); // N, E
    expect(doorMaskOf(mirrorX(room))).toEqual(mirrorDoors(bitsToMask(3), true, false));
    expect(doorMaskOf(mirrorY(room))).toEqual(mirrorDoors(bitsToMask(3), false, true));
    expect(doorMaskOf(mirrorX(room))).toEqual({ N: true, E: false, S: false, W: true });
  });

  it('rejects an unknown style with the model vocabulary in the message', () => {
    const vae = tinyVae();
    expect(() => vae.decode(new Float32Array(16), { doors: bitsToMask(1), style: 'lava', biome: 'cave' })).toThrow(/unknown style 'lava'.*caves/);
    vae.dispose();
  });
});

describe('level VAE model', () => {
  it('has the documented shapes and a positive scalar loss', () => {
    const vae = tinyVae();
    const room = emptyRoom();
    stampDoors(room, bitsToMask(5));
    const z = vae.encode(room, 'pillars');
    expect(z).toBeInstanceOf(Float32Array);
    expect(z.length).toBe(16);
    const logits = vae.decodeLogits([z, z], [request(5), request(10, 'water')]);
    expect(logits.length).toBe(2 * 11 * 16 * 9);
    const rooms = vae.decodeBatch([z, z], [request(5), request(10)]);
    expect(rooms.map((g) => [g.width, g.height])).toEqual([[16, 11], [16, 11]]);
    const loss = tf.tidy(() => {
      const x = tf.oneHot(tf.zeros([2, 11, 16], 'int32'), 9).toFloat() as tf.Tensor4D;
      const c = tf.zeros([2, conditionSize(PROJECT_VOCAB)]);
      const [mu, logVar] = vae.encoder.predict([x, c]) as tf.Tensor2D[];
      const out = vae.decoder.predict([mu, c]) as tf.Tensor4D;
      const parts = vaeLoss(x, out, mu, logVar, 0.5, null);
      expect(parts.total.shape).toEqual([]);
      return [parts.total.dataSync()[0], parts.reconstruction.dataSync()[0], parts.kl.dataSync()[0]];
    });
    expect(loss[0]).toBeGreaterThan(0);
    expect(loss[1]).toBeGreaterThan(0);
    expect(loss[2]).toBeGreaterThanOrEqual(0);
    vae.dispose();
  });

  it('interpolates from zA to zB inclusive', () => {
    const vae = tinyVae();
    const zA = new Float32Array(16).fill(-1);
    const zB = new Float32Array(16).fill(1);
    const path = vae.interpolate(zA, zB, 5);
    expect(path).toHaveLength(5);
    expect([...path[0]]).toEqual([...zA]);
    expect([...path[4]]).toEqual([...zB]);
    expect(path[2][3]).toBeCloseTo(0);
    expect(() => vae.interpolate(zA, zB, 1)).toThrow(/steps/);
    vae.dispose();
  });

  it('samples deterministically per seed through the RoomSampler port, and seeds differ', () => {
    const vae = tinyVae();
    const sampler = vaeRoomSampler(vae);
    const reqs = [request(1), request(6), request(15, 'water')];
    expect(sampler.name).toBe('vae');
    const a = sampler.sampleRooms(reqs, createRng('s1'), { temperature: 0, candidates: 1 }).map((g) => g.toRows().join('\n'));
    const b = sampler.sampleRooms(reqs, createRng('s1'), { temperature: 0, candidates: 1 }).map((g) => g.toRows().join('\n'));
    expect(a).toEqual(b);
    const hot1 = sampler.sampleRooms(reqs, createRng('s1'), { temperature: 1, candidates: 1 }).map((g) => g.toRows().join('\n'));
    const hot2 = sampler.sampleRooms(reqs, createRng('s1'), { temperature: 1, candidates: 1 }).map((g) => g.toRows().join('\n'));
    expect(hot1).toEqual(hot2);
    const other = sampler.sampleRooms(reqs, createRng('s2'), { temperature: 1, candidates: 1 }).map((g) => g.toRows().join('\n'));
    expect(other).not.toEqual(hot1);
    const za = vae.sampleLatent(createRng('z1'));
    const zb = vae.sampleLatent(createRng('z2'));
    expect([...za]).not.toEqual([...zb]);
    vae.dispose();
  });

  it('keeps tf.memory().numTensors flat over 100 samples', () => {
    const vae = tinyVae();
    const sampler = vaeRoomSampler(vae);
    const rng = createRng('mem');
    sampler.sampleRooms([request(3)], rng, { temperature: 0, candidates: 1 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) sampler.sampleRooms([request((i % 15) + 1)], rng.fork(`i${i}`), { temperature: i % 2, candidates: 1 + (i % 3) });
    const room = emptyRoom();
    for (let i = 0; i < 10; i++) vae.encode(room, 'grove');
    expect(tf.memory().numTensors).toBe(before);
    vae.dispose();
  });
});

describe('level VAE files', () => {
  it('round-trips through model.json + weights.bin with identical decodes', async () => {
    const vae = tinyVae(11);
    const out = join(dir, 'roundtrip');
    await saveModelDir(vae.full, out);
    const loaded = levelVaeFromModel(await loadModelDir(out), out);
    expect(loaded.info).toEqual(INFO);
    const z = vae.sampleLatent(createRng('rt'));
    const cond = request(9);
    expect([...loaded.decodeLogits([z], [cond])]).toEqual([...vae.decodeLogits([z], [cond])]);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    const weights = await readFile(join(out, 'weights.bin'));
    const viaHandler = await loadLevelVae(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: new Uint8Array(weights).buffer,
        userDefinedMetadata: json.userDefinedMetadata,
      }),
    );
    expect(viaHandler.decode(z, cond).cells).toEqual(vae.decode(z, cond).cells);
    for (const m of [vae, loaded, viaHandler]) m.dispose();
  });

  it('throws clear errors for missing, truncated, NaN and foreign weights', async () => {
    const vae = tinyVae(12);
    const out = join(dir, 'broken');
    await saveModelDir(vae.full, out);
    await expect(loadLevelVae(join(dir, 'nowhere', 'model.json'))).rejects.toThrow(/nowhere.*cannot load the level VAE/);
    const weights = await readFile(join(out, 'weights.bin'));
    await writeFile(join(out, 'weights.bin'), weights.subarray(0, 100));
    await expect(loadModelDir(out)).rejects.toThrow(/truncated/);
    const nan = new Float32Array(weights.byteLength / 4).fill(NaN);
    await writeFile(join(out, 'weights.bin'), new Uint8Array(nan.buffer));
    expect(() => levelVaeFromModel(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] }))).toThrow(/not a level VAE/);
    const corrupt = await loadModelDir(out);
    expect(() => levelVaeFromModel(corrupt, out)).toThrow(/NaN or infinite/);
    vae.dispose();
  });
});
