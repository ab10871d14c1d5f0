import { describe, expect, it } from 'vitest';
import type { World } from '../../src/core/schema';
import { escapeYarn, worldToYarn, yarnNodeTitle } from '../../src/pipeline/export/yarn';
import { generateWorld } from '../../src/pipeline/world';

interface YarnNode {
  headers: Record<string, string>;
  body: string[];
}

/** A minimal reader of the Yarn 2 file structure: headers, `---`, body, `===`. */
function parseYarn(text: string): YarnNode[] {
  const nodes: YarnNode[] = [];
  let node: YarnNode | null = null;
  let inBody = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!node) {
      if (line === '' || line.startsWith('//')) continue;
      node = { headers: {}, body: [] };
      inBody = false;
    }
    if (!inBody) {
      if (line === '---') inBody = true;
      else {
        const m = line.match(/^([A-Za-z_][\w]*):\s*(.*)$/);
        if (!m) throw new Error(`bad header line: ${line}`);
        node.headers[m[1]] = m[2];
      }
    } else if (line === '===') {
      nodes.push(node);
      node = null;
    } else node.body.push(line);
  }
  if (node) throw new Error('unterminated node');
  return nodes;
}

/** Speaker and text of a Yarn line (`Name: text #tag`), markup escapes undone. */
function readLine(line: string): { speaker: string; text: string; tag: string } | null {
  const m = line.match(/^([^:<]+): (.*) #([\w-]+)$/);
  if (!m) return null;
  return { speaker: m[1], text: m[2].replace(/\\(.)/g, '$1'), tag: m[3] };
}

describe('Yarn export', () => {
  const world = generateWorld('yarn-1');
  // A line full of Yarn markup characters must survive as literal text.
  const tricky: World = structuredClone(world);
  tricky.npcs[0].lines[0].text = 'Mind the {braces}, [b]tags[/b], <<commands>>, #hashes and // slashes \\ too.';

  it('writes one node per NPC with a valid, unique title and the role as tag', () => {
    const nodes = parseYarn(worldToYarn(world));
    expect(nodes).toHaveLength(world.npcs.length);
    const titles = nodes.map((n) => n.headers.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const [i, n] of nodes.entries()) {
      expect(n.headers.title).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(n.headers.title).toBe(yarnNodeTitle(world.npcs[i].id));
      expect(n.headers.tags).toBe(world.npcs[i].role);
    }
  });

  it('parses back to every NPC line, speaker and situation, markup escaped', () => {
    const nodes = parseYarn(worldToYarn(tricky));
    tricky.npcs.forEach((npc, i) => {
      const lines = nodes[i].body.map(readLine).filter((l) => l !== null);
      expect(lines.map((l) => l.speaker)).toEqual(npc.lines.map(() => npc.name));
      expect(new Set(lines.map((l) => `${l.tag}|${l.text}`))).toEqual(new Set(npc.lines.map((l) => `${l.situation}|${l.text}`)));
    });
    expect(nodes[0].body.join('\n')).not.toMatch(/(^|[^\\])[{[<#]b/);
  });

  it('branches the giver node on quest completion', () => {
    const giver = world.npcs.findIndex((n) => n.id === world.quest.giver);
    const body = parseYarn(worldToYarn(world))[giver].body;
    expect(body[0]).toBe('<<declare $quest_complete = false>>');
    const [ifAt, elseAt, endAt] = ['<<if $quest_complete>>', '<<else>>', '<<endif>>'].map((s) => body.indexOf(s));
    expect(ifAt).toBeLessThan(elseAt);
    expect(elseAt).toBeLessThan(endAt);
    expect(body.slice(ifAt, elseAt).some((l) => l.endsWith('#quest-completion'))).toBe(true);
    expect(body.slice(elseAt, endAt).some((l) => l.endsWith('#quest-hook'))).toBe(true);
  });

  it('escapes markup characters', () => {
    expect(escapeYarn('a {b} #c //d <e> [f] \\')).toBe('a \\{b\\} \\#c \\/\\/d \\<e\\> \\[f\\] \\\\');
  });
});
