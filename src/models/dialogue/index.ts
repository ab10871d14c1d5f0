import type { LineSampler } from '../../pipeline/ports';
import { parseNoveltyIndex, type NoveltyIndex } from '../../pipeline/lineFilter';
import { loadDialogueModels, modelsFromArtifacts, type DialogueArtifacts } from './artifacts';
import { createLineSampler, type DialogueModels } from './sampler';
import { createLineWriter } from './writer';

/**
 * What the game and the CLI use: the three line writers of the shipped dialogue models (writer.ts:
 * best-of-N candidates sampled under decoding rules, filtered by the line filters — blocklist,
 * novelty against novelty.json, known words, no literal compass words — and ranked by likelihood),
 * ready for `generateWorld(seed, params, { lines })`.
 */

export type DialogueSamplers = Record<'markov' | 'transformer' | 'mixture', LineSampler>;

export const NOVELTY_FILE = 'novelty.json';

/** The line writers over loaded models and a novelty index. */
export function dialogueSamplers(models: DialogueModels, index: NoveltyIndex): DialogueSamplers {
  const make = (kind: 'markov' | 'transformer' | 'mixture') => createLineWriter(kind, models, index);
  return { markov: make('markov'), transformer: make('transformer'), mixture: make('mixture') };
}

/**
 * Browser (or any fetch): loads `dir` (e.g. `models/dialogue/`) — model.json, weights.bin,
 * vocab.json, markov.json, novelty.json — and returns the filtered samplers. Call
 * `initTfBrowser()` first. Rejects with an Error naming the missing or corrupt file.
 */
export async function loadDialogueSamplers(dir: string): Promise<DialogueSamplers> {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  const [models, novelty] = await Promise.all([
    loadDialogueModels(base),
    fetch(base + NOVELTY_FILE).then(async (r) => {
      if (!r.ok) throw new Error(`dialogue model: ${base}${NOVELTY_FILE}: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    }),
  ]);
  return dialogueSamplers(models, noveltyIndexFrom(novelty, base + NOVELTY_FILE));
}

/** Node (CLI): the same from file contents the caller has read (JSON parsed, weights as bytes). */
export function dialogueSamplersFromArtifacts(artifacts: DialogueArtifacts, noveltyJson: unknown): DialogueSamplers {
  return dialogueSamplers(modelsFromArtifacts(artifacts), noveltyIndexFrom(noveltyJson, NOVELTY_FILE));
}

function noveltyIndexFrom(value: unknown, where: string): NoveltyIndex {
  try {
    return parseNoveltyIndex(value);
  } catch (e) {
    throw new Error(`dialogue model: ${where}: ${(e as Error).message}`);
  }
}

export { createLineSampler, loadDialogueModels, modelsFromArtifacts };
export type { DialogueModels };
