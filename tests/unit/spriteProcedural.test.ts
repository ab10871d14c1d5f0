import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { DEFAULT_PARAMS } from '../../src/core/params';
import { SPRITE_CLASSES } from '../../src/core/vocab';
import { proceduralSampler } from '../../src/art/spriteProcedural';
import { countColours } from '../../src/art/spritePost';
import type { SpriteRequest } from '../../src/pipeline/ports';

const requests: SpriteRequest[] = SPRITE_CLASSES.flatMap((cls) => [0, 1, 2].map((i) => ({ cls, key: `${cls}:${i}`, biome: 'forest' as const })));

describe('procedural sprites', () => {
  const sampler = proceduralSampler();

  it('makes two 16×16 RGBA frames per request within the palette budget', () => {
    const sprites = sampler.sampleSprites(requests, createRng('a'), DEFAULT_PARAMS.sprites);
    expect(sampler.name).toBe('procedural');
    expect(sprites).toHaveLength(requests.length);
    for (const s of sprites) {
      expect(s.size).toBe(16);
      for (const f of s.frames) {
        expect(f).toHaveLength(1024);
        expect(countColours(f)).toBeLessThanOrEqual(DEFAULT_PARAMS.sprites.paletteSize);
        expect(f.filter((_, i) => i % 4 === 3 && f[i] === 255).length).toBeGreaterThan(20);
      }
    }
  });

  it('is deterministic per seed and key, independent of request order', () => {
    const a = sampler.sampleSprites(requests, createRng('seed'), DEFAULT_PARAMS.sprites);
    const b = sampler.sampleSprites([...requests].reverse(), createRng('seed'), DEFAULT_PARAMS.sprites).reverse();
    const c = sampler.sampleSprites(requests, createRng('other'), DEFAULT_PARAMS.sprites);
    expect(a.map((s) => Array.from(s.frames[0]))).toEqual(b.map((s) => Array.from(s.frames[0])));
    expect(a.map((s) => Array.from(s.frames[0]))).not.toEqual(c.map((s) => Array.from(s.frames[0])));
  });
});
