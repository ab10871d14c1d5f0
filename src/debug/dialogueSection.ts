import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { createRng } from '../core/rng';
import type { DialogueLine } from '../core/schema';
import { NPC_ROLES, type NpcRole } from '../core/vocab';
import { placeholderLineSampler } from '../pipeline/dialogue';
import type { LineSampler } from '../pipeline/ports';
import { errorText, type PanelContext } from './context';
import { waitingNote } from './modelWait';
import { npcInFront, previewLines, rewriteNpcLines } from './npcLines';
import type { ParamControls } from './paramControls';

type Samplers = Partial<Record<LineSampler['name'], LineSampler>>;

/**
 * Dialogue: the world's model, temperature, top-k, candidates per line, variety and splice
 * penalty (the world is regenerated with the same rooms, the hero stays), new lines for the NPC
 * in front of the hero, and a preview of lines a role would say. Waits with a message while the
 * game has no dialogue model loaded.
 */
export class DialogueSection {
  private readonly wait: HTMLDivElement;
  private readonly list: HTMLOListElement;
  private readonly ctls: Controller[] = [];
  private readonly state = { role: NPC_ROLES[0] as NpcRole };
  private samplers: Samplers | null = null;
  private loading: Promise<void> | null = null;
  private rolls = 0;

  constructor(
    private readonly ctx: PanelContext,
    gui: GUI,
    controls: ParamControls,
  ) {
    const folder = gui.addFolder('Dialogue');
    this.wait = document.createElement('div');
    this.wait.className = 'ws-wait';
    folder.$children.appendChild(this.wait);
    const actions = { npc: () => this.rewriteNpc(), preview: () => this.preview() };
    this.ctls.push(
      controls.add(folder, 'dialogue.model', 'model', 'stay'),
      controls.add(folder, 'dialogue.temperature', 'temperature', 'stay'),
      controls.add(folder, 'dialogue.topK', 'top-k', 'stay'),
      controls.add(folder, 'dialogue.candidates', 'candidates per line', 'stay'),
      controls.add(folder, 'dialogue.pick', 'variety (pick)', 'stay'),
      controls.add(folder, 'dialogue.splicePenalty', 'splice penalty', 'stay'),
      controls.add(folder, 'dialogue.judgePenalty', 'reader judge', 'stay'),
      folder.add(actions, 'npc').name('new lines for the NPC in front'),
      folder.add(this.state, 'role', [...NPC_ROLES]).name('preview role'),
      folder.add(actions, 'preview').name('preview lines of the role'),
    );
    ['', '', '', '', '', '', '', 'npc-lines', 'role', 'preview-lines'].forEach((k, i) => k && (this.ctls[i].domElement.dataset.key = k));
    this.list = document.createElement('ol');
    this.list.className = 'ws-lines';
    folder.$children.appendChild(this.list);
    this.show(false);
  }

  private show(ready: boolean): void {
    for (const c of this.ctls) c.show(ready);
    this.list.style.display = ready ? '' : 'none';
    this.wait.style.display = ready ? 'none' : '';
  }

  /** Loads the dialogue models once (the panel's own copy), when the panel first opens. */
  activate(): Promise<void> {
    this.loading ??= (async () => {
      const status = this.ctx.api.models().find((m) => m.model === 'dialogue');
      if (status?.state !== 'loaded') {
        this.wait.textContent = waitingNote('Dialogue model', status, 'the dialogue tools wait for it');
        return;
      }
      this.wait.textContent = 'loading the dialogue models…';
      try {
        const [{ initTfBrowser }, { loadDialogueSamplers }] = await Promise.all([import('../game/tfBackend'), import('../models/dialogue')]);
        await initTfBrowser();
        this.samplers = await loadDialogueSamplers(`${import.meta.env.BASE_URL}models/dialogue/`);
        this.show(true);
      } catch (e) {
        this.wait.textContent = `Dialogue models could not be loaded by the panel: ${errorText(e)}`;
      }
    })();
    return this.loading;
  }

  private sampler(): LineSampler {
    const name = this.ctx.api.params().dialogue.model;
    return (name === 'placeholder' ? placeholderLineSampler : this.samplers?.[name]) ?? placeholderLineSampler;
  }

  private options() {
    const { temperature, topK, candidates, pick, splicePenalty, judgePenalty } = this.ctx.api.params().dialogue;
    return { temperature, topK, candidates, pick, splicePenalty, judgePenalty };
  }

  private showLines(title: string, lines: readonly DialogueLine[]): void {
    this.list.replaceChildren();
    const head = document.createElement('li');
    head.className = 'ws-lines-head';
    head.textContent = title;
    this.list.appendChild(head);
    for (const l of lines) {
      const li = document.createElement('li');
      li.textContent = `[${l.situation}] ${l.text}`;
      this.list.appendChild(li);
    }
  }

  private rewriteNpc(): void {
    void this.ctx.guard('new lines', () => {
      const world = this.ctx.api.world();
      const npc = npcInFront(world, this.ctx.api.player());
      if (!npc) {
        this.ctx.say('no NPC in this room', 'warn');
        return;
      }
      const sampler = this.sampler();
      const rng = createRng(`${world.seed}/panel:lines:${npc.id}:${this.rolls++}`);
      const lines = rewriteNpcLines(rng, world, npc, sampler, this.options());
      this.ctx.api.setNpcLines(npc.id, lines);
      this.showLines(`${npc.name} (${npc.role}), ${sampler.name}:`, lines);
      this.ctx.say(`new lines for ${npc.name}; talk (E) to hear them`);
    });
  }

  private preview(): void {
    void this.ctx.guard('preview', () => {
      const world = this.ctx.api.world();
      const sampler = this.sampler();
      const rng = createRng(`${world.seed}/panel:preview:${this.state.role}:${this.rolls++}`);
      this.showLines(`${this.state.role}, ${sampler.name}:`, previewLines(rng, world, this.state.role, sampler, this.options()));
    });
  }
}
