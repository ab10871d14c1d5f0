import { parseArgs } from 'node:util';
import { isValidSeed } from '../core/rng';
import { resolveParams, type ParamsOverride, type WorldParams } from '../core/params';

import type { ExportFormat } from '../pipeline/export/files';

export const FORMATS: readonly ExportFormat[] = ['json', 'tmj', 'both'];

export interface GenerateOptions {
  seed: string;
  count: number;
  out: string;
  format: ExportFormat;
  params: WorldParams;
  modelsDir: string;
  quiet: boolean;
}

export const GENERATE_USAGE = `Usage: npm run generate -- --seed SEED --out DIR [options]

Writes worldsmith-SEED.world.json (our format), worldsmith-SEED.tmj + worldsmith-SEED.png
(a Tiled map and its tileset) and worldsmith-SEED.yarn (the NPCs' dialogue).

Options:
  --seed SEED        world seed: 1-32 letters, digits, _ or - (required)
  --out DIR          output folder, created if missing (required)
  --format F         json | tmj | both (default both)
  --count N          generate N worlds with seeds SEED-1 … SEED-N (default 1: just SEED)
  --params FILE      JSON file of params (any subset; e.g. the "params" of an exported world)
  --width N          rooms across (2-12)      --height N   rooms down (2-12)
  --rooms SOURCE     vae | classic            --lines MODEL  placeholder | markov | transformer | mixture
  --models DIR       where the shipped models live (default public/models)
  --quiet            no progress messages
  --help             this text`;

/** A bad command line: the message says what is wrong; the CLI prints it with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function int(name: string, value: string | undefined, lo: number, hi: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new UsageError(`--${name}: expected a whole number from ${lo} to ${hi}, got "${value}"`);
  return n;
}

/**
 * Parses `generate`'s arguments. `readParamsFile` reads the --params file (injected so this
 * stays testable). Throws UsageError with a precise message on any bad argument.
 */
export function parseGenerateArgs(argv: string[], readParamsFile: (path: string) => unknown): GenerateOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'both' },
        count: { type: 'string' },
        params: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        rooms: { type: 'string' },
        lines: { type: 'string' },
        models: { type: 'string', default: 'public/models' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  if (!values.seed) throw new UsageError('--seed is required');
  if (!isValidSeed(values.seed)) throw new UsageError(`--seed: expected 1-32 letters, digits, _ or -, got "${values.seed}"`);
  if (!values.out) throw new UsageError('--out is required');
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format: expected json, tmj or both, got "${values.format}"`);
  const override: ParamsOverride = values.params ? (loadParams(values.params, readParamsFile) as ParamsOverride) : {};
  const width = int('width', values.width, 2, 12);
  const height = int('height', values.height, 2, 12);
  if (width !== undefined) override.width = width;
  if (height !== undefined) override.height = height;
  if (values.rooms !== undefined) {
    if (values.rooms !== 'vae' && values.rooms !== 'classic') throw new UsageError(`--rooms: expected vae or classic, got "${values.rooms}"`);
    override.rooms = { ...override.rooms, source: values.rooms };
  }
  if (values.lines !== undefined) {
    const models = ['placeholder', 'markov', 'transformer', 'mixture'] as const;
    const model = models.find((m) => m === values.lines);
    if (!model) throw new UsageError(`--lines: expected one of ${models.join(', ')}, got "${values.lines}"`);
    override.dialogue = { ...override.dialogue, model };
  }
  let params: WorldParams;
  try {
    params = resolveParams(override);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return {
    seed: values.seed,
    count: int('count', values.count, 1, 10_000) ?? 1,
    out: values.out,
    format: values.format as ExportFormat,
    params,
    modelsDir: values.models,
    quiet: values.quiet,
  };
}

function loadParams(path: string, read: (path: string) => unknown): unknown {
  const value = read(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--params ${path}: expected a JSON object of params`);
  }
  return value;
}
