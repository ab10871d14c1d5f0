import { describe, expect, it } from 'vitest';
import { tileMeta, TILE_COUNT, TILESET_HEIGHT, TILESET_WIDTH } from '../../src/art/tilesetLayout';
import { Grid, ROOM_H, ROOM_W } from '../../src/core/grid';
import { generateWorld } from '../../src/pipeline/world';
import { serializeTiled, TILED_NAMES, worldToTiled, type TiledProperty } from '../../src/pipeline/export/tiled';

const prop = (props: TiledProperty[], name: string) => props.find((p) => p.name === name)?.value;

describe('worldToTiled', () => {
  const world = generateWorld('tiled-1');
  const map = worldToTiled(world);

  it('has the map fields Tiled and Phaser need', () => {
    expect(map.type).toBe('map');
    expect(map.version).toBe('1.10');
    expect(typeof map.version).toBe('string');
    expect(map.orientation).toBe('orthogonal');
    expect(map.width).toBe(world.width * ROOM_W);
    expect(map.height).toBe(world.height * ROOM_H);
    expect(map.tilewidth).toBe(16);
    expect(map.tileheight).toBe(16);
    expect(map.infinite).toBe(false);
    expect(map.nextobjectid).toBe(map.layers[1].objects.length + 1);
    expect(prop(map.properties, 'seed')).toBe('tiled-1');
  });

  it('embeds the tileset with its image size, firstgid 1 and the exported PNG name', () => {
    const [ts] = map.tilesets;
    expect(ts.firstgid).toBe(1);
    expect(ts.image).toBe('worldsmith-tiled-1.png');
    expect(ts.imagewidth).toBe(TILESET_WIDTH);
    expect(ts.imageheight).toBe(TILESET_HEIGHT);
    expect(ts.tilecount).toBe(TILE_COUNT);
    expect(ts.columns * ts.tilewidth).toBe(ts.imagewidth);
    expect(ts.name).toBe(TILED_NAMES.tileset);
    const water = ts.tiles.filter((t) => t.animation);
    expect(water.length).toBe(4 * 3);
    for (const t of water) for (const f of t.animation!) expect(f.tileid).toBeLessThan(TILE_COUNT);
  });

  it('fills every cell with a gid whose tile shows that cell\'s char and biome', () => {
    const layer = map.layers[0];
    expect(layer.type).toBe('tilelayer');
    expect(layer.data.length).toBe(map.width * map.height);
    for (const room of world.rooms) {
      const grid = Grid.fromRows(room.tiles);
      for (let y = 0; y < ROOM_H; y++) {
        for (let x = 0; x < ROOM_W; x++) {
          const gid = layer.data[(room.y * ROOM_H + y) * map.width + room.x * ROOM_W + x];
          expect(gid).toBeGreaterThanOrEqual(1);
          const meta = tileMeta(gid - 1);
          expect(meta.char).toBe(grid.get(x, y));
          expect(meta.biome).toBe(room.biome);
        }
      }
    }
  });

  it('lists every entity and the start, in pixels, with their properties', () => {
    const objects = map.layers[1].objects;
    const entities = world.rooms.flatMap((r) => r.entities.map((e) => ({ r, e })));
    expect(objects.length).toBe(entities.length + 1);
    const start = objects.find((o) => o.type === 'start')!;
    expect(start.x).toBe((world.start.roomX * ROOM_W + world.start.x) * 16);
    expect(start.y).toBe((world.start.roomY * ROOM_H + world.start.y) * 16);
    for (const { r, e } of entities) {
      const o = objects.find((ob) => prop(ob.properties, 'id') === e.id)!;
      expect(o.type).toBe(e.kind);
      expect(o.x).toBe((r.x * ROOM_W + e.x) * 16);
      expect(prop(o.properties, 'roomX')).toBe(r.x);
      if (e.kind === 'enemy') {
        expect(prop(o.properties, 'foe')).toBe(e.foe);
        expect(prop(o.properties, 'hp')).toBe(e.hp);
      }
      if (e.kind === 'npc') expect(prop(o.properties, 'role')).toBe(world.npcs.find((n) => n.id === e.npc)!.role);
      if (e.kind === 'item' || e.kind === 'chest') expect(prop(o.properties, 'item')).toBe(e.item);
    }
    const goal = objects.filter((o) => o.type === 'goal');
    expect(goal.length).toBe(1);
    expect(goal[0].x).toBe((world.goal.roomX * ROOM_W + world.goal.x) * 16);
    const ids = new Set(objects.map((o) => o.id));
    expect(ids.size).toBe(objects.length);
  });

  it('serializes to the same bytes for the same seed, with tile data on one line', () => {
    const a = serializeTiled(worldToTiled(generateWorld('tiled-1')));
    const b = serializeTiled(map);
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(a);
    expect(parsed.layers[0].data).toEqual(map.layers[0].data);
    expect(a.split('\n').some((line) => line.includes('"data": [1') || /"data": \[\d+,\d+/.test(line))).toBe(true);
    expect(serializeTiled(worldToTiled(generateWorld('tiled-2')))).not.toBe(a);
  });
});
