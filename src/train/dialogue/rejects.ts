import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusWords, serializeNoveltyIndex } from '../../pipeline/lineFilter';
import { writeAtomic } from './buildCorpus';
import { parseRows } from './corpusRows';
import { labelFiles, readLabelFiles, readRejected, rejectedTexts, REJECTED_FILE, SENTENCE_MIN_LINES } from './rejectedLines';
import { buildFilterIndex } from './verbs';

/**
 * `npm run data:rejects`: the lines blind readers always marked broken, and the sentences that read
 * broken in every line they came in (every label file in docs/eval/, `--labels FILE` for others;
 * rejectedLines.ts), in slot form, to assets/text/rejected.txt — which the
 * line filter rejects (`NoveltyIndex.rejected`, shipped in novelty.json). `--ship DIR` (e.g.
 * public/models/dialogue) also rewrites DIR/novelty.json from the corpus and the new list, as
 * `train:dialogue` ships it.
 */

const CORPUS = 'assets/text/corpus.txt';

function usage(msg: string): never {
  console.error(`data:rejects: ${msg}\nusage: npm run data:rejects -- [--labels FILE]… [--out ${REJECTED_FILE}] [--ship DIR]`);
  process.exit(2);
}

function main(): void {
  let values: { labels?: string[]; out: string; ship?: string };
  try {
    ({ values } = parseArgs({ options: { labels: { type: 'string', multiple: true }, out: { type: 'string', default: REJECTED_FILE }, ship: { type: 'string' } }, strict: true }) as { values: typeof values });
  } catch (e) {
    usage((e as Error).message);
  }
  const files = values.labels ?? labelFiles();
  if (files.length === 0) usage('no label files (docs/eval/splices-*.tsv)');
  const missing = files.find((f) => !existsSync(f));
  if (missing !== undefined) usage(`${missing}: missing`);
  const { labels } = readLabelFiles(files);
  const { rows } = parseRows(readFileSync(CORPUS, 'utf8'), CORPUS, 'corpus');
  const rejected = rejectedTexts(labels, corpusWords(rows.map((r) => r.text)), rows);
  const lines = rejected.filter((r) => r.unit === 'line').length;
  const head = [
    '# What blind readers rejected, in slot form ({npc} and {player} match either name): lines they marked broken every time',
    `# they read them, and sentences (none of the corpus) that came in at least ${SENTENCE_MIN_LINES} read lines, every one marked broken.`,
    `# Written by \`npm run data:rejects\` from ${files.join(', ')}: ${labels.length} labelled lines; do not edit by hand.`,
    '# The line filter rejects these (src/pipeline/lineFilter.ts, NoveltyIndex.rejected): line|situation|text, sentence|situation|text',
  ];
  writeAtomic(values.out, `${[...head, ...rejected.map((r) => `${r.unit}|${r.situation}|${r.text}`)].join('\n')}\n`);
  console.log(`data:rejects: ${lines} lines and ${rejected.length - lines} sentences rejected, from ${labels.length} read lines → ${values.out}`);
  if (values.ship !== undefined) {
    const dir = values.ship;
    mkdirSync(dir, { recursive: true });
    writeAtomic(join(dir, 'novelty.json'), serializeNoveltyIndex(buildFilterIndex(rows.map((r) => r.text), readRejected(values.out))));
    console.log(`data:rejects: ${join(dir, 'novelty.json')} rebuilt`);
  }
}

try {
  main();
} catch (e) {
  console.error(`data:rejects: ${(e as Error).message}`);
  process.exit(1);
}
