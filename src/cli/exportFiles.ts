import { tilesetPng } from '../art/tileset';
import type { World } from '../core/schema';
import { serializeTiled, worldToTiled } from '../pipeline/export/tiled';
import { serializeWorld, worldFileName } from '../pipeline/export/worldJson';
import { worldToYarn } from '../pipeline/export/yarn';
import type { ExportFormat } from './args';

/**
 * The files of one world export, as [file name, bytes]: `json` → world JSON + dialogue `.yarn`;
 * `tmj` → Tiled map + its tileset PNG; `both` → all four. Same bytes as the browser's downloads.
 */
export function exportFiles(world: World, format: ExportFormat): Array<[string, string | Uint8Array]> {
  const files: Array<[string, string | Uint8Array]> = [];
  if (format !== 'tmj') {
    files.push([worldFileName(world, 'world.json'), serializeWorld(world)]);
    files.push([worldFileName(world, 'yarn'), worldToYarn(world)]);
  }
  if (format !== 'json') {
    files.push([worldFileName(world, 'tmj'), serializeTiled(worldToTiled(world))]);
    files.push([worldFileName(world, 'png'), tilesetPng()]);
  }
  return files;
}
