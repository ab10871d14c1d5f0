import type { Grid } from '../core/grid';
import type { Rng } from '../core/rng';
import type { DoorMask } from '../core/room';
import type { Biome, NpcRole, RoomStyle, Situation, Slot, SpriteClass } from '../core/vocab';

/**
 * Ports: what the pipeline needs from a generator, without knowing how it works.
 * The models (src/models) implement them with tfjs; the classic generators implement them in
 * plain code. Only entry points (the game's boot, the CLI, training scripts) wire them together.
 */

/** One room to make: its doors and the style and biome it must fit. */
export interface RoomRequest {
  doors: DoorMask;
  biome: Biome;
  style: RoomStyle;
}

export interface RoomSampleOptions {
  /** 0 = argmax decode; above 0 = sample tiles with the given RNG. */
  temperature: number;
  /**
   * Most candidates a sampler with a critic may draw per room, keeping the first it accepts
   * (1 = its first draw). Samplers without a critic ignore it.
   */
  candidates: number;
}

export interface RoomSampler {
  /** Recorded in the world as `generators.rooms` and in each room's `source`. */
  readonly name: 'vae' | 'classic';
  /**
   * Makes one 16×11 room per request (batched: a model decodes them in one call).
   * The rooms may be unplayable: the pipeline repairs them. Must be a pure function of
   * (requests, rng, options) — same inputs, same rooms.
   */
  sampleRooms(requests: readonly RoomRequest[], rng: Rng, options: RoomSampleOptions): Grid[];
}

/** The world facts a line may mention; every slot a line uses must be filled from here. */
export type LineFacts = Readonly<Record<Slot, string>>;

export interface LineRequest {
  role: NpcRole;
  situation: Situation;
  /** Facts the sampler may use for conditioning; the pipeline fills slots with them. */
  facts: LineFacts;
  /**
   * Who says the line: the same number for one NPC's lines in a call. A writer that ranks
   * candidates chooses a speaker's lines in turn, each without the sentences its earlier lines say
   * while a candidate allows it.
   */
  speaker?: number;
}

export interface LineSampleOptions {
  temperature: number;
  topK: number;
  /**
   * Candidates a best-of-N line writer draws per line and round, keeping the one its models find
   * most likely (without it: the writer's own setting). Plain samplers ignore it.
   */
  candidates?: number;
  /**
   * How a best-of-N writer chooses among its acceptable candidates: 0 keeps the most likely; above
   * 0 it draws one of the distinct candidates with weight exp(−(score − best) / pick), score in
   * bits per character (without it: 0). Plain samplers ignore it.
   */
  pick?: number;
  /**
   * Bits per character a best-of-N writer adds to a candidate's score times the share of its runs
   * of 4 pieces that no training line has (without it: the writer's own setting). Plain samplers
   * ignore it.
   */
  splicePenalty?: number;
  /**
   * Bits per character a best-of-N writer adds to a candidate's score times its reader judge's
   * probability that readers would find the line broken (without it: the writer's own setting).
   * Plain samplers, and writers whose models have no judge, ignore it.
   */
  judgePenalty?: number;
}

export interface LineSampler {
  readonly name: 'placeholder' | 'markov' | 'transformer' | 'mixture';
  /**
   * One line per request, as text that may contain slot tokens like `{place}` (the pipeline
   * fills them with true facts and rejects unknown slots). Pure in (requests, rng, options).
   */
  sampleLines(requests: readonly LineRequest[], rng: Rng, options: LineSampleOptions): string[];
}

/** A 16×16 RGBA sprite with a 2-frame idle animation. */
export interface Sprite {
  readonly size: number;
  /** Two frames, each size×size×4 bytes (RGBA, row-major). */
  readonly frames: readonly [Uint8ClampedArray, Uint8ClampedArray];
}

export interface SpriteRequest {
  cls: SpriteClass;
  /** Stable key (e.g. "foe:slime", "item:gem", "npc:npc-3"): one sprite per key per world. */
  key: string;
  biome: Biome;
}

export interface SpriteSampleOptions {
  truncation: number;
  paletteSize: number;
  outline: boolean;
  /** Mirror creatures as well as characters. */
  mirrorCreatures: boolean;
}

export interface SpriteSampler {
  readonly name: 'gan' | 'procedural';
  sampleSprites(requests: readonly SpriteRequest[], rng: Rng, options: SpriteSampleOptions): Sprite[];
}
