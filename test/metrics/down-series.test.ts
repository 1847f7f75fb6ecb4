import { describe, expect, it } from "vitest";
import { FailureStats } from "../../src/metrics/failure-stats.js";
import type { RunSummary } from "../../src/metrics/summary.js";

const HOUR = 3_600_000_000;

/** Only what FailureStats.addTo reads of a run summary. */
function bareSummary(): RunSummary {
  return {
    workloads: {},
    cell: {
      series: { periodSec: 3600, cpuUtilization: [], memUtilization: [], lockedCpu: [], lockedMem: [] },
    },
  } as unknown as RunSummary;
}

describe("the down series of the cell (failures on)", () => {
  it("holds the time-weighted machines and installed CPUs down per interval, worked by hand", () => {
    // Machines of 4 and 12 CPUs (16 in all), 1-hour intervals, a 4-hour run.
    // Machine 0 (4 CPUs) is down 0.5 h–2.5 h; machine 1 (12 CPUs) from 3 h to past the horizon.
    // Machines down per hour: [0.5, 1, 0.5, 1]; CPUs down: [2, 4, 2, 12] → of 16: [0.125, 0.25, 0.125, 0.75].
    const stats = new FailureStats(4 * HOUR, {
      periodUs: HOUR,
      cpuCapacity: Float64Array.from([4, 12]),
      totalCpus: 16,
    });
    stats.machineDown(0.5 * HOUR, 0);
    stats.machineUp(2.5 * HOUR, 0);
    stats.machineDown(3 * HOUR, 1);
    const series = stats.addTo(bareSummary()).cell.series;
    expect(series.downMachines).toEqual([0.5, 1, 0.5, 1]);
    expect(series.downCpu).toEqual([0.125, 0.25, 0.125, 0.75]);
  });

  it("adds nothing to the cell series when not asked for", () => {
    const stats = new FailureStats(4 * HOUR);
    stats.machineDown(0, 0);
    const series = stats.addTo(bareSummary()).cell.series;
    expect(series.downMachines).toBeUndefined();
    expect(series.downCpu).toBeUndefined();
  });
});
