import { describe, expect, it } from "vitest";
import { BinnedMax } from "../../src/metrics/binned-max.js";
import { LevelIntegrator } from "../../src/metrics/level-integrator.js";
import { MachineSampler } from "../../src/metrics/machine-sampler.js";
import type { CellState } from "../../src/cluster/cell-state.js";

/**
 * Edge cases of the level metrics that mutation testing (docs/design.md, "Mutation testing")
 * found unchecked: time past the horizon, empty spans, bins reached by a long jump, zero
 * capacity.
 */

const sec = (s: number) => s * 1e6;

describe("LevelIntegrator edges", () => {
  it("changes past the horizon add nothing, however many there are", () => {
    // Horizon 2 s: 5 on [1 s, 2 s) = 5. The changes at 3 s and 4 s are past it; the second one
    // must not integrate backwards from 3 s to the horizon (that would subtract 7).
    const level = new LevelIntegrator(sec(2), sec(1));
    level.set(sec(1), 5);
    level.set(sec(3), 7);
    level.set(sec(4), 1);
    expect(level.finish()).toBe(sec(5));
    expect(level.binMeans()).toEqual([0, 5]);
  });

  it("closing at time 0 gives one empty bin with mean 0, not 0/0", () => {
    const level = new LevelIntegrator(sec(10), sec(5));
    level.set(0, 3);
    expect(level.finish(0)).toBe(0);
    expect(level.binMeans(0)).toEqual([0]);
  });

  it("keeps the area of the first bin past the initial allocation (bin 1024)", () => {
    // Bins of 1 µs, level 1 on [0, 1100): bin 1024 is the first one that needs a larger array.
    const level = new LevelIntegrator(1100, 1);
    level.set(0, 1);
    expect(level.finish()).toBe(1100);
    const means = level.binMeans();
    expect([means[1023], means[1024], means[1025], means[1099]]).toEqual([1, 1, 1, 1]);
  });

  it("grows far enough for a level that first rises at a bin beyond twice the allocation", () => {
    // Level 0 until 4096 µs, then 2: the first bin written is 4096, four times the initial 1024
    // bins, so one doubling is not enough (and exactly 4096 bins would be one too few).
    const level = new LevelIntegrator(5000, 1);
    level.set(0, 0);
    level.set(4096, 2);
    expect(level.finish()).toBe(2 * 904);
    const means = level.binMeans();
    expect([means[4095], means[4096], means[4999]]).toEqual([0, 2, 2]);
  });
});

describe("BinnedMax edges", () => {
  it("a level set exactly at a horizon inside a bin is never held, even when later changes follow", () => {
    // Horizon 5 s, bins of 2 s: the last bin [4, 5) is short. 3 on [1 s, 5 s); 9 from 5 s (the
    // horizon) and 0 from 6 s: the 9 is held for no time inside the horizon.
    const max = new BinnedMax(sec(5), sec(2));
    max.set(sec(1), 3);
    max.set(sec(5), 9);
    max.set(sec(6), 0);
    max.finish();
    expect(Array.from(max.bins)).toEqual([3, 3, 3]);
  });
});

describe("MachineSampler edges", () => {
  it("a machine with no CPU capacity samples as 0, not 0/0", () => {
    const cell = {
      cpuCapacity: Float64Array.from([0, 4]),
      cpuAllocated: Float64Array.from([0, 1]),
      extraNames: [],
    } as unknown as CellState;
    const sampler = new MachineSampler(sec(1), 2, 2);
    sampler.sample(0, cell);
    expect(sampler.series()).toEqual({ periodSec: 1, machines: [0, 1], cpuUtilization: [[0], [0.25]] });
  });
});
