import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from './modelFiles';

/**
 * meta.json beside each shipped model (public/models/NAME/meta.json): where its data came from,
 * under which licence, how it was trained and how well it did, so any model can be traced and
 * retrained. Hashes are hex SHA-256 and independent of file-system listing order.
 */

export const META_JSON = 'meta.json';

export const dataSourceSchema = z.object({
  name: z.string().min(1),
  licence: z.string().min(1),
  /** Where it came from: an npm package@version, a repo path, or a URL. */
  origin: z.string().min(1),
});

export const modelMetaSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    /** ISO 8601 timestamp, passed in by the training script (no clock reads in library code). */
    createdAt: z.iso.datetime({ offset: true }),
    dataHash: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256'),
    /** Licence of the training data as a whole (SPDX id or short text, e.g. "CC-BY-4.0"). */
    dataLicence: z.string().min(1),
    dataSources: z.array(dataSourceSchema).min(1),
    seed: z.union([z.string(), z.number()]),
    epochs: z.number().int().nonnegative().optional(),
    steps: z.number().int().nonnegative().optional(),
    /** Final evaluation figures, e.g. { reconAccuracy: 0.93, validRooms: 0.98 }. */
    metrics: z.record(z.string(), z.number()),
    params: z.number().int().positive(),
    trainingSeconds: z.number().nonnegative(),
    /** The command line that produced the model. */
    command: z.string().min(1),
    /** Model-specific settings a sampler needs (latent size, vocabulary, ...). */
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((m) => m.epochs !== undefined || m.steps !== undefined, { message: 'needs epochs or steps' });

export type DataSource = z.infer<typeof dataSourceSchema>;
export type ModelMeta = z.infer<typeof modelMetaSchema>;

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hex SHA-256 of one file's bytes. */
export async function sha256File(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}

/**
 * Hex SHA-256 of a set of named contents, independent of the order given: sorts by name and
 * hashes `name NUL sha256(content) LF` per entry, so renaming a file changes the hash too.
 */
export function sha256Entries(entries: Iterable<[string, string | Uint8Array]>): string {
  const lines = [...entries].map(([name, content]) => `${name}\0${sha256Hex(content)}\n`);
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(lines.join(''));
}

/** Hex SHA-256 of files, named by their path relative to `base` ('/' separators). */
export async function sha256Files(paths: string[], base = '.'): Promise<string> {
  const entries: [string, Uint8Array][] = [];
  for (const p of paths) entries.push([relative(base, p).split(sep).join('/'), await readFile(p)]);
  return sha256Entries(entries);
}

/**
 * Hex SHA-256 of every regular file under `dir` (recursive; paths relative to `dir`), optionally
 * only those whose relative path passes `keep`. Stable across machines and listing orders.
 */
export async function sha256Dir(dir: string, keep: (relPath: string) => boolean = () => true): Promise<string> {
  const files: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && keep(relative(dir, full).split(sep).join('/'))) files.push(full);
    }
  };
  await walk(dir);
  return sha256Files(files, dir);
}

function describeIssues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Validates `meta` and writes `dir/meta.json` atomically; throws naming every bad field. */
export async function writeMeta(dir: string, meta: ModelMeta): Promise<void> {
  const parsed = modelMetaSchema.safeParse(meta);
  const path = join(dir, META_JSON);
  if (!parsed.success) throw new Error(`${path}: invalid model meta (${describeIssues(parsed.error)})`);
  await writeJsonAtomic(path, parsed.data);
}

/** Reads and validates `dir/meta.json`; errors name the file and the bad fields. */
export async function readMeta(dir: string): Promise<ModelMeta> {
  const path = join(dir, META_JSON);
  const parsed = modelMetaSchema.safeParse(await readJsonFile(path));
  if (!parsed.success) throw new Error(`${path}: invalid model meta (${describeIssues(parsed.error)})`);
  return parsed.data;
}
