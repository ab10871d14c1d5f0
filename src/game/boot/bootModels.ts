import { bootGenerators, fetchProbe, type ModelStatus, type SpriteSamplers } from './generators';
import { MODEL_LOADERS } from './modelLoaders';
import { inPageBuilder, startWorkerBuilder, type WorldBuilder } from './worldBuilder';

/** What the boot scene hands the controller. */
export interface BootedModels {
  build: WorldBuilder;
  sprites: SpriteSamplers;
  /** One per model: level VAE, dialogue, sprite GAN. */
  statuses: ModelStatus[];
  /** Where worlds are built; on the page only if the worker could not start (`reason`). */
  builder: { where: 'worker' } | { where: 'page'; reason: string };
}

/**
 * Loads the models: the level VAE and the dialogue model in the world worker (which then builds
 * every world), the sprite GAN on the page (sprites are drawn into the page's textures). If the
 * worker cannot start, the VAE and dialogue model load on the page and worlds are built there,
 * as before: the same worlds, with the page pausing while each is made. Never rejects.
 * @param base the page's public files, relative to the page (Vite's BASE_URL)
 */
export async function bootModels(base: string): Promise<BootedModels> {
  const page = bootGenerators({ sprites: MODEL_LOADERS.sprites }, fetchProbe, base);
  let builder: BootedModels['builder'];
  let build: WorldBuilder;
  let statuses: ModelStatus[];
  try {
    // Literal `new URL(…, import.meta.url)`: Vite bundles the worker from it.
    const worker = new Worker(new URL('./worldWorker.ts', import.meta.url), { type: 'module', name: 'worldsmith-worlds' });
    const started = await startWorkerBuilder(worker, new URL(base, document.baseURI).href);
    build = started.build;
    statuses = started.statuses;
    builder = { where: 'worker' };
  } catch (e) {
    const reason = (e as Error).message;
    console.warn(`[worldsmith] ${reason}; building worlds on the page`);
    const booted = await bootGenerators({ rooms: MODEL_LOADERS.rooms, lines: MODEL_LOADERS.lines }, fetchProbe, base);
    build = inPageBuilder(booted.generators);
    statuses = booted.statuses.filter((s) => s.model !== 'sprite-gan');
    builder = { where: 'page', reason };
  }
  const { sprites, statuses: pageStatuses } = await page;
  const gan = pageStatuses.find((s) => s.model === 'sprite-gan')!;
  return { build, sprites, statuses: [...statuses, gan], builder };
}
