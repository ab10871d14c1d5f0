import { DEFAULT_PARAMS } from '../../core/params';
import type { Rng } from '../../core/rng';
import { isQuestSituation, type Situation, type Slot } from '../../core/vocab';
import { sentenceKeys } from '../../pipeline/dialogue';
import { fillSlots } from '../../pipeline/slots';
import { lineProblem, type NoveltyIndex } from '../../pipeline/lineFilter';
import type { LineRequest, LineSampler } from '../../pipeline/ports';
import { Attestation } from './attestation';
import { Lexicon, slotsBySituation, type FormRules } from './lineForm';
import { brokenProbability, JudgeContext } from './judge';
import { wordsOf } from './pieces';
import { transformerBitsOf } from './lineBits';
import { sampleScoredLines, type DialogueModels, type ModelKind, type SampledLine } from './sampler';

/**
 * The line writer the game uses: best-of-N under rules. For each request it samples N candidate
 * lines (`params.dialogue.candidates`, 32 by default, four times that for every situation but
 * lore, eight times, and quest completions, twice) in one batch
 * under the decoding rules (known words, sentence form, each situation's slots, quest facts:
 * lineForm.ts), drops those the filters reject (lineFilter.ts: blocklist, copies, …; and
 * stuttered runs, `stutters`) and keeps the most likely per character (or, with `pick` > 0, draws
 * among the distinct survivors, the less likely ones less often: `pickCandidate`), a candidate's
 * score raised by the splice penalty times the share of its runs of 4 pieces no training line has
 * (attestation.ts) and by the judge penalty times the reader judge's probability that readers find
 * it broken (judge.ts):
 * - 'markov': the chain proposes and ranks (by its own probability);
 * - 'transformer': the transformer proposes and ranks;
 * - 'mixture': both propose (the chain cheaply, the mixture sampler for the rest) and the
 *   product of both models' probabilities ranks — a splice that one model wrote and the other
 *   finds unlikely scores badly. Only the chain candidates the chain ranks best are scored by
 *   the transformer (`judged`), which bounds the cost.
 * One speaker's lines (`LineRequest.speaker`: an NPC's) are chosen in turn, each from the candidates
 * that do not say a sentence its earlier lines say, while there are such candidates.
 * Requests without an acceptable candidate get another round (bounded), then '' (writeLines then
 * falls back). Deterministic: candidate c of request i in round r draws from `rng.fork('line:i/r/c')`.
 */

export interface WriterSettings {
  /** Candidates per request and round; a call's `options.candidates` (the game's `params.dialogue.candidates`) overrides it. */
  candidates: number;
  /**
   * Quest lines (hook, description, completion) draw this many times the candidates: they must
   * name the quest's facts, so fewer candidates pass, and they carry the story (3 lines per world).
   */
  questFactor: number;
  /**
   * Situations that draw this many times the candidates (for a quest line, instead of
   * `questFactor`): every situation but quest completions, whose shown lines read broken least (10 %) — the
   * others' candidates are mostly splices and fragments, so the splice penalty needs more of them to find one
   * that reads (docs/dialogue.md, readings 9–12, 14 and 15). Lore 8, the worst situation: of the lore lines
   * 8 instead of 4 changed, 62 % → 38 % read broken; rumours read no better with 8 (reading 23).
   */
  situationFactor: Partial<Record<Situation, number>>;
  /** For 'mixture': how many of them the mixture sampler writes (the chain writes the rest). */
  mixtureCandidates: number;
  /** For 'mixture': accepted chain candidates (best by the chain) the transformer scores. */
  judged: number;
  /** The same when the call draws among its candidates (`pick` > 0): a draw needs more than two to choose from. */
  judgedWhenPicking: number;
  /**
   * Bits per character added to a candidate's score times the share of its runs of 4 pieces that
   * no training line has (attestation.ts): a splice leaves such runs, and the models alone rank
   * many splices first. A call's `options.splicePenalty` (the game's
   * `params.dialogue.splicePenalty`) overrides it.
   */
  splicePenalty: number;
  /**
   * Bits per character added to a candidate's score times the reader judge's probability that
   * readers mark it broken (judge.ts; models without a judge: none). A call's
   * `options.judgePenalty` (the game's `params.dialogue.judgePenalty`) overrides it.
   */
  judgePenalty: number;
  /** Rounds before a request is given up as ''. */
  rounds: number;
  /** Longest line, in sentences, per situation (default for others: `maxSentences`). */
  maxSentences: number;
  sentencesBySituation: Partial<Record<Situation, number>>;
  minWords: number;
  /**
   * Per situation, the words a line's longest sentence needs (`FormRules.minLongestSentence`).
   * Lore 6: without it the best-ranked lore line was often a lead-in alone ("My big brother told
   * me.", "In the long winter."); with it, of the lore lines it changed, 93 % → 70 % read broken
   * (docs/dialogue.md, reading 21).
   */
  longestSentenceBySituation: Partial<Record<Situation, number>>;
  /**
   * Per situation, slots a line may not name although its training lines do. Lore: the foe and
   * the biome. Lore naming them is mostly templates ("The old folk say the beans grow best where
   * the {foe} once slept."), which the novelty filter forbids copying, so the best-ranked lore
   * line naming one was a cut-down copy ("The old folk say the {foe} once slept.") — 82–89 % of
   * them read broken against 60 % of the other lore lines (docs/dialogue.md, reading 22).
   */
  withoutSlots: Partial<Record<Situation, readonly Slot[]>>;
  /**
   * Situations whose lines name each slot at most once (every line: once per sentence). Quest
   * descriptions: 2 of the corpus's 690 name a slot twice, and 21 % of the shown ones did ("The Silver
   * Harp is there, and find Gork Fields. The Silver Harp is in Gork Fields, north-west of here.").
   */
  slotOncePerLine: readonly Situation[];
}

