import { paintTileset } from '../art/tileset';
import { roomTileIndices, TILE_PX, TILESET_COLUMNS } from '../art/tilesetLayout';
import { Grid, ROOM_H, ROOM_W } from '../core/grid';
import type { Room } from '../core/schema';
import { GAME_W, HUD_H, TILE, ZOOM } from '../game/layout';

/**
 * Pictures of a room for the panel: a small preview drawn with the game's own tileset (the
 * decoder's room with repaired cells outlined) and an overlay over the game canvas that outlines
 * the cells the repair changed in the room on screen.
 */

const HIGHLIGHT = '#ff3df0';
let tileset: HTMLCanvasElement | null = null;

/** The game's tileset as a canvas (painted once). */
function tilesetCanvas(): HTMLCanvasElement {
  if (tileset) return tileset;
  const img = paintTileset();
  const c = document.createElement('canvas');
  c.width = img.width;
  c.height = img.height;
  c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  return (tileset = c);
}

/** The room preview in the panel (16×11 tiles at 16 px, scaled by CSS). */
export class RoomPreview {
  readonly canvas: HTMLCanvasElement;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.width = ROOM_W * TILE_PX;
    this.canvas.height = ROOM_H * TILE_PX;
    this.canvas.className = 'ws-room-preview';
  }

  /** Draws `grid` as room `room` would show it; outlines `changed` (row-major cells). */
  draw(room: Pick<Room, 'biome' | 'x' | 'y'>, grid: Grid, changed: readonly number[] = []): void {
    const g = this.canvas.getContext('2d')!;
    const sheet = tilesetCanvas();
    g.imageSmoothingEnabled = false;
    roomTileIndices(room.biome, grid, room.x, room.y).forEach((index, k) => {
      const sx = (index % TILESET_COLUMNS) * TILE_PX;
      const sy = Math.floor(index / TILESET_COLUMNS) * TILE_PX;
      g.drawImage(sheet, sx, sy, TILE_PX, TILE_PX, (k % ROOM_W) * TILE_PX, Math.floor(k / ROOM_W) * TILE_PX, TILE_PX, TILE_PX);
    });
    g.strokeStyle = HIGHLIGHT;
    g.lineWidth = 2;
    for (const k of changed) g.strokeRect((k % ROOM_W) * TILE_PX + 1, Math.floor(k / ROOM_W) * TILE_PX + 1, TILE_PX - 2, TILE_PX - 2);
  }
}

/**
 * Outlines cells of the room on screen, over the game canvas (pointer events pass through).
 * The game shows one room at a time, filling the view below the HUD, so a cell's place on the
 * page follows from the canvas's box and the game's layout constants.
 */
export class GameOverlay {
  private readonly canvas: HTMLCanvasElement;
  private cells: number[] = [];

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'ws-overlay';
    window.addEventListener('resize', () => this.draw());
  }

  show(cells: readonly number[]): void {
    this.cells = [...cells];
    this.draw();
  }

  clear(): void {
    this.show([]);
  }

  private draw(): void {
    const game = document.querySelector<HTMLCanvasElement>('#game canvas');
    const c = this.canvas;
    // On the page only while it outlines something (the game's canvas stays the page's only one).
    if (!game || this.cells.length === 0) {
      c.remove();
      return;
    }
    if (!c.isConnected) document.body.appendChild(c);
    const box = game.getBoundingClientRect();
    const scale = box.width / GAME_W;
    const cell = TILE * ZOOM * scale;
    c.style.left = `${box.left}px`;
    c.style.top = `${box.top + HUD_H * scale}px`;
    c.width = Math.round(ROOM_W * cell);
    c.height = Math.round(ROOM_H * cell);
    const g = c.getContext('2d')!;
    g.clearRect(0, 0, c.width, c.height);
    g.strokeStyle = HIGHLIGHT;
    g.lineWidth = Math.max(2, cell / 10);
    for (const k of this.cells) g.strokeRect((k % ROOM_W) * cell + 2, Math.floor(k / ROOM_W) * cell + 2, cell - 4, cell - 4);
  }
}
