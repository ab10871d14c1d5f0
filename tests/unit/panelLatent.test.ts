import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bfs, Grid, ROOM_W } from '../../src/core/grid';
import { DOOR_ENTRY, SIDES, bitsToMask, emptyRoom, stampDoors } from '../../src/core/room';
import { PROJECT_VOCAB } from '../../src/models/levelVae/encoding';
import { buildLevelVae, type LevelVaeArch } from '../../src/models/levelVae/model';
import { vaeRoomSampler } from '../../src/models/levelVae/sampler';
import { LevelVae, type LevelVaeInfo } from '../../src/models/levelVae/vae';
import { generateWorld } from '../../src/pipeline/world';
import { initTfNode } from '../../src/train/tfNode';
import { decodeRoom, generatingLatents, isHome, mustReachOf, nearestWalkable, readRoomLatent, repairForWorld, snapToHome } from '../../src/debug/roomLatent';

const ARCH: LevelVaeArch = { latentSize: 16, encoderChannels: 4, hidden: 16, decoderChannels: 4, decoderConvs: 1, decoderSeed: 'half' };
const INFO: LevelVaeInfo = { format: 'worldsmith.level-vae', latentSize: 16, styles: [...PROJECT_VOCAB.styles], biomes: [...PROJECT_VOCAB.biomes], defaultBiome: 'grassland', priorScale: 1 };

let vae: LevelVae;
beforeAll(async () => {
  await initTfNode();
  const { full } = buildLevelVae(ARCH, PROJECT_VOCAB, 11);
  full.setUserDefinedMetadata(INFO as unknown as Record<string, unknown>);
  vae = new LevelVae(full, INFO);
});

describe('the room latent behind the panel sliders', () => {
  it('finds the latent world generation drew for each VAE room (decode + repair gives the room back)', () => {
    const world = generateWorld('panel', { width: 3, height: 3 }, { rooms: vaeRoomSampler(vae) });
    const vaeRooms = world.rooms.filter((r) => r.source === 'vae');
    expect(vaeRooms.length).toBeGreaterThan(0);
    const zs = generatingLatents(vae, world)!.zs;
    expect(zs).toHaveLength(9);
    for (const room of vaeRooms) {
      const latent = readRoomLatent(vae, world, room.x, room.y);
      expect(latent.origin, `room (${room.x},${room.y})`).toBe('generated');
      expect(latent.mismatch).toBe(0);
      expect([...latent.base]).toEqual([...zs[room.y * 3 + room.x]]);
      expect(latent.critic!.candidates).toBe(world.params.rooms.candidates);
      expect(latent.critic!.draw).toBeGreaterThanOrEqual(1);
      expect(latent.critic!.draw).toBeLessThanOrEqual(world.params.rooms.candidates);
      if (latent.critic!.draw < latent.critic!.candidates) expect(latent.critic!.accepted).toBe(true);
    }
    const classic = generateWorld('panel', { width: 3, height: 3, rooms: { source: 'classic' } }, { rooms: vaeRoomSampler(vae) });
    expect(generatingLatents(vae, classic)).toBeNull();
    expect(readRoomLatent(vae, classic, 0, 0).origin).toBe('encoded');
  });

  it('decodes an edited latent into a room that keeps its doors and every entity reachable', () => {
    const world = generateWorld('panel-2', { width: 3, height: 3 }, { rooms: vaeRoomSampler(vae) });
    const before = tf.memory().numTensors;
    for (const room of world.rooms) {
      const latent = readRoomLatent(vae, world, room.x, room.y);
      const z = Float32Array.from(latent.base).map((v, i) => (i < 8 ? v + 2.5 : v));
      const out = decodeRoom(vae, world, room, latent, z, { temperature: 0, repair: true });
      const doors = latent.cond.doors;
      const dist = bfs(out.grid, SIDES.filter((s) => doors[s]).flatMap((s) => DOOR_ENTRY[s]));
      for (const [x, y] of mustReachOf(world, room)) expect(dist[y * ROOM_W + x], `cell (${x},${y}) of room (${room.x},${room.y})`).toBeGreaterThanOrEqual(0);
      expect(out.changedCells.length).toBe(out.raw.diff(out.grid));
      // The same latent gives the same room (a fixed stream per room even at temperature > 0).
      const a = decodeRoom(vae, world, room, latent, z, { temperature: 1, repair: false }).grid.toRows();
      expect(decodeRoom(vae, world, room, latent, z, { temperature: 1, repair: false }).grid.toRows()).toEqual(a);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('joins cut-off cells only when plain repair leaves them out', () => {
    const raw = emptyRoom();
    for (let x = 2; x < 14; x++) raw.set(x, 6, 'B');
    const doors = bitsToMask(1); // north only
    const plain = repairForWorld(raw, doors, []);
    expect(plain.grid.get(5, 8)).toBe('F');
    const joined = repairForWorld(raw, doors, [[5, 8]]);
    const dist = bfs(joined.grid, DOOR_ENTRY.N);
    expect(dist[8 * ROOM_W + 5]).toBeGreaterThan(0);
    expect(joined.changedCells.length).toBeGreaterThan(plain.changedCells.length);
  });

  it('snaps a slider on its home value back to the exact latent', () => {
    expect(snapToHome(-0.49, -0.492093, 0.01)).toBe(-0.492093);
    expect(snapToHome(-0.5, -0.492093, 0.01)).toBe(-0.5);
    const base = new Float32Array([0.25, -1]);
    expect(isHome(Float32Array.from(base), base)).toBe(true);
    expect(isHome(new Float32Array([0.25, -0.99]), base)).toBe(false);
  });

  it('moves a hero out of a wall to the nearest tile it can walk out of the room from', () => {
    const open = emptyRoom();
    stampDoors(open, bitsToMask(1)); // a north door at x = 7, 8
    open.set(4, 5, 'B');
    expect(nearestWalkable(open, 3, 5)).toEqual([3, 5]);
    const to = nearestWalkable(open, 4, 5)!;
    expect(Math.abs(to[0] - 4) + Math.abs(to[1] - 5)).toBe(1);
    // A wall from top to bottom at x = 6 cuts the left part off the door: the nearest cell on the
    // door's side wins over closer cells in the pocket.
    const split = Grid.fromRows(open.toRows());
    for (let y = 2; y < 9; y++) split.set(6, y, 'B');
    expect(nearestWalkable(split, 4, 5)).toEqual([7, 5]);
    const solid = emptyRoom();
    for (let y = 2; y < 9; y++) for (let x = 2; x < 14; x++) solid.set(x, y, 'B');
    expect(nearestWalkable(solid, 5, 5)).toBeNull();
  });
});
