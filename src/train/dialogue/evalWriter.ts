import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS } from '../../core/params';
import { createRng } from '../../core/rng';
import { isQuestSituation } from '../../core/vocab';
import { disposeDialogueModels } from '../../models/dialogue/artifacts';
import { Attestation } from '../../models/dialogue/attestation';
import { transformerBitsOf } from '../../models/dialogue/lineBits';
import type { DialogueModels } from '../../models/dialogue/sampler';
import { markovPieces } from '../../models/dialogue/score';
import { createLineWriter, DEFAULT_WRITER } from '../../models/dialogue/writer';
import { lineWords, type NoveltyIndex } from '../../pipeline/lineFilter';
import { readRejected } from './rejectedLines';
import { buildFilterIndex } from './verbs';
import type { LineRequest } from '../../pipeline/ports';
import { sha256Hex } from '../meta';
import { initTfNode } from '../tfNode';
import { RoleClassifier } from './classifier';
import { parseRows } from './corpusRows';
import { evalRequests, shownLines } from './evalSampling';
import { loadSplitModels } from './splitModels';
import { splitByFamily } from './splits';

/**
 * `npm run eval:writer -- --candidates 8,16`: how the game's line writer (mixture) reads with N
 * candidates per line. One split's models write the same requests for each N; another split's
 * models, which did not rank them, judge how fluent they are (bits/char under its transformer
 * and its chain: lower reads more like the corpus), the role classifier of the writing split
 * judges whether they stay in role, and distinct-2 measures variety (the game's temperature and top-k).
 *   --split 1  --judge 2  --lines 600  --candidates 8,16  --quest-factor 2 (quest completions draw
 *   this many times N; every other situation the writer's `situationFactor`)  --quest-only (only quest hooks, descriptions and completions)  --pick P (how the
 *   writer chooses among candidates; default the game's)  --penalty B (bits/char times the share
 *   of a line's runs of 4 pieces no training line has: `dialogue.splicePenalty`; default the
 *   game's)  --lines-out FILE (the shown lines as TSV, slots filled as a player reads them:
 *   candidates, role, situation, line; for reading them blind, docs/dialogue.md "Splices")
 *   --json  --work DIR
 */

function usage(msg: string): never {
  console.error(`eval:writer: ${msg}\nusage: npm run eval:writer -- [--split S] [--judge J] [--lines N] [--candidates 8,16] [--quest-factor F] [--quest-only] [--pick P] [--penalty B] [--lines-out FILE] [--json] [--work DIR]`);
  process.exit(2);
}

interface WriterFigures {
  candidates: number;
  lines: number;
  /** Bits per character of the shown lines under the judging split's transformer and chain. */
  judgeTransformerBpc: number;
  judgeChainBpc: number;
  roleAccuracy: number;
  distinct2: number;
  /** Share of shown lines that another shown line of the same role and situation already says. */
  repeats: number;
  /**
   * Runs of 4 pieces per line that no training line of the judging split has (a line's first and
   * last run within its role and situation; attestation.ts): splices leave them. The judge's
   * lines, not the writer's, so the figure is not the very thing the writer's penalty minimises.
   */
  unattested: number;
  wordsPerLine: number;
  msPerLine: number;
}

/**
 * The figures of the shown lines of `requests` written with `candidates`, and the lines as a
 * player reads them ('' for a fallback).
 */
