import type { Slot } from '../../core/vocab';
import { DANGLING, REQUIRED_SLOTS } from '../../pipeline/lineFilter';
import { slotsOf } from '../../pipeline/slots';
import { isSlotPiece, isWordPiece, pieceBody, wordsOf } from './pieces';

/**
 * Constrained decoding: rules a line keeps *while* it is sampled, so the samplers do not spend
 * whole lines on text the filters would reject afterwards.
 * - Spelling: every word is a word of the training text (a prefix tree over the lexicon lets the
 *   transformer spell a word subword by subword and end it only when it is complete).
 * - Form: no sentence ends on an article, conjunction or possessive ("past the.") or on a
 *   frequent word or word pair that training sentences (almost) never end on ("has been.", "the
 *   old.", "warned us that."); a sentence starts with a capital or a slot; no word follows itself
 *   ("spare spare"); no sentence is empty; the line ends after a sentence, with at least
 *   `minWords` words and one sentence of `minLongestSentence` words, and after `maxSentences`
 *   sentences it must end; a sentence names each slot at most once ("{place} lies {place}"; 6
 *   of the corpus's 6,880 lines do it, 0.09 %).
 * - Situation: a line names only slots its situation's training lines name (`slotsBySituation`:
 *   no "Fresh stock today: {direction}." in a trade line).
 * - Facts: a quest line may not end before it names the slots its situation requires (one that
 *   reaches its last sentence without them is a dead end: the sampler gives it up).
 */

/** A piece as the rules see it (`Lexicon.facts`). */
export interface PieceFacts {
  /** The piece without its leading space, and in lower case. */
  body: string;
  lower: string;
  /** The slot's name for a slot piece (` {place}` → "place"), else null. */
  slot: string | null;
  /** A word (letters or digits first), and one of the training text. */
  word: boolean;
  known: boolean;
  /** Starts with a lower-case letter (cannot start a sentence). */
  startsLower: boolean;
}

export class Lexicon {
  private readonly words = new Set<string>();
  private readonly prefixes = new Set<string>();
  /** Frequent words that (almost) never end a sentence in the training text: "been", "of", "very". */
  private readonly neverLast = new Set<string>();
  /** Frequent word pairs (slots included) that (almost) never end one: "the old", "us that", "{item} is". */
  private readonly neverLastPair = new Set<string>();
  /** Short runs the training text says again right away, with how often: "2|well met", "3|thank you". */
  private readonly repeats = new Set<string>();
  /** Whole sentences the training text says twice in a row (as their words). */
  private readonly doubledSentences = new Set<string>();
  private readonly pieceFacts = new Map<string, PieceFacts>();

  /** Words (lower case) of training lines. */
  constructor(lines: Iterable<string>) {
    const count = new Map<string, number>();
    const last = new Map<string, number>();
    const pairs = new Map<string, number>();
    const lastPairs = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const line of lines) {
      const sentences = sentencesOf(line);
      const said = sentences.map(wordsOf);
      for (const key of doubledSentences(said)) this.doubledSentences.add(key);
      sentences.forEach((sentence, s) => {
        const words = said[s];
        for (const key of repeatedRuns(words)) this.repeats.add(key);
        const ends = /[.!?]["']?$/.test(sentence);
        words.forEach((w, i) => {
          bump(count, w);
          if (i > 0) bump(pairs, pairKey(words[i - 1], w));
          if (i === words.length - 1 && ends) {
            bump(last, w);
            if (i > 0) bump(lastPairs, pairKey(words[i - 1], w));
          }
        });
      });
    }
    for (const [w, n] of count) {
      if (w.startsWith('{')) continue;
      this.words.add(w);
      for (let i = 1; i <= w.length; i++) this.prefixes.add(w.slice(0, i));
      if (n >= NEVER_LAST_MIN_COUNT && (last.get(w) ?? 0) < NEVER_LAST_SHARE * n) this.neverLast.add(w);
    }
    for (const [k, n] of pairs) if (n >= NEVER_LAST_MIN_COUNT && (lastPairs.get(k) ?? 0) < NEVER_LAST_SHARE * n) this.neverLastPair.add(k);
  }

  /**
   * Whether a sentence may end on this (lower-case) word, after `previous` (the sentence's word
   * before it, '' at its start): not on a dangling word, not on a frequent word or word pair that
   * training sentences (almost) never end on.
   */
  mayEndSentence(word: string, previous = ''): boolean {
    return !this.neverLast.has(word) && !DANGLING.has(word) && !this.neverLastPair.has(pairKey(previous, word));
  }

  /**
   * Whether a line says something again right away that training lines never repeat so: a run of
   * one or two words within a sentence ("do not do not", "good day, good day, good day" where
   * the corpus has "Good day, good day"), or a whole sentence ("Farewell, {player}! Farewell,
   * {player}!"). The corpus decides which repetitions are a voice ("Well met, well met!").
   */
  repeatsOddly(line: string): boolean {
    const said = sentencesOf(line).map(wordsOf);
    if (doubledSentences(said).some((k) => !this.doubledSentences.has(k))) return true;
    return said.some((words) => repeatedRuns(words).some((k) => !this.repeats.has(k)));
  }

