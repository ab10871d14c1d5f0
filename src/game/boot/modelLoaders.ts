import type { ModelLoaders } from './generators';

/**
 * The three places where a model plugs into the game. Each loader receives its directory
 * (`models/level-vae/`, `models/dialogue/`, `models/sprite-gan/`) and returns the port
 * implementation or throws; `bootGenerators` turns missing and corrupt weights into fallbacks
 * with a HUD notice. Model code is imported dynamically, so tfjs (and its wasm) load only when
 * a model's files are there; `initTfBrowser()` selects the wasm backend first.
 */
async function tf(): Promise<void> {
  const { initTfBrowser } = await import('../tfBackend');
  await initTfBrowser();
}

export const MODEL_LOADERS: ModelLoaders = {
  // LOADER SLOT — level VAE → RoomSampler.
  rooms: async (dir) => {
    await tf();
    const { loadLevelVae, vaeRoomSampler } = await import('../../models/levelVae');
    return vaeRoomSampler(await loadLevelVae(`${dir}model.json`));
  },
  // LOADER SLOT — dialogue → { markov, transformer, mixture } LineSamplers (filtered).
  lines: async (dir) => {
    await tf();
    const { loadDialogueSamplers } = await import('../../models/dialogue');
    return loadDialogueSamplers(dir);
  },
  // LOADER SLOT — sprite GAN → SpriteSampler.
  sprites: async (dir) => {
    await tf();
    const { loadSpriteGan } = await import('../../models/spriteGan/sampler');
    return loadSpriteGan(`${dir}model.json`);
  },
};
