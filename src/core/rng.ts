import seedrandom from 'seedrandom';

/**
 * The project's only source of randomness. Every generator takes an `Rng` as a parameter;
 * nothing reaches for a global. Built on seedrandom's Alea (fast, identical in Node and browsers).
 */
export interface Rng {
  /** The seed string this stream was created from (forks append `/label`). */
  readonly seed: string;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Uniform float in [lo, hi). */
  float(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** An element chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** Standard normal sample (Box–Muller). */
  normal(): number;
  /**
   * An independent stream named by `label`. Forks let one subsystem draw more or fewer numbers
   * without shifting every other subsystem's results (the seed of a fork is `seed/label`).
   */
  fork(label: string): Rng;
}

export function createRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  const next = (): number => prng();
  const rng: Rng = {
    seed,
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    float: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new Error('rng.pick: empty array');
      return items[Math.floor(next() * items.length)];
    },
    weighted(items, weights) {
      if (items.length === 0 || items.length !== weights.length) {
        throw new Error(`rng.weighted: ${items.length} items for ${weights.length} weights`);
      }
      const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
      if (!(total > 0)) return rng.pick(items);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= Math.max(0, weights[i]);
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

const SEED_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A fresh short seed (6 chars, no look-alike letters) for "new world" buttons. This is the one
 * place allowed to use ambient entropy; pass `entropy` to make it reproducible.
 */
export function randomSeed(entropy: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += SEED_ALPHABET[Math.floor(entropy() * SEED_ALPHABET.length)];
  return s;
}

/** Seeds are short printable strings: they travel in URLs, file names and the HUD. */
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export function isValidSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}
