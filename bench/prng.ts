/** Seeded randomness for the generated databases: same seed, same database. */
import { mulberry32 } from "../db/demo";

export type Rng = ReturnType<typeof makeRng>;

export function makeRng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/**
 * Draws indexes 0..n-1 with the given weights in O(log n): the cumulative weights are
 * computed once, each draw is a binary search.
 */
export function weightedIndex(weights: readonly number[]): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cumulative[i] = sum += w));
  return (rng) => {
    const r = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** `[value, weight]` pairs → a function drawing a value. */
export function weighted<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const index = weightedIndex(items.map(([, w]) => w));
  return (rng) => items[index(rng)][0];
}

/** Zipf-like weights 1/rank^s: a few big ones, a long tail. */
export function zipf(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}
