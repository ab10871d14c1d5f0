import { SLOTS, type Slot } from '../core/vocab';
import type { LineFacts } from './ports';

/** Slot tokens of dialogue lines (`{npc}`, `{place}`, …) and filling them with a world's facts. */

const SLOT_TOKEN = /\{([a-z]+)\}/g;

/**
 * Fills every `{slot}` of a line with its fact and capitalises each sentence's first letter.
 * Returns null when the line names a slot that is not in SLOTS or still holds a brace
 * afterwards, so no raw `{slot}` ever reaches a player.
 */
export function fillSlots(template: string, facts: LineFacts): string | null {
  let bad = false;
  const text = template.replace(SLOT_TOKEN, (_, name: string) => {
    if (!(SLOTS as readonly string[]).includes(name)) {
      bad = true;
      return '';
    }
    return facts[name as Slot];
  });
  if (bad || /[{}]/.test(text)) return null;
  // A slot may open a sentence ("{item} lies east." → "the Amber Lantern lies east."): capitalise.
  return text.replace(/(^|[.!?]["')]?\s+)([a-z])/g, (_, before: string, c: string) => before + c.toUpperCase());
}

/** Slots a template uses (in order, repeats kept). */
export function slotsOf(template: string): string[] {
  return [...template.matchAll(SLOT_TOKEN)].map((m) => m[1]);
}
