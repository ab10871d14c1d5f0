import { describe, expect, it } from 'vitest';
import { fillSlots, slotsOf } from '../../src/pipeline/slots';

const FACTS = {
  npc: 'Old Maren',
  player: 'Keldra',
  item: 'the Amber Lantern',
  place: 'Greyfen Hollow',
  biome: 'woods',
  foe: 'grey wolf',
  direction: 'north-east',
} as const;

describe('slot filling', () => {
  it('fills every slot with its fact', () => {
    expect(fillSlots('Bring {item} back from {place}, {player}.', FACTS)).toBe('Bring the Amber Lantern back from Greyfen Hollow, Keldra.');
    expect(slotsOf('{npc} says {foe} and {foe}')).toEqual(['npc', 'foe', 'foe']);
  });

  it('capitalises a slot that opens a sentence', () => {
    expect(fillSlots('{item} lies {direction}. {item} is old! {biome} hide it.', FACTS)).toBe(
      'The Amber Lantern lies north-east. The Amber Lantern is old! Woods hide it.',
    );
  });

  it('refuses unknown slots and stray braces', () => {
    expect(fillSlots('Hello {wizard}.', FACTS)).toBeNull();
    expect(fillSlots('Hello {player', FACTS)).toBeNull();
    expect(fillSlots('Hello {Player}.', FACTS)).toBeNull();
  });
});
