import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A seeded random number generator. The same seed gives the same sequence. */
export interface Rng {
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** An independent generator derived from this one (for sub-streams). */
  fork(): Rng;
}

/** Creates a generator from a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const g = xoroshiro128plus(seed | 0);
  const rng: Rng = {
    int: (from, to) => uniformInt(g, from, to),
    float: () => uniformFloat64(g),
    fork: () => createRng(uniformInt(g, -0x80000000, 0x7fffffff)),
  };
  return rng;
}
