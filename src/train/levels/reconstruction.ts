import { isInterior } from '../../core/room';
import type { LevelVae } from '../../models/levelVae/vae';
import type { CorpusRoom } from './corpus';

export interface ReconstructionFigures {
  /** Share of all 176 tiles decoded back correctly (posterior mean, argmax). */
  allTiles: number;
  /** Share of interior tiles (inside the 2-tile border) whose target is not floor decoded correctly. */
  interiorNonFloor: number;
  rooms: number;
}

/**
 * Reconstruction accuracy of held-out rooms: encode each room (posterior mean under its own
 * condition), decode by argmax, compare tile by tile. Batched in chunks of `chunk` rooms.
 */
export function reconstruction(vae: LevelVae, rooms: readonly CorpusRoom[], chunk = 256): ReconstructionFigures {
  let all = 0;
  let allHit = 0;
  let inner = 0;
  let innerHit = 0;
  for (let i = 0; i < rooms.length; i += chunk) {
    const part = rooms.slice(i, i + chunk);
    const conds = part.map((r) => vae.conditionOf(r.grid, r.style, r.biome));
    const zs = vae.encodeBatch(part.map((r) => r.grid), conds);
    const out = vae.decodeBatch(zs, conds);
    part.forEach((r, k) => {
      const g = r.grid;
      for (let j = 0; j < g.cells.length; j++) {
        const hit = out[k].cells[j] === g.cells[j];
        all++;
        if (hit) allHit++;
        const x = j % g.width;
        if (g.cells[j] !== 'F' && isInterior(x, (j - x) / g.width)) {
          inner++;
          if (hit) innerHit++;
        }
      }
    });
  }
  return { allTiles: all ? allHit / all : 0, interiorNonFloor: inner ? innerHit / inner : 0, rooms: rooms.length };
}
