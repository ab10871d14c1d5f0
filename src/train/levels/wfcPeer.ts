import wfc, { type OverlappingModel } from 'wavefunctioncollapse';
import { Grid, ROOM_H, ROOM_W } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { TILE_CHARS, TILE_INDEX } from '../../core/tiles';

/**
 * The peer generator of the evaluation: WaveFunctionCollapse (overlapping model, N = 3) from the
 * `wavefunctioncollapse` package, one model per style, learned from a mosaic of that style's
 * training rooms (each tile one pixel, colour = tile index). WFC knows nothing of doors: the
 * requested doors are left to repair, like every generator's raw output.
 */
export interface WfcPeer {
  /** Rooms per style, or null after `maxTries` contradictions in a row; tries counts every attempt. */
  generate(style: string, rng: Rng, maxTries?: number): { grid: Grid | null; tries: number };
  /** Milliseconds spent building the pattern tables (once per style). */
  buildMs: Record<string, number>;
}

/** Lays rooms side by side (`cols` per row) as one RGBA image; leftover cells are wall. */
export function roomMosaic(rooms: readonly Grid[]): { data: Uint8Array; width: number; height: number } {
  const cols = Math.ceil(Math.sqrt(rooms.length));
  const rows = Math.ceil(rooms.length / cols);
  const width = cols * ROOM_W;
  const height = rows * ROOM_H;
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data[p * 4] = TILE_INDEX.W;
    data[p * 4 + 3] = 255;
  }
  rooms.forEach((g, k) => {
    const ox = (k % cols) * ROOM_W;
    const oy = Math.floor(k / cols) * ROOM_H;
    for (let y = 0; y < ROOM_H; y++) {
      for (let x = 0; x < ROOM_W; x++) data[((oy + y) * width + ox + x) * 4] = TILE_INDEX[g.get(x, y)];
    }
  });
  return { data, width, height };
}

export function buildWfcPeer(roomsByStyle: ReadonlyMap<string, readonly Grid[]>): WfcPeer {
  const models = new Map<string, OverlappingModel>();
  const buildMs: Record<string, number> = {};
  for (const [style, rooms] of roomsByStyle) {
    const t = performance.now();
    const { data, width, height } = roomMosaic(rooms);
    models.set(style, new wfc.OverlappingModel(data, width, height, 3, ROOM_W, ROOM_H, false, false, 1));
    buildMs[style] = performance.now() - t;
  }
  const out = new Uint8Array(ROOM_W * ROOM_H * 4);
  return {
    buildMs,
    generate(style, rng, maxTries = 50) {
      const model = models.get(style);
      if (!model) throw new Error(`WFC peer: no model for style ${style}`);
      for (let tries = 1; tries <= maxTries; tries++) {
        if (!model.generate(() => rng.next())) continue;
        model.graphics(out);
        const grid = new Grid(ROOM_W, ROOM_H);
        for (let i = 0; i < ROOM_W * ROOM_H; i++) grid.cells[i] = TILE_CHARS[out[i * 4]] ?? 'W';
        return { grid, tries };
      }
      return { grid: null, tries: maxTries };
    },
  };
}
