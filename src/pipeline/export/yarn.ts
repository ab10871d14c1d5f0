import type { DialogueLine, Npc, World } from '../../core/schema';

/**
 * The world's dialogue as a Yarn Spinner 2 script (`.yarn`): one node per NPC, titled after the
 * NPC's id, lines spoken by the NPC's name and tagged with their situation (`#greeting`). The
 * quest giver's node branches on `$quest_complete` (declared there): the completion line after
 * the quest, the hook and description before it. Text is escaped so Yarn's markup characters
 * (`{ } [ ] < > # / \`) stay literal. Pure: world in, text out.
 */

const QUEST_VARIABLE = '$quest_complete';

/** A Yarn node title for an NPC id ("npc-3" → "npc_3"): letters, digits and underscores. */
export function yarnNodeTitle(npcId: string): string {
  const t = npcId.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(t) ? t : `n_${t}`;
}

/** Escapes text for a Yarn line body. */
export function escapeYarn(text: string): string {
  return text.replace(/[\\{}[\]<>#/]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

function speaker(name: string): string {
  // A speaker name ends at the first colon and may not hold Yarn markup.
  return name.replace(/[:\\{}[\]<>#/]/g, '').trim() || 'NPC';
}

function lineText(npc: Npc, line: DialogueLine): string {
  return `${speaker(npc.name)}: ${escapeYarn(line.text)} #${line.situation}`;
}

function nodeBody(npc: Npc, isGiver: boolean): string[] {
  const lines = npc.lines;
  if (!isGiver) return lines.map((l) => lineText(npc, l));
  const done = lines.filter((l) => l.situation === 'quest-completion');
  const before = lines.filter((l) => l.situation !== 'quest-completion' && l.situation !== 'farewell');
  const farewell = lines.filter((l) => l.situation === 'farewell');
  return [
    `<<declare ${QUEST_VARIABLE} = false>>`,
    `<<if ${QUEST_VARIABLE}>>`,
    ...done.map((l) => `    ${lineText(npc, l)}`),
    '<<else>>',
    ...before.map((l) => `    ${lineText(npc, l)}`),
    '<<endif>>',
    ...farewell.map((l) => lineText(npc, l)),
  ];
}

/** The whole `.yarn` file for a world. */
export function worldToYarn(world: World): string {
  const out: string[] = [
    `// Worldsmith dialogue for world "${world.seed}" (lines: ${world.generators.lines}).`,
    `// Quest: ${world.quest.title.replace(/\n/g, ' ')}; the giver's node reads ${QUEST_VARIABLE}.`,
    '',
  ];
  const titles = new Set<string>();
  for (const npc of world.npcs) {
    let title = yarnNodeTitle(npc.id);
    while (titles.has(title)) title += '_';
    titles.add(title);
    out.push(`title: ${title}`, `tags: ${npc.role}`, '---', ...nodeBody(npc, npc.id === world.quest.giver), '===', '');
  }
  return out.join('\n');
}
