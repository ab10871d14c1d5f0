import type { Rng } from '../core/rng';
import type { DialogueLine } from '../core/schema';
import type { NpcRole, Situation } from '../core/vocab';
import type { LineFacts, LineRequest, LineSampleOptions, LineSampler } from './ports';
import { lineWords } from './lineFilter';
import { fillSlots } from './slots';

/** The situations an NPC speaks in: every NPC greets and says farewell; the giver tells the quest. */
export function situationsFor(rng: Rng, isGiver: boolean): Situation[] {
  if (isGiver) return ['greeting', 'quest-hook', 'quest-description', 'hint', 'farewell', 'quest-completion'];
  const middle = rng.shuffle(['rumour', 'hint', 'hint', 'trade', 'warning', 'lore'] as const);
  const picked = [...new Set(middle)].slice(0, 2);
  return ['greeting', ...picked, 'farewell'];
}

/** Placeholder lines, clearly labelled, for when no dialogue model is available. */
const PLACEHOLDER: Readonly<Record<Situation, readonly string[]>> = {
  greeting: ['Well met, {player}. I am {npc}.', 'Hello there, {player}.'],
  rumour: ['They say the {foe} has grown bold of late.'],
  hint: ['What you seek lies to the {direction}, in {place}.'],
  trade: ['I have nothing to sell today, friend.'],
  farewell: ['Safe roads, {player}.', 'Farewell.'],
  warning: ['Beware the {foe} in {place}.'],
  lore: ['The {biome} of {place} are older than anyone remembers.'],
  'quest-hook': ['Please, {player}, bring back {item}.'],
  'quest-description': ['{item} lies in {place}, to the {direction}, guarded by the {foe}.'],
  'quest-completion': ['You found {item}! Thank you, {player}.'],
};

/** The fallback LineSampler: fixed placeholder lines (the game labels them as placeholders). */
export const placeholderLineSampler: LineSampler = {
  name: 'placeholder',
  sampleLines(requests, rng) {
    return requests.map((r) => rng.pick(PLACEHOLDER[r.situation]));
  },
};

export interface LineJob {
  role: NpcRole;
  situations: readonly Situation[];
  facts: LineFacts;
}

export interface WriteLinesOptions extends LineSampleOptions {
  /**
   * Extra check a filled line must pass (blocklist, novelty: see lineFilter.ts); rejected lines
   * are resampled. `template` is the line as sampled, slots unfilled (novelty compares that form).
   */
  accept?: (text: string, request: LineRequest, template: string) => boolean;
  /** Resampling rounds before the placeholder line is used instead. */
  retries?: number;
}

/** The line's sentences of three or more words, as lower-case word lists joined by spaces. */
export function sentenceKeys(text: string): string[] {
  return text.split(/[.!?]+/).map((sentence) => lineWords(sentence)).filter((w) => w.length >= 3).map((w) => w.join(' '));
}

/**
 * Writes every NPC's lines with one sampler: all lines are requested in one batch, lines that
 * cannot be filled or are rejected are resampled (bounded), and whatever still fails falls back
 * to a placeholder line. A line that repeats a sentence of three or more words one of the same
 * NPC's lines already says is resampled too (in the last round it is kept rather than lost to a
 * placeholder); each request names its job as `speaker`, so a line writer can keep an NPC's lines
 * apart in the first place. Returns one list of lines per job, in the jobs' situation order.
 */
export function writeLines(rng: Rng, jobs: readonly LineJob[], sampler: LineSampler, options: WriteLinesOptions): DialogueLine[][] {
  const requests: LineRequest[] = jobs.flatMap((job, j) => job.situations.map((situation) => ({ role: job.role, situation, facts: job.facts, speaker: j })));
  const texts: Array<string | null> = new Array(requests.length).fill(null);
  const retries = options.retries ?? 4;
  // Sentences each NPC already says: a line repeating one is written again, except in the last round.
  const said = jobs.map(() => new Set<string>());
  let pending = requests.map((_, i) => i);
  for (let round = 0; round <= retries && pending.length > 0; round++) {
    const batch = pending.map((i) => requests[i]);
    const sampled = sampler.sampleLines(batch, rng.fork(`round:${round}`), options);
    const still: number[] = [];
    pending.forEach((i, k) => {
      const text = fillSlots(sampled[k] ?? '', requests[i].facts);
      const keys = text ? sentenceKeys(text) : [];
      const repeats = round < retries && keys.some((key) => said[requests[i].speaker!].has(key));
      if (text && text.trim().length > 0 && !repeats && (!options.accept || options.accept(text, requests[i], sampled[k]))) {
        texts[i] = text;
        keys.forEach((key) => said[requests[i].speaker!].add(key));
      } else still.push(i);
    });
    pending = still;
  }
  if (pending.length > 0) {
    const fallback = placeholderLineSampler.sampleLines(pending.map((i) => requests[i]), rng.fork('fallback'), options);
    pending.forEach((i, k) => (texts[i] = fillSlots(fallback[k], requests[i].facts)));
  }
  const out: DialogueLine[][] = [];
  let k = 0;
  for (const job of jobs) out.push(job.situations.map((situation) => ({ situation, text: texts[k++] as string })));
  return out;
}
