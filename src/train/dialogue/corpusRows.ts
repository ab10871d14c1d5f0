import { NPC_ROLES, SITUATIONS } from '../../core/vocab';
import { lineProblem, normalizeLine } from '../../models/dialogue/pieces';

/**
 * Rows of a dialogue corpus and their parser. Three text formats share it:
 * - hand-written files: `role|situation|text`;
 * - the built corpus (`assets/text/corpus.txt`): `family|role|situation|text`;
 * - a user's corpus (`train:dialogue -- --corpus FILE`): either of those or plain text lines
 *   (role and situation `*`, meaning "any").
 * Blank lines and lines starting with `#` are skipped.
 */

/** `*` stands for "not given": a model trained on such rows uses a neutral prefix. */
export const ANY = '*';

export interface CorpusRow {
  /** Split unit: a hand-written line is its own family; a template's expansions share one. */
  family: string;
  role: string;
  situation: string;
  /** Normalized text (single spaces, trimmed); may contain slot tokens. */
  text: string;
  /** Where it came from, `file:line`. */
  source: string;
}

export interface RowIssue {
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}

export type RowFormat = 'handwritten' | 'corpus' | 'any';

export interface ParsedRows {
  rows: CorpusRow[];
  issues: RowIssue[];
}

const ROLE_SET: ReadonlySet<string> = new Set(NPC_ROLES);
const SITUATION_SET: ReadonlySet<string> = new Set(SITUATIONS);

/**
 * Parses rows and reports each bad one with its line number (the good ones are kept).
 * `file` names the source in issues and in `CorpusRow.source`.
 */
export function parseRows(content: string, file: string, format: RowFormat): ParsedRows {
  const rows: CorpusRow[] = [];
  const issues: RowIssue[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cols = trimmed.split('|');
    const fail = (message: string) => issues.push({ file, line, message });
    let family = `${file}:${line}`;
    let role = ANY;
    let situation = ANY;
    let text: string;
    if (cols.length === 4 && format !== 'handwritten') {
      [family, role, situation, text] = cols;
      if (!/^[\w:./-]+$/.test(family)) return fail(`bad family id "${family}"`);
    } else if (cols.length === 3 && format !== 'corpus') {
      [role, situation, text] = cols;
    } else if (cols.length === 1 && format === 'any') {
      text = cols[0];
    } else {
      const want = { handwritten: 'role|situation|text', corpus: 'family|role|situation|text', any: 'text or role|situation|text' };
      return fail(`expected ${want[format]}, got ${cols.length} column(s)`);
    }
    role = role.trim();
    situation = situation.trim();
    if (!ROLE_SET.has(role) && !(format === 'any' && role === ANY)) {
      return fail(`unknown role "${role}" (expected one of ${NPC_ROLES.join(', ')})`);
    }
    if (!SITUATION_SET.has(situation) && !(format === 'any' && situation === ANY)) {
      return fail(`unknown situation "${situation}" (expected one of ${SITUATIONS.join(', ')})`);
    }
    text = normalizeLine(text);
    const problem = lineProblem(text);
    if (problem) return fail(problem);
    rows.push({ family, role, situation, text, source: `${file}:${line}` });
  });
  return { rows, issues };
}

/** `file:line: message` lines for a terminal. */
export function formatIssues(issues: readonly RowIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n');
}

/** The corpus file format: one `family|role|situation|text` row per line. */
export function formatCorpus(rows: readonly CorpusRow[]): string {
  return rows.map((r) => `${r.family}|${r.role}|${r.situation}|${r.text}\n`).join('');
}
