import { resolveParams, type WorldParams } from '../core/params';
import { defaultOf, getPath, PARAM_FIELDS, setPath, type ParamField } from './paramFields';

/**
 * The panel's state outside the page: world params checked against the schema's ranges, the
 * shareable URL form (`?seed=abc&width=6&biomes.thresholds=-0.3,0,0.3`, only values that differ
 * from the defaults) and the localStorage copy. Pure functions over plain values.
 */

/** Params that passed the check, plus one note per value that was clamped or refused. */
export interface CheckedParams {
  params: WorldParams;
  notes: string[];
}

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** Clamps `n` into [min, max] and onto integers when asked; notes what changed. */
function clampNumber(key: string, n: number, min: number, max: number, int: boolean, notes: string[]): number {
  let v = n;
  if (int && !Number.isInteger(v)) {
    v = Math.round(v);
    notes.push(`${key}: ${n} is not a whole number; rounded to ${v}`);
  }
  if (v < min) {
    notes.push(`${key}: ${v} is below the minimum ${min}; clamped to ${min}`);
    v = min;
  } else if (v > max) {
    notes.push(`${key}: ${v} is above the maximum ${max}; clamped to ${max}`);
    v = max;
  }
  return v;
}

function checkField(f: ParamField, raw: unknown, notes: string[]): unknown {
  const fallback = defaultOf(f.key);
  const refuse = (why: string) => {
    notes.push(`${f.key}: ${fmt(raw)} ${why}; using the default ${fmt(fallback)}`);
    return fallback;
  };
  switch (f.kind) {
    case 'number': {
      const n = toNumber(raw);
      return n === null ? refuse('is not a number') : clampNumber(f.key, n, f.min, f.max, f.int, notes);
    }
    case 'enum':
      return typeof raw === 'string' && f.options.includes(raw) ? raw : refuse(`is not one of ${f.options.join(', ')}`);
    case 'bool': {
      const b = toBool(raw);
      return b === null ? refuse('is not true or false') : b;
    }
    case 'thresholds': {
      const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
      const nums = parts?.map(toNumber);
      if (!nums || nums.length !== 3 || nums.some((n) => n === null)) return refuse('is not three numbers');
      const t = nums.map((n) => clampNumber(f.key, n as number, f.min, f.max, false, notes));
      if (!(t[0] <= t[1] && t[1] <= t[2])) {
        t.sort((a, b) => a - b);
        notes.push(`${f.key}: thresholds must be ascending; sorted to ${t.join(', ')}`);
      }
      return t;
    }
  }
}

/**
 * Checks any value (URL, localStorage, a file) against the params schema: missing values take
 * their defaults, numbers are clamped to the schema's range (integers rounded), unknown
 * choices and non-numbers are refused (default kept). Never throws.
 */
export function checkParams(raw: unknown): CheckedParams {
  const notes: string[] = [];
  const out: Record<string, unknown> = {};
  for (const f of PARAM_FIELDS) {
    const v = getPath(raw, f.key);
    setPath(out, f.key, v === undefined ? structuredClone(defaultOf(f.key)) : checkField(f, v, notes));
  }
  return { params: resolveParams(out as Partial<WorldParams>), notes };
}

/**
 * One threshold moved on a slider: it stays between its neighbours (the schema wants them
 * ascending). Returns the thresholds to use and a note when the value was held back.
 */
export function moveThreshold(t: readonly [number, number, number], index: 0 | 1 | 2, value: number): { thresholds: [number, number, number]; note?: string } {
  const lo = index > 0 ? t[index - 1] : -1;
  const hi = index < 2 ? t[index + 1] : 1;
  const v = Math.min(hi, Math.max(lo, value));
  const out: [number, number, number] = [t[0], t[1], t[2]];
  out[index] = v;
  return v === value ? { thresholds: out } : { thresholds: out, note: `biomes.thresholds: cut ${index + 1} must stay between ${lo} and ${hi} (ascending); held at ${v}` };
}

/** Same params? (Compared field by field, so key order does not matter.) */
export function sameParams(a: WorldParams, b: WorldParams): boolean {
  return PARAM_FIELDS.every((f) => JSON.stringify(getPath(a, f.key)) === JSON.stringify(getPath(b, f.key)));
}

const encode = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : String(v));

/**
 * Writes the params into URL search params: one key per field that differs from its default
 * (exact number text, so the link regenerates the same world), default fields removed.
 */
export function writeParamsQuery(params: WorldParams, search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(search);
  for (const f of PARAM_FIELDS) {
    const v = getPath(params, f.key);
    if (JSON.stringify(v) === JSON.stringify(defaultOf(f.key))) out.delete(f.key);
    else out.set(f.key, encode(v));
  }
  return out;
}

/** The raw params named in a URL (strings, unchecked), or null when it names none. */
export function readParamsQuery(search: URLSearchParams): Record<string, unknown> | null {
  const raw: Record<string, unknown> = {};
  let any = false;
  for (const f of PARAM_FIELDS) {
    const v = search.get(f.key);
    if (v === null) continue;
    setPath(raw, f.key, v);
    any = true;
  }
  return any ? raw : null;
}

/** What the panel keeps in localStorage between visits. */
export interface StoredPanel {
  /** Params that differ from the defaults (checked again on load). */
  params?: Record<string, unknown>;
  /** The panel was open. */
  open?: boolean;
}

export const STORAGE_KEY = 'worldsmith.panel';

/** The stored panel state; a missing or corrupt entry gives `{}` and a note. */
export function readStored(storage: Pick<Storage, 'getItem'> | undefined): { stored: StoredPanel; note?: string } {
  let text: string | null = null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { stored: {}, note: 'localStorage is not available; the panel state is kept in the URL only' };
  }
  if (text === null) return { stored: {} };
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return { stored: v as StoredPanel };
  } catch {
    // fall through
  }
  return { stored: {}, note: `localStorage "${STORAGE_KEY}" is not panel state; ignored` };
}

/** The params as the non-default override stored in localStorage. */
export function storedParams(params: WorldParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PARAM_FIELDS) {
    const v = getPath(params, f.key);
    if (JSON.stringify(v) !== JSON.stringify(defaultOf(f.key))) setPath(out, f.key, structuredClone(v));
  }
  return out;
}

/** URL key that opens the panel on load. */
export const OPEN_KEY = 'debug';

/** What the page asked for before the game was ready: URL first, then localStorage. */
export interface BootRequest {
  params: Record<string, unknown> | null;
  from: 'url' | 'storage' | null;
  open: boolean;
  notes: string[];
}

/** Reads the panel state the page was opened with. */
export function readBootRequest(href: string, storage: Storage | undefined): BootRequest {
  const search = new URL(href).searchParams;
  const { stored, note } = readStored(storage);
  const fromUrl = readParamsQuery(search);
  const open = search.get(OPEN_KEY) === '1' || (search.get(OPEN_KEY) === null && stored.open === true);
  if (fromUrl) return { params: fromUrl, from: 'url', open, notes: note ? [note] : [] };
  if (stored.params && Object.keys(stored.params).length > 0) return { params: stored.params, from: 'storage', open, notes: note ? [note] : [] };
  return { params: null, from: null, open, notes: note ? [note] : [] };
}
