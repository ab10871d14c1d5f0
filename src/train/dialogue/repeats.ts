import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { World } from '../../core/schema';
import { SITUATIONS, type Situation } from '../../core/vocab';
import { parseWorld } from '../../pipeline/export/worldJson';
import { npcFacts } from '../../pipeline/quest';
import { unfillSlots } from '../../pipeline/slots';
import { repeatShares } from './repeatShares';

/**
 * `npm run eval:repeats -- DIR [--json]`: how often the worlds in DIR (`*.world.json`, e.g. from
 * `npm run generate -- --seed rep --count 100 --out DIR --format json`) say the same line. A line
 * repeats when another line of the same role and situation, in any of the worlds, is the same:
 * - `text`: as the player reads it (two worlds with other foes say different lines);
 * - `template`: with the speaker's facts put back as slots ({player}, {npc}, {foe}, {place}, …),
 *   i.e. the line the writer chose before its slots were filled.
 * Prints the share of lines that repeat, over all lines and per situation.
 */

function usage(msg: string): never {
  console.error(`eval:repeats: ${msg}\nusage: npm run eval:repeats -- DIR [--json]`);
  process.exit(2);
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) usage('give one folder of worlds');
  const dir = positionals[0];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.world.json')).sort();
  } catch (e) {
    usage(`cannot read folder ${dir}: ${(e as Error).message}`);
  }
  if (files.length === 0) usage(`no *.world.json files in ${dir}`);
  const text: { role: string; situation: Situation; key: string }[] = [];
  const template: typeof text = [];
  for (const file of files) {
    try {
      const world: World = parseWorld(readFileSync(join(dir, file), 'utf8'));
      for (const npc of world.npcs) {
        const facts = npcFacts(world, npc);
        for (const line of npc.lines) {
          text.push({ role: npc.role, situation: line.situation, key: line.text });
          template.push({ role: npc.role, situation: line.situation, key: unfillSlots(line.text, facts) });
        }
      }
    } catch (e) {
      usage(`${join(dir, file)}: ${(e as Error).message}`);
    }
  }
  const out = { worlds: files.length, text: repeatShares(text), template: repeatShares(template) };
  if (values.json) return void console.log(JSON.stringify(out));
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`${out.worlds} worlds, ${out.text.lines} lines; share that repeat another line of the same role and situation`);
  console.log(`${'situation'.padEnd(18)} ${'as read'.padStart(8)} ${'template'.padStart(9)}`);
  console.log(`${'all'.padEnd(18)} ${pct(out.text.repeats).padStart(8)} ${pct(out.template.repeats).padStart(9)}`);
  for (const s of SITUATIONS) {
    if (out.text.bySituation[s] === undefined) continue;
    console.log(`${s.padEnd(18)} ${pct(out.text.bySituation[s]!).padStart(8)} ${pct(out.template.bySituation[s]!).padStart(9)}`);
  }
}

main();
