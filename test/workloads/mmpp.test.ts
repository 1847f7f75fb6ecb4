import { describe, expect, it } from "vitest";
import { makeStream, RngFactory, type RandomStream } from "../../src/engine/rng.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";
import {
  interarrivalMeanUs,
  makeGapSampler,
  mmppDispersion,
  mmppHighShare,
  mmppMeanGapUs,
} from "../../src/workloads/mmpp.js";
import { interarrivalSchema } from "../../src/workloads/schema.js";
import type { Interarrival, MmppSpec } from "../../src/workloads/spec.js";
import { drain, smallSpec } from "./helpers.js";

const S = 1e6;
/** Bursts at 1 job/s for 10 min on average, calm at 0.1 job/s for 30 min on average. */
const BURSTY: MmppSpec = {
  high: { meanGapUs: 1 * S, meanSojournUs: 600 * S },
  low: { meanGapUs: 10 * S, meanSojournUs: 1800 * S },
};

/** A stream replaying fixed uniforms (hand-worked timelines). */
function replay(values: number[]): RandomStream {
  let i = 0;
  return {
    next: () => {
      const v = values[i++];
      if (v === undefined) throw new Error("replay stream exhausted");
      return v;
    },
  };
}

/** The uniform whose exponential draw of mean 1 is exactly `x`: 1 − e^(−x). */
const unit = (x: number) => -Math.expm1(-x);

/** Counts of arrivals in consecutive windows of `windowUs` up to `horizonUs`. */
function windowCounts(gaps: () => number, windowUs: number, horizonUs: number): number[] {
  const counts = new Array<number>(Math.floor(horizonUs / windowUs)).fill(0);
  for (let t = gaps(); t < counts.length * windowUs; t += gaps()) {
    const w = Math.floor(t / windowUs);
    counts[w] = (counts[w] ?? 0) + 1;
  }
  return counts;
}

function meanAndDispersion(counts: number[]): { mean: number; dispersion: number } {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (counts.length - 1);
  return { mean, dispersion: variance / mean };
}

const mmppGaps = (m: MmppSpec, seed: string, multiplier = 1) =>
  makeGapSampler({ mmpp: m }, multiplier, makeStream(`${seed}/gap`), () => makeStream(`${seed}/phase`));

describe("MMPP arrivals: analytic quantities", () => {
  it("long-run mean rate is the sojourn-weighted mean of the state rates", () => {
    // π_H = 600 / 2400 = 0.25; λ̄ = 0.25 · 1/s + 0.75 · 0.1/s = 0.325/s → mean gap 1/0.325 s.
    expect(mmppHighShare(BURSTY)).toBe(0.25);
    expect(mmppMeanGapUs(BURSTY)).toBeCloseTo(S / 0.325, 3);
    expect(interarrivalMeanUs({ mmpp: BURSTY })).toBe(mmppMeanGapUs(BURSTY));
    expect(interarrivalMeanUs({ dist: { type: "exponential", mean: 7 }, ceil: false })).toBe(7);
  });

  it("index of dispersion: 1 for equal states, ≈ 1 + 2σ²/(λ̄a) for long windows", () => {
    const same = { high: BURSTY.low, low: BURSTY.low };
    expect(mmppDispersion(same, 3600 * S)).toBe(1);
    // σ² = 0.25 · 0.75 · 0.9² = 0.151875 s⁻², a = 1/600 + 1/1800 s⁻¹ = 1/450 s⁻¹:
    // 2σ²/(λ̄a) = 0.30375 · 450 / 0.325 = 420.58; 1 h window: a·t = 8, factor 1 − (1 − e⁻⁸)/8.
    const limit = 1 + (0.30375 * 450) / 0.325;
    expect(mmppDispersion(BURSTY, 1e6 * 3600 * S)).toBeCloseTo(limit, 1);
    expect(mmppDispersion(BURSTY, 3600 * S)).toBeCloseTo(1 + (limit - 1) * (1 - (1 - Math.exp(-8)) / 8), 6);
  });
});