export const DEFAULT_WRITER: WriterSettings = {
  candidates: DEFAULT_PARAMS.dialogue.candidates,
  questFactor: 2,
  situationFactor: { greeting: 4, farewell: 4, lore: 8, rumour: 4, warning: 4, trade: 4, hint: 4, 'quest-hook': 4, 'quest-description': 4 },
  mixtureCandidates: 0,
  judged: 2,
  judgedWhenPicking: 4,
  splicePenalty: DEFAULT_PARAMS.dialogue.splicePenalty,
  judgePenalty: DEFAULT_PARAMS.dialogue.judgePenalty,
  rounds: 3,
  maxSentences: 2,
  sentencesBySituation: { 'quest-description': 3 },
  minWords: 3,
  longestSentenceBySituation: { lore: 6 },
  withoutSlots: { lore: ['foe', 'biome'] },
  slotOncePerLine: ['quest-description'],
};

/** What the chain's training lines attest: their words and runs, and each situation's slots. */
interface Attested {
  lexicon: Lexicon;
  slots: ReadonlyMap<string, ReadonlySet<string>>;
  runs: Attestation;
  judge: JudgeContext;
}
const attested = new WeakMap<DialogueModels, Attested>();

/** The lexicon and the slots per situation of the chain's training lines (cached per loaded models). */
function attestedOf(models: DialogueModels): Attested {
  let known = attested.get(models);
  if (!known) {
    const lines = models.markov.rows.map((r) => r.text);
    const runs = new Attestation(models.markov.rows);
    attested.set(models, (known = { lexicon: new Lexicon(lines), slots: slotsBySituation(models.markov.rows), runs, judge: new JudgeContext(models.markov, runs) }));
  }
  return known;
}

/** Bits per character a candidate is ranked by (lower is better); see the module comment. */
export function candidateScore(line: SampledLine, kind: ModelKind): number {
  const bits = kind === 'markov' ? line.chainBits : kind === 'transformer' ? line.transformerBits : line.transformerBits + line.chainBits;
  return bits / line.chars;
}

interface Candidate {
  i: number;
  line: SampledLine;
  /** Bits per character added for runs no training line has (the splice penalty × their share) and for the judge's doubt. */
  penalty: number;
}

