import type GUI from 'lil-gui';
import type { World } from '../core/schema';
import { downloadFiles } from '../game/export/download';
import { exportFiles, type ExportFile } from '../pipeline/export/files';
import type { PanelContext } from './context';

/** Largest file the panel imports (a 12×12 world is ~200 kB). */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Export / import: the world on screen (with any live edits) as world JSON, as a Tiled map with
 * its tileset PNG, and its dialogue as Yarn; a world file back into the game. The world JSON
 * records seed and every param, so an unedited world regenerates byte for byte from it.
 */
export class ExchangeSection {
  private readonly input: HTMLInputElement;

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
  ) {
    const folder = gui.addFolder('Export / import');
    const ours = (world: World) => exportFiles(world, 'json');
    const actions = {
      json: () => this.save((w) => ours(w).filter((f) => f.name.endsWith('.world.json'))),
      tiled: () => this.save((w) => exportFiles(w, 'tmj')),
      yarn: () => this.save((w) => ours(w).filter((f) => f.name.endsWith('.yarn'))),
      load: () => this.input.click(),
    };
    folder.add(actions, 'json').name('⬇ world JSON').domElement.dataset.key = 'export-json';
    folder.add(actions, 'tiled').name('⬇ Tiled .tmj + tileset PNG').domElement.dataset.key = 'export-tiled';
    folder.add(actions, 'yarn').name('⬇ dialogue .yarn').domElement.dataset.key = 'export-yarn';
    folder.add(actions, 'load').name('⬆ import world JSON').domElement.dataset.key = 'import';

    this.input = document.createElement('input');
    this.input.type = 'file';
    this.input.accept = '.json,.world.json,application/json';
    this.input.className = 'ws-panel-file';
    this.input.dataset.key = 'import-file';
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      this.input.value = '';
      if (file) void this.importFile(file);
    });
    folder.$children.appendChild(this.input);
  }

  private save(pick: (world: World) => ExportFile[]): void {
    void this.ctx.guard('export', () => {
      const picked = pick(this.ctx.api.world());
      downloadFiles(picked);
      this.ctx.say(`exported ${picked.map((f) => f.name).join(', ')}`);
    });
  }

  /** Validates and plays a world file; a bad file is refused with the validator's message. */
  async importFile(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) {
      this.ctx.say(`import refused (${file.name}): ${(file.size / 1e6).toFixed(1)} MB is too big for a world file`, 'error');
      return;
    }
    const text = await file.text();
    try {
      await this.ctx.api.importWorld(text);
      this.ctx.say(`imported ${file.name} (seed ${this.ctx.api.seed})`);
    } catch (e) {
      this.ctx.say(`import refused (${file.name}): ${(e as Error).message}`, 'error');
    }
  }
}
