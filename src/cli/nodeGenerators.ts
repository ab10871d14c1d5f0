import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorldParams } from '../core/params';
import { DIALOGUE_FILES } from '../models/dialogue/artifacts';
import { levelVaeFromModel } from '../models/levelVae/loader';
import { vaeRoomSampler } from '../models/levelVae/sampler';
import type { RoomSampler } from '../pipeline/ports';
import type { Generators } from '../pipeline/world';
import { readDialogueSamplers } from '../train/dialogue/splitModels';
import { loadModelDir } from '../train/modelFiles';
import { initTfNode } from '../train/tfNode';

export interface NodeGenerators {
  /** The models for generateWorld (missing ones fall back to the classic generators). */
  world: Generators;
}

async function loadRooms(dir: string): Promise<RoomSampler> {
  return vaeRoomSampler(levelVaeFromModel(await loadModelDir(dir), join(dir, 'model.json')));
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
      world.lines = readDialogueSamplers(linesDir);
    } catch (e) {
      log(`Dialogue model: weights unreadable (${(e as Error).message}) — using placeholder lines`);
    }
  }
  return { world };
}
