import { describe, expect, it } from 'vitest';
import { Grid, ROOM_H, ROOM_W } from '../../src/core/grid';
import { createRng } from '../../src/core/rng';
import { bitsToMask, doorMaskOf, emptyRoom, stampDoors } from '../../src/core/room';
import { TILE_CHARS } from '../../src/core/tiles';
import { repairRoom } from '../../src/pipeline/repair';
import { isPlayable } from '../../src/train/levels/metrics';

/** Repair as the level VAE's samples need it: random rooms in, playable rooms out, few changes. */
describe('repair of sampled rooms', () => {
  it('property: random rooms with random entities become playable, and changed counts are exact', () => {
    const rng = createRng('vae-repair-property');
    for (let i = 0; i < 300; i++) {
      const g = new Grid(ROOM_W, ROOM_H);
      const density = rng.float(0, 1);
      for (let k = 0; k < g.cells.length; k++) g.cells[k] = rng.chance(density) ? rng.pick(TILE_CHARS) : 'F';
      const mask = bitsToMask(rng.int(1, 15));
      const entities = Array.from({ length: rng.int(0, 4) }, () => ({ x: rng.int(2, 13), y: rng.int(2, 8), kind: 'enemy' }));
      const { grid, changed, changedCells } = repairRoom(g, mask, entities.map((e) => [e.x, e.y] as const));
      expect(isPlayable(grid, mask, entities)).toBe(true);
      expect(doorMaskOf(grid)).toEqual(mask);
      expect(changedCells).toHaveLength(changed);
      expect(grid.diff(g)).toBe(changed);
    }
  });

  it('leaves playable rooms alone and carves the single cheapest tile through a wall', () => {
    const open = emptyRoom();
    stampDoors(open, bitsToMask(15));
    expect(repairRoom(open, bitsToMask(15)).changed).toBe(0);
    const walled = open.clone();
    for (let y = 2; y <= 8; y++) walled.set(9, y, 'B');
    expect(isPlayable(walled, bitsToMask(15))).toBe(false);
    const fixed = repairRoom(walled, bitsToMask(15));
    expect(fixed.changed).toBe(1);
    expect(isPlayable(fixed.grid, bitsToMask(15))).toBe(true);
  });

  it('reaches an entity walled into a pocket through the thinnest wall', () => {
    const g = emptyRoom();
    stampDoors(g, bitsToMask(8)); // W door only
    // A 3×3 rock ring round (11, 5): the shortest way in is one rock.
    for (let y = 4; y <= 6; y++) for (let x = 10; x <= 12; x++) if (x !== 11 || y !== 5) g.set(x, y, 'B');
    const entity = { x: 11, y: 5, kind: 'item' };
    expect(isPlayable(g, bitsToMask(8), [entity])).toBe(false);
    const fixed = repairRoom(g, bitsToMask(8), [[11, 5]]);
    expect(fixed.changed).toBe(1);
    expect(isPlayable(fixed.grid, bitsToMask(8), [entity])).toBe(true);
  });
});
