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

/**
 * The inverse of `fillSlots` for a line written with `facts`: each fact's value back to its
 * `{slot}`, longest values first, as a whole word, its first letter in either case (fillSlots
 * capitalises a slot that opens a sentence). A word that merely equals a fact is taken for its
 * slot too (the literal "woods" in a world whose biome word is "woods").
 */
export function unfillSlots(text: string, facts: LineFacts): string {
  const byLength = (Object.entries(facts) as [Slot, string][]).filter(([, v]) => v !== '').sort(([, a], [, b]) => b.length - a.length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return byLength.reduce((t, [slot, value]) => {
    const first = `[${escape(value[0].toLowerCase())}${escape(value[0].toUpperCase())}]`;
    return t.replace(new RegExp(`(?<![\\p{L}\\p{N}'-])${first}${escape(value.slice(1))}(?![\\p{L}\\p{N}'-])`, 'gu'), `{${slot}}`);
  }, text);
}
