import type { World } from '../../core/schema';

/** Typewriter speed, characters per second. */
export const TYPE_CPS = 45;

/** An open conversation: the NPC's lines in order and when the current line started (ms). */
export interface Conversation {
  npcId: string;
  speaker: string;
  role: string;
  lines: string[];
  index: number;
  startedAt: number;
  /** The lines came from the placeholder sampler (the dialogue box says so). */
  placeholder: boolean;
}

/**
 * Opens a conversation with an NPC. The lines are the NPC's lines from the world JSON, in order,
 * so talking again says the same thing; the quest giver's completion line is kept for the win.
 */
export function openConversation(world: World, npcId: string, now: number): Conversation | null {
  const npc = world.npcs.find((n) => n.id === npcId);
  if (!npc) return null;
  const lines = npc.lines.filter((l) => l.situation !== 'quest-completion').map((l) => l.text);
  if (lines.length === 0) return null;
  return { npcId, speaker: npc.name, role: npc.role, lines, index: 0, startedAt: now, placeholder: world.generators.lines === 'placeholder' };
}

/** How much of the current line the typewriter shows at `now`. */
export function visibleText(conv: Conversation, now: number): string {
  const line = conv.lines[conv.index] ?? '';
  const n = Math.max(0, Math.floor(((now - conv.startedAt) / 1000) * TYPE_CPS));
  return line.slice(0, n);
}

export function lineComplete(conv: Conversation, now: number): boolean {
  return visibleText(conv, now).length >= (conv.lines[conv.index] ?? '').length;
}

/**
 * The talk key was pressed: a half-typed line is shown whole, a whole line moves on to the next,
 * and after the last line the conversation ends (null).
 */
export function advanceConversation(conv: Conversation, now: number): Conversation | null {
  if (!lineComplete(conv, now)) return { ...conv, startedAt: now - 1e9 };
  if (conv.index + 1 >= conv.lines.length) return null;
  return { ...conv, index: conv.index + 1, startedAt: now };
}

export interface Talker {
  id: string;
  x: number;
  y: number;
}

/**
 * The NPC the hero talks to: the nearest one within `reach` px of a point just in front of the
 * hero (so facing matters, but standing beside someone works too).
 */
export function talkTarget(hx: number, hy: number, fx: number, fy: number, npcs: readonly Talker[], reach = 20): Talker | null {
  const px = hx + fx * 8;
  const py = hy + fy * 8;
  let best: Talker | null = null;
  let bestD = reach;
  for (const n of npcs) {
    const d = Math.hypot(n.x - px, n.y - py);
    if (d <= bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}
