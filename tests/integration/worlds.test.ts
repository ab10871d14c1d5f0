import { describe, expect, it } from 'vitest';
import { Grid } from '../../src/core/grid';
import { OPPOSITE, SIDE_DELTA, SIDES, doorMaskOf } from '../../src/core/room';
import { validateWorld } from '../../src/core/validate';
import { serializeWorld, parseWorld } from '../../src/pipeline/export/worldJson';
import { proveReachable } from '../../src/pipeline/reach';
import { generateWorld } from '../../src/pipeline/world';

describe('500 generated worlds', () => {
  it('are valid against the schema, door-consistent and fully reachable', () => {
    for (let i = 0; i < 500; i++) {
      const seed = `seed-${i}`;
      const world = generateWorld(seed, i % 5 === 0 ? { width: 3 + (i % 7), height: 2 + (i % 5), loops: (i % 10) / 10 } : {});
      const text = serializeWorld(world);
      const back = validateWorld(text);
      const report = proveReachable(back);
      expect(report.unreachable, seed).toEqual([]);
      expect(report.roomsReached, seed).toBe(world.width * world.height);
      const at = new Map(world.rooms.map((r) => [`${r.x},${r.y}`, r]));
      for (const room of world.rooms) {
        const mask = doorMaskOf(Grid.fromRows(room.tiles));
        for (const side of SIDES) {
          const [dx, dy] = SIDE_DELTA[side];
          const n = at.get(`${room.x + dx},${room.y + dy}`);
          const facing = n ? doorMaskOf(Grid.fromRows(n.tiles))[OPPOSITE[side]] : false;
          expect(mask[side], `${seed} room ${room.x},${room.y} side ${side}`).toBe(facing);
        }
      }
    }
  });
});

describe('determinism and round trips', () => {
  it('the same seed and params give byte-identical worlds', () => {
    expect(serializeWorld(generateWorld('abc'))).toBe(serializeWorld(generateWorld('abc')));
    expect(serializeWorld(generateWorld('abc'))).not.toBe(serializeWorld(generateWorld('abd')));
  });

  it('export → import → export is identical', () => {
    for (const seed of ['abc', 'x1', 'long-seed_42']) {
      const first = serializeWorld(generateWorld(seed, { width: 6, height: 4 }));
      const second = serializeWorld(parseWorld(first));
      expect(second).toBe(first);
    }
  });

  it('a world records every parameter: seed + params regenerate it', () => {
    const world = generateWorld('params', { width: 4, height: 6, loops: 0.8, density: { enemies: 3 } });
    const again = generateWorld(world.seed, world.params);
    expect(serializeWorld(again)).toBe(serializeWorld(world));
    expect(world.params.width).toBe(4);
    expect(world.params.density.items).toBeGreaterThan(0);
  });

  it('worlds use the classic generators when no model is given, and say so', () => {
    const world = generateWorld('fallbacks');
    expect(world.generators).toEqual({ rooms: 'classic', lines: 'placeholder' });
    expect(world.rooms.every((r) => r.source === 'classic')).toBe(true);
  });

  it('every NPC line is filled: no raw {slot} reaches the player', () => {
    for (let i = 0; i < 50; i++) {
      const world = generateWorld(`lines-${i}`);
      for (const npc of world.npcs) for (const line of npc.lines) expect(line.text).not.toMatch(/[{}]/);
      expect(world.npcs[0].id).toBe(world.quest.giver);
    }
  });
});
