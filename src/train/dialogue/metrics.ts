import { COMPASS, SLOTS, type NpcRole, type Slot } from '../../core/vocab';
import { createRng, type Rng } from '../../core/rng';
import { BESTIARY, BIOME_WORD } from '../../pipeline/bestiary';
import { fillSlots } from '../../pipeline/slots';
import { copyProblem, lineWords, type NoveltyIndex } from '../../pipeline/lineFilter';
import { heroName, itemName, npcName, placeName } from '../../pipeline/names';
import type { LineFacts } from '../../pipeline/ports';
import { BIOMES } from '../../core/vocab';

/** Figures over sampled lines (all in [0, 1]); see docs/dialogue.md for their definitions. */

/** Distinct n-grams / all n-grams of the lines' words (distinct-1, distinct-2). */
export function distinctN(lines: readonly string[], n: number): number {
  const seen = new Set<string>();
  let total = 0;
  for (const line of lines) {
    const w = lineWords(line);
    for (let i = 0; i + n <= w.length; i++) {
      seen.add(w.slice(i, i + n).join(' '));
      total++;
    }
  }
  return total === 0 ? 0 : seen.size / total;
}

/** Fraction of lines (slot form) not identical to a training line. */
export function novelty(lines: readonly string[], index: NoveltyIndex): number {
  return fraction(lines, (l) => copyProblem(l, { ...index, runLength: Number.MAX_SAFE_INTEGER }) === null);
}

/** Fraction of lines neither identical to a training line nor sharing an 8-word run with one. */
export function noveltyStrict(lines: readonly string[], index: NoveltyIndex): number {
  return fraction(lines, (l) => copyProblem(l, index) === null);
}

/** Fraction of generated words (slot tokens excluded) that occur in the training text. */
export function knownWordRate(lines: readonly string[], index: NoveltyIndex): number {
  let known = 0;
  let total = 0;
  for (const l of lines) {
    for (const w of lineWords(l)) {
      if (w.startsWith('{')) continue;
      total++;
      if (index.words.has(w)) known++;
    }
  }
  return total === 0 ? 1 : known / total;
}

/**
 * Fraction of lines whose slots all fill with facts of the world they were sampled for: the
 * line names only known slots, no brace survives, and each filled value is that world's fact.
 */
export function slotValidity(lines: readonly string[], facts: readonly LineFacts[]): number {
  return fraction(lines, (l, i) => {
    const filled = fillSlots(l, facts[i]);
    if (filled === null || filled.trim() === '') return false;
    const values = new Set(Object.values(facts[i]));
    const used = [...l.matchAll(/\{([a-z]+)\}/g)].map((m) => facts[i][m[1] as Slot]);
    return used.every((v) => values.has(v));
  });
}

function fraction(lines: readonly string[], ok: (line: string, i: number) => boolean): number {
  if (lines.length === 0) return 0;
  let n = 0;
  lines.forEach((l, i) => ok(l, i) && n++);
  return n / lines.length;
}

/** Facts of a made-up world (names from the world generator's own name makers). */
export function randomFacts(rng: Rng, role: NpcRole): LineFacts {
  const biome = rng.pick(BIOMES);
  const facts: Record<Slot, string> = {
    npc: npcName(rng, role),
    player: heroName(rng),
    item: itemName(rng),
    place: placeName(rng, biome),
    biome: BIOME_WORD[biome],
    foe: rng.pick(BESTIARY[biome]).name,
    direction: rng.pick(COMPASS),
  };
  if (Object.keys(facts).length !== SLOTS.length) throw new Error('randomFacts: a slot has no fact');
  return facts;
}

/** Median of numbers (NaN for none). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Mean and sample standard deviation. */
export function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

export { createRng };
