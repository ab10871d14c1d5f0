import * as tf from '@tensorflow/tfjs';
import type { WeightMap } from './decode';
import { parseJudge, type LineJudge } from './judge';
import { MarkovChain } from './markov';
import type { DialogueModels } from './sampler';
import { DialogueTokenizer } from './tokenizer';
import { paramShapes, type TransformerConfig } from './transformer';

/**
 * The shipped files of the dialogue models and their (de)serialisation, backend-neutral:
 * `model.json` (config, λ, the reader judge when fitted (judge.ts) and a tfjs weightsManifest), `weights.bin` (float32, tfjs layout),
 * `vocab.json` (the tokenizer) and `markov.json` (the chain). `loadDialogueModels(url)` fetches
 * them in the browser; `modelsFromArtifacts` builds them from bytes already read (Node, tests).
 * Missing or corrupt files fail with an Error naming the file and what is wrong.
 */

export const DIALOGUE_FILES = { model: 'model.json', weights: 'weights.bin', vocab: 'vocab.json', markov: 'markov.json' } as const;

export interface DialogueModelJson {
  format: 'worldsmith-dialogue-transformer';
  config: TransformerConfig;
  /** λ per chain evidence level (see DialogueModels.mixtureWeights). */
  mixtureWeights: number[];
  /** The reader judge (judge.ts), fitted after training by `npm run train:judge`; absent: none. */
  judge?: LineJudge;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export interface DialogueArtifacts {
  modelJson: unknown;
  weights: ArrayBuffer;
  vocab: unknown;
  markov: unknown;
}

/** Encodes named tensors into model.json content + weights.bin bytes. */
export async function encodeDialogueModel(
  weights: Record<string, tf.Tensor>,
  config: TransformerConfig,
  mixtureWeights: number[],
): Promise<{ modelJson: DialogueModelJson; weights: ArrayBuffer }> {
  const ordered = paramShapes(config).map(([name]) => ({ name, tensor: weights[name] }));
  const { data, specs } = await tf.io.encodeWeights(ordered);
  return {
    modelJson: { format: 'worldsmith-dialogue-transformer', config, mixtureWeights, weightsManifest: [{ paths: [DIALOGUE_FILES.weights], weights: specs }] },
    weights: data,
  };
}

function fail(file: string, what: string): never {
  throw new Error(`dialogue model: ${file}: ${what}`);
}

/** Checks model.json and decodes weights.bin into tensors (caller owns them). */
export function decodeDialogueModel(modelJson: unknown, weights: ArrayBuffer): { config: TransformerConfig; mixtureWeights: number[]; judge?: LineJudge; weights: WeightMap } {
  const m = modelJson as Partial<DialogueModelJson>;
  const file = DIALOGUE_FILES.model;
  if (typeof m !== 'object' || m === null || m.format !== 'worldsmith-dialogue-transformer') fail(file, 'expected format "worldsmith-dialogue-transformer"');
  const c = m.config as TransformerConfig | undefined;
  for (const key of ['vocabSize', 'context', 'dModel', 'heads', 'layers', 'ffn'] as const) {
    if (!c || !Number.isInteger(c[key]) || c[key] <= 0) fail(file, `config.${key} must be a positive integer`);
  }
  const cfg = c as TransformerConfig;
  if (cfg.dModel % cfg.heads !== 0) fail(file, `config.dModel ${cfg.dModel} is not divisible by heads ${cfg.heads}`);
  const lambdas = m.mixtureWeights;
  if (!Array.isArray(lambdas) || lambdas.length === 0 || lambdas.some((x) => typeof x !== 'number' || !(x >= 0 && x <= 1))) {
    fail(file, 'mixtureWeights must be a non-empty list of numbers in [0, 1]');
  }
  let judge: LineJudge | undefined;
  if (m.judge !== undefined) {
    try {
      judge = parseJudge(m.judge);
    } catch (e) {
      fail(file, (e as Error).message);
    }
  }
  const specs = m.weightsManifest?.[0]?.weights;
  if (!Array.isArray(specs)) fail(file, 'weightsManifest[0].weights is missing');
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (weights.byteLength !== expected) fail(DIALOGUE_FILES.weights, `${weights.byteLength} bytes, the manifest needs ${expected} (truncated or from another model?)`);
  const decoded = tf.io.decodeWeights(weights, specs);
  for (const [name, shape] of paramShapes(cfg)) {
    const t = decoded[name];
    if (!t || t.shape.join('x') !== shape.join('x')) {
      tf.dispose(Object.values(decoded));
      fail(DIALOGUE_FILES.weights, `tensor "${name}" should be ${shape.join('×')}, got ${t ? t.shape.join('×') : 'nothing'}`);
    }
  }
  let finite = true;
  tf.tidy(() => {
    const bad = tf.addN(Object.values(decoded).map((t) => tf.logicalNot(tf.isFinite(t)).sum()));
    finite = bad.dataSync()[0] === 0;
  });
  if (!finite) {
    tf.dispose(Object.values(decoded));
    fail(DIALOGUE_FILES.weights, 'contains NaN or infinite values');
  }
  return { config: cfg, mixtureWeights: lambdas, ...(judge ? { judge } : {}), weights: decoded };
}

/** Builds the models from file contents (parsed JSON + weight bytes). */
export function modelsFromArtifacts(a: DialogueArtifacts): DialogueModels {
  const wrap = <T>(file: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new Error(`dialogue model: ${file}: ${(e as Error).message}`);
    }
  };
  const tokenizer = wrap(DIALOGUE_FILES.vocab, () => DialogueTokenizer.fromJSON(a.vocab));
  const markov = wrap(DIALOGUE_FILES.markov, () => MarkovChain.fromJSON(a.markov));
  const { config, mixtureWeights, judge, weights } = decodeDialogueModel(a.modelJson, a.weights);
  if (config.vocabSize !== tokenizer.size) {
    tf.dispose(Object.values(weights));
    fail(DIALOGUE_FILES.vocab, `${tokenizer.size} tokens but the model was trained with ${config.vocabSize}`);
  }
  return { tokenizer, config, weights, markov, mixtureWeights, ...(judge ? { judge } : {}) };
}

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`dialogue model: cannot fetch ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new Error(`dialogue model: ${url}: HTTP ${res.status}`);
  return res;
}

async function fetchJson(url: string): Promise<unknown> {
  const text = await (await fetchOk(url)).text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`dialogue model: ${url}: not JSON (${(e as Error).message})`);
  }
}

/** Loads the shipped models from a base URL such as `models/dialogue/` (browser or any fetch). */
export async function loadDialogueModels(baseUrl: string): Promise<DialogueModels> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const [modelJson, vocab, markov, weights] = await Promise.all([
    fetchJson(base + DIALOGUE_FILES.model),
    fetchJson(base + DIALOGUE_FILES.vocab),
    fetchJson(base + DIALOGUE_FILES.markov),
    fetchOk(base + DIALOGUE_FILES.weights).then((r) => r.arrayBuffer()),
  ]);
  return modelsFromArtifacts({ modelJson, weights, vocab, markov });
}

/** Frees the transformer's tensors. */
export function disposeDialogueModels(models: DialogueModels): void {
  tf.dispose(Object.values(models.weights));
}
