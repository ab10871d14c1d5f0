import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import type { RoomRequest, RoomSampleOptions, RoomSampler } from '../../pipeline/ports';
import { criticLatents } from './critic';
import type { LevelVae } from './vae';

/**
 * The level VAE behind the RoomSampler port: latents from each request's style prior, drawn
 * with the project RNG in request order and chosen by the critic (up to `options.candidates`
 * per room, see critic.ts), then decoded in batches (argmax at temperature 0, else per-tile
 * sampling with the same RNG). Rooms may still be unplayable: the pipeline repairs them.
 */
export function vaeRoomSampler(vae: LevelVae): RoomSampler {
  return {
    name: 'vae',
    sampleRooms(requests: readonly RoomRequest[], rng: Rng, options: RoomSampleOptions): Grid[] {
      const chosen = criticLatents(vae, requests, rng.fork('vae:latents'), options.candidates);
      if (options.temperature === 0) return chosen.rooms;
      return vae.decodeBatch(chosen.zs, requests, { temperature: options.temperature, rng: rng.fork('vae:tiles') });
    },
  };
}
