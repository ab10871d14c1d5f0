import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import { readJsonFile } from '../modelFiles';
import type { Corpus, CorpusRoom } from './corpus';
import { splitMaps } from './roomText';

/**
 * `levels/manifest.json`: how the project corpus was made and how it is split. Written by
 * `npm run data:levels` (buildCorpus.ts); read by training and evaluation.
 */
export const CORPUS_FORMAT = 'worldsmith.level-corpus';

const SetSchema = z.object({
  id: z.string().min(1),
  /** Path of the set's text file, relative to the levels folder. */
  file: z.string().min(1),
  style: z.string().min(1),
  biome: z.string().min(1),
  source: z.enum(['classic', 'handmade']),
  /** The RNG seed the set was generated from (hand-made sets: null). */
  seed: z.string().nullable(),
  split: z.enum(['train', 'val', 'test']),
  rooms: z.number().int().min(1),
});
export type CorpusSet = z.infer<typeof SetSchema>;

export const ManifestSchema = z.object({
  format: z.literal(CORPUS_FORMAT),
  version: z.literal(1),
  /** The command that regenerates the corpus. */
  command: z.string(),
  generator: z.string(),
  /** sha256 over every set file (in manifest order, each as `file\ncontents`). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  styles: z.array(z.string()).min(1),
  biomes: z.array(z.string()).min(1),
  holdoutStyle: z.string(),
  roomsPerSet: z.number().int(),
  duplicatesRemoved: z.number().int().min(0),
  counts: z.record(z.string(), z.number().int()),
  licence: z.string(),
  sets: z.array(SetSchema).min(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Reads and validates `dir/manifest.json`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, 'manifest.json');
  const parsed = ManifestSchema.safeParse(await readJsonFile(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Parses a set file of our own tiles into 16×11 rooms; errors name file, row and column. */
export function parseSetText(text: string, file: string): Grid[] {
  return splitMaps(text).map((map) => {
    if (map.rows.length !== ROOM_H) {
      throw new Error(`${file}: room at row ${map.line} has ${map.rows.length} rows, expected ${ROOM_H}`);
    }
    const grid = Grid.fromRows(map.rows, `${file} (room starting at row ${map.line})`);
    if (grid.width !== ROOM_W) throw new Error(`${file}: room at row ${map.line} is ${grid.width} wide, expected ${ROOM_W}`);
    return grid;
  });
}

/** Reads the project corpus described by `dir/manifest.json` (default `levels/`). */
export async function readProjectCorpus(dir = 'levels'): Promise<Corpus> {
  const manifest = await readManifest(dir);
  const rooms: CorpusRoom[] = [];
  for (const set of manifest.sets) {
    const path = join(dir, set.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new Error(`${path}: listed in ${join(dir, 'manifest.json')} but cannot be read (run npm run data:levels)`);
    }
    const grids = parseSetText(text, path);
    if (grids.length !== set.rooms) throw new Error(`${path}: ${grids.length} rooms, the manifest says ${set.rooms}`);
    grids.forEach((grid, i) => {
      rooms.push({ grid, style: set.style, biome: set.biome, set: set.id, split: set.split, entities: [], where: `${path}#${i}` });
    });
  }
  return {
    rooms,
    styles: manifest.styles,
    biomes: manifest.biomes,
    hash: manifest.hash,
    source: `${join(dir, 'manifest.json')} (${manifest.generator})`,
    licence: manifest.licence,
    holdoutStyle: manifest.holdoutStyle,
  };
}
