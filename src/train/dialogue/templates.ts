import type { Rng } from '../../core/rng';
import { createRng } from '../../core/rng';
import { NPC_ROLES, SITUATIONS } from '../../core/vocab';
import { lineProblem, normalizeLine } from '../../models/dialogue/pieces';
import type { CorpusRow } from './corpusRows';

/**
 * A Tracery-style expander for the template seeds in `assets/text/templates/`. A grammar maps
 * symbols to alternatives; `#name#` in an alternative expands a symbol, `#name.capitalize#`
 * upper-cases the first letter of its expansion. Each origin of a role file is one template family
 * (the unit the train/validation/test split keeps together).
 * Written here rather than taken from `tracery-grammar`: that library draws from a global RNG;
 * ours takes the project Rng, so the corpus is a pure function of the seed files.
 */

export type Rules = Record<string, string[]>;

export interface RoleTemplates {
  role: string;
  /** Expansions kept per family (fewer when a family cannot make that many distinct lines). */
  perFamily: number;
  rules: Rules;
  /** situation → origins; each origin is a family. */
  families: Record<string, string[]>;
}

const SYMBOL_RE = /#([A-Za-z][\w]*)((?:\.[a-z]+)*)#/g;
const MAX_DEPTH = 12;

/**
 * Expands one text with the rules (depth-limited: a cycle is an error naming the symbol). A symbol
 * used twice in one line picks a different alternative when it can ("tea, or tea" reads badly).
 */
export function expand(text: string, rules: Rules, rng: Rng, depth = 0, used = new Map<string, Set<string>>()): string {
  if (depth > MAX_DEPTH) throw new Error(`template recursion deeper than ${MAX_DEPTH} in "${text}"`);
  return text.replace(SYMBOL_RE, (_m, name: string, mods: string) => {
    const alts = rules[name];
    if (!alts || alts.length === 0) throw new Error(`unknown template symbol #${name}#`);
    const taken = used.get(name) ?? new Set<string>();
    const fresh = alts.filter((a) => !taken.has(a));
    const choice = rng.pick(fresh.length > 0 ? fresh : alts);
    used.set(name, taken.add(choice));
    let out = expand(choice, rules, rng, depth + 1, used);
    for (const mod of mods.split('.').filter(Boolean)) {
      if (mod === 'capitalize') out = out.charAt(0).toUpperCase() + out.slice(1);
      else throw new Error(`unknown template modifier .${mod} on #${name}#`);
    }
    return out;
  });
}

/** Checks a parsed role file's shape; throws naming the file and the bad field. */
export function checkRoleTemplates(value: unknown, file: string): RoleTemplates {
  const v = value as Partial<RoleTemplates>;
  const bad = (what: string) => new Error(`${file}: ${what}`);
  if (typeof v !== 'object' || v === null) throw bad('expected a JSON object');
  if (!(NPC_ROLES as readonly string[]).includes(v.role ?? '')) throw bad(`unknown role "${v.role}"`);
  if (!Number.isInteger(v.perFamily) || (v.perFamily ?? 0) < 1) throw bad('perFamily must be a positive integer');
  if (typeof v.rules !== 'object' || v.rules === null) throw bad('rules must be an object');
  for (const [k, alts] of Object.entries(v.rules)) {
    if (!Array.isArray(alts) || alts.some((a) => typeof a !== 'string')) throw bad(`rules.${k} must be a list of strings`);
  }
  if (typeof v.families !== 'object' || v.families === null) throw bad('families must be an object');
  for (const [sit, origins] of Object.entries(v.families)) {
    if (!(SITUATIONS as readonly string[]).includes(sit)) throw bad(`families: unknown situation "${sit}"`);
    if (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string')) throw bad(`families.${sit} must be a list of strings`);
  }
  return v as RoleTemplates;
}

/**
 * What a composed line can get wrong that a written one does not: a symbol that starts a sentence
 * without `.capitalize` ("… {player}. the Dawn sees …"), or one that repeats its neighbour's word
 * ("spare spare arrows", "the the miners") — unless the grammar writes that pair itself ("La la!").
 */
export function compositionProblem(text: string, rules: Rules = {}, origin = ''): string | null {
  const lower = /[.!?] [a-z]/.exec(text);
  if (lower) return `a sentence starts lower-case at "${text.slice(lower.index, lower.index + 12)}…" (use #symbol.capitalize#)`;
  const twice = /\b(\w+) \1\b/i.exec(text);
  if (twice && ![origin, ...Object.values(rules).flat()].some((a) => a.toLowerCase().includes(twice[0].toLowerCase()))) return `"${twice[0]}" repeats a word`;
  return null;
}

/**
 * Up to `count` distinct expansions of one origin that are not in `exclude` (which grows with them),
 * drawn with `rng`; errors name `where`.
 */
export function expandOrigin(origin: string, rules: Rules, rng: Rng, count: number, exclude: Set<string>, where: string): string[] {
  const out: string[] = [];
  for (let attempt = 0; attempt < count * 40 && out.length < count; attempt++) {
    let text: string;
    try {
      text = normalizeLine(expand(origin, rules, rng));
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const problem = lineProblem(text) ?? compositionProblem(text, rules, origin);
    if (problem) throw new Error(`${where} expands to a bad line (${problem}): ${text}`);
    if (exclude.has(text)) continue;
    exclude.add(text);
    out.push(text);
  }
  return out;
}

/** The family id of a role file's origin: `tpl/<role>/<situation>/<index>`. */
export function familyId(role: string, situation: string, k: number): string {
  return `tpl/${role}/${situation}/${k}`;
}

/**
 * Expands every family of a role file into distinct lines: up to `perFamily` per origin, drawn
 * with an Rng seeded by the family id (so adding a family never changes another's lines).
 * `common` rules are shared by all roles; the role's own rules override them.
 */
export function expandRoleTemplates(t: RoleTemplates, common: Rules, file: string): CorpusRow[] {
  const rules = { ...common, ...t.rules };
  const rows: CorpusRow[] = [];
  for (const situation of SITUATIONS) {
    (t.families[situation] ?? []).forEach((origin, k) => {
      const family = familyId(t.role, situation, k);
      const source = `${file}#${situation}[${k}]`;
      for (const text of expandOrigin(origin, rules, createRng(family), t.perFamily, new Set(), `${file}: families.${situation}[${k}]`)) {
        rows.push({ family, role: t.role, situation, text, source });
      }
    });
  }
  return rows;
}
