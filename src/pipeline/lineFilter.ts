import { COMPASS, type Situation, type Slot } from '../core/vocab';
import { fillSlots } from './slots';
import { buildGrammarIndex, fnv1a, grammarProblem, sentencesOf, type GrammarIndex } from './lineGrammar';
import type { LineRequest, LineSampler } from './ports';

/**
 * Filters for generated dialogue lines, as pure functions:
 * - blocklist: no offensive word reaches a player;
 * - novelty: a line identical to a training line, or sharing a run of 8 words with one, is a
 *   copy, not a generated line (the index of training lines ships as hashes beside the model);
 * - known words: every word occurs in the training text (no misspelt inventions);
 * - facts: no literal compass direction outside the `{direction}` slot (it could contradict the
 *   world; the slot is always filled with the true one), and the quest's lines name the quest's
 *   facts (a hook names the item, a description the item and where it is, a hint where);
 * - form: at least three words, and no sentence that stops on a word like "the" or "and";
 * - grammar (when the index has the training lines' verbs): no clause without its verb, no
 *   content line that is only an opener (lineGrammar.ts);
 * - rejected (when the index has them): not a line blind readers marked broken whenever it was shown,
 *   nor one with a sentence that read broken in every line they saw it in (assets/text/rejected.txt,
 *   built from their labels by `npm run data:rejects`).
 * A rejected line is resampled a bounded number of times, then replaced by a fallback
 * (`writeLines` in dialogue.ts does both; this module says yes or no).
 */

/** Words no line may contain (lower case; also matched with -s/-es/-ed/-ing/-er endings). */
export const BLOCKLIST: readonly string[] = [
  'arse', 'arsehole', 'ass', 'asshole', 'bastard', 'bitch', 'bollocks', 'bugger', 'bullshit', 'crap', 'cunt',
  'damn', 'dick', 'dickhead', 'douche', 'fag', 'faggot', 'fuck', 'fucker', 'fucking', 'goddamn', 'hell',
  'jackass', 'kike', 'motherfucker', 'nigga', 'nigger', 'piss', 'prick', 'pussy', 'retard', 'retarded',
  'shit', 'shite', 'slut', 'spastic', 'tits', 'twat', 'wank', 'wanker', 'whore', 'rape', 'rapist',
];

const BLOCKED: ReadonlySet<string> = new Set(BLOCKLIST);
const ENDINGS = ['s', 'es', 'ed', 'ing', 'er', 'ers'];
const WORD_RE = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const SLOT_RE = /\{[a-z]+\}/g;