/** Ranked, filtered best-of-N sampling as a LineSampler (the filters need the novelty index). */
export function createLineWriter(kind: ModelKind, models: DialogueModels, index: NoveltyIndex | undefined, settings: WriterSettings = DEFAULT_WRITER): LineSampler {
  const { lexicon, slots: attestedSlots, runs, judge } = attestedOf(models);
  const slots = new Map([...attestedSlots].map(([situation, named]) => {
    const denied: readonly string[] = settings.withoutSlots[situation as Situation] ?? [];
    return [situation, new Set([...named].filter((slot) => !denied.includes(slot)))];
  }));
  const rules = (r: LineRequest): FormRules => ({
    lexicon, slots: slots.get(r.situation), minWords: settings.minWords, minLongestSentence: settings.longestSentenceBySituation[r.situation] ?? 0, slotOncePerLine: settings.slotOncePerLine.includes(r.situation as Situation), requireFacts: true, maxSentences: settings.sentencesBySituation[r.situation] ?? settings.maxSentences,
  });
  return {
    name: kind,
    sampleLines(requests, rng, options) {
      const candidates = options.candidates ?? settings.candidates;
      if (!(Number.isInteger(candidates) && candidates >= 1)) throw new Error(`line writer: candidates must be a whole number ≥ 1, got ${candidates}`);
      const pick = options.pick ?? 0;
      if (!(pick >= 0 && Number.isFinite(pick))) throw new Error(`line writer: pick must be a number ≥ 0, got ${pick}`);
      const splicePenalty = options.splicePenalty ?? settings.splicePenalty;
      if (!(splicePenalty >= 0 && Number.isFinite(splicePenalty))) throw new Error(`line writer: splicePenalty must be a number ≥ 0, got ${splicePenalty}`);
      const judgePenalty = options.judgePenalty ?? settings.judgePenalty;
      if (!(judgePenalty >= 0 && Number.isFinite(judgePenalty))) throw new Error(`line writer: judgePenalty must be a number ≥ 0, got ${judgePenalty}`);
      const fitted = models.judge;
      // Candidate c of a line comes from the writer's own model (the transformer's writer: all; the
      // mixture's: the first `mixtureCandidates`) or else from the chain.
      const ownModel = (c: number) => kind === 'transformer' || (kind === 'mixture' && c < settings.mixtureCandidates);
      const count = (i: number) => {
        const { situation } = requests[i];
        return candidates * (settings.situationFactor[situation] ?? (isQuestSituation(situation) ? settings.questFactor : 1));
      };
      const out = requests.map(() => '');
      // The sentences each speaker's chosen lines say (`LineRequest.speaker`).
      const spoken = new Map<number, Set<string>>();
      let pending = requests.map((_, i) => i);
      for (let round = 0; round < settings.rounds && pending.length > 0; round++) {
        const slots = pending.flatMap((i) => Array.from({ length: count(i) }, (_, c) => ({ i, c })));
        const sample = (which: ModelKind, picked: { i: number; c: number }[]): Candidate[] => {
          const forks: Rng[] = picked.map(({ i, c }) => rng.fork(`line:${i}/${round}/${c}`));
          return sampleScoredLines(which, models, picked.map(({ i }) => requests[i]), forks, options, rules).map((line, k) => ({ i: picked[k].i, line, penalty: 0 }));
        };
        const accepted = (cs: Candidate[]) => {
          const kept = cs.filter((x) => acceptable(x.line.text, requests[x.i], index, lexicon));
          if (splicePenalty > 0) for (const x of kept) x.penalty = splicePenalty * unattestedShare(runs, x.line.text, requests[x.i]);
          if (fitted && judgePenalty > 0) {
            for (const x of kept) {
              const { role, situation } = requests[x.i];
              x.penalty += judgePenalty * brokenProbability(fitted, judge.features(x.line.text, role, situation), situation);
            }
          }
          return kept;
        };
        const own = accepted(sample(kind === 'mixture' ? 'mixture' : kind, slots.filter((s) => ownModel(s.c))));
        const chain = accepted(sample('markov', slots.filter((s) => !ownModel(s.c))));
        const scored = new Map<number, Map<string, number>>();
        // A speaker's lines are chosen in turn, each without the sentences its earlier ones say.
        for (const phase of speakerPhases(requests, pending)) {
          const inPhase = new Set(phase);
          const [ownNew, chainNew] = withoutRepeats([own, chain].map((cs) => cs.filter((x) => inPhase.has(x.i))), requests, spoken);
          const judgedNew = kind === 'mixture' ? judgeChainCandidates(models, requests, chainNew, pick > 0 ? settings.judgedWhenPicking : settings.judged) : chainNew;
          const byRequest = new Map<number, Map<string, number>>();
          for (const { i, line, penalty } of [...ownNew, ...judgedNew]) {
            const byText = byRequest.get(i) ?? new Map<string, number>();
            const score = candidateScore(line, kind) + penalty;
            const held = byText.get(line.text);
            if (held === undefined || score < held) byText.set(line.text, score);
            byRequest.set(i, byText);
          }
          for (const [i, byText] of byRequest) {
            out[i] = pickCandidate(byText, pick, rng.fork(`pick:${i}/${round}`));
            scored.set(i, byText);
            const speaker = requests[i].speaker;
            if (speaker === undefined) continue;
            const said = spoken.get(speaker) ?? new Set<string>();
            for (const key of sentenceKeys(fillSlots(out[i], requests[i].facts) ?? '')) said.add(key);
            spoken.set(speaker, said);
          }
        }
        pending = pending.filter((i) => !scored.has(i));
      }
      return out;
    },
  };
}

/**
 * The pending requests in phases: a request is in phase k when k earlier pending requests have
 * its speaker (requests without a speaker: phase 0). One phase when no speaker says two lines.
 */