describe("MMPP arrivals: hand-worked timeline", () => {
  it("redraws the gap at the new state's rate when a state ends first", () => {
    // phase: 0.1 < π_H = 0.25 → high; high sojourn 0.005 · 600 s = 3 s.
    // gap 1: 1 s (mean 1 s · 1)    < 3 s left → arrival at +1 s,   2 s left.
    // gap 2: 1.5 s                 < 2 s left → arrival at +1.5 s, 0.5 s left.
    // gap 3: 1 s ≥ 0.5 s → the high state ends 0.5 s later; low sojourn 0.01 · 1800 s = 18 s;
    //        redraw at low rate: 0.2 · 10 s = 2 s < 18 s → arrival at +0.5 + 2 = +2.5 s.
    const phase = replay([0.1, unit(0.005), unit(0.01)]);
    const gaps = makeGapSampler(
      { mmpp: BURSTY },
      1,
      replay([unit(1), unit(1.5), unit(1), unit(0.2)]),
      () => phase,
    );
    expect(gaps()).toBeCloseTo(1 * S, 3);
    expect(gaps()).toBeCloseTo(1.5 * S, 3);
    expect(gaps()).toBeCloseTo(2.5 * S, 3);
  });

  it("a rate multiplier shortens gaps, not sojourns", () => {
    // Multiplier 2: high gaps have mean 0.5 s. phase → high, sojourn 3 s as above.
    // gap 1: 0.5 s (left 2.5 s); gap 2: 2 · 0.5 = 1 s (left 1.5 s); gap 3: 4 · 0.5 = 2 s ≥ 1.5 s →
    // switch at +1.5 s, low mean gap 5 s: 0.2 · 5 = 1 s → arrival at +2.5 s.
    const phase = replay([0.1, unit(0.005), unit(0.01)]);
    const gaps = makeGapSampler(
      { mmpp: BURSTY },
      2,
      replay([unit(1), unit(2), unit(4), unit(0.2)]),
      () => phase,
    );
    expect(gaps()).toBeCloseTo(0.5 * S, 3);
    expect(gaps()).toBeCloseTo(1 * S, 3);
    expect(gaps()).toBeCloseTo(2.5 * S, 3);
  });

  it("a sampler inter-arrival keeps the old rule: max(0, draw) / multiplier", () => {
    const ia: Interarrival = { dist: { type: "constant", value: 3 * S }, ceil: false };
    const gaps = makeGapSampler(ia, 4, makeStream("x"), () => {
      throw new Error("a renewal process must not open a phase stream");
    });
    expect(gaps()).toBe(0.75 * S);
  });
});

