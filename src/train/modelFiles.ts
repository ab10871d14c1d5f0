import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Model files on disk, in the layout the browser loads from `public/models/NAME/`:
 * `model.json` (topology + weights manifest) and one `weights.bin`. Node-only (uses fs; tfjs-node
 * and its file:// handler do not install here). Every write is atomic (temp file + rename), and
 * every load failure names the file and what is wrong with it.
 */

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** Writes `data` to `path` via a temp file in the same directory and a rename (never half-written). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes `value` as pretty JSON (2-space indent, trailing newline) atomically. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads and parses a JSON file; errors name the file and say whether it is missing or malformed. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read file (${codeOf(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${path}: malformed JSON (${(err as Error).message})`);
  }
}

function codeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code === 'ENOENT' ? 'file not found' : (e.code ?? e.message);
}

/**
 * Saves a layers model to `dir` (created if needed) as model.json + weights.bin, without the
 * optimizer state. weights.bin is written first, so model.json never points at missing weights.
 * @returns the number of bytes in weights.bin
 */
export async function saveModelDir(model: tf.LayersModel, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.modelTopology || !artifacts.weightSpecs) {
        throw new Error(`saveModelDir(${dir}): the model produced no topology or weight specs`);
      }
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
      bytes = weights.byteLength;
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await writeFileAtomic(join(dir, WEIGHTS_BIN), weights);
      await writeJsonAtomic(join(dir, MODEL_JSON), json);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return bytes;
}

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes one manifest entry occupies in the weight file (quantised entries use the stored dtype). */
function entryBytes(entry: tf.io.WeightsManifestEntry, where: string): number {
  const stored = entry.quantization?.dtype ?? entry.dtype;
  const per = BYTES_PER[stored];
  if (per === undefined) throw new Error(`${where}: weight '${entry.name}' has unsupported dtype '${stored}'`);
  return entry.shape.reduce((a, b) => a * b, 1) * per;
}

function asModelJson(value: unknown, path: string): tf.io.ModelJSON {
  const v = value as Partial<tf.io.ModelJSON> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: expected a JSON object`);
  if (typeof v.modelTopology !== 'object' || v.modelTopology === null) throw new Error(`${path}: missing "modelTopology"`);
  if (!Array.isArray(v.weightsManifest)) throw new Error(`${path}: missing "weightsManifest" array`);
  for (const group of v.weightsManifest) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights)) {
      throw new Error(`${path}: each weightsManifest group needs "paths" and "weights" arrays`);
    }
  }
  return v as tf.io.ModelJSON;
}

/** Reads every weight file of the manifest, checking each group's size against its specs. */
async function readWeights(dir: string, manifest: tf.io.WeightsManifestConfig): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    const parts: Buffer[] = [];
    for (const p of group.paths) {
      const file = join(dir, p);
      try {
        parts.push(await readFile(file));
      } catch (err) {
        throw new Error(`${file}: cannot read weights (${codeOf(err)})`);
      }
    }
    const where = join(dir, group.paths.join('+'));
    const expected = group.weights.reduce((sum, e) => sum + entryBytes(e, where), 0);
    const actual = parts.reduce((sum, b) => sum + b.byteLength, 0);
    if (actual !== expected) {
      const how = actual < expected ? 'truncated' : 'too long';
      throw new Error(`${where}: weights file is ${how}: ${actual} bytes, the manifest in ${MODEL_JSON} needs ${expected}`);
    }
    const joined = Buffer.concat(parts);
    buffers.push(joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer);
    specs.push(...group.weights);
  }
  return [specs, tf.io.concatenateArrayBuffers(buffers)];
}

/** Builds the topology alone (fresh weights); unknown layers or bad configs throw here. */
async function buildTopology(json: tf.io.ModelJSON, jsonPath: string): Promise<tf.LayersModel> {
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    trainingConfig: json.trainingConfig,
    userDefinedMetadata: json.userDefinedMetadata,
  };
  try {
    return await tf.loadLayersModel({ load: async () => artifacts });
  } catch (err) {
    throw new Error(`${jsonPath}: cannot build the model (${(err as Error).message})`);
  }
}

/** Every model weight must have a saved value of the same shape, and nothing may be left over. */
function checkWeightsFit(model: tf.LayersModel, specs: tf.io.WeightsManifestEntry[], jsonPath: string): void {
  const saved = new Map(specs.map((s) => [s.name, s.shape]));
  for (const w of model.weights) {
    const shape = saved.get(w.originalName);
    if (!shape) throw new Error(`${jsonPath}: the weights manifest has no entry for '${w.originalName}'`);
    if (shape.join(',') !== w.shape.join(',')) {
      throw new Error(`${jsonPath}: weight '${w.originalName}' is [${w.shape}] in the topology but [${shape}] in the manifest`);
    }
    saved.delete(w.originalName);
  }
  if (saved.size > 0) throw new Error(`${jsonPath}: the manifest has weights the topology lacks: ${[...saved.keys()].join(', ')}`);
}

/**
 * Loads a layers model saved by `saveModelDir` (or any model.json + weight files in `dir`).
 * Throws an Error naming the file for: missing or malformed model.json, missing, truncated or
 * oversized weight files, and a topology tfjs cannot build or whose weights do not fit. A failed
 * load leaves no tensors behind.
 */
export async function loadModelDir(dir: string): Promise<tf.LayersModel> {
  const jsonPath = join(dir, MODEL_JSON);
  const json = asModelJson(await readJsonFile(jsonPath), jsonPath);
  const [allSpecs, data] = await readWeights(dir, json.weightsManifest);
  const model = await buildTopology(json, jsonPath);
  try {
    // Optimizer state is never saved by saveModelDir; weights of other tools' optimizers are skipped.
    const specs = allSpecs.filter((s) => s.group !== 'optimizer');
    checkWeightsFit(model, specs, jsonPath);
    const named = tf.io.decodeWeights(data, allSpecs);
    try {
      model.loadWeights(Object.fromEntries(specs.map((s) => [s.name, named[s.name]])), true);
    } finally {
      tf.dispose(Object.values(named));
    }
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  }
}
