import type { Facing } from '../../art/hero';

export interface DirectionKeys {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
}

export interface Move {
  /** Velocity in px/s (diagonals normalised to `speed`). */
  vx: number;
  vy: number;
  facing: Facing;
  moving: boolean;
}

/**
 * Held keys → velocity and facing. Opposite keys cancel. Walking diagonally keeps the current
 * facing if it is one of the two directions (so the hero does not flicker between them).
 */
export function moveFromKeys(keys: DirectionKeys, speed: number, facing: Facing): Move {
  const dx = (keys.right ? 1 : 0) - (keys.left ? 1 : 0);
  const dy = (keys.down ? 1 : 0) - (keys.up ? 1 : 0);
  if (dx === 0 && dy === 0) return { vx: 0, vy: 0, facing, moving: false };
  const len = Math.hypot(dx, dy);
  const horizontal: Facing = dx < 0 ? 'left' : 'right';
  const vertical: Facing = dy < 0 ? 'up' : 'down';
  let next: Facing;
  if (dx !== 0 && dy !== 0) next = facing === horizontal || facing === vertical ? facing : horizontal;
  else next = dx !== 0 ? horizontal : vertical;
  return { vx: (dx / len) * speed, vy: (dy / len) * speed, facing: next, moving: true };
}

/** Unit vector of a facing. */
export function facingVector(facing: Facing): readonly [number, number] {
  switch (facing) {
    case 'up':
      return [0, -1];
    case 'down':
      return [0, 1];
    case 'left':
      return [-1, 0];
    case 'right':
      return [1, 0];
  }
}
