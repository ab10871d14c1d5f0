import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { ParamsOverride, WorldParams } from '../core/params';
import type { HeroAfter, PanelContext } from './context';
import { FIELD_BY_KEY, getPath, setPath } from './paramFields';
import { moveThreshold } from './panelState';

/**
 * lil-gui controls bound to world params. Each control shows one field with the schema's range;
 * committing a value (slider released, Enter, a choice made) regenerates the world through
 * `ctx.applyParams`. `refresh` shows the params of the world on screen (after any regeneration,
 * import or reset). Controls carry `data-key` for tests.
 */
export class ParamControls {
  private readonly values: Record<string, unknown> = {};
  private readonly controllers: Controller[] = [];
  private thresholds: [number, number, number] = [-0.3, 0, 0.3];

  constructor(private readonly ctx: PanelContext) {}

  /** Adds the control of one field (number, choice or switch) to `folder`. */
  add(folder: GUI, key: string, label: string, hero: HeroAfter): Controller {
    const f = FIELD_BY_KEY.get(key);
    if (!f) throw new Error(`ParamControls: unknown param "${key}"`);
    this.values[key] = getPath(this.ctx.api.params(), key);
    let c: Controller;
    if (f.kind === 'number') {
      c = folder.add(this.values, key, f.min, f.max, f.step).onFinishChange((v: number) => this.commit(key, v, hero));
    } else if (f.kind === 'enum') {
      c = folder.add(this.values, key, [...f.options]).onChange((v: string) => this.commit(key, v, hero));
    } else if (f.kind === 'bool') {
      c = folder.add(this.values, key).onChange((v: boolean) => this.commit(key, v, hero));
    } else {
      throw new Error(`ParamControls: "${key}" needs addThresholds`);
    }
    return this.track(c.name(label), key);
  }

  /** The three biome cut points, each held between its neighbours. */
  addThresholds(folder: GUI): void {
    const f = FIELD_BY_KEY.get('biomes.thresholds')!;
    if (f.kind !== 'thresholds') throw new Error('ParamControls: biomes.thresholds is not a thresholds field');
    this.thresholds = [...this.ctx.api.params().biomes.thresholds];
    const names = ['desert | grass', 'grass | forest', 'forest | cave'];
    ([0, 1, 2] as const).forEach((i) => {
      const key = `biomes.thresholds.${i}`;
      this.values[key] = this.thresholds[i];
      const c = folder.add(this.values, key, f.min, f.max, f.step).name(names[i]);
      c.onFinishChange((v: number) => {
        const moved = moveThreshold(this.thresholds, i, v);
        if (moved.note) {
          this.ctx.say(moved.note, 'warn');
          this.values[key] = moved.thresholds[i];
          c.updateDisplay();
        }
        void this.ctx.applyParams({ biomes: { thresholds: moved.thresholds } }, 'start');
      });
      this.track(c, key);
    });
  }

  private track(c: Controller, key: string): Controller {
    c.domElement.dataset.key = key;
    this.controllers.push(c);
    return c;
  }

  private commit(key: string, value: unknown, hero: HeroAfter): void {
    const override: Record<string, unknown> = {};
    setPath(override, key, value);
    void this.ctx.applyParams(override as ParamsOverride, hero);
  }

  /** Shows `params` in every control. */
  refresh(params: WorldParams): void {
    this.thresholds = [...params.biomes.thresholds];
    for (const key of Object.keys(this.values)) {
      const m = /^biomes\.thresholds\.(\d)$/.exec(key);
      this.values[key] = m ? this.thresholds[Number(m[1])] : getPath(params, key);
    }
    for (const c of this.controllers) c.updateDisplay();
  }
}
