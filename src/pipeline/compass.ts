import { ROOM_H, ROOM_W } from '../core/grid';
import type { Compass } from '../core/vocab';

/** A tile position in world coordinates: the room's offset plus the tile inside it. */
export function worldTile(roomX: number, roomY: number, x: number, y: number): [number, number] {
  return [roomX * ROOM_W + x, roomY * ROOM_H + y];
}

const SECTORS: readonly Compass[] = ['east', 'north-east', 'north', 'north-west', 'west', 'south-west', 'south', 'south-east'];

/**
 * The 8-way compass direction from one world tile to another (north is up, −y).
 * Same tile → the direction is undefined; callers avoid asking.
 */
export function compassDirection(from: readonly [number, number], to: readonly [number, number]): Compass {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const angle = Math.atan2(-dy, dx);
  const sector = ((Math.round(angle / (Math.PI / 4)) % 8) + 8) % 8;
  return SECTORS[sector];
}
