import Phaser from 'phaser';
import { findFoe } from '../../pipeline/bestiary';
import { HUD_ICONS } from '../../art/heroGear';
import type { App } from '../app';
import type { ModelStatus } from '../boot/generators';
import { TEX } from '../adapters/textures';
import { FONT, GAME_H, GAME_W, HUD_H } from '../layout';
import { lineComplete, visibleText } from '../rules/dialogue';

/** One HUD line for the models that fell back, grouped by reason. */
export function fallbackLine(statuses: readonly ModelStatus[]): string {
  const reasons = new Map<string, string[]>();
  for (const s of statuses) {
    if (s.state === 'loaded') continue;
    const reason = s.state === 'not-built-in' ? 'model not built in' : s.state === 'missing' ? 'no model weights' : 'model weights unreadable';
    reasons.set(reason, [...(reasons.get(reason) ?? []), s.fallback]);
  }
  const parts = [...reasons].map(([reason, uses]) => `${uses.join(', ')} (${reason})`);
  return parts.length ? `⚠ Using ${parts.join('; ')}` : '';
}

const icon = (name: (typeof HUD_ICONS)[number]) => HUD_ICONS.indexOf(name);
const TOAST_MS = 3500;

/**
 * The HUD strip (hearts, counts, quest, seed, model notices), the notice toast and the
 * dialogue box. Runs beside the Game scene for the whole page; redraws when the controller's
 * version changes, and animates the typewriter every frame.
 */
export class HudScene extends Phaser.Scene {
  private app!: App;
  private seen = -1;
  private hearts: Phaser.GameObjects.Image[] = [];
  private counts!: Phaser.GameObjects.Text;
  private title!: Phaser.GameObjects.Text;
  private objective!: Phaser.GameObjects.Text;
  private seed!: Phaser.GameObjects.Text;
  private place!: Phaser.GameObjects.Text;
  private standing!: Phaser.GameObjects.Text;
  private toast!: Phaser.GameObjects.Text;
  private box!: Phaser.GameObjects.Container;
  private speaker!: Phaser.GameObjects.Text;
  private line!: Phaser.GameObjects.Text;
  private more!: Phaser.GameObjects.Text;
  private tag!: Phaser.GameObjects.Text;

  constructor() {
    super('Hud');
  }

  create(): void {
    this.app = this.registry.get('app') as App;
    // Plain tinted quads (not Graphics): they batch with the icons and text, one draw fewer.
    this.add.image(0, 0, '__WHITE').setOrigin(0).setDisplaySize(GAME_W, HUD_H).setTint(0x16122a);
    this.add.image(0, HUD_H - 3, '__WHITE').setOrigin(0).setDisplaySize(GAME_W, 3).setTint(0x3b3158);
    const text = (x: number, y: number, size: number, color: string, bold = false) =>
      this.add.text(x, y, '', { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? 'bold' : 'normal' });
    for (let i = 0; i < 8; i++) this.hearts.push(this.add.image(12 + i * 27, 10, TEX.icons, icon('heart')).setOrigin(0).setScale(3));
    this.add.image(12, 42, TEX.icons, icon('coin')).setOrigin(0).setScale(2);
    this.add.image(66, 42, TEX.icons, icon('gem')).setOrigin(0).setScale(2);
    this.add.image(120, 42, TEX.icons, icon('key')).setOrigin(0).setScale(2);
    this.counts = text(32, 42, 14, '#f4ecd8', true).setWordWrapWidth(0);
    this.title = text(232, 8, 17, '#ffe39a', true);
    this.objective = text(232, 33, 12, '#d9d2ec').setWordWrapWidth(384).setLineSpacing(2);
    this.seed = text(GAME_W - 12, 8, 14, '#a8e0ff', true).setOrigin(1, 0);
    this.place = text(GAME_W - 12, 30, 12, '#c9c0dd').setOrigin(1, 0).setAlign('right');
    this.standing = text(12, HUD_H - 20, 11, '#ffcf5a');
    this.toast = text(GAME_W / 2, HUD_H + 10, 15, '#ffffff', true)
      .setOrigin(0.5, 0)
      .setBackgroundColor('#1a1430dd')
      .setPadding(10, 5, 10, 5)
      .setVisible(false);
    this.createDialogueBox(text);
  }

