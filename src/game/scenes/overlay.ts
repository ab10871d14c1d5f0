import Phaser from 'phaser';
import { FONT, GAME_H, GAME_W, HUD_H } from '../layout';
import { paginate } from '../rules/pages';

const PANEL_W = GAME_W - 96;
/** Panel height around the body: title above, footer below. */
const PANEL_CHROME = 150;
const PANEL_MAX_H = GAME_H - HUD_H - 16;

/** The body text of an overlay panel (wrapped to the panel's width). */
function bodyText(scene: Phaser.Scene, lines: readonly string[], fontSize: number): Phaser.GameObjects.Text {
  return scene.add
    .text(GAME_W / 2, 0, lines.join('\n'), { fontFamily: FONT, fontSize: `${fontSize}px`, color: '#efeaff', align: 'center', lineSpacing: Math.round(fontSize / 3) })
    .setOrigin(0.5, 0)
    .setWordWrapWidth(PANEL_W - 48);
}

/** `lines` cut into pages that each fit one overlay panel at `fontSize` (measured in `scene`). */
export function overlayPages(scene: Phaser.Scene, lines: readonly string[], fontSize: number): string[][] {
  const probe = bodyText(scene, [], fontSize).setVisible(false);
  const measure = (page: readonly string[]) => probe.setText(page.join('\n')).height;
  const pages = paginate(lines, measure, PANEL_MAX_H - PANEL_CHROME);
  probe.destroy();
  return pages;
}

/** A dimmed panel over the play area with a title and lines of text (Win, GameOver, Credits). */
export function overlayPanel(scene: Phaser.Scene, title: string, titleColor: string, lines: string[], footer: string, fontSize = 16): Phaser.GameObjects.Container {
  const w = PANEL_W;
  const dim = scene.add.rectangle(0, HUD_H, GAME_W, GAME_H - HUD_H, 0x05040c, 0.72).setOrigin(0);
  const body = bodyText(scene, lines, fontSize);
  const h = Math.min(PANEL_MAX_H, Math.max(200, body.height + PANEL_CHROME));
  const top = HUD_H + Math.max(8, (GAME_H - HUD_H - h) / 2);
  const frame = scene.add.graphics();
  frame.fillStyle(0x130f2b, 0.97).fillRoundedRect((GAME_W - w) / 2, top, w, h, 10);
  frame.lineStyle(3, 0xe9e2ff, 1).strokeRoundedRect((GAME_W - w) / 2, top, w, h, 10);
  const head = scene.add.text(GAME_W / 2, top + 22, title, { fontFamily: FONT, fontSize: '28px', color: titleColor, fontStyle: 'bold' }).setOrigin(0.5, 0);
  body.setY(top + 76);
  const foot = scene.add.text(GAME_W / 2, top + h - 36, footer, { fontFamily: FONT, fontSize: '14px', color: '#bfb5ea', fontStyle: 'bold' }).setOrigin(0.5, 0);
  scene.tweens.add({ targets: foot, alpha: 0.45, duration: 600, yoyo: true, repeat: -1 });
  return scene.add.container(0, 0, [dim, frame, head, body, foot]);
}

/** Calls `fn` once when Enter or Space is pressed in `scene`. */
export function onConfirm(scene: Phaser.Scene, fn: () => void): void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    fn();
  };
  scene.input.keyboard!.once('keydown-ENTER', go);
  scene.input.keyboard!.once('keydown-SPACE', go);
  scene.input.once('pointerdown', go);
}
