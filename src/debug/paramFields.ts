import { DEFAULT_PARAMS, WorldParamsSchema, type WorldParams } from '../core/params';

/**
 * Every world parameter the panel edits, with its range read from the params schema
 * (`src/core/params.ts`), so the panel clamps to exactly what `resolveParams` accepts and never
 * keeps a second copy of the limits. Only the slider step is the panel's own choice.
 */

export type NumberField = { kind: 'number'; key: string; min: number; max: number; step: number; int: boolean };
export type EnumField = { kind: 'enum'; key: string; options: readonly string[] };
export type BoolField = { kind: 'bool'; key: string };
/** The three ascending biome cut points. */
export type ThresholdsField = { kind: 'thresholds'; key: string; min: number; max: number; step: number };
export type ParamField = NumberField | EnumField | BoolField | ThresholdsField;

/** Slider steps (panel choice); integers step by 1. */
const STEPS: Readonly<Record<string, number>> = {
  'biomes.frequency': 0.01,
  'biomes.thresholds': 0.01,
  loops: 0.01,
  'density.enemies': 0.1,
  'density.items': 0.1,
  'density.npcs': 0.01,
  'rooms.temperature': 0.05,
  'dialogue.temperature': 0.05,
  'dialogue.pick': 0.05,
  'dialogue.splicePenalty': 0.5,
  'dialogue.judgePenalty': 0.25,
  'sprites.truncation': 0.05,
};

interface SchemaNode {
  def: { type: string; values?: unknown; entries?: Record<string, string>; items?: SchemaNode[]; innerType?: SchemaNode };
  shape?: Record<string, SchemaNode>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly string[];
}

function field(key: string, node: SchemaNode): ParamField {
  const type = node.def.type;
  // A param with a default (added after worlds were first exported) is its inner type here.
  if (type === 'default' && node.def.innerType) return field(key, node.def.innerType);
  if (type === 'number') {
    const int = node.isInt === true;
    return { kind: 'number', key, min: node.minValue ?? -Infinity, max: node.maxValue ?? Infinity, step: int ? 1 : (STEPS[key] ?? 0.01), int };
  }
  if (type === 'enum') return { kind: 'enum', key, options: node.options ?? [] };
  if (type === 'boolean') return { kind: 'bool', key };
  if (type === 'tuple') {
    const item = node.def.items![0];
    return { kind: 'thresholds', key, min: item.minValue ?? -1, max: item.maxValue ?? 1, step: STEPS[key] ?? 0.01 };
  }
  throw new Error(`paramFields: no panel control for params.${key} (schema type ${type})`);
}

function collect(prefix: string, node: SchemaNode, out: ParamField[]): void {
  if (node.def.type === 'object' && node.shape) {
    for (const [name, child] of Object.entries(node.shape)) collect(prefix ? `${prefix}.${name}` : name, child, out);
    return;
  }
  out.push(field(prefix, node));
}

/** All fields in schema order, keyed by dotted path ("biomes.frequency"). */
export const PARAM_FIELDS: readonly ParamField[] = (() => {
  const out: ParamField[] = [];
  collect('', WorldParamsSchema as unknown as SchemaNode, out);
  return out;
})();

export const FIELD_BY_KEY: ReadonlyMap<string, ParamField> = new Map(PARAM_FIELDS.map((f) => [f.key, f]));

/** The value at a dotted path of a params object (undefined when absent). */
export function getPath(obj: unknown, key: string): unknown {
  let v: unknown = obj;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Sets the value at a dotted path, creating groups on the way. */
export function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = obj;
  for (const part of parts.slice(0, -1)) {
    if (typeof o[part] !== 'object' || o[part] === null) o[part] = {};
    o = o[part] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

/** The default value of a field. */
export function defaultOf(key: string): unknown {
  return getPath(DEFAULT_PARAMS, key);
}

/** A deep copy of the defaults. */
export function defaultParams(): WorldParams {
  return structuredClone(DEFAULT_PARAMS) as WorldParams;
}
