import { beforeAll, describe, expect, it } from 'vitest';
import { Grid } from '../../src/core/grid';
import { createRng } from '../../src/core/rng';
import { bitsToMask, emptyRoom, interiorNonFloorShare, stampDoors } from '../../src/core/room';
import { PROJECT_VOCAB } from '../../src/models/levelVae/encoding';
import { criticLatents, roomPenalty } from '../../src/models/levelVae/critic';
import { buildLevelVae, type LevelVaeArch } from '../../src/models/levelVae/model';
import { vaeRoomSampler } from '../../src/models/levelVae/sampler';
import { LevelVae, type LevelVaeInfo } from '../../src/models/levelVae/vae';
import { initTfNode } from '../../src/train/tfNode';
import { TINY_VAE_INFO } from './levelVaeInfo';

const ARCH: LevelVaeArch = { latentSize: 16, encoderChannels: 4, hidden: 16, decoderChannels: 4, decoderConvs: 1, decoderSeed: 'half', condMapChannels: 2 };

/** An untrained tiny VAE whose rooms are noise: most fail the critic, so it has work to do. */
function tinyVae(bands: LevelVaeInfo['bands']): LevelVae {
  const info: LevelVaeInfo = { ...TINY_VAE_INFO, bands };
  const { full } = buildLevelVae(ARCH, PROJECT_VOCAB, 5);
  full.setUserDefinedMetadata(info as unknown as Record<string, unknown>);
  return new LevelVae(full, info);
}

const conds = [1, 3, 5, 6, 9, 10, 12, 15].map((bits, i) => ({ doors: bitsToMask(bits), style: i % 2 ? ('caves' as const) : ('grove' as const), biome: 'forest' as const }));

beforeAll(async () => {
  await initTfNode();
});

describe('room critic penalty', () => {
  it('is 0 for a playable room inside the band and grows with the distance outside it', () => {
    const room = emptyRoom();
    stampDoors(room, bitsToMask(5));
    expect(interiorNonFloorShare(room)).toBe(0);
    const doors = bitsToMask(5);
    expect(roomPenalty(room, { doors, style: 'caves', biome: 'cave' }, [0, 0.3])).toBe(0);
    expect(roomPenalty(room, { doors, style: 'caves', biome: 'cave' }, [0.2, 0.3])).toBeCloseTo(0.2);
    expect(roomPenalty(room, { doors, style: 'caves', biome: 'cave' })).toBe(0);
  });

  it('puts a room whose doors do not connect behind every playable one', () => {
    const rows = emptyRoom().toRows();
    const walled = Grid.fromRows(rows.map((r, y) => (y === 5 ? 'W'.repeat(16) : r)));
    stampDoors(walled, bitsToMask(5)); // N and S, split by a wall across the middle
    const penalty = roomPenalty(walled, { doors: bitsToMask(5), style: 'caves', biome: 'cave' }, [0, 1]);
    expect(penalty).toBeGreaterThanOrEqual(1);
  });
});

describe('critic latent choice', () => {
  it('with one candidate is exactly the first prior draw per room, in order', () => {
    const vae = tinyVae({ caves: [0.2, 0.4], grove: [0.1, 0.3] });
    const choice = criticLatents(vae, conds, createRng('c').fork('vae:latents'), 1);
    const rng = createRng('c').fork('vae:latents');
    const first = conds.map((c) => vae.sampleLatent(rng, c.style));
    expect(choice.zs.map((z) => [...z])).toEqual(first.map((z) => [...z]));
    expect(choice.draws).toEqual(conds.map(() => 1));
    vae.dispose();
  });

  it('keeps the best of up to N draws: never worse than the first, stops at an accepted room, decodes what it chose', () => {
    const vae = tinyVae({ caves: [0.2, 0.4], grove: [0.1, 0.3] });
    const one = criticLatents(vae, conds, createRng('c').fork('vae:latents'), 1);
    const many = criticLatents(vae, conds, createRng('c').fork('vae:latents'), 6);
    conds.forEach((cond, i) => {
      expect(many.penalties[i]).toBeLessThanOrEqual(one.penalties[i]);
      if (many.draws[i] < 6) expect(many.penalties[i]).toBe(0);
      if (many.penalties[i] > 0) expect(many.draws[i]).toBe(6);
      expect(many.penalties[i]).toBeCloseTo(roomPenalty(many.rooms[i], cond, vae.info.bands![cond.style]));
      expect(vae.decode(many.zs[i], cond).toRows()).toEqual(many.rooms[i].toRows());
    });
    expect(many.draws.some((d) => d > 1)).toBe(true); // the untrained decoder fails the critic
    vae.dispose();
  });

  it('is deterministic per seed through the sampler, and the candidates setting is validated', () => {
    const vae = tinyVae({ caves: [0.2, 0.4], grove: [0.1, 0.3] });
    const sampler = vaeRoomSampler(vae);
    const text = (seed: string) => sampler.sampleRooms(conds, createRng(seed), { temperature: 0, candidates: 4 }).map((g) => g.toRows().join('\n'));
    expect(text('s')).toEqual(text('s'));
    expect(() => criticLatents(vae, conds, createRng('x'), 0)).toThrow(/candidates/);
    vae.dispose();
  });
});
