import type { ParamsOverride } from '../core/params';
import type { WorldsmithApi } from '../game/api';

/** How bad a panel message is. */
export type MessageKind = 'info' | 'warn' | 'error';

/** Where the hero goes after params change: back to its room and tile, or to the new start. */
export type HeroAfter = 'start' | 'stay';

/** What every panel section gets: the game's window API and the panel's shared actions. */
export interface PanelContext {
  readonly api: WorldsmithApi;
  /** Shows a message in the panel's status line (errors stay until the next message). */
  say(text: string, kind?: MessageKind): void;
  /**
   * Regenerates the current seed with some params changed (checked and clamped first; notes go
   * to the status line). Calls run one after another; never rejects.
   */
  applyParams(override: ParamsOverride, hero: HeroAfter): Promise<void>;
  /** Runs an action; an Error becomes a message instead of reaching the game. Never rejects. */
  guard(what: string, action: () => unknown): Promise<void>;
  /** Is the panel on screen? */
  isOpen(): boolean;
}

/** The message of anything thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
