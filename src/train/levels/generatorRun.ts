import type { Grid } from '../../core/grid';
import type { Rng } from '../../core/rng';
import { bitsToMask, interiorNonFloorShare, type DoorMask } from '../../core/room';
import { BIOMES, ROOM_STYLES, type Biome, type RoomStyle } from '../../core/vocab';
import type { RoomRequest, RoomSampler } from '../../pipeline/ports';
import { repairRoom } from '../../pipeline/repair';
import {
  duplicateRate,
  isPlayable,
  meanNearestHamming,
  meanPairwiseHamming,
  patternCounts2x2,
  patternKl,
  quantile,
  toCodes,
} from './metrics';
import { roomKey } from './roomText';
import { styleProbabilities, type StyleClassifier } from './styleClassifier';
import type { WfcPeer } from './wfcPeer';

/**
 * One generator's evaluation run: make rooms for a list of requests (timed, repair included),
 * then score them. The same requests go to every generator.
 */

/** What the evaluation asks for: the generator-facing request plus the corpus style name. */
export interface EvalRequest {
  doors: DoorMask;
  /** Style name in the evaluated corpus (a custom corpus has its own single style). */
  style: string;
  biome: Biome;
}

/** `n` requests: styles in turn, random non-empty door masks and biomes from `rng`. */
export function evalRequests(n: number, styles: readonly string[], rng: Rng): EvalRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    doors: bitsToMask(rng.int(1, 15)),
    style: styles[i % styles.length],
    biome: rng.pick(BIOMES),
  }));
}

export interface Produced {
  raw: Array<Grid | null>;
  repaired: Array<Grid | null>;
  changed: number[];
  ms: number;
  /** WFC: attempts including contradictions. */
  tries: number;
}

/** The project style a classic/VAE request uses for a corpus style (custom styles map to ROOM_STYLES in turn). */
function asRoomStyle(style: string, i: number): RoomStyle {
  return (ROOM_STYLES as readonly string[]).includes(style) ? (style as RoomStyle) : ROOM_STYLES[i % ROOM_STYLES.length];
}

/**
 * Runs a RoomSampler in batches of `batch` (argmax, up to `candidates` critic draws per room),
 * repairing each room; times the whole.
 */
export function produceWithSampler(sampler: RoomSampler, requests: readonly EvalRequest[], rng: Rng, candidates = 1, batch = 250, styleFor = asRoomStyle): Produced {
  const raw: Grid[] = [];
  const repaired: Grid[] = [];
  const changed: number[] = [];
  const t = performance.now();
  for (let i = 0; i < requests.length; i += batch) {
    const part: RoomRequest[] = requests.slice(i, i + batch).map((r, k) => ({ doors: r.doors, biome: r.biome, style: styleFor(r.style, i + k) }));
    const rooms = sampler.sampleRooms(part, rng.fork(`batch-${i}`), { temperature: 0, candidates });
    rooms.forEach((g, k) => {
      const fixed = repairRoom(g, part[k].doors);
      raw.push(g);
      repaired.push(fixed.grid);
      changed.push(fixed.changed);
    });
  }
  return { raw, repaired, changed, ms: performance.now() - t, tries: requests.length };
}

/** Runs the WFC peer per request (its style), repairing each success; contradictions retried. */
export function produceWithWfc(peer: WfcPeer, requests: readonly EvalRequest[], rng: Rng): Produced {
  const out: Produced = { raw: [], repaired: [], changed: [], ms: 0, tries: 0 };
  const t = performance.now();
  for (const r of requests) {
    const { grid, tries } = peer.generate(r.style, rng);
    out.tries += tries;
    out.raw.push(grid);
    if (grid) {
      const fixed = repairRoom(grid, r.doors);
      out.repaired.push(fixed.grid);
      out.changed.push(fixed.changed);
    } else {
      out.repaired.push(null);
    }
  }
  out.ms = performance.now() - t;
  return out;
}

export interface ScoreContext {
  /** Training rooms (novelty, nearest distance) and their 5th–95th percentile bands per style. */
  trainKeys: ReadonlySet<string>;
  trainCodes: Uint8Array[];
  bands: ReadonlyMap<string, readonly [number, number]>;
  /** Held-out rooms per style (pattern KL). */
  heldOutByStyle: ReadonlyMap<string, readonly Grid[]>;
  classifier: StyleClassifier | null;
  /** How many samples the pairwise / nearest-neighbour figures use. */
  qualitySamples: number;
}

