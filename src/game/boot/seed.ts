import { isValidSeed, randomSeed } from '../../core/rng';

/** The seed asked for in the page URL (`?seed=...`), or a fresh one. Invalid seeds are reported. */
export function seedFromUrl(href: string): { seed: string; error?: string } {
  const asked = new URL(href).searchParams.get('seed');
  if (asked === null || asked === '') return { seed: randomSeed() };
  if (isValidSeed(asked)) return { seed: asked };
  return { seed: randomSeed(), error: `?seed=${asked} is not a valid seed (1-32 letters, digits, _ or -); using a fresh one` };
}

/** The page URL with `?seed=` set (other parameters kept). */
export function urlWithSeed(href: string, seed: string): string {
  const url = new URL(href);
  url.searchParams.set('seed', seed);
  return url.toString();
}