  /**
   * What the rules need to know of a piece, worked out once per distinct piece (sampling asks
   * about the same few thousand pieces at every step). Bounded: cleared past 100,000 pieces.
   */
  facts(piece: string): PieceFacts {
    let f = this.pieceFacts.get(piece);
    if (f) return f;
    if (this.pieceFacts.size >= 100_000) this.pieceFacts.clear();
    const body = pieceBody(piece);
    const lower = body.toLowerCase();
    const word = isWordPiece(piece);
    f = { body, lower, slot: isSlotPiece(piece) ? body.slice(1, -1) : null, word, known: word && this.words.has(lower), startsLower: /^\p{Ll}/u.test(body) };
    this.pieceFacts.set(piece, f);
    return f;
  }

  get size(): number {
    return this.words.size;
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }

  /** True when some known word starts with `start`. */
  hasPrefix(start: string): boolean {
    return this.prefixes.has(start.toLowerCase());
  }
}

/**
 * A word, or a pair of consecutive words of a sentence (punctuation between them ignored), seen
 * this often that ends fewer than this share of its sentences cannot end one. For pairs, 20 forbids
 * 0.1–0.6 % of the held-out corpus's sentence endings (splits 1–3), 10 forbade 0.5–1.3 %.
 */
const NEVER_LAST_MIN_COUNT = 20;
const NEVER_LAST_SHARE = 0.01;

const pairKey = (a: string, b: string): string => `${a} ${b}`;

/** A line's sentences (split after . ! ? and a closing quote). */
function sentencesOf(line: string): string[] {
  return line.split(/(?<=[.!?])["']?\s+/);
}

/**
 * Runs of one or two words said again right after themselves, as "count|run" ("2|well met",
 * "3|good day"); a longer run counts once, at its first word.
 */
function repeatedRuns(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 1; k <= 2; k++) {
    for (let i = 0; i + 2 * k <= words.length; ) {
      const run = words.slice(i, i + k).join(' ');
      let n = 1;
      while (i + (n + 1) * k <= words.length && words.slice(i + n * k, i + (n + 1) * k).join(' ') === run) n++;
      if (n > 1) out.push(`${n}|${run}`);
      i += n > 1 ? n * k : 1;
    }
  }
  return out;
}

/** Of a line's sentences (as their words), those said twice in a row, as their words joined. */
function doubledSentences(said: readonly string[][]): string[] {
  const joined = said.map((words) => words.join(' '));
  return joined.filter((w, i) => i > 0 && w !== '' && w === joined[i - 1]);
}

/**
 * The slots each situation's training lines name ("greeting" → {player}, {npc}, …): a trade line
 * never gives a direction, a farewell never names the quest's item. Of the held-out corpus lines,
 * 0 / 0 / 9 of ~1,365 (splits 1–3; one template family of scholars' farewells) name a slot their
 * situation's training lines do not.
 */
export function slotsBySituation(rows: Iterable<{ situation: string; text: string }>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { situation, text } of rows) {
    let seen = out.get(situation);
    if (!seen) out.set(situation, (seen = new Set()));
    for (const slot of slotsOf(text)) seen.add(slot);
  }
  return out;
}

export interface FormRules {
  lexicon: Lexicon;
  /** The slots a line of this situation may name (`slotsBySituation`); any when absent. */
  slots?: ReadonlySet<string>;
  minWords: number;
  /**
   * The line cannot end before one of its sentences has this many words (0 or absent: no such
   * rule), so a lore line says something and is not only a lead-in ("In the long winter.").
   */
  minLongestSentence?: number;
  /**
   * Each slot at most once in the whole line, not only once per sentence: a quest description
   * names the item and the place once ("The Silver Harp is there, and find Gork Fields. The Silver
   * Harp is in Gork Fields…" restates them).
   */
  slotOncePerLine?: boolean;
  /** The line ends after this many sentences. */
  maxSentences: number;
  /** Quest lines cannot end before naming their required slots. */
  requireFacts: boolean;
}

const SENTENCE_END = /^[.!?]$/;

/** The rule state of one line being sampled; `add` each complete piece in order. */
export class LineForm {
  private words = 0;
  private wordsInSentence = 0;
  private sentences = 0;
  /** Words in the longest finished sentence. */
  private longest = 0;
  private lastWord = '';
  /** The sentence's word before `lastWord` ('' when `lastWord` starts the sentence). */
  private previousWord = '';
  private lastPiece = '';
  /** The last piece was a word or slot (a sentence may end after it, not after ',' or ':'). */
  private lastWordEnds = false;
  private readonly slots = new Set<string>();
  /** Slots the current sentence has named. */
  private sentenceSlots: string[] = [];
  private saved: { words: number; wordsInSentence: number; sentences: number; longest: number; lastWord: string; previousWord: string; lastPiece: string; lastWordEnds: boolean; slot: string | null; sentenceSlots: string[] } | null = null;
  private readonly required: readonly (readonly Slot[])[];

