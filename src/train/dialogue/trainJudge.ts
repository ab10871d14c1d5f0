import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRows } from './corpusRows';
import { shipJudge } from './judgeFit';
import { labelFiles } from './rejectedLines';

/**
 * `npm run train:judge [-- --models DIR] [--labels FILE]…`: fits the reader judge
 * (src/models/dialogue/judge.ts) for the dialogue models in DIR (default the shipped
 * public/models/dialogue) on the blind readers' labels (every docs/eval/splices-*.tsv, or the
 * given files), writes it into DIR/model.json and its figures into DIR/meta.json, and prints the
 * figures as JSON. `train:dialogue` does the same when it ships.
 */

const CORPUS = 'assets/text/corpus.txt';

function usage(msg: string): never {
  console.error(`train:judge: ${msg}\nusage: npm run train:judge -- [--models public/models/dialogue] [--labels FILE]…`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { models: string; labels?: string[] };
  try {
    ({ values } = parseArgs({ options: { models: { type: 'string', default: 'public/models/dialogue' }, labels: { type: 'string', multiple: true } }, strict: true }) as { values: typeof values });
  } catch (e) {
    usage((e as Error).message);
  }
  const files = values.labels ?? labelFiles();
  if (files.length === 0) usage('no label files (docs/eval/splices-*.tsv)');
  const { rows } = parseRows(readFileSync(CORPUS, 'utf8'), CORPUS, 'corpus');
  const figures = await shipJudge(values.models, rows.map((r) => r.text), files, `npm run train:judge${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`);
  console.log(JSON.stringify({ models: values.models, ...figures }));
}

main().catch((e: unknown) => {
  console.error(`train:judge: ${(e as Error).message}`);
  process.exit(1);
});
