import { PROJECT_VOCAB } from '../../src/models/levelVae/encoding';
import type { LevelVaeInfo } from '../../src/models/levelVae/vae';

/** Metadata of the tiny test VAEs: latent 16, the project's styles and biomes, no fitted priors. */
export const TINY_VAE_INFO: LevelVaeInfo = {
  format: 'worldsmith.level-vae',
  latentSize: 16,
  styles: [...PROJECT_VOCAB.styles],
  biomes: [...PROJECT_VOCAB.biomes],
  defaultBiome: 'grassland',
  priorScale: 1,
};