function speakerPhases(requests: readonly LineRequest[], pending: readonly number[]): number[][] {
  const phases: number[][] = [];
  const count = new Map<number, number>();
  for (const i of pending) {
    const speaker = requests[i].speaker;
    const k = speaker === undefined ? 0 : (count.get(speaker) ?? 0);
    if (speaker !== undefined) count.set(speaker, k + 1);
    (phases[k] ??= []).push(i);
  }
  return phases;
}

/**
 * Candidate lists (own, chain) without the candidates that say a sentence their speaker's chosen
 * lines already say — for each request whose candidates are not all such repeats (then all stay).
 */
function withoutRepeats(lists: Candidate[][], requests: readonly LineRequest[], spoken: ReadonlyMap<number, ReadonlySet<string>>): Candidate[][] {
  const repeats = (x: Candidate) => {
    const { speaker, facts } = requests[x.i];
    const said = speaker === undefined ? undefined : spoken.get(speaker);
    return said !== undefined && sentenceKeys(fillSlots(x.line.text, facts) ?? '').some((key) => said.has(key));
  };
  const marked = lists.map((cs) => cs.map((x) => ({ x, repeat: repeats(x) })));
  const hasNew = new Set(marked.flat().filter((m) => !m.repeat).map((m) => m.x.i));
  return marked.map((ms) => ms.filter((m) => !m.repeat || !hasNew.has(m.x.i)).map((m) => m.x));
}

/** The share of a line's runs of 4 pieces that no training line has (0 for a line without runs). */
export function unattestedShare(runs: Attestation, template: string, request: LineRequest): number {
  const { runs: n, unattested } = runs.check(template, request.role, request.situation);
  return n === 0 ? 0 : unattested / n;
}

/**
 * One of a request's distinct acceptable candidates (text → score, bits per character): the
 * best when `pick` is 0, else a draw with weight exp(−(score − best) / pick). Ties and the draw
 * follow the candidates' order, so the choice is a pure function of them and `rng`.
 */
export function pickCandidate(byText: ReadonlyMap<string, number>, pick: number, rng: Rng): string {
  const entries = [...byText];
  const best = Math.min(...entries.map(([, s]) => s));
  if (!(pick > 0)) return entries.find(([, s]) => s === best)![0];
  const weights = entries.map(([, s]) => Math.exp(-(s - best) / pick));
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < entries.length; k++) if ((u -= weights[k]) < 0) return entries[k][0];
  return entries[entries.length - 1][0];
}

/** Keeps each request's `judged` best chain candidates (by the chain) and scores them by the transformer. */
function judgeChainCandidates(models: DialogueModels, requests: readonly LineRequest[], chain: Candidate[], judged: number): Candidate[] {
  const byRequest = new Map<number, Candidate[]>();
  for (const x of chain) byRequest.set(x.i, [...(byRequest.get(x.i) ?? []), x]);
  const chainScore = (x: Candidate) => candidateScore(x.line, 'markov') + x.penalty;
  const kept = [...byRequest.values()].flatMap((cs) => cs.sort((a, b) => chainScore(a) - chainScore(b)).slice(0, judged));
  const bits = transformerBitsOf(models, kept.map((x) => requests[x.i]), kept.map((x) => x.line.text));
  kept.forEach((x, k) => (x.line.transformerBits = bits[k]));
  return kept;
}

/**
 * A splice glitch of repetition: a run of three or four words said twice in a row ("my good
 * customer, my good customer"; the corpus has two such lines in 6,880, both deliberate: "they are
 * gone, they are gone"), or with `lexicon`, a shorter run or a sentence repeated in a way its
 * training lines never do (`Lexicon.repeatsOddly`: "Good day, good day, good day" and "Farewell,
 * {player}! Farewell, {player}!" go, "Well met, well met!" stays).
 */
export function stutters(template: string, lexicon?: Lexicon): boolean {
  if (lexicon?.repeatsOddly(template)) return true;
  const w = wordsOf(template);
  for (let k = 3; k <= 4; k++) {
    for (let i = 0; i + 2 * k <= w.length; i++) {
      let same = true;
      for (let j = 0; j < k && same; j++) same = w[i + j] === w[i + k + j];
      if (same) return true;
    }
  }
  return false;
}

function acceptable(template: string, request: LineRequest, index: NoveltyIndex | undefined, lexicon: Lexicon): boolean {
  if (template === '' || stutters(template, lexicon)) return false;
  const filled = fillSlots(template, request.facts);
  return filled !== null && lineProblem(template, filled, index, request.situation) === null;
}
