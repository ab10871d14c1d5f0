import { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { emptyRoom, stampDoors } from '../../core/room';
import type { RoomStyle } from '../../core/vocab';
import type { RoomRequest, RoomSampler } from '../ports';
import { paintCaves } from './caves';
import { paintGrove } from './grove';
import { clearDoorways, forInterior } from './interior';
import { repairRoom } from '../repair';
import { roomPlayability } from '../playable';
import { paintPillars } from './pillars';
import { paintSymmetric } from './symmetric';
import { paintWater } from './water';

const PAINTERS: Readonly<Record<RoomStyle, (grid: Grid, rng: Rng) => void>> = {
  caves: paintCaves,
  pillars: paintPillars,
  water: paintWater,
  symmetric: paintSymmetric,
  grove: paintGrove,
};

/**
 * The classic (non-ML) room generator: walls and doors from the request, the style's painter
 * fills the interior, the doorways are cleared, then tunnels join the doors where the painting
 * cut them apart (the cheapest carve, as in repair). Caves also fill the pockets of floor that no
 * door reaches, so every open cell of a cave can be walked to.
 */
export function classicRoom(rng: Rng, request: RoomRequest): Grid {
  const painted = emptyRoom();
  stampDoors(painted, request.doors);
  PAINTERS[request.style](painted, rng);
  clearDoorways(painted, request.doors);
  const grid = repairRoom(painted, request.doors).grid;
  if (request.style === 'caves') {
    const { reach } = roomPlayability(grid, request.doors);
    forInterior((x, y) => {
      if (grid.get(x, y) === 'F' && reach[y * grid.width + x] < 0) grid.set(x, y, 'B');
    });
  }
  return grid;
}

/** The classic generator behind the RoomSampler port (each room gets its own fork of the RNG). */
export const classicRoomSampler: RoomSampler = {
  name: 'classic',
  sampleRooms(requests, rng) {
    return requests.map((request, i) => classicRoom(rng.fork(`classic:${i}`), request));
  },
};
