import { createNoise2D } from 'simplex-noise';
import type { WorldParams } from '../core/params';
import type { Rng } from '../core/rng';
import { NO_DOORS, OPPOSITE, SIDE_DELTA, SIDES, type DoorMask, type Side } from '../core/room';
import type { Biome } from '../core/vocab';

/** The world at room scale: a biome and a door mask per room (row-major, index y·width + x). */
export interface Layout {
  width: number;
  height: number;
  biomes: Biome[];
  doors: DoorMask[];
  /** Region index per room: 4-connected rooms of one biome form a region (a named place). */
  regions: number[];
}

/** Biomes in noise order: the thresholds cut the noise range into these four bands. */
const BIOME_BANDS: readonly Biome[] = ['desert', 'grassland', 'forest', 'cave'];

/**
 * Lays out the world: fractal simplex noise (`octaves`, `frequency` per room) picks a biome per
 * room; a random spanning tree joins all rooms (so every room is reachable) and a share `loops`
 * of the remaining neighbour pairs also get doors, so there is more than one way round.
 */
export function layoutWorld(rng: Rng, params: WorldParams): Layout {
  const { width, height } = params;
  const noise = createNoise2D(rng.fork('biomes').next);
  const { frequency, octaves, thresholds } = params.biomes;
  const biomes: Biome[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = 0;
      let amp = 1;
      let norm = 0;
      for (let o = 0; o < octaves; o++) {
        const f = frequency * 2 ** o;
        value += amp * noise(x * f + 17.3 * o, y * f - 9.1 * o);
        norm += amp;
        amp *= 0.5;
      }
      value /= norm;
      const band = thresholds.filter((t) => value >= t).length;
      biomes.push(BIOME_BANDS[band]);
    }
  }
  return { width, height, biomes, doors: roomGraph(rng.fork('graph'), width, height, params.loops), regions: regionsOf(biomes, width, height) };
}

/** Randomised Kruskal spanning tree over the grid, plus extra edges with probability `loops`. */
function roomGraph(rng: Rng, width: number, height: number, loops: number): DoorMask[] {
  const edges: Array<[number, Side]> = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x + 1 < width) edges.push([y * width + x, 'E']);
      if (y + 1 < height) edges.push([y * width + x, 'S']);
    }
  }
  const parent = Array.from({ length: width * height }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const doors = Array.from({ length: width * height }, () => ({ ...NO_DOORS }));
  const open = (room: number, side: Side) => {
    const [dx, dy] = SIDE_DELTA[side];
    doors[room][side] = true;
    doors[room + dy * width + dx][OPPOSITE[side]] = true;
  };
  const extra: Array<[number, Side]> = [];
  for (const [room, side] of rng.shuffle(edges)) {
    const [dx, dy] = SIDE_DELTA[side];
    const a = find(room);
    const b = find(room + dy * width + dx);
    if (a !== b) {
      parent[a] = b;
      open(room, side);
    } else {
      extra.push([room, side]);
    }
  }
  for (const [room, side] of extra) if (rng.chance(loops)) open(room, side);
  return doors;
}

function regionsOf(biomes: readonly Biome[], width: number, height: number): number[] {
  const region = new Array<number>(biomes.length).fill(-1);
  let next = 0;
  for (let i = 0; i < biomes.length; i++) {
    if (region[i] >= 0) continue;
    const stack = [i];
    region[i] = next;
    while (stack.length > 0) {
      const r = stack.pop()!;
      const x = r % width;
      const y = (r - x) / width;
      for (const side of SIDES) {
        const [dx, dy] = SIDE_DELTA[side];
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const n = ny * width + nx;
        if (region[n] < 0 && biomes[n] === biomes[i]) {
          region[n] = next;
          stack.push(n);
        }
      }
    }
    next++;
  }
  return region;
}

/** Room-graph distances (door steps) from `from` to every room (row-major). */
export function roomDistances(layout: Layout, from: number): number[] {
  const dist = new Array<number>(layout.doors.length).fill(-1);
  dist[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head];
    const x = r % layout.width;
    for (const side of SIDES) {
      if (!layout.doors[r][side]) continue;
      const [dx, dy] = SIDE_DELTA[side];
      const n = r + dy * layout.width + dx;
      if (x + dx < 0 || x + dx >= layout.width || dist[n] >= 0) continue;
      dist[n] = dist[r] + 1;
      queue.push(n);
    }
  }
  return dist;
}
