import { bfs, Grid, ROOM_H, ROOM_W } from '../core/grid';
import { createRng } from '../core/rng';
import { DOOR_ENTRY, doorMaskOf, SIDES, type DoorMask } from '../core/room';
import type { Room, World } from '../core/schema';
import { repairRoom } from '../pipeline/repair';
import type { LevelVae, RoomCondition } from '../models/levelVae';
import { criticLatents, type CriticChoice } from '../models/levelVae/critic';

/**
 * The level VAE's view of one room for the panel: the latent the room came from (or the
 * encoder's posterior of it), and re-decoding an edited latent into tiles the world accepts.
 * No Phaser, no DOM: the panel measures and applies the result.
 */

/** Where the sliders' starting latent came from. */
export type LatentOrigin = 'generated' | 'encoded';

export interface RoomLatent {
  roomX: number;
  roomY: number;
  cond: RoomCondition;
  /** The room's own latent (length = the model's latent size). */
  base: Float32Array;
  origin: LatentOrigin;
  /** The room's tiles when its latent was read: what every slider at home gives back. */
  homeTiles: string[];
  /** Tiles in which decode(base) (+ repair) differs from homeTiles: 0 for a generating latent. */
  mismatch: number;
  /** For a generating latent: the critic draw it came from, of at most `candidates`, and whether it passed. */
  critic?: { draw: number; candidates: number; accepted: boolean };
}

/** One decode of an edited latent. */
export interface DecodedRoom {
  /** The decoder's room as it came out (before repair). */
  raw: Grid;
  /** What goes into the world: the repaired room, or `raw` when repair is off. */
  grid: Grid;
  /** Row-major cells the repair changed (empty when repair is off). */
  changedCells: number[];
}

const indexOf = (world: World, room: Room) => room.y * world.width + room.x;

/** The decoder condition of a room as it stands (doors read from its tiles). */
export function conditionOf(room: Room): RoomCondition {
  return { doors: doorMaskOf(Grid.fromRows(room.tiles)), style: room.style, biome: room.biome };
}

/**
 * The latents the world's VAE room sampler chose, in room order — the same RNG forks and the same
 * critic as `vaeRoomSampler` inside `makeRooms` ('rooms' → 'sample' → 'vae:latents', up to
 * `rooms.candidates` draws per room from its style's prior). A room's condition is read from the
 * room as stored (its doors from its tiles, which repair stamps as requested). Null when the
 * world's rooms did not come from the VAE.
 */
export function generatingLatents(vae: LevelVae, world: World): CriticChoice | null {
  if (world.params.rooms.source !== 'vae' || world.generators.rooms !== 'vae') return null;
  // The critic re-decodes the whole world (≈ 20 ms): once per model and world, not per room read.
  const byWorld = chosen.get(vae) ?? new WeakMap<World, CriticChoice>();
  chosen.set(vae, byWorld);
  const known = byWorld.get(world);
  if (known) return known;
  const rng = createRng(world.seed).fork('rooms').fork('sample').fork('vae:latents');
  const ordered = [...world.rooms].sort((a, b) => indexOf(world, a) - indexOf(world, b));
  const choice = criticLatents(vae, ordered.map(conditionOf), rng, world.params.rooms.candidates);
  byWorld.set(world, choice);
  return choice;
}

/** Generating latents per model and world (a world's seed, params and doors never change in place). */
const chosen = new WeakMap<LevelVae, WeakMap<World, CriticChoice>>();

/** The cells that must stay walkable and reachable in a room: its entities and the start. */
export function mustReachOf(world: World, room: Room): Array<[number, number]> {
  const cells: Array<[number, number]> = room.entities.map((e) => [e.x, e.y]);
  if (world.start.roomX === room.x && world.start.roomY === room.y) cells.push([world.start.x, world.start.y]);
  return cells;
}

/**
 * Repairs a decoded room as world generation does (doors stamped, doorways joined); when that
 * leaves an entity or the start on a blocked or cut-off cell, repairs again with those cells as
 * targets, so the edited room always fits the room's entities.
 */
