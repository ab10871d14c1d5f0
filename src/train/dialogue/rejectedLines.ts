import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPASS, NPC_ROLES, SITUATIONS, type Situation } from '../../core/vocab';
import { BESTIARY, BIOME_WORD } from '../../pipeline/bestiary';
import { rejectKey, type RejectedText } from '../../pipeline/lineFilter';
import { sentencesOf } from '../../pipeline/lineGrammar';
import { ITEM_ADJECTIVES, ITEM_NOUNS, PLACE_SUFFIX, TITLES } from '../../pipeline/names';

/**
 * What blind readers marked broken (docs/eval/splices-*.tsv, docs/dialogue.md "Splices"), in slot
 * form, for the line filter's `rejected` check: lines, and sentences that read broken wherever they
 * came. The labels are of lines as players read them, names filled in and without the world they
 * came from, so the slots are put back from what the world's generators can write: items ("the
 * Amber Chalice"), places ("Keldra Vale"), foes, biome words and compass words. A capitalised word
 * the corpus never uses is a name, `{npc}` or `{player}` alike (`rejectKey` does not tell them
 * apart), with the titles that may open an NPC's name before it and a possessive 's after it; no
 * other contraction ("Don't" is a word, not "{npc}'t").
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
const NAME = new RegExp(`(?<![\\p{L}'-])(?:(?:${either(byLength(Object.values(TITLES).flat().filter((t) => t !== '')))}) )*(\\p{Lu}\\p{Ll}+)(?![\\p{L}-])(?!'(?!s(?!\\p{L}))\\p{L})`, 'gu');

/** A line as a player read it, back in slot form; `known`: the corpus's words (`corpusWords`). */
export function slotFormOf(text: string, known: ReadonlySet<string>): string {
  return text
    .replace(ITEM, '{item}')
    .replace(PLACE, '{place}')
    .replace(FOE, '{foe}')
    .replace(BIOME, '{biome}')
    .replace(DIRECTION, '{direction}')
    .replace(NAME, (all, word: string) => (known.has(word.toLowerCase()) ? all : '{npc}'));
}

/** One read line: the reading it came in, who said it and when, the text as read, and each reader's label. */
export interface LabelledLine {
  reading: number;
  role: string;
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
  const [reading, role, situation, line, a, b] = [col('reading'), col('role'), col('situation'), col('line'), col('reader a'), col('reader b')];
  if ([reading, role, situation, line, a, b].some((c) => c < 0)) throw new Error(`${file}:1: expected columns reading, role, situation, line, reader a and reader b`);
  const out: LabelledLine[] = [];
  rows.slice(1).forEach((row, k) => {
    if (row.trim() === '') return;
    const cells = row.split('\t');
    const where = `${file}:${k + 2}`;
    if (!/^\d+$/.test(cells[reading] ?? '')) throw new Error(`${where}: reading must be a whole number, got "${cells[reading]}"`);
    if (!(NPC_ROLES as readonly string[]).includes(cells[role])) throw new Error(`${where}: unknown role "${cells[role]}"`);
    if (!(SITUATIONS as readonly string[]).includes(cells[situation])) throw new Error(`${where}: unknown situation "${cells[situation]}"`);
    const labels = [cells[a], cells[b]];
    if (!labels.every((l) => l === 'ok' || l === 'broken')) throw new Error(`${where}: labels must be "ok" or "broken", got "${labels.join('", "')}"`);
    out.push({ reading: Number(cells[reading]), role: cells[role], situation: cells[situation], line: cells[line], broken: labels.map((l) => l === 'broken') });
  });
  return out;
}

/** A sentence must read broken in this many distinct lines (slot forms) before it is rejected on its own. */
export const SENTENCE_MIN_LINES = 3;

