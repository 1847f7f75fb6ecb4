import { describe, expect, it } from "vitest";
import { BinnedMax } from "../../src/metrics/binned-max.js";
import { LevelIntegrator } from "../../src/metrics/level-integrator.js";

const sec = (s: number) => s * 1e6;

describe("LevelIntegrator: exact time integral of a piecewise-constant level", () => {
  it("level 2 for 3 s then 5 for 1 s: area 11 s, mean 2.75", () => {
    // Area = 2·3 s + 5·1 s = 11 (value·s); over 4 s the mean is 11 / 4 = 2.75.
    // The 5 is still the level at the horizon: only `finish` closes that last segment.
    const horizonUs = sec(4);
    const level = new LevelIntegrator(horizonUs, sec(4));
    level.set(0, 2);
    level.set(sec(3), 5);
    const areaUs = level.finish();
    expect(areaUs).toBe(sec(11));
    expect(areaUs / horizonUs).toBe(2.75);
    expect(level.binMeans()).toEqual([2.75]);
  });

  it("splits the same area into bins: [0,2) mean 2, [2,4) mean (2 + 5) / 2 = 3.5", () => {
    // Bin 1 holds 2 for 1 s and 5 for 1 s: area 7 over 2 s.
    const level = new LevelIntegrator(sec(4), sec(2));
    level.set(0, 2);
    level.set(sec(3), 5);
    expect(level.finish()).toBe(sec(11));
    expect(level.binMeans()).toEqual([2, 3.5]);
  });

  it("a segment across three bins, the last bin shorter than the others", () => {
    // Horizon 5 s, bins of 2 s: [0,2), [2,4), [4,5). Level 3 on [1 s, 4.5 s), else 0.
    //   bin 0: 3·1 s = 3 over 2 s → 1.5;  bin 1: 3·2 s = 6 over 2 s → 3;
    //   bin 2: 3·0.5 s = 1.5 over its 1 s → 1.5.  Total 3·3.5 s = 10.5.
    const level = new LevelIntegrator(sec(5), sec(2));
    level.set(sec(1), 3);
    level.set(sec(4.5), 0);
    expect(level.finish()).toBe(sec(10.5));
    expect(level.binMeans()).toEqual([1.5, 3, 1.5]);
  });

  it("add changes the level by a delta; changes at one instant take no time", () => {
    // +4 at 0, +2 at 1 s (6), −6 and +1 both at 2 s (ends at 1), horizon 3 s:
    // 4·1 + 6·1 + 1·1 = 11; the momentary 0 at 2 s adds nothing.
    const level = new LevelIntegrator(sec(3), sec(1));
    level.add(0, 4);
    level.add(sec(1), 2);
    level.add(sec(2), -6);
    level.add(sec(2), 1);
    expect(level.value).toBe(1);
    expect(level.finish()).toBe(sec(11));
    expect(level.binMeans()).toEqual([4, 6, 1]);
  });

  it("closes early at endUs when the run ends before its horizon", () => {
    // Horizon 10 s, bins of 4 s; level 4 on [0,3), 1 from 3 s; the run ends at 6 s.
    //   area = 4·3 + 1·3 = 15;  bins to 6 s: [0,4) = (4·3 + 1·1) / 4 = 3.25, [4,6) = 1·2 / 2 = 1.
    const level = new LevelIntegrator(sec(10), sec(4));
    level.set(0, 4);
    level.set(sec(3), 1);
    expect(level.finish(sec(6))).toBe(sec(15));
    expect(level.binMeans(sec(6))).toEqual([3.25, 1]);
  });

  it("ignores time past the horizon", () => {
    // Horizon 2 s: level 5 on [1 s, 2 s) counts (5); the change at 3 s and after do not.
    const level = new LevelIntegrator(sec(2), sec(1));
    level.set(sec(1), 5);
    level.set(sec(3), 7);
    expect(level.finish()).toBe(sec(5));
    expect(level.binMeans()).toEqual([0, 5]);
  });

  it("grows its bins past the initial allocation (1024) without losing earlier ones", () => {
    // Bins of 1 µs over 3000 µs: level 1 on [0, 2000), 2 on [2000, 3000).
    //   area = 2000 + 2·1000 = 4000; bin 1023 = 1, bin 2500 = 2.
    const level = new LevelIntegrator(3000, 1);
    level.set(0, 1);
    level.set(2000, 2);
    expect(level.finish()).toBe(4000);
    const means = level.binMeans();
    expect(means).toHaveLength(3000);
    expect([means[0], means[1023], means[1999], means[2000], means[2999]]).toEqual([1, 1, 1, 2, 2]);
  });
});

describe("BinnedMax: largest level held for a positive time per bin", () => {
  it("carries a level into later bins and ignores momentary peaks", () => {
    // Horizon 6 s, bins of 2 s. Level 3 on [1,2.5), 9 for 0 s at 2.5 s, then 1 on [2.5,6):
    //   bin 0 [0,2): 3;  bin 1 [2,4): max(3, 1) = 3 (the 9 is never held);  bin 2 [4,6): 1.
    const max = new BinnedMax(sec(6), sec(2));
    max.set(sec(1), 3);
    max.set(sec(2.5), 9);
    max.set(sec(2.5), 1);
    max.finish();
    expect(Array.from(max.bins)).toEqual([3, 3, 1]);
  });

  it("closes the open segment at the horizon in finish", () => {
    // Level 4 from 3 s is still held at the horizon (4 s): bin [2,4) holds 4 only after finish.
    const max = new BinnedMax(sec(4), sec(2));
    max.set(sec(3), 4);
    expect(Array.from(max.bins)).toEqual([0, 0]);
    max.finish();
    expect(Array.from(max.bins)).toEqual([0, 4]);
  });
});
