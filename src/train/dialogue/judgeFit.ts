import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITUATIONS } from '../../core/vocab';
import { JUDGE_FEATURES, JudgeContext, brokenProbability, type LineJudge } from '../../models/dialogue/judge';
import { MarkovChain } from '../../models/dialogue/markov';
import { corpusWords } from '../../pipeline/lineFilter';
import { META_JSON, readMeta, sha256Hex, writeMeta } from '../meta';
import { writeAtomic } from './buildCorpus';
import { LABEL_DIR, labelFiles, readLabelFiles, slotFormOf, type LabelledLine } from './rejectedLines';

/**
 * Fitting the reader judge (src/models/dialogue/judge.ts) on the labels of every reading:
 * logistic regression by Newton's method (a few hundred rows of a 20-column system: no library
 * needed), L2 penalty on the feature weights, the target each line's share of "broken" labels.
 * Its held-out figure is the within-situation AUC over lines both readers agreed on, each block of
 * readings predicted by a judge fitted on the others: how often a broken line ranks above a fine
 * one of the same situation (0.5: no better than chance). The writer only compares candidates of
 * one request, so only the order within a situation matters.
 */

export interface JudgeData {
  x: number[][];
  y: number[];
  situations: string[];
  readings: number[];
}

/** The features and targets of labelled lines, put back into slot form with the corpus's words (`known`). */
export function judgeData(labels: readonly LabelledLine[], ctx: JudgeContext, known: ReadonlySet<string>): JudgeData {
  return {
    x: labels.map((l) => ctx.features(slotFormOf(l.line, known), l.role, l.situation)),
    y: labels.map((l) => l.broken.filter(Boolean).length / l.broken.length),
    situations: labels.map((l) => l.situation),
    readings: labels.map((l) => l.reading),
  };
}

/** Solves A·x = b (A square, full rank) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Fits the judge to `data` (rows `keep`, default all); `l2` penalises all but the intercept. */
export function fitJudge(data: JudgeData, l2 = 1, keep?: readonly boolean[], iterations = 30): LineJudge {
  const rows = data.x.map((_, i) => i).filter((i) => keep?.[i] ?? true);
  if (rows.length < 2 * (JUDGE_FEATURES.length + SITUATIONS.length)) throw new Error(`judge: ${rows.length} labelled lines are too few to fit ${JUDGE_FEATURES.length} features`);
  const f = JUDGE_FEATURES.length;
  const mean = Array.from({ length: f }, (_, k) => rows.reduce((s, i) => s + data.x[i][k], 0) / rows.length);
  const scale = Array.from({ length: f }, (_, k) => Math.sqrt(rows.reduce((s, i) => s + (data.x[i][k] - mean[k]) ** 2, 0) / rows.length) || 1);
  // Columns: standardised features, one indicator per situation, the intercept.
  const design = rows.map((i) => [
    ...data.x[i].map((v, k) => (v - mean[k]) / scale[k]),
    ...SITUATIONS.map((s) => (s === data.situations[i] ? 1 : 0)),
    1,
  ]);
  const n = design[0].length;
  let w = new Array<number>(n).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wk, k) => (k < n - 1 ? l2 * wk : 0));
    const hess = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r === c && r < n - 1 ? l2 : 0)));
    design.forEach((z, r) => {
      const p = 1 / (1 + Math.exp(-z.reduce((s, v, k) => s + v * w[k], 0)));
      const g = p - data.y[rows[r]];
      const h = p * (1 - p);
      for (let a = 0; a < n; a++) {
        grad[a] += g * z[a];
        for (let b = 0; b < n; b++) hess[a][b] += h * z[a] * z[b];
      }
    });
    const step = solve(hess, grad);
    w = w.map((wk, k) => wk - step[k]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return {
    features: [...JUDGE_FEATURES], mean, scale,
    weights: w.slice(0, f), situationWeights: w.slice(f, f + SITUATIONS.length), bias: w[n - 1],
    labels: rows.length, heldOutAuc: Number.NaN,
  };
}

/** Within-situation AUC of `scores` over the rows whose target is 0 or 1 (both readers agreed). */
export function withinSituationAuc(scores: readonly number[], y: readonly number[], situations: readonly string[]): number {
  let wins = 0;
  let pairs = 0;
  for (const s of SITUATIONS) {
    const idx = scores.map((_, i) => i).filter((i) => situations[i] === s);
    const broken = idx.filter((i) => y[i] === 1).map((i) => scores[i]);
    const fine = idx.filter((i) => y[i] === 0).map((i) => scores[i]);
    for (const b of broken) for (const g of fine) wins += b > g ? 1 : b === g ? 0.5 : 0;
    pairs += broken.length * fine.length;
  }
  return pairs === 0 ? Number.NaN : wins / pairs;
}

/** Held-out AUC: the readings in `blocks` contiguous groups, each predicted by a judge fitted on the rest. */
export function heldOutAuc(data: JudgeData, blocks = 5, l2 = 1): number {
  const readings = [...new Set(data.readings)].sort((a, b) => a - b);
  const blockOf = new Map(readings.map((r, k) => [r, Math.floor((k * blocks) / readings.length)]));
  const predicted = new Array<number>(data.y.length).fill(0);
  for (let b = 0; b < blocks; b++) {
    const held = data.readings.map((r) => blockOf.get(r) === b);
    if (!held.some(Boolean)) continue;
    const judge = fitJudge(data, l2, held.map((h) => !h));
    held.forEach((h, i) => h && (predicted[i] = brokenProbability(judge, data.x[i], data.situations[i])));
  }
  return withinSituationAuc(predicted, data.y, data.situations);
}

export interface JudgeFigures {
  labels: number;
  labelsSha256: string;
  heldOutAuc: number;
}

/**
 * Fits the judge for the models in `dir` (its markov.json) on `files`' labels and writes it into
 * `dir`/model.json, and its figures into meta.json when there is one. Returns the figures.
 */
export async function shipJudge(dir: string, corpusTexts: readonly string[], files = labelFiles(), command = 'npm run train:judge'): Promise<JudgeFigures> {
  const { labels, texts } = readLabelFiles(files);
  const modelFile = join(dir, 'model.json');
  const markovFile = join(dir, 'markov.json');
  for (const f of [modelFile, markovFile]) if (!existsSync(f)) throw new Error(`${f}: missing (train the dialogue models first)`);
  const chain = MarkovChain.fromJSON(JSON.parse(readFileSync(markovFile, 'utf8')));
  const data = judgeData(labels, new JudgeContext(chain), corpusWords(corpusTexts));
  const judge = { ...fitJudge(data), heldOutAuc: Math.round(heldOutAuc(data) * 1e4) / 1e4 };
  const figures = { labels: labels.length, labelsSha256: sha256Hex(texts.join('\n')), heldOutAuc: judge.heldOutAuc };
  const model = JSON.parse(readFileSync(modelFile, 'utf8')) as Record<string, unknown>;
  writeAtomic(modelFile, `${JSON.stringify({ ...model, judge }, null, 1)}\n`);
  if (existsSync(join(dir, META_JSON))) {
    const meta = await readMeta(dir);
    await writeMeta(dir, {
      ...meta,
      dataSources: [...meta.dataSources.filter((s) => s.origin !== LABEL_DIR), { name: 'Blind readers\' labels of generated lines (the reader judge)', licence: 'MIT', origin: LABEL_DIR }],
      metrics: { ...meta.metrics, 'judge.heldOutAuc': judge.heldOutAuc },
      config: { ...meta.config, judge: { labels: figures.labels, labelsSha256: figures.labelsSha256, files, command } },
    });
  }
  return figures;
}
