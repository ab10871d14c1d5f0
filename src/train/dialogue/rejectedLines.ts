import { existsSync, readFileSync } from 'node:fs';
import { COMPASS, SITUATIONS, type Situation } from '../../core/vocab';
import { BESTIARY, BIOME_WORD } from '../../pipeline/bestiary';
import { lineWords, rejectKey, type RejectedLine } from '../../pipeline/lineFilter';
import { ITEM_ADJECTIVES, ITEM_NOUNS, PLACE_SUFFIX, TITLES } from '../../pipeline/names';

/**
 * The lines blind readers marked broken (docs/eval/splices-*.tsv, docs/dialogue.md "Splices"), in
 * slot form, for the line filter's `rejected` check. The labels are of lines as players read them,
 * names filled in and without the world they came from, so the slots are put back from what the
 * world's generators can write: items ("the Amber Chalice"), places ("Keldra Vale"), foes,
 * biome words and compass words; a capitalised word the corpus never uses (with the titles that may
 * open an NPC's name) is a name, `{npc}` or `{player}` alike (`rejectKey` does not tell them apart).
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const either = (words: readonly string[]) => words.map(escape).join('|');
/** A fact's first letter in either case (fillSlots capitalises a slot that opens a sentence). */
const anyCase = (w: string) => `[${escape(w[0].toLowerCase())}${escape(w[0].toUpperCase())}]${escape(w.slice(1))}`;
const byLength = (words: Iterable<string>) => [...new Set(words)].sort((a, b) => b.length - a.length);

const ITEM = new RegExp(`\\b[Tt]he (?:${either(ITEM_ADJECTIVES)}) (?:${either(ITEM_NOUNS)})\\b`, 'g');
const PLACE = new RegExp(`\\b[A-Z][a-z]+ (?:${either(byLength(Object.values(PLACE_SUFFIX).flat()))})\\b`, 'g');
const FOE = new RegExp(`(?<![\\p{L}-])(?:${byLength(Object.values(BESTIARY).flat().map((f) => f.name)).map(anyCase).join('|')})(?![\\p{L}-])`, 'gu');
const BIOME = new RegExp(`(?<![\\p{L}-])(?:${byLength(Object.values(BIOME_WORD)).map(anyCase).join('|')})(?![\\p{L}-])`, 'gu');
const DIRECTION = new RegExp(`(?<![\\p{L}-])(?:${byLength(COMPASS).map(anyCase).join('|')})(?![\\p{L}-])`, 'gu');
const NAME = new RegExp(`\\b(?:(?:${either(byLength(Object.values(TITLES).flat().filter((t) => t !== '')))}) )*([A-Z][a-z]+)\\b`, 'g');

/** A line as a player read it, back in slot form; `known`: the corpus's words (lower case). */
export function slotFormOf(text: string, known: ReadonlySet<string>): string {
  return text
    .replace(ITEM, '{item}')
    .replace(PLACE, '{place}')
    .replace(FOE, '{foe}')
    .replace(BIOME, '{biome}')
    .replace(DIRECTION, '{direction}')
    .replace(NAME, (all, word: string) => (known.has(word.toLowerCase()) ? all : '{npc}'));
}

/** One read line: its situation, the text as read, and each reader's label. */
export interface LabelledLine {
  situation: string;
  line: string;
  broken: boolean[];
}

/**
 * Parses label files (docs/eval/splices-*.tsv: reading, id, role, situation, line, written by,
 * reader a, reader b; labels "ok" or "broken"). Throws naming the file and line of a bad row.
 */
export function parseLabels(tsv: string, file: string): LabelledLine[] {
  const rows = tsv.split('\n');
  const head = rows[0]?.split('\t') ?? [];
  const col = (name: string) => head.indexOf(name);
  const [situation, line, a, b] = [col('situation'), col('line'), col('reader a'), col('reader b')];
  if ([situation, line, a, b].some((c) => c < 0)) throw new Error(`${file}:1: expected columns situation, line, reader a and reader b`);
  const out: LabelledLine[] = [];
  rows.slice(1).forEach((row, k) => {
    if (row.trim() === '') return;
    const cells = row.split('\t');
    const where = `${file}:${k + 2}`;
    if (!(SITUATIONS as readonly string[]).includes(cells[situation])) throw new Error(`${where}: unknown situation "${cells[situation]}"`);
    const labels = [cells[a], cells[b]];
    if (!labels.every((l) => l === 'ok' || l === 'broken')) throw new Error(`${where}: labels must be "ok" or "broken", got "${labels.join('", "')}"`);
    out.push({ situation: cells[situation], line: cells[line], broken: labels.map((l) => l === 'broken') });
  });
  return out;
}

/**
 * The slot forms every reader marked broken every time one was read (per situation), sorted by
 * situation and text, each with how many times it was read. A line that any reader once found
 * fine stays allowed.
 */
export function rejectedLines(labels: readonly LabelledLine[], known: ReadonlySet<string>): (RejectedLine & { reads: number })[] {
  const seen = new Map<number, RejectedLine & { reads: number; alwaysBroken: boolean }>();
  for (const { situation, line, broken } of labels) {
    const template = slotFormOf(line, known);
    const key = rejectKey(template, situation);
    const entry = seen.get(key) ?? { situation, template, reads: 0, alwaysBroken: true };
    entry.reads++;
    entry.alwaysBroken &&= broken.every(Boolean);
    seen.set(key, entry);
  }
  return [...seen.values()]
    .filter((e) => e.alwaysBroken)
    .map(({ situation, template, reads }) => ({ situation, template, reads }))
    .sort((x, y) => (x.situation === y.situation ? (x.template < y.template ? -1 : x.template > y.template ? 1 : 0) : x.situation < y.situation ? -1 : 1));
}

/** The words of a corpus (lower case), to tell a name from a word. */
export function knownWords(lines: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (const w of lineWords(l)) if (!w.startsWith('{')) out.add(w);
  return out;
}

/** rejected.txt: `situation|template` rows; `#` comments and blank lines skipped. Throws naming file:line. */
export function parseRejectedFile(text: string, file: string): RejectedLine[] {
  const out: RejectedLine[] = [];
  text.split('\n').forEach((row, k) => {
    if (row.trim() === '' || row.startsWith('#')) return;
    const bar = row.indexOf('|');
    const situation = row.slice(0, bar);
    if (bar < 0 || !(SITUATIONS as readonly string[]).includes(situation)) throw new Error(`${file}:${k + 1}: expected "situation|line" with a known situation, got "${row}"`);
    out.push({ situation: situation as Situation, template: row.slice(bar + 1) });
  });
  return out;
}

export const REJECTED_FILE = 'assets/text/rejected.txt';

/** The rejected lines the filter uses (none when the file is absent). */
export function readRejected(file = REJECTED_FILE): RejectedLine[] {
  return existsSync(file) ? parseRejectedFile(readFileSync(file, 'utf8'), file) : [];
}
