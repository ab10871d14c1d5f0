import { SITUATIONS, type Situation } from '../../core/vocab';

/** What `npm run eval:repeats` counts (repeats.ts): lines that repeat another of the same role and situation. */

export interface Shares {
  lines: number;
  repeats: number;
  bySituation: Partial<Record<Situation, number>>;
}

/** The share of lines that another line of the same role and situation says (keyed by `key`). */
export function repeatShares(lines: readonly { role: string; situation: Situation; key: string }[]): Shares {
  const count = new Map<string, number>();
  const id = (l: (typeof lines)[number]) => `${l.role}|${l.situation}|${l.key}`;
  for (const l of lines) count.set(id(l), (count.get(id(l)) ?? 0) + 1);
  const per = new Map<Situation, [number, number]>();
  for (const l of lines) {
    const [r, n] = per.get(l.situation) ?? [0, 0];
    per.set(l.situation, [r + (count.get(id(l))! > 1 ? 1 : 0), n + 1]);
  }
  const repeated = [...per.values()].reduce((a, [r]) => a + r, 0);
  const bySituation = Object.fromEntries(SITUATIONS.filter((s) => per.has(s)).map((s) => [s, per.get(s)![0] / per.get(s)![1]]));
  return { lines: lines.length, repeats: lines.length ? repeated / lines.length : 0, bySituation };
}
