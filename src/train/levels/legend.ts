import { z } from 'zod';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import { doorMaskOf, stampDoors } from '../../core/room';
import { TILE_CHARS, type TileChar } from '../../core/tiles';
import type { TextMap } from './roomText';

/**
 * The legend of a custom corpus: which of our tiles each char of the files stands for, and which
 * chars also mark an entity (VGLC Zelda's `M` is a monster standing on floor):
 *   { "tiles": { "<char>": "<our char>", ... }, "entities": { "<char>": "<entity kind>" } }
 * A char listed only under "entities" stands on floor. Other keys (e.g. "names") are ignored.
 */
export const LegendSchema = z.object({
  tiles: z.record(z.string(), z.enum(TILE_CHARS, { message: `expected one of our tile chars ${TILE_CHARS.join(' ')}` })),
  entities: z.record(z.string(), z.string().min(1)).default({}),
});
export type Legend = z.infer<typeof LegendSchema>;

/** Parses a legend value; the error names `where` and the first bad field. */
export function parseLegend(value: unknown, where: string): Legend {
  const parsed = LegendSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    throw new Error(`${where}: bad legend at ${path}: ${issue.message}`);
  }
  for (const part of ['tiles', 'entities'] as const) {
    for (const key of Object.keys(parsed.data[part])) {
      if ([...key].length !== 1) throw new Error(`${where}: bad legend at ${part}.${key}: legend keys must be single chars`);
    }
  }
  return parsed.data;
}

/** An entity read from a map (x, y in room tiles). */
export interface MapEntity {
  x: number;
  y: number;
  kind: string;
}

/** A 16×11 room read from a custom file, in our tiles, with its door cells normalised. */
export interface LegendRoom {
  grid: Grid;
  entities: MapEntity[];
  /** Where it came from: `file:line` (+ `@x,y` for a window). */
  where: string;
  /** Door tiles moved or added to match the project's door geometry. */
  doorTilesChanged: number;
}

/**
 * Translates one map with `legend`. Throws on an unmapped char naming file, row and column
 * (1-based, as an editor shows them), on ragged rows, and on a size other than 16×11 unless
 * `windows` is set, in which case the map is cut into non-overlapping 16×11 windows (windows
 * made of a single tile, e.g. the void between dungeon rooms, are skipped).
 */
export function translateMap(map: TextMap, legend: Legend, file: string, windows: boolean): LegendRoom[] {
  const width = map.rows[0].length;
  const cells: TileChar[][] = [];
  const marks: Array<Array<string | undefined>> = [];
  map.rows.forEach((row, r) => {
    const line = map.line + r;
    if (row.length !== width) {
      throw new Error(`${file}: row ${line} has ${row.length} chars, expected ${width} like row ${map.line}`);
    }
    const tiles: TileChar[] = [];
    const ents: Array<string | undefined> = [];
    for (let col = 0; col < row.length; col++) {
      const ch = row[col];
      const tile = Object.hasOwn(legend.tiles, ch) ? legend.tiles[ch] : undefined;
      const entity = Object.hasOwn(legend.entities, ch) ? legend.entities[ch] : undefined;
      if (tile === undefined && entity === undefined) {
        throw new Error(
          `${file}: unmapped char ${JSON.stringify(ch)} at row ${line}, column ${col + 1} (add it to the legend's "tiles")`,
        );
      }
      tiles.push(tile ?? 'F');
      ents.push(entity);
    }
    cells.push(tiles);
    marks.push(ents);
  });
  const height = cells.length;
  if (!windows && (width !== ROOM_W || height !== ROOM_H)) {
    throw new Error(
      `${file}: map at row ${map.line} is ${width}×${height} tiles, expected ${ROOM_W}×${ROOM_H} (pass --windows to cut larger maps into ${ROOM_W}×${ROOM_H} windows)`,
    );
  }
  if (width < ROOM_W || height < ROOM_H) {
    throw new Error(`${file}: map at row ${map.line} is ${width}×${height} tiles, smaller than one ${ROOM_W}×${ROOM_H} room`);
  }
  const rooms: LegendRoom[] = [];
  for (let y0 = 0; y0 + ROOM_H <= height; y0 += ROOM_H) {
    for (let x0 = 0; x0 + ROOM_W <= width; x0 += ROOM_W) {
      const grid = new Grid(ROOM_W, ROOM_H);
      const entities: MapEntity[] = [];
      for (let y = 0; y < ROOM_H; y++) {
        for (let x = 0; x < ROOM_W; x++) {
          grid.set(x, y, cells[y0 + y][x0 + x]);
          const kind = marks[y0 + y][x0 + x];
          if (kind) entities.push({ x, y, kind });
        }
      }
      if (windows && grid.cells.every((c) => c === grid.cells[0])) continue;
      // Our doors span both border rows; corpora that mark only the inner row get both opened.
      const doorTilesChanged = stampDoors(grid, doorMaskOf(grid));
      const where = windows ? `${file}:${map.line}@${x0},${y0}` : `${file}:${map.line}`;
      rooms.push({ grid, entities, where, doorTilesChanged });
    }
  }
  return rooms;
}
