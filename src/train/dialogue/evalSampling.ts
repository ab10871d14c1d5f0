import { createRng, type Rng } from '../../core/rng';
import { NPC_ROLES, SITUATIONS } from '../../core/vocab';
import { writeLines, type LineJob } from '../../pipeline/dialogue';
import { createLineAccept, filteredLineSampler, type NoveltyIndex } from '../../pipeline/lineFilter';
import type { LineRequest, LineSampleOptions, LineSampler } from '../../pipeline/ports';
import type { RoleClassifier } from './classifier';
import { distinctN, knownWordRate, median, novelty, noveltyStrict, randomFacts, slotValidity } from './metrics';

/**
 * The sampling half of the evaluation: lines drawn from a LineSampler for made-up worlds, and the
 * figures computed on them — as sampled (raw) and as the game shows them (after the filters,
 * retries and fallback of writeLines).
 */

/** `n` requests cycling through every role × situation, each with its own made-up world. */
export function evalRequests(n: number, rng: Rng): LineRequest[] {
  const out: LineRequest[] = [];
  for (let i = 0; i < n; i++) {
    const role = NPC_ROLES[i % NPC_ROLES.length];
    const situation = SITUATIONS[Math.floor(i / NPC_ROLES.length) % SITUATIONS.length];
    out.push({ role, situation, facts: randomFacts(rng.fork(`facts:${i}`), role) });
  }
  return out;
}

export interface SampleFigures {
  distinct1: number;
  distinct2: number;
  novelty: number;
  /** Neither identical to a training line nor sharing an 8-word run with one. */
  noveltyStrict: number;
  roleAccuracy: number;
  knownWordRate: number;
  /** The same figures over the lines the game shows (its line writer, writeLines' retries, fallback). */
  shownRoleAccuracy: number;
  shownKnownWordRate: number;
  shownNovelty: number;
  shownNoveltyStrict: number;
  /** Fraction of shown lines that are writeLines' fallback (every resample was rejected). */
  fallbackRate: number;
  slotValidity: number;
  slotLines: number;
  msPerLine: number;
  msPerLineBatched: number;
}

export interface SampleEvalOptions {
  lines: number;
  slotLines: number;
  timingLines: number;
  sampling: LineSampleOptions;
  seed: string;
}

/** Median milliseconds to sample one line on its own (requests one at a time). */
export function msPerLine(sampler: LineSampler, n: number, sampling: LineSampleOptions, rng: Rng): number {
  const times: number[] = [];
  evalRequests(n, rng.fork('requests')).forEach((r, i) => {
    const t = performance.now();
    sampler.sampleLines([r], rng.fork(`t:${i}`), sampling);
    times.push(performance.now() - t);
  });
  return median(times);
}

/**
 * What the game shows for `requests` (each with its own facts object): `writer` inside writeLines
 * behind the line filters, as the game wires them. Each accepted line's template (slots unfilled)
 * and filled text, by request; a request missing from the map got writeLines' fallback.
 */
export function shownLines(rng: Rng, requests: readonly LineRequest[], writer: LineSampler, sampling: LineSampleOptions, index: NoveltyIndex): Map<LineRequest, { template: string; text: string }> {
  const byFacts = new Map(requests.map((r) => [r.facts, r]));
  const accepted = new Map<LineRequest, { template: string; text: string }>();
  const accept = createLineAccept(index);
  const jobs: LineJob[] = requests.map((r) => ({ role: r.role, situations: [r.situation], facts: r.facts }));
  writeLines(rng, jobs, writer, {
    ...sampling,
    accept: (text, request, template) => {
      const ok = accept(text, request, template);
      if (ok) accepted.set(byFacts.get(request.facts)!, { template, text });
      return ok;
    },
  });
  return accepted;
}

/**
 * `sampler` is the model's plain sampler (raw figures, speed); `shownBy` is what the game writes
 * lines with (default: the plain sampler behind the line filters).
 */
export function evaluateSampler(
  sampler: LineSampler,
  index: NoveltyIndex,
  classifier: RoleClassifier,
  o: SampleEvalOptions,
  shownBy: LineSampler = filteredLineSampler(sampler, index),
): SampleFigures {
  const rng = createRng(`${o.seed}/${sampler.name}`);
  const requests = evalRequests(o.lines, rng.fork('requests'));
  const t0 = performance.now();
  const raw = sampler.sampleLines(requests, rng.fork('raw'), o.sampling);
  const msPerLineBatched = (performance.now() - t0) / requests.length;
  const roleAccuracy = raw.filter((l, i) => classifier.predict(l) === requests[i].role).length / raw.length;

  const accepted = shownLines(rng.fork('shown'), requests, shownBy, o.sampling, index);
  const shown = [...accepted.values()].map((a) => a.template);
  const fallbackRate = 1 - accepted.size / requests.length;

  // Slot validity over many lines (in chunks, so memory stays small).
  const slotRng = rng.fork('slots');
  let valid = 0;
  for (let done = 0; done < o.slotLines; done += 500) {
    const reqs = evalRequests(Math.min(500, o.slotLines - done), slotRng.fork(`req:${done}`));
    const lines = sampler.sampleLines(reqs, slotRng.fork(`lines:${done}`), o.sampling);
    valid += slotValidity(lines, reqs.map((r) => r.facts)) * lines.length;
  }


  return {
    distinct1: distinctN(raw, 1),
    distinct2: distinctN(raw, 2),
    novelty: novelty(raw, index),
    noveltyStrict: noveltyStrict(raw, index),
    roleAccuracy,
    knownWordRate: knownWordRate(raw, index),
    shownRoleAccuracy: accepted.size ? [...accepted].filter(([r, a]) => classifier.predict(a.text) === r.role).length / accepted.size : NaN,
    shownKnownWordRate: knownWordRate(shown, index),
    shownNovelty: novelty(shown, index),
    shownNoveltyStrict: noveltyStrict(shown, index),
    fallbackRate,
    slotValidity: o.slotLines > 0 ? valid / o.slotLines : NaN,
    slotLines: o.slotLines,
    msPerLine: msPerLine(sampler, o.timingLines, o.sampling, rng.fork('timing')),
    msPerLineBatched,
  };
}
