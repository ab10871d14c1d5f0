import { z } from 'zod';

/**
 * Every parameter a world is generated from. A world records its params, so seed + params
 * regenerate it byte for byte. Ranges are enforced by the schema (the debug panel clamps to them).
 */
export const WorldParamsSchema = z.object({
  /** Rooms across and down. */
  width: z.number().int().min(2).max(12),
  height: z.number().int().min(2).max(12),
  biomes: z.object({
    /** Simplex-noise frequency per room step. */
    frequency: z.number().min(0.01).max(2),
    octaves: z.number().int().min(1).max(6),
    /** Three ascending cut points in [-1, 1] splitting noise into desert|grassland|forest|cave. */
    thresholds: z
      .tuple([z.number().min(-1).max(1), z.number().min(-1).max(1), z.number().min(-1).max(1)])
      .refine((t) => t[0] <= t[1] && t[1] <= t[2], 'thresholds must be ascending'),
  }),
  /** Share of the non-tree neighbour pairs that also get a door (loops in the room graph). */
  loops: z.number().min(0).max(1),
  density: z.object({
    /** Mean enemies per room. */
    enemies: z.number().min(0).max(6),
    /** Mean pickups (items and chests) per room. */
    items: z.number().min(0).max(4),
    /** Chance that a room holds an NPC (the quest giver always exists). */
    npcs: z.number().min(0).max(1),
  }),
  rooms: z.object({
    /** Which RoomSampler makes rooms: the level VAE or the classic generator. */
    source: z.enum(['vae', 'classic']),
    /** 0 decodes by argmax; above 0 samples tiles with the project RNG. */
    temperature: z.number().min(0).max(2),
    /** Repair unplayable rooms with the fewest tile changes (off: replace them with classic rooms). */
    repair: z.boolean(),
    /**
     * VAE rooms: latents the critic may draw per room, keeping the first whose room is playable as
     * drawn and as full as the style's training rooms (1 = the first draw; docs/levels.md).
     * Absent in worlds exported before it existed: 1, which regenerates them as they were.
     */
    candidates: z.number().int().min(1).max(32).default(1),
  }),
  dialogue: z.object({
    model: z.enum(['placeholder', 'markov', 'transformer', 'mixture']),
    temperature: z.number().min(0.05).max(2),
    topK: z.number().int().min(1).max(200),
    /**
     * Candidates the line writer draws per line, keeping the one both models find most likely
     * (docs/dialogue.md). Absent in worlds exported before it existed: 8, which writes them as they were.
     */
    candidates: z.number().int().min(1).max(32).default(8),
    /**
     * How the writer chooses among its candidates: 0 keeps the most likely; above 0 it draws one,
     * the less likely ones with weight exp(−Δ / pick), Δ in bits per character (docs/dialogue.md).
     * Absent in worlds exported before it existed: 0, which writes them as they were.
     */
    pick: z.number().min(0).max(1).default(0),
    /**
     * Bits per character the writer adds to a candidate's score times the share of its runs of 4
     * pieces that no training line has: splices leave such runs, so more penalty keeps fewer
     * splices and more familiar phrasing (docs/dialogue.md, "Splices"). Absent in worlds exported
     * before it existed: 0, which writes them as they were.
     */
    splicePenalty: z.number().min(0).max(10).default(0),
    /**
     * Bits per character the writer adds to a candidate's score times the reader judge's
     * probability that blind readers would mark the line broken (src/models/dialogue/judge.ts):
     * more keeps lines that read like the ones readers accepted. Absent in worlds exported before
     * it existed: 0, which writes them as they were.
     */
    judgePenalty: z.number().min(0).max(10).default(0),
  }),
  sprites: z.object({
    source: z.enum(['gan', 'procedural']),
    truncation: z.number().min(0.1).max(2),
    paletteSize: z.number().int().min(2).max(16),
    outline: z.boolean(),
    /**
     * Mirror creatures left–right too (characters always are): symmetric, cleaner faces instead of
     * the profiles most creatures are drawn in. Absent in worlds exported before it existed: off.
     */
    mirrorCreatures: z.boolean().default(false),
  }),
});

export type WorldParams = z.infer<typeof WorldParamsSchema>;

export const DEFAULT_PARAMS: WorldParams = {
  width: 5,
  height: 5,
  biomes: { frequency: 0.22, octaves: 2, thresholds: [-0.3, 0.0, 0.3] },
  loops: 0.25,
  density: { enemies: 1.4, items: 0.8, npcs: 0.3 },
  rooms: { source: 'vae', temperature: 0, repair: true, candidates: 4 },
  dialogue: { model: 'mixture', temperature: 0.8, topK: 20, candidates: 32, pick: 0, splicePenalty: 5, judgePenalty: 2 },
  sprites: { source: 'gan', truncation: 0.8, paletteSize: 12, outline: true, mirrorCreatures: false },
};

/** Deep partial of the params, for callers that override a few values. */
export type ParamsOverride = {
  [K in keyof WorldParams]?: WorldParams[K] extends readonly unknown[]
    ? WorldParams[K]
    : WorldParams[K] extends object
      ? Partial<WorldParams[K]>
      : WorldParams[K];
};

/** Fills defaults and validates; throws an Error naming the first bad field. */
export function resolveParams(override: ParamsOverride = {}): WorldParams {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_PARAMS) as (keyof WorldParams)[]) {
    const base = DEFAULT_PARAMS[key];
    const over = override[key];
    merged[key] =
      over !== undefined && typeof base === 'object' && !Array.isArray(base)
        ? { ...base, ...(over as object) }
        : (over ?? base);
  }
  const parsed = WorldParamsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`params.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
