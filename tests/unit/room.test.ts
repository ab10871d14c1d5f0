import { describe, expect, it } from 'vitest';
import { Grid, ROOM_H, ROOM_W, bfs } from '../../src/core/grid';
import { DOOR_CELLS, SIDES, bitsToMask, borderSide, doorMaskOf, emptyRoom, maskToBits, stampDoors } from '../../src/core/room';
import { createRng } from '../../src/core/rng';
import { TILE_CHARS } from '../../src/core/tiles';
import { roomPlayability } from '../../src/pipeline/playable';
import { repairRoom } from '../../src/pipeline/repair';

const ALL = bitsToMask(15);

describe('grid', () => {
  it('parses rows and reports the row and column of a bad tile', () => {
    const rows = emptyRoom().toRows();
    expect(Grid.fromRows(rows).toRows()).toEqual(rows);
    rows[3] = 'WWFFFFXFFFFFFFWW';
    expect(() => Grid.fromRows(rows, 'room.txt')).toThrow("room.txt: unknown tile 'X' at row 3, column 6");
    expect(() => Grid.fromRows(['WW', 'W'])).toThrow('row 1 has 1 tiles, expected 2');
  });

  it('bfs measures walking distance around obstacles', () => {
    const g = Grid.fromRows(['FFF', 'BBF', 'FFF']);
    const d = bfs(g, [[0, 0]]);
    expect(d[2 * 3 + 0]).toBe(6);
    expect(d[1 * 3 + 0]).toBe(-1);
  });
});

describe('room geometry', () => {
  it('door masks round-trip through bits and through tiles', () => {
    for (let bits = 0; bits < 16; bits++) {
      const mask = bitsToMask(bits);
      expect(maskToBits(mask)).toBe(bits);
      const g = emptyRoom();
      stampDoors(g, mask);
      expect(doorMaskOf(g)).toEqual(mask);
    }
  });

  it('door cells lie on their side of the border', () => {
    for (const side of SIDES) for (const [x, y] of DOOR_CELLS[side]) expect(borderSide(x, y)).toBe(side);
    expect(borderSide(0, 0)).toBeNull();
    expect(borderSide(7, 5)).toBeNull();
  });

  it('stampDoors closes doors that the mask does not want', () => {
    const g = emptyRoom();
    stampDoors(g, ALL);
    const changed = stampDoors(g, bitsToMask(1));
    expect(changed).toBe(DOOR_CELLS.E.length + DOOR_CELLS.S.length + DOOR_CELLS.W.length);
    expect(doorMaskOf(g)).toEqual(bitsToMask(1));
  });
});

describe('repair', () => {
  it('joins two doors through a wall of blocks with the fewest changes', () => {
    const g = emptyRoom();
    stampDoors(g, ALL);
    for (let y = 2; y < 9; y++) g.set(7, y, 'B');
    const before = roomPlayability(g, bitsToMask(2 | 8));
    expect(before.playable).toBe(false);
    const { grid, changed } = repairRoom(g, bitsToMask(2 | 8));
    expect(roomPlayability(grid, bitsToMask(2 | 8)).playable).toBe(true);
    // Closing N and S doors (8 border tiles) plus one carved block.
    expect(changed).toBe(DOOR_CELLS.N.length + DOOR_CELLS.S.length + 1);
  });

  it('bridges water instead of filling it', () => {
    const g = emptyRoom();
    stampDoors(g, bitsToMask(2 | 8));
    for (let y = 2; y < 9; y++) g.set(8, y, 'P');
    const { grid, changed } = repairRoom(g, bitsToMask(2 | 8));
    expect(changed).toBe(1);
    expect(grid.cells.filter((c) => c === 'O')).toHaveLength(1);
  });

  it('leaves a playable room untouched', () => {
    const g = emptyRoom();
    stampDoors(g, ALL);
    expect(repairRoom(g, ALL).changed).toBe(0);
  });

  it('property: any random room becomes playable for any door mask', () => {
    const rng = createRng('repair-property');
    for (let i = 0; i < 400; i++) {
      const g = new Grid(ROOM_W, ROOM_H);
      for (let k = 0; k < g.cells.length; k++) g.cells[k] = rng.pick(TILE_CHARS);
      const mask = bitsToMask(rng.int(1, 15));
      const { grid, changed, changedCells } = repairRoom(g, mask);
      const check = roomPlayability(grid, mask);
      expect(check.problems).toEqual([]);
      expect(doorMaskOf(grid)).toEqual(mask);
      expect(changedCells).toHaveLength(changed);
      expect(grid.diff(g)).toBe(changed);
    }
  });
});
