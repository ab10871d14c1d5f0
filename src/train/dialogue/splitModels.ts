import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALOGUE_FILES, encodeDialogueModel, modelsFromArtifacts } from '../../models/dialogue/artifacts';
import type { WeightMap } from '../../models/dialogue/decode';
import type { MarkovChain } from '../../models/dialogue/markov';
import { dialogueSamplers, NOVELTY_FILE, type DialogueSamplers } from '../../models/dialogue';
import type { DialogueModels } from '../../models/dialogue/sampler';
import { parseNoveltyIndex } from '../../pipeline/lineFilter';
import type { DialogueTokenizer } from '../../models/dialogue/tokenizer';
import type { TransformerConfig } from '../../models/dialogue/transformer';
import { writeAtomic } from './buildCorpus';
import { SPLIT_SEEDS } from './splits';

/**
 * The model files of one split on disk (`.cache/dialogue/split-N/` for evaluation, or the shipped
 * `public/models/dialogue/`): model.json + weights.bin + vocab.json + markov.json, written
 * atomically, read back through the same loader the browser uses.
 */

export interface ModelFilesInput {
  tokenizer: DialogueTokenizer;
  config: TransformerConfig;
  weights: WeightMap;
  markov: MarkovChain;
  mixtureWeights: number[];
}

export async function writeModelFiles(dir: string, m: ModelFilesInput): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const enc = await encodeDialogueModel(m.weights, m.config, m.mixtureWeights);
  writeAtomic(join(dir, DIALOGUE_FILES.weights), new Uint8Array(enc.weights));
  writeAtomic(join(dir, DIALOGUE_FILES.vocab), JSON.stringify(m.tokenizer.toJSON()));
  writeAtomic(join(dir, DIALOGUE_FILES.markov), JSON.stringify(m.markov.toJSON()));
  writeAtomic(join(dir, DIALOGUE_FILES.model), `${JSON.stringify(enc.modelJson, null, 1)}\n`);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new Error(`${file}: missing`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
}

/** Loads a model directory; errors name the missing or corrupt file. */
export function readModelFiles(dir: string): DialogueModels {
  const weightsFile = join(dir, DIALOGUE_FILES.weights);
  if (!existsSync(weightsFile)) throw new Error(`${weightsFile}: missing (run npm run train:dialogue)`);
  const bytes = readFileSync(weightsFile);
  return modelsFromArtifacts({
    modelJson: readJson(join(dir, DIALOGUE_FILES.model)),
    weights: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    vocab: readJson(join(dir, DIALOGUE_FILES.vocab)),
    markov: readJson(join(dir, DIALOGUE_FILES.markov)),
  });
}

/**
 * Node (CLI): the shipped dialogue directory (e.g. `public/models/dialogue`) as the three filtered
 * LineSamplers the game uses. Throws naming the missing or corrupt file.
 */
export function readDialogueSamplers(dir: string): DialogueSamplers {
  const models = readModelFiles(dir);
  const file = join(dir, NOVELTY_FILE);
  const json = readJson(file);
  try {
    return dialogueSamplers(models, parseNoveltyIndex(json));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** Where split `seed`'s models are read from: `WORK/split-N`, or for split 1 the shipped model when the run has none. */
export function splitModelDir(work: string, seed: number): string | null {
  const dir = join(work, `split-${seed}`);
  if (existsSync(join(dir, 'weights.bin'))) return dir;
  return seed === SPLIT_SEEDS[0] && existsSync(join(SHIPPED_DIALOGUE, 'weights.bin')) ? SHIPPED_DIALOGUE : null;
}

export const SHIPPED_DIALOGUE = 'public/models/dialogue';

/**
 * The models of split `seed` in `work` (`split-N/`), or the shipped model standing in for split 1;
 * null (with a warning; the caller skips the split or stops) when neither exists. Warns when they were trained on another corpus.
 */
export function loadSplitModels(work: string, seed: number, corpusHash: string, warnings: string[]): DialogueModels | null {
  const dir = join(work, `split-${seed}`);
  const from = splitModelDir(work, seed);
  if (!from) {
    warnings.push(`split ${seed}: no models in ${dir} (run npm run train:dialogue)`);
    return null;
  }
  const trainInfo = join(dir, 'train.json');
  if (from === dir && existsSync(trainInfo)) {
    const info = JSON.parse(readFileSync(trainInfo, 'utf8')) as { corpusSha256?: string };
    if (info.corpusSha256 !== corpusHash) warnings.push(`split ${seed}: models were trained on another version of the corpus`);
  }
  return readModelFiles(from);
}
