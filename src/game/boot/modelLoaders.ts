import type { ModelLoaders } from './generators';

/**
 * The three places where a model plugs into the game. Each loader receives its directory
 * (`models/level-vae/`, `models/dialogue/`, `models/sprite-gan/`) and returns the port
 * implementation; `bootGenerators` handles missing and corrupt weights. Import the model code
 * dynamically (`await import(...)`) so tfjs loads only when a model is there, and call
 * `initTfBrowser()` from `../tfBackend` first (it selects the wasm backend).
 */
export const MODEL_LOADERS: ModelLoaders = {
  // LOADER SLOT — level VAE → RoomSampler (src/models/levelVae: loadLevelVae + vaeRoomSampler).
  rooms: undefined,
  // LOADER SLOT — dialogue → { markov?, transformer?, mixture? } LineSamplers.
  lines: undefined,
  // LOADER SLOT — sprite GAN → SpriteSampler (src/models/spriteGan/sampler.ts: loadSpriteGan(url)).
  sprites: undefined,
};
