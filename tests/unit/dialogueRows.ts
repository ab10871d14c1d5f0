/** Six conditioned lines for tiny dialogue-model tests (tokenizer, transformer, training). */
export const TINY_ROWS = [
  ['elder', 'greeting', 'Welcome, {player}. Sit a while by the fire.'],
  ['elder', 'hint', 'Go {direction} to {place}, child.'],
  ['merchant', 'trade', 'Rope for two coins, {player}. A fair price.'],
  ['guard', 'warning', 'Beware the {foe} in the {biome}.'],
  ['guard', 'greeting', 'Halt. State your business, {player}.'],
  ['merchant', 'greeting', 'Welcome, customer! Fresh stock today.'],
].map(([role, situation, text]) => ({ role, situation, text }));
