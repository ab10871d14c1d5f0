/**
 * `npm run schema` — writes the world format's JSON Schema to public/schema/world.schema.json
 * (generated from the zod schema in src/core/schema.ts; a test fails when it is stale).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { worldJsonSchema } from '../core/schema';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../../public/schema/world.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(worldJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
  const tmp = `${SCHEMA_PATH}.tmp`;
  writeFileSync(tmp, schemaText());
  renameSync(tmp, SCHEMA_PATH);
  console.log(`wrote ${SCHEMA_PATH}`);
}
