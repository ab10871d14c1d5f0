/**
 * `npm run bench:world [-- --seeds N --candidates C --splice-penalty B --lines MODEL --json]` — world
 * generation time in Node: the median over N seeds (default 200), with the classic generators and
 * with the shipped models (the line writer of MODEL — markov | transformer | mixture — drawing C
 * candidates per line with splice penalty B; defaults: the game's `dialogue.model`,
 * `dialogue.candidates` and `dialogue.splicePenalty`).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS, resolveParams, WorldParamsSchema } from '../../core/params';
import { generateWorld, type Generators } from '../../pipeline/world';
import { loadNodeGenerators } from '../../cli/nodeGenerators';

/** Line models with a writer to time: the world schema's, without the model-free placeholder. */
const LINE_MODELS = WorldParamsSchema.shape.dialogue.shape.model.options.filter((m) => m !== 'placeholder');
const isLineModel = (m: string): m is (typeof LINE_MODELS)[number] => (LINE_MODELS as readonly string[]).includes(m);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function time(seeds: number, params: ReturnType<typeof resolveParams>, generators: Generators) {
  generateWorld('warmup', params, generators);
  const ms: number[] = [];
  for (let i = 0; i < seeds; i++) {
    const t0 = performance.now();
    generateWorld(`bench-${i}`, params, generators);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { seeds, medianMs: round(quantile(ms, 0.5)), p90Ms: round(quantile(ms, 0.9)), maxMs: round(ms[ms.length - 1]) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '200' },
      candidates: { type: 'string', default: String(DEFAULT_PARAMS.dialogue.candidates) },
      'splice-penalty': { type: 'string', default: String(DEFAULT_PARAMS.dialogue.splicePenalty) },
      lines: { type: 'string', default: DEFAULT_PARAMS.dialogue.model },
      json: { type: 'boolean', default: false },
    },
  });
  const [seeds, candidates] = [Number(values.seeds), Number(values.candidates)];
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds: expected a positive whole number, got "${values.seeds}"`);
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 32) throw new Error(`--candidates: expected a whole number from 1 to 32, got "${values.candidates}"`);
  const splicePenalty = Number(values['splice-penalty']);
  if (!(splicePenalty >= 0 && splicePenalty <= 10)) throw new Error(`--splice-penalty: expected a number from 0 to 10, got "${values['splice-penalty']}"`);
  const model = values.lines!;
  if (!isLineModel(model)) throw new Error(`--lines: expected one of ${LINE_MODELS.join(', ')}, got "${model}"`);
  const classic = time(seeds, resolveParams({ rooms: { source: 'classic' }, dialogue: { model: 'placeholder' } }), {});
  const params = resolveParams({ dialogue: { candidates, model, splicePenalty } });
  const loaded = await loadNodeGenerators('public/models', params, (m) => console.error(m));
  const models = time(seeds, params, loaded.world);
  const result = { classic, models: { ...models, lineModel: model, lineCandidates: candidates, splicePenalty, rooms: generateWorld('x', params, loaded.world).generators } };
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}

main().catch((e: unknown) => {
  console.error(`bench:world: ${(e as Error).message}`);
  process.exit(1);
});
