import './panel.css';
import { DebugPanel } from './panel';
import { readBootRequest } from './panelState';

/**
 * Entry of the debug panel (its own <script> in index.html; nothing imports it). Waits for the
 * game's `window.worldsmith`, builds the panel hidden, applies the params the URL or
 * localStorage asked for, and toggles the panel with the backquote key. `window.worldsmithPanel`
 * is a read-only handle for tests. Any failure here is logged and leaves the game alone.
 */

/** What tests and power users can read from the panel. */
export interface PanelHandle {
  /** Resolves once the page's params are applied and the panel is built. */
  readonly ready: Promise<void>;
  isOpen(): boolean;
  setOpen(open: boolean): void;
  /** The status line. */
  message(): string;
  /** Slider-to-room times in ms (decode + repair + room update), in order. */
  latency(): number[];
}

declare global {
  interface Window {
    worldsmithPanel?: PanelHandle;
  }
}

const request = readBootRequest(location.href, safeStorage());

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function gameApi() {
  for (let i = 0; !window.worldsmith; i++) {
    if (i > 600) throw new Error('window.worldsmith never appeared (is the game script on the page?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  await window.worldsmith.ready;
  return window.worldsmith;
}

async function start(): Promise<DebugPanel> {
  const api = await gameApi();
  const panel = new DebugPanel(api);
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.code !== 'Backquote' && e.key !== '`') return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      e.preventDefault();
      e.stopPropagation();
      panel.setOpen(!panel.isOpen());
    },
    { capture: true },
  );
  await panel.boot(request);
  if (request.open) panel.setOpen(true);
  return panel;
}

const started = start();
started.catch((e: unknown) => console.error('[panel] the debug panel did not start:', e));
window.worldsmithPanel = {
  ready: started.then(() => undefined),
  isOpen: () => panelNow()?.isOpen() ?? false,
  setOpen: (open) => panelNow()?.setOpen(open),
  message: () => panelNow()?.lastMessage ?? '',
  latency: () => panelNow()?.timings() ?? [],
};

let current: DebugPanel | null = null;
void started.then((p) => (current = p), () => {});
function panelNow(): DebugPanel | null {
  return current;
}
