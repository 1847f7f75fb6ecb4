import seedrandom from "seedrandom";

/** A named, independently seeded stream of uniform doubles in [0, 1) with 53 bits of randomness. */
export interface RandomStream {
  /** Next uniform double in [0, 1). */
  next(): number;
}

/**
 * One master seed per run; every consumer asks for a stream by name
 * (`rng.stream("workload:batch:arrivals")`). Each stream is its own alea generator seeded from
 * (master seed, name), so adding a consumer never shifts another consumer's numbers, and workload
 * streams are the same whatever the architecture (common random numbers across architectures).
 */
export class RngFactory {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly masterSeed: number | string) {}

  /** The stream with this name; asking twice returns the same stream (same state). */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = makeStream(`${String(this.masterSeed)}/${name}`);
      this.streams.set(name, s);
    }
    return s;
  }
}

/** A fresh stream for an explicit seed string (tests, tools). */
export function makeStream(seed: string): RandomStream {
  const prng = seedrandom.alea(seed);
  return { next: () => prng.double() };
}
