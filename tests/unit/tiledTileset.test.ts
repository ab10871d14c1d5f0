import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { paintTileset, tilesetPng } from '../../src/art/tileset';
import { roomTileIndices, solidTileIndices, SLOT, SLOTS_PER_BIOME, tileIndexAt, tileMeta, TILE_COUNT, TILESET_HEIGHT, TILESET_WIDTH } from '../../src/art/tilesetLayout';
import { Grid } from '../../src/core/grid';
import { emptyRoom, stampDoors } from '../../src/core/room';
import { BIOMES } from '../../src/core/vocab';

describe('tileset painter', () => {
  const image = paintTileset();

  it('paints a 256×192 RGBA image', () => {
    expect(image.width).toBe(TILESET_WIDTH);
    expect(image.height).toBe(TILESET_HEIGHT);
    expect(image.data.length).toBe(TILESET_WIDTH * TILESET_HEIGHT * 4);
  });

  it('is deterministic: the same pixels and PNG bytes each time', () => {
    expect(paintTileset().data).toEqual(image.data);
    expect(tilesetPng()).toEqual(tilesetPng());
  });

  it('encodes a PNG that decodes back to the painted pixels', () => {
    const png = decode(tilesetPng(image));
    expect(png.width).toBe(TILESET_WIDTH);
    expect(png.height).toBe(TILESET_HEIGHT);
    expect(png.channels).toBe(4);
    expect(Buffer.from(png.data as Uint8Array).equals(Buffer.from(image.data))).toBe(true);
  });

  it('paints every used slot opaque and textured (at least 3 colours, not a flat fill), and biomes differ', () => {
    const tile = (index: number) => {
      const col = index % 16;
      const row = Math.floor(index / 16);
      const px: number[] = [];
      for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) px.push(...image.data.subarray(((row * 16 + y) * image.width + col * 16 + x) * 4, ((row * 16 + y) * image.width + col * 16 + x) * 4 + 4));
      return px;
    };
    for (let i = 0; i < TILE_COUNT; i++) {
      if (i % SLOTS_PER_BIOME > SLOT.void) continue;
      const px = tile(i);
      const colours = new Set<string>();
      for (let k = 0; k < px.length; k += 4) {
        expect(px[k + 3]).toBe(255);
        colours.add(`${px[k]},${px[k + 1]},${px[k + 2]}`);
      }
      if (tileMeta(i).char !== '-') expect(colours.size, `tile ${i}`).toBeGreaterThanOrEqual(3);
    }
    expect(tile(SLOT.floor)).not.toEqual(tile(SLOTS_PER_BIOME + SLOT.floor));
    expect(tile(SLOT.water)).not.toEqual(tile(SLOT.water + 1));
  });
});

describe('tile selection', () => {
  it('shades walls by their open sides and picks door pictures by side', () => {
    const g = emptyRoom();
    stampDoors(g, { N: true, E: false, S: false, W: true });
    const base = 0; // grassland block
    expect(tileIndexAt('grassland', g, 0, 0)).toBe(base + SLOT.wall); // corner: no open side
    expect(tileIndexAt('grassland', g, 5, 1)).toBe(base + SLOT.wall + 4); // floor below
    expect(tileIndexAt('grassland', g, 7, 0)).toBe(base + SLOT.door + 0);
    expect(tileIndexAt('grassland', g, 0, 5)).toBe(base + SLOT.door + 3);
    expect(tileIndexAt('grassland', g, 5, 2)).toBeGreaterThanOrEqual(SLOT.floorShadow);
    expect(tileIndexAt('forest', g, 5, 5)).toBeGreaterThanOrEqual(SLOTS_PER_BIOME);
  });

  it('maps every cell to a tile of its own char, and the solid set is exactly the non-walkable tiles', () => {
    const rows = ['WWWWWWWDDWWWWWWW', 'WWWWWWWDDWWWWWWW', 'WWFFFFFFFFFFFFWW', 'WWFBBFPPPPFFFFWW', 'DDFFFFPIPPFSFFWW', 'DDFFFFOOOOFFFFWW', 'DDFFFFPPPPFFFFWW', 'WWF-FFFFFFFFFFWW', 'WWFFFFFFFFFFFFWW', 'WWWWWWWWWWWWWWWW', 'WWWWWWWWWWWWWWWW'];
    const g = Grid.fromRows(rows);
    const solid = new Set(solidTileIndices());
    for (const biome of BIOMES) {
      roomTileIndices(biome, g, 1, 2).forEach((index, k) => {
        const c = g.cells[k];
        expect(tileMeta(index).char).toBe(c);
        expect(solid.has(index)).toBe('WBPI-'.includes(c));
      });
    }
  });
});
