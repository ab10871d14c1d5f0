import { tilesetPng } from '../../art/tileset';
import type { World } from '../../core/schema';
import { serializeTiled, worldToTiled } from './tiled';
import { serializeWorld, worldFileName } from './worldJson';
import { worldToYarn } from './yarn';

/** One file of an export: its name, MIME type and bytes (text or binary). */
export interface ExportFile {
  name: string;
  mime: string;
  content: string | Uint8Array;
}

/** What to export: our format (+ its dialogue), the Tiled map (+ its tileset), or both. */
export type ExportFormat = 'json' | 'tmj' | 'both';

/**
 * The files of a world export, the same bytes in the browser's downloads and the CLI:
 * `json` → `worldsmith-<seed>.world.json` + `worldsmith-<seed>.yarn` (the NPCs' dialogue);
 * `tmj` → `worldsmith-<seed>.tmj` (Tiled map) + `worldsmith-<seed>.png` (its tileset); `both` → all four.
 */
export function exportFiles(world: World, format: ExportFormat = 'both'): ExportFile[] {
  const files: ExportFile[] = [];
  if (format !== 'tmj') {
    files.push({ name: worldFileName(world, 'world.json'), mime: 'application/json', content: serializeWorld(world) });
    files.push({ name: worldFileName(world, 'yarn'), mime: 'text/plain', content: worldToYarn(world) });
  }
  if (format !== 'json') {
    files.push({ name: worldFileName(world, 'tmj'), mime: 'application/json', content: serializeTiled(worldToTiled(world)) });
    files.push({ name: worldFileName(world, 'png'), mime: 'image/png', content: tilesetPng() });
  }
  return files;
}
