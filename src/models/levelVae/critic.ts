import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { interiorNonFloorShare } from '../../core/room';
import { roomPlayability } from '../../pipeline/playable';
import type { RoomCondition } from './encoding';
import type { LevelVae } from './vae';

/**
 * The sampler's critic: generate and test in latent space. Each room's latent is drawn from its
 * style's prior as before; when the decoded room (argmax) is unplayable as drawn, or emptier or
 * fuller than the style's training rooms (outside the 5th–95th percentile band stored with the
 * model), another latent is drawn, up to `candidates` per room. A prior sample is often fine;
 * the critic removes the near-empty halls and cut-off caves that repair would otherwise patch.
 */

/**
 * How far a decoded room is from what the critic accepts: 0 = accepted; 1 for a room whose doors
 * do not connect as drawn, plus the distance of its interior non-floor share outside `band`.
 * A playable room outside the band always beats an unplayable one.
 */
export function roomPenalty(grid: Grid, cond: RoomCondition, band?: readonly [number, number]): number {
  const unplayable = roomPlayability(grid, cond.doors).playable ? 0 : 1;
  if (!band) return unplayable;
  const share = interiorNonFloorShare(grid);
  return unplayable + Math.max(0, band[0] - share, share - band[1]);
}

export interface CriticChoice {
  /** The chosen latent per condition. */
  zs: Float32Array[];
  /** Its argmax room. */
  rooms: Grid[];
  /** Its penalty (0 = accepted by the critic). */
  penalties: number[];
  /** Latents drawn per condition (1 … candidates). */
  draws: number[];
}

/**
 * One latent per condition, chosen by the critic: round r draws a latent (from `rng`, in
 * condition order) for every condition still without an accepted room, decodes them in one
 * batch and keeps the lowest penalty so far (the earliest on ties). With `candidates` = 1 this is
 * exactly one prior draw per condition, in order. Pure in (conds, rng state, candidates).
 */
export function criticLatents(vae: LevelVae, conds: readonly RoomCondition[], rng: Rng, candidates: number): CriticChoice {
  if (!Number.isInteger(candidates) || candidates < 1) throw new Error(`level VAE critic: candidates must be an integer ≥ 1, got ${candidates}`);
  const n = conds.length;
  const choice: CriticChoice = { zs: new Array(n), rooms: new Array(n), penalties: new Array(n).fill(Infinity), draws: new Array(n).fill(0) };
  let pending = conds.map((_, i) => i);
  for (let round = 0; round < candidates && pending.length > 0; round++) {
    const zs = pending.map((i) => vae.sampleLatent(rng, conds[i].style));
    const rooms = vae.decodeBatch(zs, pending.map((i) => conds[i]));
    pending = pending.filter((i, k) => {
      const penalty = roomPenalty(rooms[k], conds[i], vae.info.bands?.[conds[i].style] ?? soleBand(vae));
      choice.draws[i] = round + 1;
      if (penalty < choice.penalties[i]) {
        choice.zs[i] = zs[k];
        choice.rooms[i] = rooms[k];
        choice.penalties[i] = penalty;
      }
      return penalty > 0;
    });
  }
  return choice;
}

/** A one-style model's band serves any style name (as its prior does). */
function soleBand(vae: LevelVae): readonly [number, number] | undefined {
  const { styles, bands } = vae.info;
  return styles.length === 1 ? bands?.[styles[0]] : undefined;
}
