import { ROOM_H, ROOM_W } from '../core/grid';

/** Screen layout, in canvas pixels unless stated. One room fills the view at ZOOM×. */
export const TILE = 16;
export const ZOOM = 3;
export const ROOM_PX_W = ROOM_W * TILE;
export const ROOM_PX_H = ROOM_H * TILE;
export const HUD_H = 96;
export const VIEW_W = ROOM_PX_W * ZOOM;
export const VIEW_H = ROOM_PX_H * ZOOM;
export const GAME_W = VIEW_W;
export const GAME_H = HUD_H + VIEW_H;

/** Depths of layers drawn in the game view (actors sort by y above ACTORS). */
export const DEPTH = { tiles: 0, ground: 5, actors: 10, effects: 5000 } as const;

/** Text styles shared by the overlay scenes. */
export const FONT = '"DejaVu Sans Mono", "Menlo", "Consolas", monospace';
