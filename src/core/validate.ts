import { Grid } from './grid';
import { borderSide, OPPOSITE, SIDE_DELTA, SIDES, doorMaskOf } from './room';
import { WorldSchema, type World } from './schema';

export interface ValidationIssue {
  /** Where, as a JSON path from the world root: `rooms[3].tiles[2]`. */
  path: string;
  message: string;
}

/** An invalid world: `issues` lists every problem found; the message names the first few. */
export class WorldValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    const shown = issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`);
    const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
    super(`Invalid world: ${shown.join('; ')}${more}`);
    this.name = 'WorldValidationError';
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Parses and validates a world: JSON text or an already-parsed value.
 * Checks the schema, then the rules a schema cannot express. Throws WorldValidationError.
 */
export function validateWorld(input: unknown): World {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new WorldValidationError([{ path: '', message: `not JSON: ${(e as Error).message}` }]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WorldValidationError([{ path: '', message: `expected a JSON object, got ${describe(value)}` }]);
  }
  const format = (value as { format?: unknown }).format;
  if (format !== undefined && format !== 'worldsmith.world') {
    throw new WorldValidationError([
      { path: 'format', message: `expected "worldsmith.world", got ${JSON.stringify(format)} (is this a Tiled map?)` },
    ]);
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version !== 1) {
    throw new WorldValidationError([
      { path: 'version', message: `unsupported version ${version}; this build reads version 1` },
    ]);
  }
  const parsed = WorldSchema.safeParse(value);
  if (!parsed.success) {
    throw new WorldValidationError(
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  const issues = checkConsistency(parsed.data);
  if (issues.length > 0) throw new WorldValidationError(issues);
  return parsed.data;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

/** The rules of a world beyond its schema. Returns every issue found (empty when consistent). */
export function checkConsistency(world: World): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { width, height } = world;
  if (world.params.width !== width || world.params.height !== height) {
    add('width', `grid is ${width}×${height} but params say ${world.params.width}×${world.params.height}`);
  }
  if (world.rooms.length !== width * height) {
    add('rooms', `expected ${width * height} rooms for a ${width}×${height} grid, got ${world.rooms.length}`);
  }
  const at = new Map<string, number>();
  world.rooms.forEach((room, i) => {
    const key = `${room.x},${room.y}`;
    if (room.x >= width || room.y >= height) add(`rooms[${i}]`, `room (${key}) lies outside the ${width}×${height} grid`);
    else if (at.has(key)) add(`rooms[${i}]`, `a second room at (${key}) (first is rooms[${at.get(key)}])`);
    else at.set(key, i);
  });
  if (issues.length > 0) return issues;

  const grids = world.rooms.map((r) => Grid.fromRows(r.tiles));
  const roomAt = (x: number, y: number) => at.get(`${x},${y}`);
  const ids = new Set<string>();
  const npcIds = new Set(world.npcs.map((n) => n.id));

  world.rooms.forEach((room, i) => {
    const grid = grids[i];
    grid.cells.forEach((c, k) => {
      if (c !== 'D') return;
      const x = k % grid.width;
      const y = (k - x) / grid.width;
      if (y >= 2 && y < 9 && x >= 2 && x < 14) return; // interior doors are decoration
      if (!borderSide(x, y)) add(`rooms[${i}].tiles[${y}]`, `door in a corner at column ${x}`);
    });
    const mask = doorMaskOf(grid);
    for (const side of SIDES) {
      const [dx, dy] = SIDE_DELTA[side];
      const ni = roomAt(room.x + dx, room.y + dy);
      if (ni === undefined) {
        if (mask[side]) add(`rooms[${i}].tiles`, `door on side ${side} of room (${room.x},${room.y}) leads out of the world`);
        continue;
      }
      const facing = doorMaskOf(grids[ni])[OPPOSITE[side]];
      if (mask[side] !== facing && side < OPPOSITE[side]) {
        add(
          `rooms[${i}].tiles`,
          `door mismatch: room (${room.x},${room.y}) side ${side} ${mask[side] ? 'has' : 'has no'} door, ` +
            `neighbour (${world.rooms[ni].x},${world.rooms[ni].y}) side ${OPPOSITE[side]} ${facing ? 'has' : 'has no'} door`,
        );
      }
    }
    room.entities.forEach((e, j) => {
      const p = `rooms[${i}].entities[${j}]`;
      if (ids.has(e.id)) add(`${p}.id`, `duplicate entity id "${e.id}"`);
      ids.add(e.id);
      if (!grid.walkable(e.x, e.y)) add(p, `${e.kind} "${e.id}" stands on a '${grid.get(e.x, e.y)}' tile at (${e.x},${e.y})`);
      if (e.kind === 'npc' && !npcIds.has(e.npc)) add(`${p}.npc`, `unknown NPC "${e.npc}"`);
    });
  });

  world.npcs.forEach((npc, i) => {
    const ri = roomAt(npc.roomX, npc.roomY);
    const found = ri !== undefined && world.rooms[ri].entities.some((e) => e.kind === 'npc' && e.npc === npc.id);
    if (!found) add(`npcs[${i}]`, `NPC "${npc.id}" has no entity in room (${npc.roomX},${npc.roomY})`);
  });
  for (const [name, pos] of [['start', world.start], ['goal', world.goal]] as const) {
    const ri = roomAt(pos.roomX, pos.roomY);
    if (ri === undefined) {
      add(name, `room (${pos.roomX},${pos.roomY}) is outside the grid`);
      continue;
    }
    if (!grids[ri].walkable(pos.x, pos.y)) add(name, `(${pos.x},${pos.y}) in room (${pos.roomX},${pos.roomY}) is not walkable`);
    if (name === 'goal' && !world.rooms[ri].entities.some((e) => e.kind === 'goal' && e.x === pos.x && e.y === pos.y)) {
      add('goal', `no goal entity at (${pos.x},${pos.y}) in room (${pos.roomX},${pos.roomY})`);
    }
  }
  if (!npcIds.has(world.quest.giver)) add('quest.giver', `unknown NPC "${world.quest.giver}"`);
  return issues;
}