  constructor(private readonly rules: FormRules, situation: string) {
    this.required = rules.requireFacts ? (REQUIRED_SLOTS[situation as keyof typeof REQUIRED_SLOTS] ?? []) : [];
  }

  /** Whether a complete piece may come next. */
  allows(piece: string): boolean {
    if (this.mustEnd()) return false;
    const { slot, word, known, startsLower, body, lower } = this.rules.lexicon.facts(piece);
    if (slot !== null) return !(this.rules.slotOncePerLine ? this.slots.has(slot) : this.sentenceSlots.includes(slot)) && (this.rules.slots?.has(slot) ?? true);
    // A known word; one that starts a sentence is capitalised; no word follows itself.
    if (word) return known && (this.wordsInSentence > 0 || !startsLower) && lower !== (this.lastWordEnds ? this.lastWord : '');
    if (SENTENCE_END.test(body)) return this.wordsInSentence > 0 && this.lastWordEnds && this.rules.lexicon.mayEndSentence(this.lastWord, this.previousWord);
    if (this.lastWordEnds && DANGLING.has(this.lastWord)) return false; // "in the, friend"
    return this.lastPiece !== '' || body === '"' || body === "'";
  }

  /**
   * Whether a piece may start with `start` (a first subword): a word must be able to grow into a
   * known word; slots and punctuation are complete pieces already.
   */
  allowsStart(start: string): boolean {
    const { word, body, startsLower } = this.rules.lexicon.facts(start);
    // A sentence's first word is capitalised ("… {player}. the Flame" is a splice, not a sentence).
    if (word) return !this.mustEnd() && this.rules.lexicon.hasPrefix(body) && (this.wordsInSentence > 0 || !startsLower);
    return this.allows(start);
  }

  /** Whether a word piece may grow from `partial` by `more`. */
  allowsGrowth(partial: string, more: string): boolean {
    return isWordPiece(partial) && this.rules.lexicon.hasPrefix(pieceBody(partial) + more);
  }

  add(piece: string): void {
    const { slot: named, word, body, lower } = this.rules.lexicon.facts(piece);
    const slot = named !== null && !this.slots.has(named) ? named : null;
    this.saved = { words: this.words, wordsInSentence: this.wordsInSentence, sentences: this.sentences, longest: this.longest, lastWord: this.lastWord, previousWord: this.previousWord, lastPiece: this.lastPiece, lastWordEnds: this.lastWordEnds, slot, sentenceSlots: this.sentenceSlots };
    this.lastPiece = piece;
    this.lastWordEnds = named !== null || word;
    if (this.lastWordEnds) this.previousWord = this.wordsInSentence > 0 ? this.lastWord : '';
    if (named !== null) {
      this.slots.add(named);
      this.sentenceSlots = [...this.sentenceSlots, named];
      this.words++;
      this.wordsInSentence++;
      this.lastWord = body;
    } else if (word) {
      this.words++;
      this.wordsInSentence++;
      this.lastWord = lower;
    } else if (SENTENCE_END.test(body)) {
      this.sentences++;
      this.longest = Math.max(this.longest, this.wordsInSentence);
      this.wordsInSentence = 0;
      this.sentenceSlots = [];
    }
  }

  /** Takes back the last `add` (one level: to test a piece before committing to it). */
  undo(): void {
    const s = this.saved;
    if (!s) throw new Error('LineForm.undo: nothing to undo');
    ({ words: this.words, wordsInSentence: this.wordsInSentence, sentences: this.sentences, longest: this.longest, lastWord: this.lastWord, previousWord: this.previousWord, lastPiece: this.lastPiece, lastWordEnds: this.lastWordEnds, sentenceSlots: this.sentenceSlots } = s);
    if (s.slot) this.slots.delete(s.slot);
    this.saved = null;
  }

  /** Whether the line may end here. */
  canEnd(): boolean {
    if (this.words < this.rules.minWords || this.sentences === 0 || this.longest < (this.rules.minLongestSentence ?? 0)) return false;
    if (!(SENTENCE_END.test(pieceBody(this.lastPiece)) || (this.wordsInSentence === 0 && /^["']$/.test(pieceBody(this.lastPiece))))) return false;
    return this.required.every((anyOf) => anyOf.some((s) => this.slots.has(s)));
  }

  /** Whether the line must end now: it has its sentences (if it cannot end, it is a dead end). */
  mustEnd(): boolean {
    return this.sentences >= this.rules.maxSentences && this.wordsInSentence === 0;
  }
}