  private createDialogueBox(text: (x: number, y: number, size: number, color: string, bold?: boolean) => Phaser.GameObjects.Text): void {
    const w = GAME_W - 32;
    const h = 150;
    const frame = this.add.graphics();
    frame.fillStyle(0x0f0d26, 0.95).fillRoundedRect(0, 0, w, h, 8);
    frame.lineStyle(3, 0xe9e2ff, 1).strokeRoundedRect(0, 0, w, h, 8);
    frame.lineStyle(1, 0x6b5fa0, 1).strokeRoundedRect(5, 5, w - 10, h - 10, 5);
    this.speaker = text(18, 12, 15, '#ffe39a', true);
    this.line = text(18, 40, 17, '#ffffff').setWordWrapWidth(w - 40).setLineSpacing(4);
    this.more = text(w - 16, h - 26, 13, '#bfb5ea', true).setOrigin(1, 0);
    this.tag = text(18, h - 24, 12, '#ffcf5a');
    this.box = this.add.container(16, GAME_H - h - 14, [frame, this.speaker, this.line, this.more, this.tag]).setVisible(false);
  }

  update(time: number): void {
    const ctl = this.app.controller;
    if (!ctl?.world || !ctl.session) return;
    if (ctl.version !== this.seen) {
      this.seen = ctl.version;
      this.redraw();
    }
    const conv = ctl.conversation;
    if (conv) {
      const now = performance.now();
      this.line.setText(visibleText(conv, now));
      const done = lineComplete(conv, now);
      this.more.setText(done ? (conv.index + 1 < conv.lines.length ? 'E / Space ▸' : 'E / Space ✕') : '');
      this.more.setAlpha(Math.floor(time / 400) % 2 ? 1 : 0.55);
    }
    const last = ctl.notices[ctl.notices.length - 1];
    const age = last ? performance.now() - last.at : Infinity;
    this.toast.setVisible(age < TOAST_MS);
    if (age < TOAST_MS) this.toast.setAlpha(Math.min(1, (TOAST_MS - age) / 500));
  }

  private redraw(): void {
    const ctl = this.app.ctl;
    const { world, session } = ctl;
    const stats = session.stats;
    this.hearts.forEach((h, i) => h.setVisible(i < stats.maxHp).setFrame(icon(i < stats.hp ? 'heart' : 'heartEmpty')));
    this.counts.setText(`${String(stats.coins).padEnd(4)}  ${String(stats.gems).padEnd(4)}  ${stats.keys}`);
    this.title.setText(world.quest.title);
    // Taking the item wins (the giver's thanks are on the win screen); the objective says so.
    const guardian = findFoe(world.quest.guardian)?.name ?? 'its guardian';
    this.objective.setText(`Find ${world.quest.item} in ${world.quest.place} (${world.quest.direction}\nof ${world.npcs.find((n) => n.id === world.quest.giver)?.name ?? 'the quest giver'}), past the ${guardian}.`);
    this.seed.setText(`seed ${world.seed}${ctl.imported ? ' (imported)' : ''}`);
    const room = ctl.currentRoom();
    this.place.setText(`${room.place}\n${room.biome} · room ${room.x},${room.y}`);
    this.standing.setText(fallbackLine(this.app.statuses));
    const last = ctl.notices[ctl.notices.length - 1];
    if (last) this.toast.setText(last.text).setColor(last.kind === 'error' ? '#ff8a8a' : last.kind === 'warn' ? '#ffcf5a' : '#ffffff');
    this.toast.setWordWrapWidth(GAME_W - 80);
    const conv = ctl.conversation;
    this.box.setVisible(conv !== null);
    if (conv) {
      this.speaker.setText(`${conv.speaker} · ${conv.role}`);
      this.tag.setText(conv.placeholder ? 'placeholder line — no dialogue model loaded' : `line ${conv.index + 1} of ${conv.lines.length}`);
    }
  }
}
