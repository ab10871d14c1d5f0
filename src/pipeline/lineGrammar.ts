import type { Situation } from '../core/vocab';

/**
 * Grammar checks for generated lines that the splice penalty and the form rules miss, each a
 * clause or sentence whose words could not make a sentence a person would say. Blind readers
 * (docs/dialogue.md, "Grammar") marked nearly every line with one of them broken:
 * - a "that" clause without a verb ("The litany tells us that the Dawn.");
 * - a reporting verb whose complement has no verb ("The old folk say the cabbages.");
 * - a clause after a comma opened by "and", "but", "so", "then" or "or" without a verb ("I saw
 *   something in the {biome}, and then it.");
 * - a content line (not a greeting or farewell) that is only an opener: one sentence, no slot,
 *   which the training lines use at least twice and always go on after ("Between you and me." as
 *   a rumour).
 * Which words are verbs comes from the training lines themselves, tagged in context when the
 * index is built (src/train/dialogue/verbs.ts), and a clause the training lines complete in the
 * same words is always allowed ("and also the only one", "but not forever"), so no training line
 * breaks these rules.
 */

export interface GrammarIndex {
  /** Lower-case words the training lines use as verbs (or modals, auxiliaries, copulas). */
  verbs: ReadonlySet<string>;
  /** Hashes of the clauses (as `clausesOf` finds them) the training lines complete. */
  clauses: ReadonlySet<number>;
  /** Hashes of the sentences training lines use at least twice, never as their last. */
  openers: ReadonlySet<number>;
}

/** Verbs that report speech or hearsay: their complement is a clause, not a thing ("they say …"). */
const REPORTING: ReadonlySet<string> = new Set([
  'say', 'says', 'said', 'whisper', 'whispers', 'whispered', 'claim', 'claims', 'claimed', 'reckon', 'reckons',
  'swear', 'swears', 'swore', 'mutter', 'mutters', 'muttered', 'insist', 'insists', 'insisted', 'write', 'writes',
  'wrote', 'report', 'reports', 'reported',
]);
const OBJECT_PRONOUN = /^(?:us|me|you|him|her|them)$/;
const CONJUNCTION = /^(?:and|but|so|then|or)$/;
/** A contraction carries its verb ("it's", "they're", "won't"); a possessive "'s" counts too, which only makes the check more lenient. */
const CONTRACTED_VERB = /(?:'(?:s|re|ll|ve|d|m)|n't)$/;
const TOKEN_RE = /\{[a-z]+\}|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[,;:]/gu;

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The sentences of a line (split after . ! ?). */
export function sentencesOf(template: string): string[] {
  return template.trim().split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
}

/** A sentence as lower-case words and slot tokens, punctuation dropped: the key of `openers`. */
export function sentenceKey(sentence: string): string {
  return (sentence.toLowerCase().match(TOKEN_RE) ?? []).filter((t) => !/^[,;:]$/.test(t)).join(' ');
}

/** A clause whose verb the check looks for: its kind and words (lower case, slots as tokens). */
export interface Clause {
  kind: 'that' | 'reporting' | 'conjunction';
  words: string[];
}

/** The clauses of one line the checks look at, sentence by sentence. */
export function clausesOf(template: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of sentencesOf(template)) {
    const tokens = sentence.toLowerCase().match(TOKEN_RE) ?? [];
    const words = tokens.filter((t) => !/^[,;:]$/.test(t));
    words.forEach((w, i) => {
      if (w === 'that') out.push({ kind: 'that', words: words.slice(i) });
      // Sentence-initial "Say a prayer first." is an imperative, not a report.
      if (i > 0 && REPORTING.has(w)) {
        let rest = words.slice(i + 1);
        if (OBJECT_PRONOUN.test(rest[0] ?? '')) rest = rest.slice(1);
        if (rest.length > 0 && rest[0] !== 'that') out.push({ kind: 'reporting', words: [w, ...rest] });
      }
    });
    let segment: string[] = [];
    const segments: string[][] = [];
    for (const t of tokens) {
      if (/^[,;:]$/.test(t)) {
        segments.push(segment);
        segment = [];
      } else segment.push(t);
    }
    segments.push(segment);
    for (const s of segments.slice(1)) if (CONJUNCTION.test(s[0] ?? '')) out.push({ kind: 'conjunction', words: s });
  }
  return out;
}

function clauseHash(c: Clause): number {
  return fnv1a(`${c.kind}|${c.words.join(' ')}`);
}

/** Builds the index from training lines (slot form) and the words they use as verbs. */
export function buildGrammarIndex(lines: readonly string[], verbs: Iterable<string>): GrammarIndex {
  const clauses = new Set<number>();
  const last = new Map<string, number>();
  const before = new Map<string, number>();
  for (const line of lines) {
    for (const c of clausesOf(line)) clauses.add(clauseHash(c));
    const keys = sentencesOf(line).map(sentenceKey);
    keys.forEach((k, i) => {
      const m = i === keys.length - 1 ? last : before;
      m.set(k, (m.get(k) ?? 0) + 1);
    });
  }
  const openers = new Set<number>();
  for (const [k, n] of before) if (n >= 2 && !last.has(k)) openers.add(fnv1a(k));
  return { verbs: new Set([...verbs].map((v) => v.toLowerCase())), clauses, openers };
}

/** Why a line (slot form) breaks a grammar check, or null. */
export function grammarProblem(template: string, situation: Situation | undefined, grammar: GrammarIndex): string | null {
  const isVerb = (w: string) => grammar.verbs.has(w) || CONTRACTED_VERB.test(w);
  for (const c of clausesOf(template)) {
    // What must hold a verb: the words after "that", after the reporting verb (and its object), or the whole clause.
    const body = c.kind === 'conjunction' ? c.words : c.words.slice(1);
    const minimum = c.kind === 'that' ? 1 : 2;
    if (body.length < minimum || body.some(isVerb) || grammar.clauses.has(clauseHash(c))) continue;
    return `the clause "${c.words.join(' ')}" has no verb`;
  }
  if (situation && situation !== 'greeting' && situation !== 'farewell' && !/\{[a-z]+\}/.test(template)) {
    const sentences = sentencesOf(template);
    if (sentences.length === 1 && grammar.openers.has(fnv1a(sentenceKey(sentences[0])))) return `"${sentences[0]}" only opens a line`;
  }
  return null;
}
