import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../../src/cluster/job.js";
import { BUILTIN_CONTEXT, planFromJson } from "../../../src/experiment/plan.js";
import { runOne } from "../../../src/experiment/run-one.js";
import { failover } from "../experiments.js";

/**
 * Master failover leaves running tasks untouched: over the first 30 minutes of the failover
 * experiment (master down at 5 and 20 min for 4–8 s), no task is evicted, tasks run across each
 * outage, and the cell's exact CPU utilization equals what every started task would use running
 * to its announced end — so none stopped early — and no application fails.
 */
describe("master failover (seed 1, 30 min)", () => {
  it("loses no running task", async () => {
    const plan = planFromJson(
      failover,
      "failover",
      { seeds: [1], horizon: "30m" },
      (p) => p,
      BUILTIN_CONTEXT,
    );
    const config = plan.runs[0]!.config;
    const horizonUs = config.horizonUs;
    const groups: { cpus: number; startUs: number; endUs: number }[] = [];
    let evicted = 0;
    const summary = await runOne(config, 1, {
      hooks: {
        tasksStarted: (spec: JobSpec, machines, startUs, endUs) =>
          groups.push({ cpus: spec.cpusPerTask * machines.length, startUs, endUs }),
        tasksEvicted: () => evicted++,
      },
    });
    expect(evicted).toBe(0);
    expect(summary.failures?.schedulerDownSec).toBeGreaterThanOrEqual(8);
    expect(summary.failures?.schedulerDownSec).toBeLessThanOrEqual(16);
    for (const atUs of [300e6, 1200e6]) {
      const across = groups.filter((g) => g.startUs < atUs && g.endUs > atUs + 8e6);
      expect(across.length).toBeGreaterThan(0);
    }
    const cpuSec = groups.reduce(
      (t, g) => t + (g.cpus * (Math.min(g.endUs, horizonUs) - g.startUs)) / 1e6,
      0,
    );
    const cap = config.cluster.machines * config.cluster.cpus * (horizonUs / 1e6);
    expect(summary.cell.utilization.cpu).toBeCloseTo(cpuSec / cap, 9);
    for (const f of summary.frameworks!.byFramework) expect(f.appsFailed).toBe(0);
  });
});
