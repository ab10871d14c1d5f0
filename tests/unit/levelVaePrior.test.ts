import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { PROJECT_VOCAB } from '../../src/models/levelVae/encoding';
import { buildLevelVae } from '../../src/models/levelVae/model';
import type { LevelVaeInfo } from '../../src/models/levelVae/vae';
import { levelVaeFromModel } from '../../src/models/levelVae/loader';
import { fitStylePrior } from '../../src/train/levels/latentPrior';
import { initTfNode } from '../../src/train/tfNode';
import { TINY_VAE_INFO } from './levelVaeInfo';

beforeAll(async () => {
  await initTfNode();
});

/** Latents from two tight clusters at ±3 on every axis (posterior variance 0.01). */
function clusters(n: number, L: number): { mus: Float32Array[]; vars: Float32Array[] } {
  const rng = createRng('clusters');
  const mus = Array.from({ length: n }, (_, i) => Float32Array.from({ length: L }, () => (i % 2 ? 3 : -3) + 0.1 * rng.normal()));
  return { mus, vars: mus.map(() => new Float32Array(L).fill(0.01)) };
}

describe('fitted latent prior', () => {
  it('finds the two clusters, their weights and their spread (data + posterior variance)', () => {
    const { mus, vars } = clusters(200, 4);
    const prior = fitStylePrior(mus, vars, 2, createRng('fit'));
    const centres = prior.means.map((m) => m[0]).sort((a, b) => a - b);
    expect(centres[0]).toBeCloseTo(-3, 1);
    expect(centres[1]).toBeCloseTo(3, 1);
    expect(prior.weights[0]).toBeCloseTo(0.5, 1);
    // sqrt(0.1² + 0.01) ≈ 0.141
    for (const s of prior.scales.flat()) expect(s).toBeGreaterThan(0.1);
    for (const s of prior.scales.flat()) expect(s).toBeLessThan(0.2);
  });

  it('is deterministic for a seed and caps K at the number of latents', () => {
    const { mus, vars } = clusters(5, 3);
    const a = fitStylePrior(mus, vars, 8, createRng('x'));
    expect(a).toEqual(fitStylePrior(mus, vars, 8, createRng('x')));
    expect(a.weights).toHaveLength(5);
  });

  it('drives sampleLatent per style, and the loader rejects a malformed prior', () => {
    const { full } = buildLevelVae({ latentSize: 16, encoderChannels: 4, hidden: 8, decoderChannels: 4, decoderConvs: 1, decoderSeed: 'half' }, PROJECT_VOCAB, 1);
    const prior = { weights: [1], means: [new Array(16).fill(5)], scales: [new Array(16).fill(0.001)] };
    const info: LevelVaeInfo = { ...TINY_VAE_INFO, priors: { water: prior } };
    full.setUserDefinedMetadata(info as unknown as Record<string, unknown>);
    const vae = levelVaeFromModel(full);
    const z = vae.sampleLatent(createRng('w'), 'water');
    for (const v of z) expect(v).toBeCloseTo(5, 1);
    const plain = vae.sampleLatent(createRng('w'), 'caves'); // no prior: N(0, I)
    expect(Math.max(...plain.map(Math.abs))).toBeLessThan(5);
    full.setUserDefinedMetadata({ ...info, priors: { water: { ...prior, means: [[1, 2]] } } } as unknown as Record<string, unknown>);
    expect(() => levelVaeFromModel(full, 'bad.json')).toThrow(/bad\.json: bad latent prior for style 'water'/);
  });

  it('the loader rejects a malformed density band', () => {
    for (const band of [[0.4, 0.2], [0.1], [-0.1, 0.5], [0.1, 'x']]) {
      // A failed load disposes the model, so each case builds its own.
      const { full } = buildLevelVae({ latentSize: 16, encoderChannels: 4, hidden: 8, decoderChannels: 4, decoderConvs: 1, decoderSeed: 'half' }, PROJECT_VOCAB, 1);
      full.setUserDefinedMetadata({ ...TINY_VAE_INFO, bands: { grove: band } } as unknown as Record<string, unknown>);
      expect(() => levelVaeFromModel(full, 'bad.json')).toThrow(/bad\.json: bad density band for style 'grove'/);
    }
  });
});
