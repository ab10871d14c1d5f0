/** The level VAE: a conditional VAE over 16×11 rooms (see docs/levels.md). */
export { LevelVae, type DecodeOptions, type LevelVaeInfo } from './vae';
export { loadLevelVae, levelVaeFromModel } from './loader';
export { vaeRoomSampler } from './sampler';
export { PROJECT_VOCAB, type ConditionVocab, type RoomCondition } from './encoding';
export { buildLevelVae, DEFAULT_ARCH, type LevelVaeArch } from './model';
