/**
 * `npm run generate -- --seed 42 --out DIR [--format json|tmj|both]` — worlds from Node, with the
 * same models and the same bytes as the browser's export.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateWorld } from '../pipeline/world';
import { writeFileAtomic } from '../train/modelFiles';
import { exportFiles } from '../pipeline/export/files';
import { GENERATE_USAGE, UsageError, parseGenerateArgs, type GenerateOptions } from './args';
import { loadNodeGenerators } from './nodeGenerators';

function readParamsFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--params ${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    // An exported world is accepted too: its params are what we want.
    return value && typeof value === 'object' && 'params' in value && value.format === 'worldsmith.world' ? value.params : value;
  } catch (e) {
    throw new UsageError(`--params ${path}: not JSON (${(e as Error).message})`);
  }
}

export async function runGenerate(options: GenerateOptions, log: (msg: string) => void): Promise<string[]> {
  const generators = await loadNodeGenerators(options.modelsDir, options.params, log);
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  const seeds = options.count === 1 ? [options.seed] : Array.from({ length: options.count }, (_, i) => `${options.seed}-${i + 1}`);
  for (const seed of seeds) {
    const world = generateWorld(seed, options.params, generators.world);
    const files = exportFiles(world, options.format);
    for (const file of files) {
      const path = join(options.out, file.name);
      await writeFileAtomic(path, file.content);
      written.push(path);
    }
    log(`${seed}: ${files.map((f) => f.name).join(', ')}`);
  }
  return written;
}

async function main(): Promise<number> {
  let options: GenerateOptions | 'help';
  try {
    options = parseGenerateArgs(process.argv.slice(2), readParamsFile);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`generate: ${e.message}\n\n${GENERATE_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    console.log(GENERATE_USAGE);
    return 0;
  }
  const quiet = options.quiet;
  await runGenerate(options, (msg) => quiet || console.error(msg));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`generate: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
