import { createRng } from '../../core/rng';
import type { Entity, World } from '../../core/schema';
import type { Sprite, SpriteRequest, SpriteSampler } from '../../pipeline/ports';

/** The sprite key an entity is drawn with (one sprite per key per world). */
export function spriteKeyOf(e: Entity): string {
  switch (e.kind) {
    case 'enemy':
      return `foe:${e.foe}`;
    case 'item':
      return `item:${e.item}`;
    case 'chest':
      return 'item:chest';
    case 'npc':
      return `npc:${e.npc}`;
    case 'goal':
      return 'item:goal';
  }
}

/**
 * Every sprite a world needs, sorted by key (so the sampler sees the same batch for the same
 * world). The biome is that of the first room (row-major) where the key appears.
 */
export function spriteRequests(world: World): SpriteRequest[] {
  const byKey = new Map<string, SpriteRequest>();
  const rooms = [...world.rooms].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const room of rooms) {
    for (const e of room.entities) {
      const key = spriteKeyOf(e);
      if (byKey.has(key)) continue;
      const cls = e.kind === 'enemy' ? 'creature' : e.kind === 'npc' ? 'character' : 'item';
      byKey.set(key, { cls, key, biome: room.biome });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface WorldSprites {
  requests: SpriteRequest[];
  sprites: Sprite[];
  /** Sprite index of each key (its frames are 2i and 2i+1 in a packed sheet). */
  index: Map<string, number>;
}

/** Samples the world's sprites with its seed and sprite params. */
export function sampleWorldSprites(world: World, sampler: SpriteSampler): WorldSprites {
  const requests = spriteRequests(world);
  const { truncation, paletteSize, outline, mirrorCreatures } = world.params.sprites;
  const sprites = sampler.sampleSprites(requests, createRng(world.seed).fork('sprites'), { truncation, paletteSize, outline, mirrorCreatures });
  if (sprites.length !== requests.length) throw new Error(`sprite sampler '${sampler.name}' returned ${sprites.length} sprites for ${requests.length} requests`);
  return { requests, sprites, index: new Map(requests.map((r, i) => [r.key, i])) };
}