describe("MMPP arrivals: statistics over long runs", () => {
  // 10,000 h at λ̄ = 0.325/s: E N ≈ 11.7 M arrivals. With IDC(∞) ≈ 421 the sd of N/T is
  // sqrt(421 / 11.7 M) ≈ 0.6 % of λ̄, so 2.5 % is ≈ 4 sd: a wrong formula or biased state
  // draw (e.g. starting every run in the high state, or not redrawing at a state change) moves
  // the rate by far more.
  const hours = 10_000;
  const counts = windowCounts(mmppGaps(BURSTY, "mmpp-long"), 3600 * S, hours * 3600 * S);
  const { mean, dispersion } = meanAndDispersion(counts);

  it("long-run mean rate within 2.5 % of λ̄ = 0.325/s", () => {
    expect(Math.abs(mean / 3600 / 0.325 - 1)).toBeLessThan(0.025);
  });

  it("counts in 1 h windows are overdispersed as the formula says (±15 %)", () => {
    // Expected IDC(1 h) = 1 + 420.58 · (1 − (1 − e⁻⁸)/8) ≈ 368.6. Over 10,000 windows the
    // estimate's relative sd is a few % (the counts are a two-point mixture, windows correlate
    // over 1/a = 7.5 min only); 15 % tolerates that and still rejects IDC ≈ 1 (Poisson) by far.
    const expected = mmppDispersion(BURSTY, 3600 * S);
    expect(Math.abs(dispersion / expected - 1)).toBeLessThan(0.15);
    expect(dispersion).toBeGreaterThan(100);
  });

  it("Poisson arrivals (exponential gaps) have index of dispersion 1 within ±0.05", () => {
    // 10,000 windows of mean 360: the sample variance / mean of Poisson counts has sd
    // ≈ sqrt(2 / 10,000) ≈ 0.014, so 0.05 is ≈ 3.5 sd.
    const poisson = makeGapSampler(
      { dist: { type: "exponential", mean: 10 * S }, ceil: false },
      1,
      makeStream("poisson/gap"),
      () => makeStream("unused"),
    );
    const c = meanAndDispersion(windowCounts(poisson, 3600 * S, hours * 3600 * S));
    expect(Math.abs(c.dispersion - 1)).toBeLessThan(0.05);
    expect(Math.abs(c.mean / 360 - 1)).toBeLessThan(0.01);
  });

  it("rate multiplier 2 doubles the long-run rate (within 2.5 %)", () => {
    const c = meanAndDispersion(windowCounts(mmppGaps(BURSTY, "mmpp-x2", 2), 3600 * S, 2000 * 3600 * S));
    // 2,000 h at 0.65/s: sd of the rate ≈ sqrt(IDC / N) with IDC ≈ 2 · 421 (rates doubled,
    // sojourns not), N ≈ 4.7 M → 1.3 %; 2.5 % is ≈ 2 sd of a seeded, deterministic draw.
    expect(Math.abs(c.mean / 3600 / 0.65 - 1)).toBeLessThan(0.025);
  });
});

describe("MMPP arrivals in a synthetic workload", () => {
  const bursty = () => {
    const spec = smallSpec();
    spec.kinds.batch!.interarrival = { mmpp: BURSTY };
    return spec;
  };

  it("changes only the bursty kind's submit times: other kinds and job shapes keep their draws", () => {
    const opts = { horizonUs: 6 * 3600 * S, firstId: 0, prefill: [] };
    const plain = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(3), opts));
    const mmpp = drain(makeSyntheticWorkload(bursty(), new RngFactory(3), opts));
    const service = (jobs: typeof plain) =>
      jobs.filter((j) => j.kind === "service").map(({ id: _, ...j }) => j);
    expect(service(mmpp)).toEqual(service(plain));
    const shape = (jobs: typeof plain) =>
      jobs.filter((j) => j.kind === "batch").map((j) => [j.tasks, j.cpusPerTask, j.durationUs]);
    const n = Math.min(shape(plain).length, shape(mmpp).length);
    expect(shape(mmpp).slice(0, n)).toEqual(shape(plain).slice(0, n));
    expect(drain(makeSyntheticWorkload(bursty(), new RngFactory(3), opts))).toEqual(mmpp);
  });
});

describe("interarrival schema", () => {
  it("parses an MMPP with durations in units", () => {
    const r = interarrivalSchema.parse({
      mmpp: { high: { meanGap: "1s", meanSojourn: "10m" }, low: { meanGap: 10, meanSojourn: "30m" } },
    });
    expect(r).toEqual({ mmpp: BURSTY });
  });

  it("still parses samplers", () => {
    expect(interarrivalSchema.parse({ exponential: { mean: "2s" } })).toEqual({
      dist: { type: "exponential", mean: 2 * S },
      ceil: false,
    });
  });

  it("rejects a high state slower than the low one, zero gaps and unknown fields", () => {
    const bad = (m: unknown) => interarrivalSchema.safeParse({ mmpp: m }).success;
    const ok = { high: { meanGap: "1s", meanSojourn: "10m" }, low: { meanGap: "10s", meanSojourn: "30m" } };
    expect(bad(ok)).toBe(true);
    expect(bad({ ...ok, high: ok.low, low: ok.high })).toBe(false);
    expect(bad({ ...ok, high: { meanGap: 0, meanSojourn: "10m" } })).toBe(false);
    expect(bad({ ...ok, mid: ok.low })).toBe(false);
  });
});
