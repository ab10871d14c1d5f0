import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorldParams } from '../core/params';
import { DIALOGUE_FILES } from '../models/dialogue/artifacts';
import { NOVELTY_FILE, dialogueSamplersFromArtifacts } from '../models/dialogue';
import { levelVaeFromModel } from '../models/levelVae/loader';
import { vaeRoomSampler } from '../models/levelVae/sampler';
import type { LineSampler, RoomSampler } from '../pipeline/ports';
import type { Generators } from '../pipeline/world';
import { loadModelDir } from '../train/modelFiles';
import { initTfNode } from '../train/tfNode';

export interface NodeGenerators {
  /** The models for generateWorld (missing ones fall back to the classic generators). */
  world: Generators;
}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message})`);
  }
}

async function loadRooms(dir: string): Promise<RoomSampler> {
  return vaeRoomSampler(levelVaeFromModel(await loadModelDir(dir), join(dir, 'model.json')));
}

function loadLines(dir: string): Partial<Record<LineSampler['name'], LineSampler>> {
  const file = (name: string) => join(dir, name);
  const weights = readFileSync(file(DIALOGUE_FILES.weights));
  return dialogueSamplersFromArtifacts(
    {
      modelJson: readJson(file(DIALOGUE_FILES.model)),
      weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      vocab: readJson(file(DIALOGUE_FILES.vocab)),
      markov: readJson(file(DIALOGUE_FILES.markov)),
    },
    readJson(file(NOVELTY_FILE)),
  );
}

/**
 * Loads the shipped models from `modelsDir` (public/models) in Node, as the game does in the
 * browser, so the CLI writes the same worlds byte for byte. Only the models the params ask for
 * are loaded; each that is missing or corrupt is reported through `log` and replaced by its
 * classic peer (the world then records the fallback in `generators`).
 */
export async function loadNodeGenerators(modelsDir: string, params: WorldParams, log: (msg: string) => void): Promise<NodeGenerators> {
  const world: Generators = {};
  const wantRooms = params.rooms.source === 'vae';
  const wantLines = params.dialogue.model !== 'placeholder';
  const roomsDir = join(modelsDir, 'level-vae');
  const linesDir = join(modelsDir, 'dialogue');
  const roomsThere = wantRooms && existsSync(join(roomsDir, 'model.json'));
  const linesThere = wantLines && existsSync(join(linesDir, DIALOGUE_FILES.model));
  if (wantRooms && !roomsThere) log(`Level VAE: weights missing (${roomsDir}/model.json) — using classic rooms`);
  if (wantLines && !linesThere) log(`Dialogue model: weights missing (${linesDir}/${DIALOGUE_FILES.model}) — using placeholder lines`);
  if (!roomsThere && !linesThere) return { world };
  await initTfNode();
  if (roomsThere) {
    try {
      world.rooms = await loadRooms(roomsDir);
    } catch (e) {
      log(`Level VAE: weights unreadable (${(e as Error).message}) — using classic rooms`);
    }
  }
  if (linesThere) {
    try {
      world.lines = loadLines(linesDir);
    } catch (e) {
      log(`Dialogue model: weights unreadable (${(e as Error).message}) — using placeholder lines`);
    }
  }
  return { world };
}