function writerFigures(writer: DialogueModels, judge: DialogueModels, judgeRuns: Attestation, classifier: RoleClassifier, index: NoveltyIndex, requests: readonly LineRequest[], candidates: number, questFactor: number, pick: number, splicePenalty: number): { figures: WriterFigures; read: string[] } {
  const sampler = createLineWriter('mixture', writer, index, { ...DEFAULT_WRITER, questFactor });
  const { temperature, topK } = DEFAULT_PARAMS.dialogue;
  const t0 = performance.now();
  const shown = shownLines(createRng('eval-writer/shown'), requests, sampler, { temperature, topK, candidates, pick, splicePenalty }, index);
  const msPerLine = (performance.now() - t0) / requests.length;
  const kept = requests.filter((r) => shown.has(r));
  const texts = kept.map((r) => shown.get(r)!.template);
  const chars = texts.reduce((n, t) => n + t.length + 1, 0);
  const chainBits = kept.reduce((n, r, k) => n - markovPieces(judge.markov, { role: r.role, situation: r.situation, text: texts[k] }).markov.reduce((a, b) => a + b, 0), 0);
  const pairs = texts.flatMap((t) => {
    const w = lineWords(t);
    return w.slice(1).map((word, i) => `${w[i]} ${word}`);
  });
  const read = requests.map((r) => shown.get(r)?.text ?? '');
  const figures = {
    candidates,
    lines: kept.length,
    judgeTransformerBpc: transformerBitsOf(judge, kept, texts).reduce((a, b) => a + b, 0) / chars,
    judgeChainBpc: chainBits / chars,
    roleAccuracy: kept.filter((r, k) => classifier.predict(texts[k]) === r.role).length / kept.length,
    distinct2: new Set(pairs).size / pairs.length,
    repeats: 1 - new Set(kept.map((r, k) => `${r.role}|${r.situation}|${texts[k]}`)).size / kept.length,
    unattested: kept.reduce((n, r, k) => n + judgeRuns.check(texts[k], r.role, r.situation).unattested, 0) / kept.length,
    wordsPerLine: texts.reduce((n, t) => n + lineWords(t).length, 0) / texts.length,
    msPerLine,
  };
  return { figures, read };
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined> = {};
  try {
    ({ values } = parseArgs({
      options: {
        split: { type: 'string', default: '1' },
        judge: { type: 'string', default: '2' },
        lines: { type: 'string', default: '600' },
        candidates: { type: 'string', default: '8,16' },
        'quest-factor': { type: 'string', default: String(DEFAULT_WRITER.questFactor) },
        pick: { type: 'string', default: String(DEFAULT_PARAMS.dialogue.pick) },
        penalty: { type: 'string', default: String(DEFAULT_PARAMS.dialogue.splicePenalty) },
        'quest-only': { type: 'boolean', default: false },
        'lines-out': { type: 'string' },
        json: { type: 'boolean', default: false },
        work: { type: 'string', default: '.cache/dialogue' },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const [split, judgeSplit, lines, questFactor] = [values.split, values.judge, values.lines, values['quest-factor']].map(Number);
  const counts = String(values.candidates).split(',').map(Number);
  const whole = (n: number, lo: number, hi = Infinity) => Number.isInteger(n) && n >= lo && n <= hi;
  if (![split, judgeSplit, lines, questFactor].every((n) => whole(n, 1))) usage('--split, --judge, --lines and --quest-factor must be whole numbers ≥ 1');
  if (!counts.every((n) => whole(n, 1, 32))) usage(`--candidates must be whole numbers from 1 to 32, got "${values.candidates}"`);
  const pick = Number(values.pick);
  if (!(pick >= 0 && pick <= 1)) usage(`--pick must be a number from 0 to 1, got "${values.pick}"`);
  const penalty = Number(values.penalty);
  if (!(penalty >= 0 && penalty <= 10)) usage(`--penalty must be a number from 0 to 10, got "${values.penalty}"`);
  if (split === judgeSplit) usage('--judge must be another split than --split (the judge must not have ranked the lines)');
  const corpusText = readFileSync('assets/text/corpus.txt', 'utf8');
  const { rows } = parseRows(corpusText, 'assets/text/corpus.txt', 'corpus');
  const warnings: string[] = [];
  await initTfNode();
  const corpusHash = sha256Hex(corpusText);
  const writer = loadSplitModels(String(values.work), split, corpusHash, warnings);
  const judge = loadSplitModels(String(values.work), judgeSplit, corpusHash, warnings);
  if (!writer || !judge) throw new Error(`needs the models of splits ${split} and ${judgeSplit}: ${warnings.join('; ')}`);
  const train = splitByFamily(rows, split).train;
  const index = buildFilterIndex(train.map((r) => r.text), readRejected());
  const classifier = new RoleClassifier(train);
  const all = evalRequests(values['quest-only'] ? lines * 10 : lines, createRng('eval-writer/requests'));
  const requests = values['quest-only'] ? all.filter((r) => isQuestSituation(r.situation)).slice(0, lines) : all;
  const judgeRuns = new Attestation(judge.markov.rows);
  const runs = counts.map((n) => writerFigures(writer, judge, judgeRuns, classifier, index, requests, n, questFactor, pick, penalty));
  const figures = runs.map((r) => r.figures);
  if (values['lines-out']) {
    const tsv = runs.flatMap((run, c) => requests.map((r, i) => [counts[c], r.role, r.situation, run.read[i]].join('\t')));
    writeFileSync(String(values['lines-out']), ['candidates\trole\tsituation\tline', ...tsv, ''].join('\n'));
  }
  disposeDialogueModels(writer);
  disposeDialogueModels(judge);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const table = figures.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, round(v)])));
  const report = { split, judge: judgeSplit, pick, penalty, requests: requests.length, questOnly: Boolean(values['quest-only']), questFactor, figures: table, warnings };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.table(table);
}

main().catch((e: unknown) => {
  console.error(`eval:writer: ${(e as Error).message}`);
  process.exit(1);
});
