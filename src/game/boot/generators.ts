import type { LineSampler, RoomSampler, SpriteSampler } from '../../pipeline/ports';
import type { Generators } from '../../pipeline/world';
import { proceduralSampler } from '../../art/spriteProcedural';

/**
 * Boot: load the models that are available and fall back to the classic peer of each one that
 * is missing or broken, with a visible HUD notice. A loader gets the model's directory
 * (`models/NAME/`, relative to the page) and returns a port implementation or throws.
 */
export type ModelLoader<T> = (dir: string) => Promise<T>;
export type LineSamplers = Partial<Record<LineSampler['name'], LineSampler>>;

export interface ModelLoaders {
  rooms?: ModelLoader<RoomSampler>;
  lines?: ModelLoader<LineSamplers>;
  sprites?: ModelLoader<SpriteSampler>;
}

export type ModelState = 'loaded' | 'missing' | 'broken' | 'not-built-in';

export interface ModelStatus {
  model: 'level-vae' | 'dialogue' | 'sprite-gan';
  state: ModelState;
  /** One line for the console and the credits screen. */
  message: string;
  /** What the game uses instead when the model is not loaded ("classic rooms"). */
  fallback: string;
  /** A few words for the HUD ("classic rooms (level VAE weights missing)"); empty when loaded. */
  short: string;
}

/** The sprite samplers on hand: procedural always, the GAN when it loaded. */
export interface SpriteSamplers {
  procedural: SpriteSampler;
  gan?: SpriteSampler;
}

export interface BootedGenerators {
  generators: Generators;
  sprites: SpriteSamplers;
  statuses: ModelStatus[];
}

/** Does `url` serve a JSON file? (Dev servers answer unknown paths with index.html.) */
export type Probe = (url: string) => Promise<boolean>;

export const fetchProbe: Probe = async (url) => {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return false;
    const text = await res.text();
    return text.trimStart().startsWith('{');
  } catch {
    return false;
  }
};

const LABEL = { 'level-vae': 'Level VAE', dialogue: 'Dialogue model', 'sprite-gan': 'Sprite GAN' } as const;
const FALLBACK = { 'level-vae': 'classic rooms', dialogue: 'placeholder lines', 'sprite-gan': 'procedural sprites' } as const;

async function loadOne<T>(model: ModelStatus['model'], base: string, loader: ModelLoader<T> | undefined, probe: Probe): Promise<{ value?: T; status: ModelStatus }> {
  const dir = `${base}models/${model}/`;
  const label = LABEL[model];
  const fallback = FALLBACK[model];
  const short = (why: string) => `${fallback} (${label} ${why})`;
  if (!loader) return { status: { model, state: 'not-built-in', message: `${label}: not built into this version — using ${fallback}`, fallback, short: short('not built in') } };
  if (!(await probe(`${dir}model.json`))) {
    return { status: { model, state: 'missing', message: `${label}: weights missing (${dir}model.json) — using ${fallback}`, fallback, short: short('weights missing') } };
  }
  try {
    const value = await loader(dir);
    return { value, status: { model, state: 'loaded', message: `${label}: loaded from ${dir}`, fallback, short: '' } };
  } catch (e) {
    return { status: { model, state: 'broken', message: `${label}: weights unreadable (${(e as Error).message.replace(/\s+/g, ' ')}) — using ${fallback}`, fallback, short: short('weights unreadable') } };
  }
}

/**
 * Loads every model in parallel. Never rejects: each failure becomes a fallback and a status.
 * @param base URL prefix of the page's public files ('' or Vite's BASE_URL)
 */
export async function bootGenerators(loaders: ModelLoaders, probe: Probe = fetchProbe, base = ''): Promise<BootedGenerators> {
  const [rooms, lines, sprites] = await Promise.all([
    loadOne('level-vae', base, loaders.rooms, probe),
    loadOne('dialogue', base, loaders.lines, probe),
    loadOne('sprite-gan', base, loaders.sprites, probe),
  ]);
  return {
    generators: { rooms: rooms.value, lines: lines.value },
    sprites: { procedural: proceduralSampler(), gan: sprites.value },
    statuses: [rooms.status, lines.status, sprites.status],
  };
}
