import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import type { RoomRequest, RoomSampleOptions, RoomSampler } from '../../pipeline/ports';
import type { LevelVae } from './vae';

/**
 * The level VAE behind the RoomSampler port: one latent per request from its style's prior,
 * drawn with the project RNG in request order, then a single batched decode (argmax at temperature 0, else
 * per-tile sampling with the same RNG). Rooms may be unplayable: the pipeline repairs them.
 */
export function vaeRoomSampler(vae: LevelVae): RoomSampler {
  return {
    name: 'vae',
    sampleRooms(requests: readonly RoomRequest[], rng: Rng, options: RoomSampleOptions): Grid[] {
      const latents = rng.fork('vae:latents');
      const tiles = rng.fork('vae:tiles');
      const zs = requests.map((r) => vae.sampleLatent(latents, r.style));
      return vae.decodeBatch(zs, requests, { temperature: options.temperature, rng: tiles });
    },
  };
}
