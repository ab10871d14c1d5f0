import type GUI from 'lil-gui';
import type { ModelStatus } from '../game/boot/generators';
import type { PanelContext } from './context';

const MODELS: ReadonlyArray<{ dir: ModelStatus['model']; label: string }> = [
  { dir: 'level-vae', label: 'Level VAE' },
  { dir: 'dialogue', label: 'Dialogue models' },
  { dir: 'sprite-gan', label: 'Sprite GAN' },
];

/** The fields of a shipped model's meta.json the panel shows (see src/train/meta.ts). */
interface Meta {
  name?: string;
  version?: string;
  createdAt?: string;
  dataLicence?: string;
  dataSources?: Array<{ name?: string; licence?: string; origin?: string }>;
  epochs?: number;
  steps?: number;
  params?: number;
  trainingSeconds?: number;
  metrics?: Record<string, number>;
}

/** A public file, or null when the server has none (dev servers answer with index.html). */
async function fetchText(url: string, looksRight: (text: string) => boolean): Promise<string | null> {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return null;
    const text = await res.text();
    return looksRight(text.trimStart()) ? text : null;
  } catch {
    return null;
  }
}

const el = (tag: string, text = '', cls = ''): HTMLElement => {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

/**
 * Models: for each model the game's load status, its meta.json (data set and licence, epochs or
 * steps, size, metrics) and its loss curve (loss.svg beside the weights), as shipped in
 * public/models/NAME/. Read when the panel first opens; "reload" reads again.
 */
export class ModelsSection {
  private readonly box: HTMLDivElement;
  private loaded = false;

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
  ) {
    const folder = gui.addFolder('Models').close();
    folder.add({ reload: () => void this.load() }, 'reload').name('read public/models/ again');
    this.box = document.createElement('div');
    this.box.className = 'ws-models';
    folder.$children.appendChild(this.box);
  }

  activate(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loaded = true;
    return this.load();
  }

  private async load(): Promise<void> {
    const statuses = this.ctx.api.models();
    const cards = await Promise.all(MODELS.map((m) => this.card(m.dir, m.label, statuses.find((s) => s.model === m.dir))));
    this.box.replaceChildren(...cards);
  }

  private async card(dir: string, label: string, status: ModelStatus | undefined): Promise<HTMLElement> {
    const base = `${import.meta.env.BASE_URL}models/${dir}/`;
    const card = el('section', '', 'ws-model');
    card.dataset.model = dir;
    card.appendChild(el('h4', `${label} — ${status?.state ?? 'unknown'}`));
    if (status && status.state !== 'loaded') card.appendChild(el('p', status.message, 'ws-wait'));
    const [metaText, svg] = await Promise.all([
      fetchText(`${base}meta.json`, (t) => t.startsWith('{')),
      fetchText(`${base}loss.svg`, (t) => t.startsWith('<svg') || t.startsWith('<?xml')),
    ]);
    if (!metaText) {
      card.appendChild(el('p', `no ${base}meta.json shipped yet`, 'ws-wait'));
      return card;
    }
    let meta: Meta;
    try {
      meta = JSON.parse(metaText) as Meta;
    } catch (e) {
      card.appendChild(el('p', `${base}meta.json is not JSON: ${(e as Error).message}`, 'ws-wait'));
      return card;
    }
    const rows: Array<[string, string]> = [
      ['model', `${meta.name ?? dir} ${meta.version ?? ''}`.trim()],
      ['data', (meta.dataSources ?? []).map((d) => `${d.name} (${d.licence}; ${d.origin})`).join('; ') || '—'],
      ['data licence', meta.dataLicence ?? '—'],
      ['training', [meta.epochs !== undefined ? `${meta.epochs} epochs` : '', meta.steps !== undefined ? `${meta.steps} steps` : '', meta.trainingSeconds !== undefined ? `${Math.round(meta.trainingSeconds)} s` : ''].filter(Boolean).join(', ') || '—'],
      ['parameters', meta.params !== undefined ? meta.params.toLocaleString('en') : '—'],
      ['made', meta.createdAt ?? '—'],
      ...Object.entries(meta.metrics ?? {}).map(([k, v]): [string, string] => [k, Number.isInteger(v) ? String(v) : v.toPrecision(4)]),
    ];
    const table = el('table', '', 'ws-meta');
    for (const [k, v] of rows) {
      const tr = el('tr');
      tr.append(el('th', k), el('td', v));
      table.appendChild(tr);
    }
    card.appendChild(table);
    if (svg) {
      const img = document.createElement('img');
      img.alt = `${label} loss curve`;
      img.src = `${base}loss.svg`;
      img.className = 'ws-loss';
      card.appendChild(img);
    } else {
      card.appendChild(el('p', 'no loss.svg shipped', 'ws-wait'));
    }
    return card;
  }
}
