import { describe, expect, it } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import { parseDurationUs, secToUs } from "../../src/engine/time.js";

describe("durations", () => {
  it.each([
    [0.1, 100_000],
    ["5ms", 5_000],
    ["0.1s", 100_000],
    ["250us", 250],
    ["250µs", 250],
    ["2m", 120e6],
    ["1.5h", 5400e6],
    ["7d", 6.048e11],
  ])("%s → %d µs", (input, us) => {
    expect(parseDurationUs(input)).toBe(us);
  });

  it.each(["7days", "10", "", "-1s", "1 fortnight"])("rejects %j with a message naming the value", (bad) => {
    expect(parseDurationUs(bad)).toMatch(/bad duration|expected/);
  });

  it("rejects negative numbers and non-strings", () => {
    expect(typeof parseDurationUs(-1)).toBe("string");
    expect(typeof parseDurationUs(null)).toBe("string");
  });

  it("rounds to whole microseconds", () => {
    expect(secToUs(1e-7)).toBe(0);
    expect(secToUs(0.0000015)).toBe(2);
  });
});

describe("RngFactory", () => {
  const draw = (f: RngFactory, name: string, n = 5) => Array.from({ length: n }, () => f.stream(name).next());

  it("is reproducible per (seed, name)", () => {
    expect(draw(new RngFactory(7), "a")).toEqual(draw(new RngFactory(7), "a"));
  });

  it("streams are independent: using one never shifts another", () => {
    const f1 = new RngFactory(7);
    const f2 = new RngFactory(7);
    draw(f2, "other", 1000);
    expect(draw(f1, "a")).toEqual(draw(f2, "a"));
  });

  it("different seeds and names give different numbers in [0, 1)", () => {
    const xs = draw(new RngFactory(1), "a", 1000);
    expect(xs).not.toEqual(draw(new RngFactory(2), "a", 1000));
    expect(xs).not.toEqual(draw(new RngFactory(1), "b", 1000));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
