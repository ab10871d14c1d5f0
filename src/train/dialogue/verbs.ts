import nlp from 'compromise';
import { buildNoveltyIndex, withRejected, type NoveltyIndex, type RejectedText } from '../../pipeline/lineFilter';

/**
 * The words training lines use as verbs, for the line filter's grammar checks
 * (src/pipeline/lineGrammar.ts). Each line is tagged in context by compromise (a rule-based
 * part-of-speech tagger; Node-side only, at build time) with its slots filled by ordinary stand-ins
 * ("{foe}" → "the grey wolf"), so "whisper" counts where a line says "they whisper that …". A word
 * counts as a verb if any training line uses it as one (verb, modal, auxiliary or copula): the checks
 * only reject a clause in which no word could be its verb.
 */

const STAND_INS: Readonly<Record<string, string>> = {
  player: 'Arin', npc: 'Mara', place: 'Oakvale', item: 'the Silver Key', foe: 'the grey wolf', biome: 'forest', direction: 'north',
};
const VERB_TAGS = ['Verb', 'Modal', 'Auxiliary', 'Copula'];

interface TaggedTerm {
  text: string;
  normal: string;
  tags: string[];
}

export function corpusVerbs(lines: readonly string[]): Set<string> {
  const verbs = new Set<string>();
  for (const line of lines) {
    const text = line.replace(/\{([a-z]+)\}/g, (_, slot: string) => STAND_INS[slot] ?? 'Oakvale');
    for (const sentence of nlp(text).json() as { terms: TaggedTerm[] }[]) {
      for (const t of sentence.terms) {
        const word = t.text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (word && t.tags.some((g) => VERB_TAGS.includes(g))) verbs.add(word);
      }
    }
  }
  return verbs;
}

/**
 * The line filter's index of `lines` (slot form) with its grammar checks and the `rejected` lines and sentences
 * (assets/text/rejected.txt): what novelty.json ships and the evaluations filter by.
 */
export function buildFilterIndex(lines: readonly string[], rejected: readonly RejectedText[] = []): NoveltyIndex {
  return withRejected(buildNoveltyIndex(lines, corpusVerbs(lines)), rejected);
}
