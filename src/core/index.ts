export * from './grid';
export * from './params';
export * from './rng';
export * from './room';
export * from './schema';
export * from './tiles';
export * from './validate';
export * from './vocab';