/** Lower-case words of a line; slot tokens count as words (`{place}`), punctuation does not. */
export function lineWords(text: string): string[] {
  return (text.toLowerCase().match(/\{[a-z]+\}|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? []);
}

/** The first blocked word of a line (slot values included), or null. */
export function blockedWord(text: string): string | null {
  for (const w of text.toLowerCase().match(WORD_RE) ?? []) {
    for (const part of [w, ...w.split(/['-]/)]) {
      if (BLOCKED.has(part)) return part;
      for (const e of ENDINGS) if (part.endsWith(e) && BLOCKED.has(part.slice(0, -e.length))) return part;
    }
  }
  return null;
}

/** A literal compass word outside the `{direction}` slot, or null. */
export function literalDirection(template: string): string | null {
  const words = template.replace(SLOT_RE, ' ').toLowerCase().match(WORD_RE) ?? [];
  const compass = new Set<string>([...COMPASS, 'northward', 'southward', 'eastward', 'westward', 'northern', 'southern', 'eastern', 'western']);
  for (const w of words) if (compass.has(w)) return w;
  return null;
}

/** Slots a line of a situation must use: each inner list needs at least one of its slots. */
export const REQUIRED_SLOTS: Partial<Record<Situation, readonly (readonly Slot[])[]>> = {
  'quest-hook': [['item']],
  'quest-description': [['item'], ['place', 'direction']],
  'quest-completion': [['item', 'foe']],
  hint: [['place', 'direction']],
};

/** The first missing requirement of REQUIRED_SLOTS, or null. */
export function missingFact(template: string, situation: Situation): string | null {
  for (const anyOf of REQUIRED_SLOTS[situation] ?? []) {
    if (!anyOf.some((s) => template.includes(`{${s}}`))) return `a ${situation} line must name ${anyOf.map((s) => `{${s}}`).join(' or ')}`;
  }
  return null;
}

/** Articles and possessive determiners: never the last word before punctuation ("Follow its, or …"). */
export const DETERMINERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'my', 'your', 'our', 'their', 'its']);

/** Words no sentence ends on (determiners, conjunctions; prepositions can: "come in."). */
export const DANGLING: ReadonlySet<string> = new Set([...DETERMINERS, 'and', 'or', 'but', 'nor', 'than']);

/** Words in a run a line may not say twice (no corpus line does). */
const REPEAT_RUN = 6;

/** Why a line is too broken to show (too short, a sentence stopping mid-phrase, a stray quotation mark, a repeated run), or null. */
export function formProblem(template: string): string | null {
  const words = lineWords(template);
  if (words.length < 3) return `only ${words.length} word(s)`;
  // A splice that joins a fragment to itself ("{item} is there, and find {place}. {item} is there,
  // and find {place}, …"); no corpus line repeats a run of six words.
  const runs = new Set<string>();
  for (let i = 0; i + REPEAT_RUN <= words.length; i++) {
    const run = words.slice(i, i + REPEAT_RUN).join(' ');
    if (runs.has(run)) return `repeats the run "${run}"`;
    runs.add(run);
  }
  if (/(?:^|[.!?]\s)I[.!?]/.test(template)) return 'a sentence that is only "I"';
  // Articles and possessives always lead into a noun; in the corpus none stands before a comma.
  for (const m of template.matchAll(/([\p{L}']+)\s*[,;:]/gu)) {
    if (DETERMINERS.has(m[1].toLowerCase())) return `"${m[1]}" stands before a comma`;
  }
  // A quoted name spliced in half ('Welcome, young one."') leaves one mark without its partner.
  if ((template.match(/"/g) ?? []).length % 2 === 1) return 'an unmatched quotation mark';
  // Single quotes: one opens before a word ("goes: 'Head"), one closes after the quote's last mark
  // ("lies.'"); a plural possessive ("pilgrims' road") is neither. Spliced lines leave one alone.
  const opening = (template.match(/(?:^|\s)'(?=[\p{L}{])/gu) ?? []).length;
  const closing = (template.match(/[.!?,]'(?=\s|$)/gu) ?? []).length;
  if (opening !== closing) return 'an unmatched quotation mark';
  for (const m of template.matchAll(/([\p{L}']+)\s*[.!?]/gu)) {
    if (DANGLING.has(m[1].toLowerCase())) return `a sentence stops on "${m[1]}"`;
  }
  return null;
}

/** Hashes of the training lines and of their 8-word runs, plus the words they use. */
export interface NoveltyIndex {
  runLength: number;
  lines: ReadonlySet<number>;
  runs: ReadonlySet<number>;
  words: ReadonlySet<string>;
  /** The grammar checks' index; absent when the index was built without the lines' verbs. */
  grammar?: GrammarIndex;
  /** `rejectKey` hashes of lines and sentences blind readers marked broken (assets/text/rejected.txt); absent: none. */
  rejected?: ReadonlySet<number>;
}

/**
 * What readers rejected (assets/text/rejected.txt), in slot form, per situation: a whole line, or
 * a sentence that read broken in every line they saw it in.
 */
export interface RejectedText {
  unit: 'line' | 'sentence';
  situation: string;
  text: string;
}

/**
 * What identifies a rejected line or sentence: the unit, the situation and the words (lower case,
 * punctuation ignored, as for novelty), with `{npc}` and `{player}` as one `{name}` — a reader
 * sees a name, not which one it is.
 */
export function rejectKey(unit: RejectedText['unit'], text: string, situation: string): number {
  return fnv1a(`${unit}|${situation}|${lineWords(text).map((w) => (w === '{npc}' || w === '{player}' ? '{name}' : w)).join(' ')}`);
}

/** The index with `texts` rejected (their `rejectKey`s; none: no such check). */
export function withRejected(index: NoveltyIndex, texts: Iterable<RejectedText>): NoveltyIndex {
  const rejected = new Set<number>();
  for (const { unit, situation, text } of texts) rejected.add(rejectKey(unit, text, situation));
  return rejected.size > 0 ? { ...index, rejected } : index;
}

/** Why readers would reject a line (slot form) in `situation`, or null. */
export function rejectedProblem(template: string, situation: string, rejected: ReadonlySet<number>): string | null {
  if (rejected.has(rejectKey('line', template, situation))) return 'a line blind readers marked broken (assets/text/rejected.txt)';
  const sentence = sentencesOf(template).find((x) => rejected.has(rejectKey('sentence', x, situation)));
  return sentence === undefined ? null : `the sentence "${sentence}" read broken in every line blind readers saw it in (assets/text/rejected.txt)`;
}

/**
 * Builds the index from training lines in slot form (`Go {direction}.`). With `verbs` (the words
 * the lines use as verbs: src/train/dialogue/verbs.ts) it also holds the grammar checks' index.
 */
export function buildNoveltyIndex(lines: readonly string[], verbs?: Iterable<string>, runLength = 8): NoveltyIndex {
  const hashedLines = new Set<number>();
  const runs = new Set<number>();
  for (const line of lines) {
    const w = lineWords(line);
    hashedLines.add(fnv1a(w.join(' ')));
    for (let i = 0; i + runLength <= w.length; i++) runs.add(fnv1a(w.slice(i, i + runLength).join(' ')));
  }
  return { runLength, lines: hashedLines, runs, words: corpusWords(lines), grammar: verbs ? buildGrammarIndex(lines, verbs) : undefined };
}

/** The words of lines in slot form (lower case, slot tokens left out): what a line may say. */
export function corpusWords(lines: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const w of lineWords(line)) if (!w.startsWith('{')) words.add(w);
  return words;
}

/** Why a line (slot form) copies training text, or null when it is new. */
export function copyProblem(template: string, index: NoveltyIndex): string | null {
  const w = lineWords(template);
  if (index.lines.has(fnv1a(w.join(' ')))) return 'identical to a training line';
  for (let i = 0; i + index.runLength <= w.length; i++) {
    if (index.runs.has(fnv1a(w.slice(i, i + index.runLength).join(' ')))) return `shares a ${index.runLength}-word run with a training line`;
  }
  return null;
}

/** Words of a line (slot form) that never occur in the training text. */
export function unknownWords(template: string, index: NoveltyIndex): string[] {
  return lineWords(template).filter((w) => !w.startsWith('{') && !index.words.has(w));
}

/**
 * Why the game must not show a line, or null. `template` is the sampled line, `text` it filled;
 * `situation` enables the quest-fact check.
 */
export function lineProblem(template: string, text: string, index?: NoveltyIndex, situation?: Situation): string | null {
  const blocked = blockedWord(text);
  if (blocked) return `blocked word "${blocked}"`;
  const dir = literalDirection(template);
  if (dir) return `literal direction "${dir}" outside {direction}`;
  const form = formProblem(template);
  if (form) return form;
  const missing = situation ? missingFact(template, situation) : null;
  if (missing) return missing;
  if (index) {
    const copy = copyProblem(template, index);
    if (copy) return copy;
    const unknown = unknownWords(template, index);
    if (unknown.length > 0) return `unknown word "${unknown[0]}"`;
    const grammar = index.grammar ? grammarProblem(template, situation, index.grammar) : null;
    if (grammar) return grammar;
    const rejected = situation && index.rejected ? rejectedProblem(template, situation, index.rejected) : null;
    if (rejected) return rejected;
  }
  return null;
}

/** The `accept` check for writeLines: true when the line may be shown. */
export function createLineAccept(index?: NoveltyIndex): (text: string, request: LineRequest, template: string) => boolean {
  return (text, request, template) => lineProblem(template, text, index, request.situation) === null;
}

interface NoveltyJson {
  format: 'worldsmith-novelty';
  runLength: number;
  lines: string;
  runs: string;
  words: string[];
  grammar?: { verbs: string[]; clauses: string; openers: string };
  rejected?: string;
}

function packHashes(set: ReadonlySet<number>): string {
  const arr = Uint32Array.from([...set].sort((a, b) => a - b));
  const bytes = new Uint8Array(arr.buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin);
}

function unpackHashes(b64: unknown, what: string): Set<number> {
  if (typeof b64 !== 'string') throw new Error(`novelty index: ${what} must be a base64 string`);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new Error(`novelty index: ${what} is not base64`);
  }
  if (bin.length % 4 !== 0) throw new Error(`novelty index: ${what} has ${bin.length} bytes, not a multiple of 4`);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new Set(new Uint32Array(bytes.buffer));
}

/** The index as JSON (novelty.json): sorted little-endian uint32 hashes in base64, and the words. */
export function serializeNoveltyIndex(index: NoveltyIndex): string {
  const g = index.grammar;
  const json: NoveltyJson = {
    format: 'worldsmith-novelty', runLength: index.runLength, lines: packHashes(index.lines), runs: packHashes(index.runs), words: [...index.words].sort(),
    ...(g ? { grammar: { verbs: [...g.verbs].sort(), clauses: packHashes(g.clauses), openers: packHashes(g.openers) } } : {}),
    ...(index.rejected ? { rejected: packHashes(index.rejected) } : {}),
  };
  return JSON.stringify(json);
}

/** Parses novelty.json content; throws naming what is wrong. */
export function parseNoveltyIndex(value: unknown): NoveltyIndex {
  const v = value as Partial<NoveltyJson>;
  if (typeof v !== 'object' || v === null || v.format !== 'worldsmith-novelty') throw new Error('novelty index: expected format "worldsmith-novelty"');
  if (!Number.isInteger(v.runLength) || (v.runLength ?? 0) < 2) throw new Error('novelty index: runLength must be an integer ≥ 2');
  if (typeof v.lines !== 'string' || typeof v.runs !== 'string') throw new Error('novelty index: lines and runs must be base64 strings');
  if (!Array.isArray(v.words) || v.words.some((w) => typeof w !== 'string')) throw new Error('novelty index: words must be a list of strings');
  const index: NoveltyIndex = {
    runLength: v.runLength!, lines: unpackHashes(v.lines, 'lines'), runs: unpackHashes(v.runs, 'runs'), words: new Set(v.words),
    ...(v.rejected === undefined ? {} : { rejected: unpackHashes(v.rejected, 'rejected') }),
  };
  if (v.grammar === undefined) return index;
  const g = v.grammar as Partial<NonNullable<NoveltyJson['grammar']>>;
  if (typeof g !== 'object' || g === null || !Array.isArray(g.verbs) || g.verbs.some((w) => typeof w !== 'string')) throw new Error('novelty index: grammar.verbs must be a list of strings');
  return { ...index, grammar: { verbs: new Set(g.verbs), clauses: unpackHashes(g.clauses, 'grammar.clauses'), openers: unpackHashes(g.openers, 'grammar.openers') } };
}

/**
 * Wraps a LineSampler so that it only returns lines the game may show: each rejected line is
 * resampled up to `retries` times (with fresh forks of the Rng, so still deterministic), then
 * returned as '' — which writeLines treats as a failure, resamples a bounded number of rounds and
 * finally replaces with its fallback line. The filter thus travels with the sampler.
 */
export function filteredLineSampler(inner: LineSampler, index: NoveltyIndex | undefined, retries = 3): LineSampler {
  return {
    name: inner.name,
    sampleLines(requests, rng, options) {
      const out = inner.sampleLines(requests, rng.fork('filter:0'), options);
      let pending = requests.map((_, i) => i);
      for (let round = 0; round <= retries && pending.length > 0; round++) {
        if (round > 0) {
          const again = inner.sampleLines(pending.map((i) => requests[i]), rng.fork(`filter:${round}`), options);
          pending.forEach((i, k) => (out[i] = again[k]));
        }
        pending = pending.filter((i) => {
          const filled = fillSlots(out[i], requests[i].facts);
          return filled === null || lineProblem(out[i], filled, index, requests[i].situation) !== null;
        });
      }
      for (const i of pending) out[i] = '';
      return out;
    },
  };
}
