import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { NPC_ROLES } from '../../core/vocab';
import { wordsOf } from '../../models/dialogue/pieces';
import { formatCorpus, formatIssues, parseRows, type CorpusRow, type RowIssue } from './corpusRows';
import { checkRoleTemplates, expandRoleTemplates, type RoleTemplates, type Rules } from './templates';

/**
 * `npm run data:dialogue`: hand-written lines + expanded template seeds → `assets/text/corpus.txt`
 * (`family|role|situation|text`, deterministic order) and `assets/text/corpus.meta.json` (its
 * sha256, counts, and how much of the variety the hand-written lines carry). Bad hand-written rows
 * are reported as `file:line: message` and left out; `--strict` makes them fatal.
 */

export const TEXT_DIR = 'assets/text';

export interface BuiltCorpus {
  rows: CorpusRow[];
  issues: RowIssue[];
  /** Template lines dropped because a hand-written line (or an earlier row) says the same. */
  duplicates: number;
}

/** Reads and expands every source under `dir`; pure apart from reading files. */
export function buildCorpus(dir = TEXT_DIR): BuiltCorpus {
  const issues: RowIssue[] = [];
  const handwritten: CorpusRow[] = [];
  for (const role of NPC_ROLES) {
    const file = join(dir, 'handwritten', `${role}.txt`);
    if (!existsSync(file)) continue;
    const parsed = parseRows(readFileSync(file, 'utf8'), relative(dir, file), 'handwritten');
    for (const row of parsed.rows) {
      if (row.role !== role) issues.push({ file: row.source.split(':')[0], line: Number(row.source.split(':')[1]), message: `role "${row.role}" in the ${role} file` });
      else handwritten.push({ ...row, family: `hw/${row.source}` });
    }
    issues.push(...parsed.issues);
  }
  const { common, roles } = loadTemplates(dir);
  const templated = roles.flatMap(({ templates, file }) => expandRoleTemplates(templates, common, file));
  const seen = new Set<string>();
  const rows: CorpusRow[] = [];
  let duplicates = 0;
  for (const row of [...handwritten, ...templated]) {
    const key = `${row.role}|${row.situation}|${row.text.toLowerCase()}`;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    rows.push(row);
  }
  return { rows, issues, duplicates };
}

/** The template seeds under `dir`: the shared rules and each role's file (checked). */
export function loadTemplates(dir = TEXT_DIR): { common: Rules; roles: { templates: RoleTemplates; file: string }[] } {
  const commonFile = join(dir, 'templates', 'common.json');
  const common = existsSync(commonFile) ? (readJson(commonFile) as { rules: Rules }).rules : {};
  const roles: { templates: RoleTemplates; file: string }[] = [];
  for (const role of NPC_ROLES) {
    const file = join(dir, 'templates', `${role}.json`);
    if (!existsSync(file)) continue;
    const name = relative(dir, file);
    roles.push({ templates: checkRoleTemplates(readJson(file), name), file: name });
  }
  return { common, roles };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** Distinct lower-case word bigrams of some rows (a rough measure of variety). */
function bigramSet(rows: readonly CorpusRow[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) {
    const w = wordsOf(r.text);
    for (let i = 1; i < w.length; i++) out.add(`${w[i - 1]} ${w[i]}`);
  }
  return out;
}

/** Writes a file whole or not at all (temp file + rename). */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function main(): void {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: TEXT_DIR }, strict: { type: 'boolean', default: false } } });
  const dir = values.dir!;
  const built = buildCorpus(dir);
  if (built.issues.length > 0) {
    console.error(`${built.issues.length} bad row(s) left out:\n${formatIssues(built.issues)}`);
    if (values.strict) process.exit(1);
  }
  const text = formatCorpus(built.rows);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const hw = built.rows.filter((r) => r.family.startsWith('hw/'));
  const tpl = built.rows.filter((r) => r.family.startsWith('tpl/'));
  const hwBigrams = bigramSet(hw);
  const onlyTemplate = [...bigramSet(tpl)].filter((b) => !hwBigrams.has(b)).length;
  const count = (key: 'role' | 'situation') =>
    Object.fromEntries([...new Set(built.rows.map((r) => r[key]))].sort().map((k) => [k, built.rows.filter((r) => r[key] === k).length]));
  const meta = {
    file: 'corpus.txt',
    sha256,
    lines: built.rows.length,
    handwritten: hw.length,
    templated: tpl.length,
    families: new Set(built.rows.map((r) => r.family)).size,
    templateFamilies: new Set(tpl.map((r) => r.family)).size,
    duplicatesDropped: built.duplicates,
    badRows: built.issues.length,
    variety: { handwrittenBigrams: hwBigrams.size, templateOnlyBigrams: onlyTemplate, handwrittenShare: +(hwBigrams.size / (hwBigrams.size + onlyTemplate)).toFixed(3) },
    perRole: count('role'),
    perSituation: count('situation'),
    licence: 'MIT (written for this project)',
  };
  writeAtomic(join(dir, 'corpus.txt'), text);
  writeAtomic(join(dir, 'corpus.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`corpus: ${meta.lines} lines (${meta.handwritten} hand-written, ${meta.templated} from ${meta.templateFamilies} template families), sha256 ${sha256.slice(0, 12)}…, hand-written share of bigram variety ${meta.variety.handwrittenShare}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
