import { describe, it, expect } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import { US_PER_DAY, US_PER_HOUR } from "../../src/engine/time.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";
import { drain, smallSpec } from "./helpers.js";

const HORIZON_US = 6 * US_PER_HOUR;
const opts = { horizonUs: HORIZON_US, firstId: 0, prefill: [] };

describe("makeSyntheticWorkload", () => {
  it("emits jobs in (submitUs, id) order with consecutive ids from firstId", () => {
    const jobs = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(1), { ...opts, firstId: 100 }));
    expect(jobs.length).toBeGreaterThan(1000);
    jobs.forEach((j, i) => {
      expect(j.id).toBe(100 + i);
      expect(j.prefill).toBe(false);
      expect(Number.isInteger(j.submitUs) && Number.isInteger(j.durationUs)).toBe(true);
      expect(Number.isInteger(j.tasks) && j.tasks >= 1).toBe(true);
      expect(j.durationUs).toBeGreaterThanOrEqual(1);
      expect(j.submitUs).toBeLessThanOrEqual(HORIZON_US);
      if (i > 0) expect(j.submitUs).toBeGreaterThanOrEqual((jobs[i - 1] as { submitUs: number }).submitUs);
    });
    expect(new Set(jobs.map((j) => j.kind))).toEqual(new Set(["batch", "service"]));
  });

  it("is deterministic: same seed → identical jobs, other seed → different jobs", () => {
    const a = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(7), opts));
    const b = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(7), opts));
    const c = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(8), opts));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("depends only on (seed, spec): other consumers of the factory do not shift the jobs", () => {
    const plain = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(3), opts));
    const shared = new RngFactory(3);
    // An architecture drawing placement randomness first, and interleaved with the pulls.
    const placement = shared.stream("placement:omega-batch-0");
    for (let i = 0; i < 1000; i++) placement.next();
    const w = makeSyntheticWorkload(smallSpec(), shared, opts);
    const jobs = [];
    for (let j = w.next(); j; j = w.next()) {
      placement.next();
      jobs.push(j);
    }
    expect(jobs).toEqual(plain);
  });

  it("a kind's jobs do not depend on the other kind", () => {
    const both = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(5), opts));
    const onlyBatch = drain(
      makeSyntheticWorkload(smallSpec({ batch: 1, service: 0 }), new RngFactory(5), opts),
    );
    const strip = ({ id: _id, ...rest }: { id: number }) => rest;
    expect(onlyBatch.map(strip)).toEqual(both.filter((j) => j.kind === "batch").map(strip));
  });

  it("a longer horizon extends the same job sequence (prefix property)", () => {
    const short = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(2), opts));
    const long = drain(
      makeSyntheticWorkload(smallSpec(), new RngFactory(2), { ...opts, horizonUs: 2 * HORIZON_US }),
    );
    expect(long.slice(0, short.length)).toEqual(short);
    expect(long.length).toBeGreaterThan(short.length);
  });

  it("rateMultiplier 2 halves the mean inter-arrival and keeps job shapes", () => {
    const gaps = (m: number) => {
      const spec = smallSpec({ batch: m, service: 0 });
      const jobs = drain(makeSyntheticWorkload(spec, new RngFactory(4), { ...opts, horizonUs: US_PER_DAY }));
      return { jobs, meanGapUs: (jobs.at(-1)?.submitUs ?? 0) / jobs.length };
    };
    const x1 = gaps(1);
    const x2 = gaps(2);
    expect(x2.meanGapUs / x1.meanGapUs).toBeCloseTo(0.5, 1);
    expect(x1.meanGapUs / 5e6).toBeCloseTo(1, 1);
    expect(x2.jobs.slice(0, 100).map((j) => j.tasks)).toEqual(x1.jobs.slice(0, 100).map((j) => j.tasks));
  });

  it("multiplier 0 or a missing kind yields no jobs of that kind", () => {
    const zero = drain(makeSyntheticWorkload(smallSpec({ batch: 0, service: 1 }), new RngFactory(1), opts));
    expect(zero.every((j) => j.kind === "service")).toBe(true);
    const spec = smallSpec();
    delete spec.kinds.service;
    const missing = drain(makeSyntheticWorkload(spec, new RngFactory(1), opts));
    expect(missing.every((j) => j.kind === "batch")).toBe(true);
  });

  it("first job of a kind arrives one inter-arrival after 0", () => {
    const spec = smallSpec({ batch: 1, service: 0 });
    spec.kinds.batch!.interarrival = { dist: { type: "constant", value: 2.5e6 }, ceil: false };
    const jobs = drain(makeSyntheticWorkload(spec, new RngFactory(1), { ...opts, horizonUs: 10e6 }));
    expect(jobs.map((j) => j.submitUs)).toEqual([2.5e6, 5e6, 7.5e6, 10e6]);
  });

  it("ties go to batch before service", () => {
    const spec = smallSpec();
    for (const g of [spec.kinds.batch!, spec.kinds.service!])
      g.interarrival = { dist: { type: "constant", value: 1e6 }, ceil: false };
    const jobs = drain(makeSyntheticWorkload(spec, new RngFactory(1), { ...opts, horizonUs: 2e6 }));
    expect(jobs.map((j) => [j.submitUs, j.kind, j.id])).toEqual([
      [1e6, "batch", 0],
      [1e6, "service", 1],
      [2e6, "batch", 2],
      [2e6, "service", 3],
    ]);
  });

  it("is lazy: pulling a few jobs of a 1-year workload is instant and draws only what it needs", () => {
    let draws = 0;
    const rng = new RngFactory(1);
    const counting = {
      stream: (name: string) => {
        const s = rng.stream(name);
        return { next: () => (draws++, s.next()) };
      },
    } as unknown as RngFactory;
    const w = makeSyntheticWorkload(smallSpec(), counting, { ...opts, horizonUs: 365 * US_PER_DAY });
    for (let i = 0; i < 10; i++) w.next();
    expect(draws).toBeLessThan(100);
  });

  it("rejects negative multipliers and inter-arrivals that never advance time", () => {
    expect(() =>
      makeSyntheticWorkload(smallSpec({ batch: -1, service: 1 }), new RngFactory(1), opts),
    ).toThrow(/rateMultiplier\.batch/);
    const spec = smallSpec();
    spec.kinds.batch!.interarrival = { dist: { type: "constant", value: 0 }, ceil: false };
    expect(() => makeSyntheticWorkload(spec, new RngFactory(1), opts)).toThrow(/interarrival/);
  });

  it("passes prefill through", () => {
    const prefill = [
      {
        id: 0,
        submitUs: 0,
        kind: "service" as const,
        tasks: 1,
        cpusPerTask: 1,
        memGbPerTask: 1,
        durationUs: 5,
        prefill: true,
      },
    ];
    const w = makeSyntheticWorkload(smallSpec(), new RngFactory(1), { ...opts, firstId: 1, prefill });
    expect(w.prefill).toBe(prefill);
    expect(w.next()?.id).toBe(1);
  });
});
