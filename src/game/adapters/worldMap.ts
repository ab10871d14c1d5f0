import Phaser from 'phaser';
import { roomTileIndices, solidTileIndices } from '../../art/tilesetLayout';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import type { Room, World } from '../../core/schema';
import { TILED_NAMES, worldToTiled } from '../../pipeline/export/tiled';
import { DEPTH } from '../layout';
import { TEX } from './textures';

export interface WorldMap {
  map: Phaser.Tilemaps.Tilemap;
  layer: Phaser.Tilemaps.TilemapLayer;
}

const MAP_KEY = 'world-map';

/**
 * The whole world as one tilemap, built from the same Tiled JSON the export writes (so the
 * game shows exactly what a `.tmj` holds, water animation included). Walls, blocks, water and
 * void collide.
 */
export function buildWorldMap(scene: Phaser.Scene, world: World): WorldMap {
  scene.cache.tilemap.remove(MAP_KEY);
  scene.cache.tilemap.add(MAP_KEY, { format: Phaser.Tilemaps.Formats.TILED_JSON, data: worldToTiled(world) });
  const map = scene.make.tilemap({ key: MAP_KEY });
  const tileset = map.addTilesetImage(TILED_NAMES.tileset, TEX.tileset);
  if (!tileset) throw new Error('world map: tileset did not attach');
  const layer = map.createLayer(TILED_NAMES.tiles, tileset, 0, 0) as Phaser.Tilemaps.TilemapLayer | null;
  if (!layer) throw new Error('world map: tile layer missing');
  layer.setDepth(DEPTH.tiles);
  layer.setCollision(solidTileIndices().map((i) => i + 1));
  return { map, layer };
}

/** Redraws one room's tiles after they changed (collision follows the new tiles). */
export function redrawRoom(layer: Phaser.Tilemaps.TilemapLayer, room: Room): void {
  const indices = roomTileIndices(room.biome, Grid.fromRows(room.tiles), room.x, room.y);
  indices.forEach((index, k) => layer.putTileAt(index + 1, room.x * ROOM_W + (k % ROOM_W), room.y * ROOM_H + Math.floor(k / ROOM_W)));
}
