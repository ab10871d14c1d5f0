import { WorldSchema, type World } from '../../core/schema';
import { validateWorld } from '../../core/validate';

/**
 * The world as the bytes of a `.world.json` file: canonical key order (the schema's), two-space
 * indent, trailing newline. The browser's download and the CLI write exactly these bytes, so the
 * same seed and params give byte-identical files everywhere.
 */
export function serializeWorld(world: World): string {
  return `${JSON.stringify(WorldSchema.parse(world), null, 2)}\n`;
}

/** Parses and validates world JSON text (throws WorldValidationError naming path and problem). */
export function parseWorld(text: string): World {
  return validateWorld(text);
}

/** File name for a world export, named after its seed as generators name outputs after seeds. */
export function worldFileName(world: World, ext: 'world.json' | 'tmj' | 'yarn' | 'png'): string {
  return `worldsmith-${world.seed}.${ext}`;
}