export function repairForWorld(raw: Grid, doors: DoorMask, mustReach: ReadonlyArray<readonly [number, number]>): { grid: Grid; changedCells: number[] } {
  const plain = repairRoom(raw, doors);
  const entry = SIDES.filter((s) => doors[s]).flatMap((s) => DOOR_ENTRY[s]);
  const dist = bfs(plain.grid, entry);
  if (mustReach.every(([x, y]) => dist[y * ROOM_W + x] >= 0)) return plain;
  const joined = repairRoom(raw, doors, mustReach);
  return { grid: joined.grid, changedCells: joined.changedCells };
}

/** Decodes a latent under the room's condition, then repairs it (or not). */
export function decodeRoom(
  vae: LevelVae,
  world: World,
  room: Room,
  latent: RoomLatent,
  z: Float32Array,
  options: { temperature: number; repair: boolean },
): DecodedRoom {
  // A fixed stream per room: at temperature > 0 the same latent gives the same tiles.
  const rng = createRng(world.seed).fork(`panel:${room.x},${room.y}`);
  const raw = vae.decode(z, latent.cond, { temperature: options.temperature, rng });
  if (!options.repair) return { raw, grid: raw, changedCells: [] };
  const fixed = repairForWorld(raw, latent.cond.doors, mustReachOf(world, room));
  return { raw, grid: fixed.grid, changedCells: fixed.changedCells };
}

/**
 * The latent of the room at (roomX, roomY): the one world generation drew for it when that
 * latent, decoded and repaired as generation does, gives back exactly the room's tiles; else
 * the encoder's posterior mean of the room as it stands (`mismatch` says how far its decode is).
 */
export function readRoomLatent(vae: LevelVae, world: World, roomX: number, roomY: number): RoomLatent {
  const room = world.rooms.find((r) => r.x === roomX && r.y === roomY);
  if (!room) throw new Error(`readRoomLatent: no room at (${roomX},${roomY})`);
  const cond = conditionOf(room);
  const home = Grid.fromRows(room.tiles);
  const regenerate = (z: Float32Array): Grid => {
    const raw = vae.decode(z, cond, { temperature: 0 });
    return world.params.rooms.repair ? repairRoom(raw, cond.doors).grid : raw;
  };
  if (room.source === 'vae' && world.params.rooms.temperature === 0) {
    const choice = generatingLatents(vae, world);
    const i = indexOf(world, room);
    const z = choice?.zs[i];
    if (choice && z && regenerate(z).diff(home) === 0) {
      const critic = { draw: choice.draws[i], candidates: world.params.rooms.candidates, accepted: choice.penalties[i] === 0 };
      return { roomX, roomY, cond, base: z, origin: 'generated', homeTiles: [...room.tiles], mismatch: 0, critic };
    }
  }
  const base = vae.encode(home, room.style, room.biome);
  return { roomX, roomY, cond, base, origin: 'encoded', homeTiles: [...room.tiles], mismatch: regenerate(base).diff(home) };
}

/**
 * The latent value of a slider: the room's own value when the slider sits on it (within half a
 * step), since a slider shows and snaps to rounded values; else the slider's value.
 */
export function snapToHome(value: number, home: number, step: number): number {
  return Math.abs(value - home) <= step / 2 + 1e-9 ? home : value;
}

/** True when `z` is exactly the room's own latent (then the room's own tiles are shown). */
export function isHome(z: Float32Array, base: Float32Array): boolean {
  return z.length === base.length && z.every((v, i) => v === base[i]);
}

/**
 * The walkable cell nearest to (x, y), preferring cells reachable from the room's doors (so a
 * hero moved there is not walled in). Null when the room has no walkable cell.
 */
export function nearestWalkable(grid: Grid, x: number, y: number): [number, number] | null {
  if (grid.walkable(x, y)) return [x, y];
  const doors = doorMaskOf(grid);
  const reach = bfs(grid, SIDES.filter((s) => doors[s]).flatMap((s) => DOOR_ENTRY[s]));
  let best: [number, number] | null = null;
  let bestScore = Infinity;
  for (let cy = 0; cy < ROOM_H; cy++) {
    for (let cx = 0; cx < ROOM_W; cx++) {
      if (!grid.walkable(cx, cy)) continue;
      const d = Math.abs(cx - x) + Math.abs(cy - y);
      // Cut-off cells rank after every reachable one.
      const score = d + (reach[cy * ROOM_W + cx] >= 0 ? 0 : 1000);
      if (score < bestScore) {
        bestScore = score;
        best = [cx, cy];
      }
    }
  }
  return best;
}
