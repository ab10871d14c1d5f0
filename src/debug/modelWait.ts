import type { ModelStatus } from '../game/boot/generators';

/**
 * The message a panel section shows while its model is not loaded: which model, what the game
 * said about it (weights missing, unreadable, not built in) and what waits for it.
 */
export function waitingNote(label: string, status: ModelStatus | undefined, waits: string): string {
  const why = status ? status.message : `${label}: the game reports no status`;
  return `${label} not loaded — ${why}. ${waits[0].toUpperCase()}${waits.slice(1)} (it appears here once the model ships in public/models/).`;
}