/**
 * What readers rejected, sorted by unit, situation and text, each with how many times it was read:
 * - lines (slot form, per situation) every reader marked broken every time one was read — a line
 *   any reader once found fine stays allowed;
 * - sentences that are no sentence of the corpus in that situation and came in at least
 *   `SENTENCE_MIN_LINES` distinct read lines, every one of them marked broken by every reader
 *   ("Go {direction}, at {place}." as a quest description): the model splices them onto other
 *   sentences in world after world, and a line list alone cannot name every such line.
 */
export function rejectedTexts(labels: readonly LabelledLine[], known: ReadonlySet<string>, corpus: readonly { situation: string; text: string }[]): (RejectedText & { reads: number })[] {
  const inCorpus = new Set(corpus.flatMap((r) => sentencesOf(r.text).map((x) => rejectKey('sentence', x, r.situation))));
  const seen = new Map<number, RejectedText & { reads: number; alwaysBroken: boolean; lines: Set<number> }>();
  const note = (unit: RejectedText['unit'], text: string, situation: string, line: number, broken: boolean) => {
    const key = rejectKey(unit, text, situation);
    const entry = seen.get(key) ?? { unit, situation, text, reads: 0, alwaysBroken: true, lines: new Set<number>() };
    entry.reads++;
    entry.alwaysBroken &&= broken;
    entry.lines.add(line);
    seen.set(key, entry);
  };
  for (const { situation, line, broken } of labels) {
    const template = slotFormOf(line, known);
    const key = rejectKey('line', template, situation);
    note('line', template, situation, key, broken.every(Boolean));
    for (const sentence of sentencesOf(template)) note('sentence', sentence, situation, key, broken.every(Boolean));
  }
  const order = (x: RejectedText, y: RejectedText) => (x.unit + x.situation + x.text < y.unit + y.situation + y.text ? -1 : 1);
  return [...seen]
    .filter(([key, e]) => e.alwaysBroken && (e.unit === 'line' || (e.lines.size >= SENTENCE_MIN_LINES && !inCorpus.has(key))))
    .map(([, { unit, situation, text, reads }]) => ({ unit, situation, text, reads }))
    .sort(order);
}

/** rejected.txt: `line|situation|text` and `sentence|situation|text` rows; `#` comments and blank lines skipped. Throws naming file:line. */
export function parseRejectedFile(text: string, file: string): RejectedText[] {
  const out: RejectedText[] = [];
  text.split('\n').forEach((row, k) => {
    if (row.trim() === '' || row.startsWith('#')) return;
    const [unit, situation] = row.split('|', 2);
    if (!(unit === 'line' || unit === 'sentence') || !(SITUATIONS as readonly string[]).includes(situation)) {
      throw new Error(`${file}:${k + 1}: expected "line|situation|text" or "sentence|situation|text" with a known situation, got "${row}"`);
    }
    out.push({ unit, situation: situation as Situation, text: row.slice(unit.length + situation.length + 2) });
  });
  return out;
}

export const REJECTED_FILE = 'assets/text/rejected.txt';
export const LABEL_DIR = 'docs/eval';

/** The label files of `dir` (docs/eval/splices-*.tsv), sorted. */
export function labelFiles(dir = LABEL_DIR): string[] {
  return readdirSync(dir).filter((f) => /^splices-.*\.tsv$/.test(f)).sort().map((f) => join(dir, f));
}

/** Reads and parses label files; a missing or malformed one is an error naming it. */
export function readLabelFiles(files: readonly string[]): { labels: LabelledLine[]; texts: string[] } {
  const texts = files.map((f) => {
    if (!existsSync(f)) throw new Error(`${f}: missing`);
    return readFileSync(f, 'utf8');
  });
  return { labels: texts.flatMap((t, k) => parseLabels(t, files[k])), texts };
}

/** The rejected lines the filter uses (none when the file is absent). */
export function readRejected(file = REJECTED_FILE): RejectedText[] {
  return existsSync(file) ? parseRejectedFile(readFileSync(file, 'utf8'), file) : [];
}
