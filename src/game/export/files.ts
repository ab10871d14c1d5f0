import { tilesetPng } from '../../art/tileset';
import type { World } from '../../core/schema';
import { serializeTiled, worldToTiled } from '../../pipeline/export/tiled';
import { serializeWorld, worldFileName } from '../../pipeline/export/worldJson';

/** One file of an export: its name, MIME type and bytes (text or binary). */
export interface ExportFile {
  name: string;
  mime: string;
  content: string | Uint8Array;
}

/**
 * The three files of a world export: `worldsmith-<seed>.world.json`, `worldsmith-<seed>.tmj`
 * (Tiled map) and `worldsmith-<seed>.png` (its tileset). Same bytes as the CLI writes.
 */
export function worldFiles(world: World): ExportFile[] {
  return [
    { name: worldFileName(world, 'world.json'), mime: 'application/json', content: serializeWorld(world) },
    { name: worldFileName(world, 'tmj'), mime: 'application/json', content: serializeTiled(worldToTiled(world)) },
    { name: worldFileName(world, 'png'), mime: 'image/png', content: tilesetPng() },
  ];
}
