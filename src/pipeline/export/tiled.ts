import {
  ANIMATED_SLOTS,
  roomTileIndices,
  SLOTS_PER_BIOME,
  TILE_COUNT,
  TILE_PX,
  tileMeta,
  TILESET_COLUMNS,
  TILESET_HEIGHT,
  TILESET_WIDTH,
  WATER_FRAME_MS,
} from '../../art/tilesetLayout';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import type { Entity, World } from '../../core/schema';
import { isWalkable } from '../../core/tiles';
import { BIOMES } from '../../core/vocab';
import { worldFileName } from './worldJson';

/**
 * The whole world as one Tiled map (JSON map format 1.10, `.tmj`): a tile layer of
 * (width·16)×(height·11) tiles, an object layer with every entity (plus the start) and their
 * properties, and the tileset embedded with its image named after the exported PNG.
 * Loads in Tiled and in Phaser (`load.tilemapTiledJSON`).
 */

export type TiledProperty =
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'int' | 'float'; value: number }
  | { name: string; type: 'bool'; value: boolean };

export interface TiledObject {
  id: number;
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
  visible: boolean;
  properties: TiledProperty[];
}

export interface TiledTileLayer {
  id: number;
  name: string;
  type: 'tilelayer';
  x: 0;
  y: 0;
  width: number;
  height: number;
  opacity: number;
  visible: boolean;
  /** Row-major gids; 0 = empty, tileset index i has gid i + 1. */
  data: number[];
}

export interface TiledObjectLayer {
  id: number;
  name: string;
  type: 'objectgroup';
  x: 0;
  y: 0;
  opacity: number;
  visible: boolean;
  draworder: 'topdown';
  objects: TiledObject[];
}

export interface TiledTileset {
  firstgid: number;
  name: string;
  image: string;
  imagewidth: number;
  imageheight: number;
  tilewidth: number;
  tileheight: number;
  tilecount: number;
  columns: number;
  margin: number;
  spacing: number;
  tiles: Array<{ id: number; properties: TiledProperty[]; animation?: Array<{ tileid: number; duration: number }> }>;
}

export interface TiledMap {
  type: 'map';
  version: string;
  tiledversion: string;
  orientation: 'orthogonal';
  renderorder: 'right-down';
  infinite: false;
  compressionlevel: number;
  width: number;
  height: number;
  tilewidth: number;
  tileheight: number;
  nextlayerid: number;
  nextobjectid: number;
  properties: TiledProperty[];
  layers: [TiledTileLayer, TiledObjectLayer];
  tilesets: [TiledTileset];
}

/** Layer and tileset names (Phaser's `createLayer` / `addTilesetImage` take them). */
export const TILED_NAMES = { tiles: 'tiles', objects: 'entities', tileset: 'worldsmith' } as const;

const str = (name: string, value: string): TiledProperty => ({ name, type: 'string', value });
const int = (name: string, value: number): TiledProperty => ({ name, type: 'int', value });
const bool = (name: string, value: boolean): TiledProperty => ({ name, type: 'bool', value });

/** The embedded tileset: per-tile biome/char/collides properties and the water animation. */
export function tiledTileset(imageName: string): TiledTileset {
  const tiles: TiledTileset['tiles'] = [];
  for (let id = 0; id < TILE_COUNT; id++) {
    const meta = tileMeta(id);
    const tile: TiledTileset['tiles'][number] = {
      id,
      properties: [str('biome', meta.biome), str('char', meta.char), bool('collides', !isWalkable(meta.char))],
    };
    const anim = ANIMATED_SLOTS.find(([first]) => first === meta.slot);
    if (anim) {
      const base = id - meta.slot;
      tile.animation = anim.map((slot) => ({ tileid: base + slot, duration: WATER_FRAME_MS }));
    }
    tiles.push(tile);
  }
  return {
    firstgid: 1,
    name: TILED_NAMES.tileset,
    image: imageName,
    imagewidth: TILESET_WIDTH,
    imageheight: TILESET_HEIGHT,
    tilewidth: TILE_PX,
    tileheight: TILE_PX,
    tilecount: TILE_COUNT,
    columns: TILESET_COLUMNS,
    margin: 0,
    spacing: 0,
    tiles,
  };
}

