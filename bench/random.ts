// Seeded randomness for the synthetic corpus. Two kinds: a sequential PRNG (mulberry32) for the
// choices made while writing one document, and a stateless hash for facts about the world (who
// works where, which body a ministry belongs to) that every document must agree on and that can
// be looked up in any order without generating anything else.

/** mulberry32: a tiny seedable PRNG returning floats in [0, 1); the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed 32-bit hash of a list of integers (order matters). */
export function hash32(...parts: number[]): number {
  let h = 0x2545f491;
  for (const part of parts) h = fmix32(Math.imul(h, 31) + fmix32(part + 0x9e3779b9));
  return h;
}

/** A uniform float in [0, 1) determined by the integers given. */
export function unitHash(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/**
 * Maps a uniform u to an index in [0, count) where low indices are much more likely: the density
 * is proportional to 1 / (x + skew) for x in [0, 1). Degrees then follow a power law (a few hubs,
 * many entities with a handful), and since the shape depends on x = index / count only, the
 * distribution looks the same at every corpus size. Smaller `skew` means a heavier head.
 */
export function popularIndex(u: number, count: number, skew: number): number {
  const x = skew * (((1 + skew) / skew) ** u - 1);
  return Math.min(count - 1, Math.floor(x * count));
}

/** Picks an option with probability proportional to its weight. */
export function pickWeighted<T>(u: number, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let left = u * total;
  for (const [option, weight] of options) {
    if (left < weight) return option;
    left -= weight;
  }
  const last = options[options.length - 1];
  if (!last) throw new Error('pickWeighted needs at least one option');
  return last[0];
}

/** Picks one element of a non-empty list. */
export function pick<T>(u: number, list: readonly T[]): T {
  const item = list[Math.min(list.length - 1, Math.floor(u * list.length))];
  if (item === undefined) throw new Error('pick needs a non-empty list');
  return item;
}

/** The share of `total` that falls to part `index` of `parts` (shares differ by at most one and sum to `total`). */
export function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(((index + 1) * total) / parts) - Math.floor((index * total) / parts);
}

/** The first position of part `index` when `total` items are split into `parts` shares. */
export function shareStart(total: number, parts: number, index: number): number {
  return Math.floor((index * total) / parts);
}
