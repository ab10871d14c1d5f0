/**
 * The tile vocabulary, compatible with the Video Game Level Corpus (VGLC) Zelda legend.
 * One character per tile; entities (creatures, NPCs, items, start, goal) are not tiles.
 */
export const TILE_CHARS = ['F', 'W', 'B', 'D', 'S', 'P', 'O', 'I', '-'] as const;
export type TileChar = (typeof TILE_CHARS)[number];

export interface TileInfo {
  readonly char: TileChar;
  readonly name: string;
  readonly walkable: boolean;
  readonly description: string;
}

export const TILES: Readonly<Record<TileChar, TileInfo>> = {
  F: { char: 'F', name: 'floor', walkable: true, description: 'open ground' },
  W: { char: 'W', name: 'wall', walkable: false, description: 'room wall (the 2-tile border)' },
  B: { char: 'B', name: 'block', walkable: false, description: 'solid obstacle: rock, tree, pillar' },
  D: { char: 'D', name: 'door', walkable: true, description: 'passage to the neighbouring room' },
  S: { char: 'S', name: 'stairs', walkable: true, description: 'stairs (walkable)' },
  P: { char: 'P', name: 'water', walkable: false, description: 'water or lava (not walkable)' },
  O: { char: 'O', name: 'bridge', walkable: true, description: 'bridge over water (walkable)' },
  I: { char: 'I', name: 'block-in-water', walkable: false, description: 'block standing in water' },
  '-': { char: '-', name: 'void', walkable: false, description: 'nothing: a pit or outside' },
};

/** Index of each tile char in TILE_CHARS (the one-hot order used by the models). */
export const TILE_INDEX: Readonly<Record<TileChar, number>> = Object.fromEntries(
  TILE_CHARS.map((c, i) => [c, i]),
) as Record<TileChar, number>;

export function isTileChar(c: string): c is TileChar {
  return c.length === 1 && Object.prototype.hasOwnProperty.call(TILES, c);
}

export function isWalkable(c: TileChar): boolean {
  return TILES[c].walkable;
}
