import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Grid } from '../../core/grid';
import { createRng } from '../../core/rng';
import { bitsToMask, doorMaskOf, maskToBits, stampDoors } from '../../core/room';
import { TILES, TILE_CHARS } from '../../core/tiles';
import { BIOMES, ROOM_STYLES } from '../../core/vocab';
import { classicRoom } from '../../pipeline/rooms/classic';
import { writeJsonAtomic } from '../modelFiles';
import { assignSplits } from './corpus';
import { CORPUS_FORMAT, parseSetText, type CorpusSet, type Manifest } from './manifest';
import { formatRooms, roomKey } from './roomText';

/**
 * Builds the level corpus in `levels/` (deterministic: same code, same files, same hash):
 *  - generation sets: for each style, `setsPerStyle` batches of `roomsPerSet` classic rooms,
 *    each batch from one seed (`corpus/<style>-<k>`), with random non-empty door masks and one
 *    biome label per set;
 *  - hand-made rooms from `levels/handmade/<style>.txt` (checked, kept as they are);
 *  - duplicates removed (first occurrence kept, hand-made first), then whole sets split
 *    train/val/test ≈ 80/10/10 per style; hand-made sets are train;
 *  - `legend.json` (char → our tile, name, walkable) and `manifest.json` (sets, splits, hash).
 * Usage: npm run data:levels [-- --out levels --sets-per-style 44 --rooms-per-set 24]
 */

const HOLDOUT_STYLE = 'symmetric';

interface BuiltSet {
  set: CorpusSet;
  rooms: Grid[];
}

/** Reads the hand-made rooms of one style; their doors must already follow our geometry. */
async function readHandmade(dir: string, style: string): Promise<Grid[]> {
  const path = join(dir, 'handmade', `${style}.txt`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const rooms = parseSetText(text, path);
  rooms.forEach((g, i) => {
    const fixed = g.clone();
    if (stampDoors(fixed, doorMaskOf(fixed)) !== 0) throw new Error(`${path}: room ${i + 1} has door tiles off the door cells`);
    if (maskToBits(doorMaskOf(g)) === 0) throw new Error(`${path}: room ${i + 1} has no door`);
  });
  return rooms;
}

function generateSet(style: (typeof ROOM_STYLES)[number], k: number, roomsPerSet: number): { seed: string; rooms: Grid[] } {
  const seed = `corpus/${style}-${k}`;
  const rng = createRng(seed);
  const biome = BIOMES[k % BIOMES.length];
  const rooms: Grid[] = [];
  for (let i = 0; i < roomsPerSet; i++) {
    const doors = bitsToMask(rng.int(1, 15));
    rooms.push(classicRoom(rng.fork(`room-${i}`), { doors, biome, style }));
  }
  return { seed, rooms };
}

export async function buildCorpus(out: string, setsPerStyle: number, roomsPerSet: number): Promise<Manifest> {
  const seen = new Set<string>();
  let duplicatesRemoved = 0;
  const dedupe = (rooms: Grid[]): Grid[] =>
    rooms.filter((g) => {
      const key = roomKey(g);
      if (seen.has(key)) {
        duplicatesRemoved++;
        return false;
      }
      seen.add(key);
      return true;
    });

  const built: BuiltSet[] = [];
  for (const style of ROOM_STYLES) {
    const rooms = dedupe(await readHandmade(out, style));
    if (rooms.length === 0) continue;
    const id = `handmade-${style}`;
    built.push({
      set: { id, file: `handmade/${style}.txt`, style, biome: 'grassland', source: 'handmade', seed: null, split: 'train', rooms: rooms.length },
      rooms,
    });
  }
  const classicSets: BuiltSet[] = [];
  for (const style of ROOM_STYLES) {
    for (let k = 0; k < setsPerStyle; k++) {
      const { seed, rooms } = generateSet(style, k, roomsPerSet);
      const kept = dedupe(rooms);
      if (kept.length === 0) continue;
      const id = `${style}-${String(k).padStart(3, '0')}`;
      const biome = BIOMES[k % BIOMES.length];
      classicSets.push({
        set: { id, file: `corpus/${style}/${id}.txt`, style, biome, source: 'classic', seed, split: 'train', rooms: kept.length },
        rooms: kept,
      });
    }
  }
  const byStyle = new Map<string, string[]>();
  for (const b of classicSets) byStyle.set(b.set.style, [...(byStyle.get(b.set.style) ?? []), b.set.id]);
  const splits = assignSplits(byStyle, 'corpus-split');
  for (const b of classicSets) b.set.split = splits.get(b.set.id)!;
  built.push(...classicSets);

  // Write the generated sets into a fresh folder, then swap it in (never a half-written corpus).
  const tmp = join(out, `.corpus-tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  const hash = createHash('sha256');
  for (const b of built) {
    const text = formatRooms(b.rooms);
    hash.update(`${b.set.file}\n${text}`);
    if (b.set.source === 'handmade') continue;
    const path = join(tmp, b.set.file.replace(/^corpus\//, ''));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
  }
  await rm(join(out, 'corpus'), { recursive: true, force: true });
  await rename(tmp, join(out, 'corpus'));

  const counts: Record<string, number> = {};
  for (const b of built) {
    for (const key of [b.set.split, `${b.set.split}:${b.set.style}`, 'all', b.set.source]) {
      counts[key] = (counts[key] ?? 0) + b.set.rooms;
    }
  }
  const manifest: Manifest = {
    format: CORPUS_FORMAT,
    version: 1,
    command: `npm run data:levels -- --sets-per-style ${setsPerStyle} --rooms-per-set ${roomsPerSet}`,
    generator: 'classicRoom (src/pipeline/rooms/classic.ts) + hand-made rooms (levels/handmade)',
    hash: hash.digest('hex'),
    styles: [...ROOM_STYLES],
    biomes: [...BIOMES],
    holdoutStyle: HOLDOUT_STYLE,
    roomsPerSet,
    duplicatesRemoved,
    counts,
    licence: 'MIT (generated by this project and hand-made for it)',
    sets: built.map((b) => b.set),
  };
  const legend = {
    tiles: Object.fromEntries(TILE_CHARS.map((c) => [c, c])),
    entities: {},
    names: Object.fromEntries(TILE_CHARS.map((c) => [c, { name: TILES[c].name, walkable: TILES[c].walkable }])),
  };
  await writeJsonAtomic(join(out, 'legend.json'), legend);
  await writeJsonAtomic(join(out, 'manifest.json'), manifest);
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'levels' },
      'sets-per-style': { type: 'string', default: '44' },
      'rooms-per-set': { type: 'string', default: '24' },
    },
  });
  const setsPerStyle = Number(values['sets-per-style']);
  const roomsPerSet = Number(values['rooms-per-set']);
  for (const [name, v] of [['--sets-per-style', setsPerStyle], ['--rooms-per-set', roomsPerSet]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: expected a positive integer`);
  }
  const m = await buildCorpus(values.out!, setsPerStyle, roomsPerSet);
  console.error(
    `levels: ${m.counts.all} rooms (${m.counts.train} train, ${m.counts.val} val, ${m.counts.test} test; ` +
      `${m.counts.handmade ?? 0} hand-made), ${m.duplicatesRemoved} duplicates removed, hash ${m.hash.slice(0, 12)}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`data:levels: ${(err as Error).message}`);
    process.exit(1);
  });
}
