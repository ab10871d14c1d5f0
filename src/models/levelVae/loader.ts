import * as tf from '@tensorflow/tfjs';
import { LevelVae, type LevelVaeInfo } from './vae';

/**
 * Loading a trained level VAE (browser or Node). The model's own `model.json` carries the
 * `LevelVaeInfo` (latent size, condition vocabulary) as user metadata, so one URL or handler
 * is all a caller needs. `meta.json` beside it is provenance for people, not needed here.
 */

function checkInfo(value: unknown, where: string): LevelVaeInfo {
  const v = value as Partial<LevelVaeInfo> | undefined;
  if (!v || v.format !== 'worldsmith.level-vae') {
    throw new Error(`${where}: not a level VAE (model.json has no "userDefinedMetadata.format": "worldsmith.level-vae")`);
  }
  const names = (a: unknown) => Array.isArray(a) && a.length > 0 && a.every((s) => typeof s === 'string');
  if (!Number.isInteger(v.latentSize) || (v.latentSize ?? 0) < 1) throw new Error(`${where}: bad latentSize in metadata`);
  if (!names(v.styles) || !names(v.biomes)) throw new Error(`${where}: metadata needs non-empty "styles" and "biomes"`);
  if (typeof v.priorScale !== 'number' || !(v.priorScale > 0)) throw new Error(`${where}: bad priorScale in metadata`);
  if (typeof v.defaultBiome !== 'string') throw new Error(`${where}: bad defaultBiome in metadata`);
  const L = v.latentSize!;
  const vector = (a: unknown) => Array.isArray(a) && a.length === L && a.every((x) => Number.isFinite(x));
  for (const [style, p] of Object.entries(v.priors ?? {})) {
    const k = Array.isArray(p?.weights) ? p.weights.length : 0;
    const ok =
      k > 0 &&
      p.weights.every((w) => Number.isFinite(w) && w >= 0) &&
      Array.isArray(p.means) && p.means.length === k && p.means.every(vector) &&
      Array.isArray(p.scales) && p.scales.length === k && p.scales.every(vector);
    if (!ok) throw new Error(`${where}: bad latent prior for style '${style}' in metadata (expected K weights and K×${L} means and scales)`);
  }
  for (const [style, b] of Object.entries(v.bands ?? {})) {
    const ok = Array.isArray(b) && b.length === 2 && b.every((x) => Number.isFinite(x) && x >= 0 && x <= 1) && b[0] <= b[1];
    if (!ok) throw new Error(`${where}: bad density band for style '${style}' in metadata (expected [low, high] within [0, 1])`);
  }
  return v as LevelVaeInfo;
}

/** Throws if any weight is NaN or infinite (a corrupt or diverged weights file). */
function checkFinite(model: tf.LayersModel, where: string): void {
  for (const w of model.weights) {
    const bad = tf.tidy(() => tf.logicalNot(tf.all(tf.isFinite(w.read()))).dataSync()[0]);
    if (bad) throw new Error(`${where}: weight '${w.name}' holds NaN or infinite values (corrupt weights)`);
  }
}

/** Wraps a loaded LayersModel as a LevelVae; throws a clear Error if it is not one. */
export function levelVaeFromModel(model: tf.LayersModel, where = 'level VAE'): LevelVae {
  try {
    const info = checkInfo(model.getUserDefinedMetadata(), where);
    checkFinite(model, where);
    return new LevelVae(model, info);
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/**
 * Loads the level VAE from a `model.json` URL (browser: `'models/level-vae/model.json'`) or a
 * tfjs IOHandler (Node: built from the files). Rejects with an Error naming the source when the
 * files are missing, truncated or corrupt, or are not a level VAE.
 */
export async function loadLevelVae(source: string | tf.io.IOHandler): Promise<LevelVae> {
  const where = typeof source === 'string' ? source : 'level VAE handler';
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(source);
  } catch (err) {
    throw new Error(`${where}: cannot load the level VAE weights (${(err as Error).message})`);
  }
  return levelVaeFromModel(model, where);
}