function entityProperties(world: World, e: Entity, roomX: number, roomY: number): TiledProperty[] {
  const props: TiledProperty[] = [str('kind', e.kind), str('id', e.id), int('roomX', roomX), int('roomY', roomY), int('tileX', e.x), int('tileY', e.y)];
  switch (e.kind) {
    case 'enemy':
      props.push(str('foe', e.foe), int('hp', e.hp), { name: 'speed', type: 'float', value: e.speed }, bool('guard', e.guard));
      break;
    case 'item':
    case 'chest':
      props.push(str('item', e.item));
      break;
    case 'npc': {
      const npc = world.npcs.find((n) => n.id === e.npc);
      props.push(str('npc', e.npc));
      if (npc) {
        props.push(str('role', npc.role), str('lines', npc.lines.map((l) => `[${l.situation}] ${l.text}`).join('\n')));
        if (npc.id === world.quest.giver) props.push(bool('questGiver', true));
      }
      break;
    }
    case 'goal':
      props.push(str('questItem', world.quest.item));
      break;
  }
  return props;
}

/**
 * Converts a world to a Tiled map object.
 * @param imageName file name of the tileset PNG written beside the `.tmj`
 *   (default `worldsmith-<seed>.png`)
 */
export function worldToTiled(world: World, imageName = worldFileName(world, 'png')): TiledMap {
  const width = world.width * ROOM_W;
  const height = world.height * ROOM_H;
  const data = new Array<number>(width * height).fill(0);
  const objects: TiledObject[] = [];
  let nextId = 1;
  const object = (name: string, type: string, roomX: number, roomY: number, x: number, y: number, properties: TiledProperty[]) => {
    objects.push({
      id: nextId++,
      name,
      type,
      x: (roomX * ROOM_W + x) * TILE_PX,
      y: (roomY * ROOM_H + y) * TILE_PX,
      width: TILE_PX,
      height: TILE_PX,
      rotation: 0,
      visible: true,
      properties,
    });
  };
  object('start', 'start', world.start.roomX, world.start.roomY, world.start.x, world.start.y, [
    str('kind', 'start'),
    int('roomX', world.start.roomX),
    int('roomY', world.start.roomY),
    int('tileX', world.start.x),
    int('tileY', world.start.y),
    str('hero', world.hero),
  ]);
  for (const room of world.rooms) {
    const indices = roomTileIndices(room.biome, Grid.fromRows(room.tiles, `room (${room.x},${room.y})`), room.x, room.y);
    indices.forEach((index, k) => {
      const x = room.x * ROOM_W + (k % ROOM_W);
      const y = room.y * ROOM_H + Math.floor(k / ROOM_W);
      data[y * width + x] = index + 1;
    });
    for (const e of room.entities) object(e.name, e.kind, room.x, room.y, e.x, e.y, entityProperties(world, e, room.x, room.y));
  }
  return {
    type: 'map',
    version: '1.10',
    tiledversion: '1.10.2',
    orientation: 'orthogonal',
    renderorder: 'right-down',
    infinite: false,
    compressionlevel: -1,
    width,
    height,
    tilewidth: TILE_PX,
    tileheight: TILE_PX,
    nextlayerid: 3,
    nextobjectid: nextId,
    properties: [
      str('format', 'worldsmith.tiled'),
      str('seed', world.seed),
      int('roomsAcross', world.width),
      int('roomsDown', world.height),
      int('roomWidth', ROOM_W),
      int('roomHeight', ROOM_H),
      str('quest', world.quest.title),
      str('questDescription', world.quest.description),
      str('biomeOrder', BIOMES.join(',')),
      int('tilesPerBiome', SLOTS_PER_BIOME),
    ],
    layers: [
      { id: 1, name: TILED_NAMES.tiles, type: 'tilelayer', x: 0, y: 0, width, height, opacity: 1, visible: true, data },
      { id: 2, name: TILED_NAMES.objects, type: 'objectgroup', x: 0, y: 0, opacity: 1, visible: true, draworder: 'topdown', objects },
    ],
    tilesets: [tiledTileset(imageName)],
  };
}

/**
 * The `.tmj` file bytes: the same in the browser download and the CLI. Two-space JSON with a
 * trailing newline, the tile data kept on one line (as Tiled writes it).
 */
export function serializeTiled(map: TiledMap): string {
  const [tiles, objects] = map.layers;
  const marker = '"@tile-data@"';
  const text = JSON.stringify({ ...map, layers: [{ ...tiles, data: '@tile-data@' }, objects] }, null, 2);
  return `${text.replace(marker, `[${tiles.data.join(',')}]`)}\n`;
}
