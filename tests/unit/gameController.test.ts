import { describe, expect, it } from 'vitest';
import { paintHeroSheet, heroFrameMap, HERO_FACINGS } from '../../src/art/hero';
import { paintHudIcons, paintPuffSheet, paintSword } from '../../src/art/heroGear';
import { WorldValidationError } from '../../src/core/validate';
import type { RoomSampler, SpriteSampler } from '../../src/pipeline/ports';
import { serializeWorld } from '../../src/pipeline/export/worldJson';
import { generateWorld } from '../../src/pipeline/world';
import { bootGenerators } from '../../src/game/boot/generators';
import { seedFromUrl, urlWithSeed } from '../../src/game/boot/seed';
import { WorldController, mergeParams } from '../../src/game/controller';
import { exportFiles } from '../../src/pipeline/export/files';
import { proceduralSampler } from '../../src/art/spriteProcedural';
import { sampleWorldSprites, spriteRequests } from '../../src/game/sprites/worldSprites';
import { classicRoomSampler } from '../../src/pipeline/rooms/classic';
import { decode } from 'fast-png';

const procedural = proceduralSampler();
const controller = () => new WorldController({}, { procedural });

describe('WorldController', () => {
  it('regenerates a world by seed and tells listeners', async () => {
    const ctl = controller();
    const seen: string[] = [];
    ctl.on('world', (w) => seen.push(w.seed));
    const world = await ctl.regenerate('ctl-1');
    expect(world).toBe(ctl.world);
    expect(serializeWorld(ctl.world)).toBe(serializeWorld(generateWorld('ctl-1')));
    expect(seen).toEqual(['ctl-1']);
    expect(ctl.session.roomX).toBe(ctl.world.start.roomX);
    await expect(ctl.regenerate('bad seed!')).rejects.toThrow(/seed: expected/);
    await expect(ctl.regenerate('ctl-1', { width: 99 })).rejects.toThrow(/params\.width/);
    expect(ctl.params.width).toBe(ctl.world.params.width);
    expect(seen).toEqual(['ctl-1']);
  });

  it('merges nested param overrides into the current params and validates them', async () => {
    const ctl = controller();
    await ctl.regenerate('ctl-2', { width: 3, density: { enemies: 3 } });
    expect(ctl.world.width).toBe(3);
    expect(ctl.params.density).toEqual({ ...mergeParams(ctl.params, {}).density, enemies: 3 });
    expect(ctl.params.density.items).toBe(0.8);
    expect(() => mergeParams(ctl.params, { width: 99 })).toThrow(/params\.width/);
  });

  it('imports a valid world and rejects a broken one with the validator error, keeping the old world', async () => {
    const ctl = controller();
    await ctl.regenerate('ctl-3');
    const text = serializeWorld(generateWorld('other'));
    ctl.importWorld(text);
    expect(ctl.seed).toBe('other');
    expect(ctl.imported).toBe(true);
    expect(() => ctl.importWorld('{"format":"worldsmith.world"')).toThrow(WorldValidationError);
    expect(() => ctl.importWorld({ ...JSON.parse(text), width: 'wide' })).toThrow(/width/);
    expect(ctl.seed).toBe('other');
  });

  it('replaces a room\'s tiles live only if the world stays consistent', async () => {
    const ctl = controller();
    await ctl.regenerate('ctl-4');
    const room = ctl.world.rooms[0];
    const edited = [...room.tiles];
    const row = edited[5].split('');
    const col = row.findIndex((c, x) => x > 2 && x < 13 && c === 'F' && !room.entities.some((e) => e.x === x && e.y === 5));
    row[col] = 'B';
    edited[5] = row.join('');
    const events: number[] = [];
    ctl.on('tiles', (r) => events.push(r.x));
    ctl.setRoomTiles(room.x, room.y, edited);
    expect(ctl.world.rooms[0].tiles[5]).toBe(edited[5]);
    expect(ctl.world.rooms[0].source).toBe('custom');
    expect(events).toEqual([room.x]);
    const walled = edited.map((r) => r.replace(/D/g, 'W'));
    expect(() => ctl.setRoomTiles(room.x, room.y, walled)).toThrow(/door mismatch/);
    expect(() => ctl.setRoomTiles(room.x, room.y, ['FFFF'])).toThrow(WorldValidationError);
    expect(() => ctl.setRoomTiles(42, 0, edited)).toThrow(/no room at \(42,0\)/);
    expect(ctl.world.rooms[0].tiles[5]).toBe(edited[5]);
  });

  it('draws sprites with the GAN only when the world asks for it and it loaded', async () => {
    const gan: SpriteSampler = { name: 'gan', sampleSprites: (r, rng, o) => procedural.sampleSprites(r, rng, o) };
    const without = controller();
    await without.regenerate('ctl-6');
    expect(without.sprites.name).toBe('procedural');
    const withGan = new WorldController({}, { procedural, gan });
    await withGan.regenerate('ctl-6');
    expect(withGan.sprites).toBe(gan);
    await withGan.regenerate('ctl-6', { sprites: { source: 'procedural' } });
    expect(withGan.sprites.name).toBe('procedural');
  });

  it('retries the same world with a fresh session', async () => {
    const ctl = controller();
    await ctl.regenerate('ctl-5');
    ctl.session.stats = { ...ctl.session.stats, hp: 0 };
    ctl.session.outcome = 'dead';
    const before = ctl.world;
    ctl.retry();
    expect(ctl.world).toBe(before);
    expect(ctl.session.outcome).toBe('playing');
    expect(ctl.session.stats.hp).toBeGreaterThan(0);
  });
});

