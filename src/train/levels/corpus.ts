import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Grid } from '../../core/grid';
import { createRng } from '../../core/rng';
import { readJsonFile } from '../modelFiles';
import { parseLegend, translateMap, type MapEntity } from './legend';
import { splitMaps } from './roomText';

/**
 * Reading a level corpus from disk: the project's corpus (`levels/manifest.json` + set files)
 * or a user's folder of tile maps with a legend. Both give `CorpusRoom`s with a split.
 */

export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];

export interface CorpusRoom {
  grid: Grid;
  style: string;
  biome: string;
  /** The generation set (one seed's batch, one hand-made file, one custom file). */
  set: string;
  split: Split;
  entities: MapEntity[];
  where: string;
}

/** A corpus as training and evaluation see it. */
export interface Corpus {
  rooms: CorpusRoom[];
  styles: string[];
  biomes: string[];
  /** sha256 of the corpus text (from the manifest, or computed over the files read). */
  hash: string;
  /** Where the data came from and under which licence (recorded in meta.json). */
  source: string;
  licence: string;
  /** The style held out for the generalisation diagnostic (none for custom corpora). */
  holdoutStyle: string | null;
}

/** All `.txt` files under `dir`, sorted, as paths relative to `dir`. */
export async function listMapFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, sub), { withFileTypes: true });
    } catch (err) {
      throw new Error(`${join(dir, sub)}: cannot read folder (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile() && e.name.endsWith('.txt')) out.push(rel);
    }
  };
  await walk('');
  return out.sort();
}

/**
 * Splits set names train/val/test (≈80/10/10) by a seeded shuffle, per style so each style is
 * in every split. Whole sets go to one split, so no seed's rooms straddle train and test.
 */
export function assignSplits(setsByStyle: ReadonlyMap<string, readonly string[]>, seed: string): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const [style, sets] of [...setsByStyle].sort(([a], [b]) => a.localeCompare(b))) {
    const order = createRng(`${seed}/${style}`).shuffle([...sets].sort());
    const nTest = Math.max(1, Math.round(order.length * 0.1));
    const nVal = Math.max(1, Math.round(order.length * 0.1));
    order.forEach((set, i) => out.set(set, i < nTest ? 'test' : i < nTest + nVal ? 'val' : 'train'));
  }
  return out;
}

export interface CustomCorpusOptions {
  /** Cut maps larger than 16×11 into windows instead of rejecting them. */
  windows?: boolean;
  /** The style every room gets (a corpus without styles counts as one style). */
  style?: string;
  /** The biome every room gets (a corpus without biomes uses a default one). */
  biome?: string;
}

/**
 * Reads a folder of plain-text tile maps (one or more maps per `.txt` file, blank-line
 * separated) through a legend JSON file. Each file is a generation set; files are split
 * 80/10/10 by a seeded shuffle. Errors name the file (and row/column for bad chars).
 */
export async function readCustomCorpus(dir: string, legendFile: string, options: CustomCorpusOptions = {}): Promise<Corpus> {
  const legend = parseLegend(await readJsonFile(legendFile), legendFile);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`${dir}: not a folder of tile maps`);
  const files = await listMapFiles(dir);
  if (files.length === 0) throw new Error(`${dir}: no .txt tile maps found`);
  const style = options.style ?? 'custom';
  const biome = options.biome ?? 'grassland';
  const splits = assignSplits(new Map([[style, files]]), 'custom-corpus');
  const rooms: CorpusRoom[] = [];
  const texts: string[] = [];
  for (const rel of files) {
    const path = join(dir, rel);
    const text = await readFile(path, 'utf8');
    texts.push(`${rel}\n${text}`);
    const maps = splitMaps(text);
    if (maps.length === 0) throw new Error(`${path}: no tile map in the file`);
    for (const map of maps) {
      for (const room of translateMap(map, legend, path, options.windows ?? false)) {
        rooms.push({ grid: room.grid, style, biome, set: rel, split: splits.get(rel)!, entities: room.entities, where: room.where });
      }
    }
  }
  const hash = createHash('sha256').update(JSON.stringify(legend)).update(texts.join('\n')).digest('hex');
  return {
    rooms,
    styles: [style],
    biomes: [biome],
    hash,
    source: `custom corpus ${relative(process.cwd(), dir) || dir} (legend ${legendFile})`,
    licence: 'as stated by the corpus owner',
    holdoutStyle: null,
  };
}
