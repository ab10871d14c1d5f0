import type { App } from '../app';

/** Largest world file accepted (a 12×12 world is ~200 kB). */
const MAX_BYTES = 5 * 1024 * 1024;

async function importFile(app: App, file: File): Promise<void> {
  if (file.size > MAX_BYTES) {
    app.ctl.notify(`Import failed (${file.name}): ${(file.size / 1e6).toFixed(1)} MB is too big for a world file`, 'error');
    return;
  }
  await app.importText(await file.text(), file.name);
}

/**
 * World import from a file picker (`openPicker()`, key I or the Import button) and from files
 * dropped anywhere on the page. Errors show in the game; nothing throws.
 */
export function installImport(app: App): { openPicker: () => void } {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,.world.json,application/json';
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(app, file);
  });
  document.body.appendChild(input);
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dropping');
  });
  window.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    const file = e.dataTransfer?.files?.[0];
    if (file) void importFile(app, file);
  });
  // Deferred: Chromium ignores a file input clicked inside the keydown handler itself.
  return { openPicker: () => setTimeout(() => input.click(), 0) };
}