describe('boot', () => {
  const sprites: SpriteSampler = { name: 'gan', sampleSprites: (r, rng, o) => procedural.sampleSprites(r, rng, o) };

  it('falls back with a status per model: not built in, missing, broken, loaded', async () => {
    const booted = await bootGenerators(
      {
        lines: async () => {
          throw new Error('weights.bin: 12 bytes, expected 4096');
        },
        sprites: async () => sprites,
      },
      async (url) => !url.includes('never'),
    );
    expect(booted.statuses.map((s) => s.state)).toEqual(['not-built-in', 'broken', 'loaded']);
    expect(booted.statuses[1].message).toMatch(/weights unreadable \(weights\.bin: 12 bytes/);
    expect(booted.statuses[1].fallback).toBe('placeholder lines');
    expect(booted.generators.rooms).toBeUndefined();
    expect(booted.generators.lines).toBeUndefined();
    expect(booted.sprites.gan).toBe(sprites);
    const missing = await bootGenerators({ rooms: async () => classicRoomSampler as RoomSampler }, async () => false, 'base/');
    expect(missing.statuses[0]).toMatchObject({ state: 'missing' });
    expect(missing.statuses[0].message).toContain('base/models/level-vae/model.json');
    expect(missing.sprites.gan).toBeUndefined();
    expect(missing.sprites.procedural.name).toBe('procedural');
  });

  it('reads the seed from the URL, rejecting bad ones', () => {
    expect(seedFromUrl('http://x/?seed=abc')).toEqual({ seed: 'abc' });
    expect(seedFromUrl('http://x/').seed).toMatch(/^[a-z2-9]{6}$/);
    const bad = seedFromUrl('http://x/?seed=no%20spaces');
    expect(bad.error).toMatch(/not a valid seed/);
    expect(urlWithSeed('http://x/?debug=1', 'q7')).toBe('http://x/?debug=1&seed=q7');
  });
});

describe('sprites and exports', () => {
  it('requests one sprite per key, sorted, and samples them deterministically', () => {
    const world = generateWorld('sprites-1');
    const req = spriteRequests(world);
    const keys = req.map((r) => r.key);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(keys).toContain('item:goal');
    for (const npc of world.npcs) expect(keys).toContain(`npc:${npc.id}`);
    const a = sampleWorldSprites(world, procedural);
    expect(a.sprites.length).toBe(req.length);
    expect(a.sprites[0].frames[0].length).toBe(16 * 16 * 4);
    expect(a.sprites[0].frames[0]).not.toEqual(a.sprites[0].frames[1]);
    expect(sampleWorldSprites(world, procedural).sprites).toEqual(a.sprites);
    const short: SpriteSampler = { name: 'gan', sampleSprites: () => [] };
    expect(() => sampleWorldSprites(world, short)).toThrow(/returned 0 sprites/);
  });

  it('exports the world JSON, dialogue, Tiled map and tileset PNG named after the seed', () => {
    const world = generateWorld('files-1');
    const files = exportFiles(world);
    expect(files.map((f) => f.name)).toEqual(['worldsmith-files-1.world.json', 'worldsmith-files-1.yarn', 'worldsmith-files-1.tmj', 'worldsmith-files-1.png']);
    expect(files[0].content).toBe(serializeWorld(world));
    expect(files[1].content).toMatch(/^title: npc_0$/m);
    expect(JSON.parse(files[2].content as string).tilesets[0].image).toBe('worldsmith-files-1.png');
    expect(decode(files[3].content as Uint8Array).width).toBe(256);
    expect(exportFiles(world, 'json').map((f) => f.name)).toEqual(['worldsmith-files-1.world.json', 'worldsmith-files-1.yarn']);
    expect(exportFiles(world, 'tmj').map((f) => f.name)).toEqual(['worldsmith-files-1.tmj', 'worldsmith-files-1.png']);
  });

  it('paints the hero, sword, puff and icons with exact sizes', () => {
    for (const f of HERO_FACINGS) for (const step of [0, 1] as const) expect(heroFrameMap(f, step).every((r) => r.length === 16)).toBe(true);
    const hero = paintHeroSheet();
    expect([hero.width, hero.height, hero.data.length]).toEqual([128, 16, 128 * 16 * 4]);
    expect(paintSword().length).toBe(16 * 16 * 4);
    expect(paintPuffSheet().width).toBe(48);
    expect(paintHudIcons().width).toBe(40);
    // The right-facing frames mirror the left-facing ones.
    expect(heroFrameMap('right', 0)).toEqual(heroFrameMap('left', 0).map((r) => [...r].reverse().join('')));
  });
});