/** Interior non-floor bands (5th, 95th percentile) of rooms per style. */
export function bandsByStyle(rooms: ReadonlyArray<{ grid: Grid; style: string }>): Map<string, [number, number]> {
  const shares = new Map<string, number[]>();
  for (const r of rooms) shares.set(r.style, [...(shares.get(r.style) ?? []), interiorNonFloorShare(r.grid)]);
  return new Map([...shares].map(([s, v]) => [s, [quantile(v, 0.05), quantile(v, 0.95)]]));
}

const round = (x: number, d = 4): number => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/** Scores produced rooms; quality figures use the raw samples (what the generator made). */
export function scoreRun(requests: readonly EvalRequest[], produced: Produced, ctx: ScoreContext): Record<string, unknown> {
  const n = requests.length;
  const ok = requests.map((_, i) => i).filter((i) => produced.raw[i] !== null);
  const raw = ok.map((i) => produced.raw[i]!);
  const rawPlayable = ok.map((i) => isPlayable(produced.raw[i]!, requests[i].doors));
  const repairedPlayable = ok.filter((i) => isPlayable(produced.repaired[i]!, requests[i].doors)).length;
  const inBand = ok.map((i) => {
    const band = ctx.bands.get(requests[i].style);
    const share = interiorNonFloorShare(produced.raw[i]!);
    return band !== undefined && share >= band[0] && share <= band[1];
  });
  const nonTrivial = ok.filter((_, k) => rawPlayable[k] && inBand[k]).length;
  let coherent: boolean[] | null = null;
  if (ctx.classifier && ctx.classifier.styles.length > 1) {
    const probs = styleProbabilities(ctx.classifier, raw);
    coherent = probs.map((p, k) => p[ctx.classifier!.styles.indexOf(requests[ok[k]].style)] >= 0.8);
  }
  const coherence = coherent ? coherent.filter(Boolean).length / n : null;
  const byStyle: Record<string, Record<string, number | null>> = {};
  for (const style of new Set(requests.map((r) => r.style))) {
    const ks = ok.map((i, k) => (requests[i].style === style ? k : -1)).filter((k) => k >= 0);
    const all = requests.filter((r) => r.style === style).length;
    byStyle[style] = {
      playableRaw: round(ks.filter((k) => rawPlayable[k]).length / all),
      inBand: round(ks.filter((k) => inBand[k]).length / all),
      nonTrivial: round(ks.filter((k) => rawPlayable[k] && inBand[k]).length / all),
      styleCoherence: coherent ? round(ks.filter((k) => coherent![k]).length / all) : null,
    };
  }
  const keys = raw.map(roomKey);
  const novel = keys.filter((k) => !ctx.trainKeys.has(k)).length;
  const q = Math.min(ctx.qualitySamples, raw.length);
  const qCodes = toCodes(raw.slice(0, q));
  const klForward: number[] = [];
  const klBackward: number[] = [];
  for (const [style, heldOut] of ctx.heldOutByStyle) {
    const mine = ok.filter((i) => requests[i].style === style).map((i) => produced.raw[i]!);
    if (mine.length === 0 || heldOut.length === 0) continue;
    const p = patternCounts2x2(mine);
    const t = patternCounts2x2(heldOut);
    klForward.push(patternKl(p, t));
    klBackward.push(patternKl(t, p));
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    samples: n,
    failures: n - ok.length,
    tries: produced.tries,
    playableRaw: round(rawPlayable.filter(Boolean).length / n),
    playableRepaired: round(repairedPlayable / n),
    repairTilesChanged: round(mean(produced.changed), 3),
    nonTrivial: round(nonTrivial / n),
    styleCoherence: coherence === null ? null : round(coherence),
    novelty: round(novel / n),
    nearestHamming: round(meanNearestHamming(qCodes, ctx.trainCodes)),
    duplicateRate: round(duplicateRate(keys.slice(0, q))),
    diversity: round(meanPairwiseHamming(qCodes)),
    tilePatternKL2x2: {
      samplesToHeldOut: round(mean(klForward)),
      heldOutToSamples: round(mean(klBackward)),
      mean: round((mean(klForward) + mean(klBackward)) / 2),
    },
    qualitySamples: q,
    msPerRoom: round(produced.ms / Math.max(1, ok.length), 4),
    byStyle,
  };
}
