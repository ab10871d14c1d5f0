import type { Grid } from '../core/grid';
import type { WorldParams } from '../core/params';
import type { Rng } from '../core/rng';
import type { Biome, RoomStyle } from '../core/vocab';
import type { Layout } from './layout';
import { freeCells } from './placement';
import { roomPlayability } from './playable';
import type { RoomRequest, RoomSampler } from './ports';
import { repairRoom } from './repair';
import { classicRoom, classicRoomSampler } from './rooms/classic';

/** Which room styles each biome favours (weights in ROOM_STYLES order of this table). */
const STYLE_WEIGHTS: Readonly<Record<Biome, ReadonlyArray<readonly [RoomStyle, number]>>> = {
  grassland: [['water', 0.45], ['grove', 0.2], ['symmetric', 0.2], ['pillars', 0.15]],
  forest: [['grove', 0.6], ['water', 0.25], ['caves', 0.15]],
  desert: [['pillars', 0.45], ['symmetric', 0.35], ['caves', 0.2]],
  cave: [['caves', 0.6], ['water', 0.2], ['symmetric', 0.2]],
};

export function pickStyle(rng: Rng, biome: Biome): RoomStyle {
  const table = STYLE_WEIGHTS[biome];
  return rng.weighted(table.map(([s]) => s), table.map(([, w]) => w));
}

export interface StagedRoom {
  request: RoomRequest;
  grid: Grid;
  source: 'vae' | 'classic';
  repaired: number;
}

/** Fewest free cells a room must offer (the goal room needs the goal, its guardian and more). */
export const MIN_FREE_CELLS = 8;

/** Playable and roomy enough to hold the things placement puts in it. */
export function roomIsUsable(grid: Grid, request: RoomRequest): boolean {
  return roomPlayability(grid, request.doors).playable && freeCells({ grid, doors: request.doors, biome: request.biome }).length >= MIN_FREE_CELLS;
}

/**
 * Makes every room of the layout: one batched call to the room sampler, then each room is
 * repaired (params.rooms.repair) or, when repair is off and the room is unplayable, replaced by
 * a classic room. A room that is still unplayable or too cramped to hold anything is replaced by
 * a classic room too (retried, ending with an open pillared hall), so the stage always returns
 * playable rooms.
 */
export function makeRooms(rng: Rng, layout: Layout, params: WorldParams, sampler: RoomSampler): StagedRoom[] {
  const styleRng = rng.fork('styles');
  const requests: RoomRequest[] = layout.biomes.map((biome, i) => ({ biome, doors: layout.doors[i], style: pickStyle(styleRng, biome) }));
  const grids = sampler.sampleRooms(requests, rng.fork('sample'), { temperature: params.rooms.temperature, candidates: params.rooms.candidates });
  if (grids.length !== requests.length) {
    throw new Error(`room sampler "${sampler.name}" returned ${grids.length} rooms for ${requests.length} requests`);
  }
  return requests.map((request, i) => {
    let grid = grids[i];
    let source = sampler.name;
    let repaired = 0;
    if (params.rooms.repair) {
      const fixed = repairRoom(grid, request.doors);
      grid = fixed.grid;
      repaired = fixed.changed;
    }
    for (let attempt = 0; !roomIsUsable(grid, request); attempt++) {
      const style = attempt < 4 ? request.style : 'pillars';
      grid = classicRoom(rng.fork(`fallback:${i}:${attempt}`), { ...request, style });
      source = classicRoomSampler.name;
      repaired = 0;
      if (attempt > 8) throw new Error(`makeRooms: no usable room for request ${i} after ${attempt} attempts`);
    }
    return { request, grid, source, repaired };
  });
}
