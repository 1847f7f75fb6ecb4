import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runOne } from "../../src/experiment/run-one.js";
import { performanceOf, plannedRuns } from "./helpers.js";

/**
 * The two experiments the separate Quasar model could not run, on reduced sizes, through the
 * same files a user runs: each must show the comparison it promises (docs/quasar.md, "Quasar
 * under the other architectures").
 */
function experiment(file: string, over: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return { ...json, ...over };
}

async function perfByPolicy(exp: Record<string, unknown>) {
  const out = new Map<string, { perf: number; used: number; abandoned: number; conflicts: number }>();
  for (const run of plannedRuns(exp)) {
    const s = await runOne(run.config, run.seed, { checkInvariants: true });
    const p = performanceOf(s);
    out.set(p.policy, {
      perf: p.perfVsTarget.mean,
      used: p.cpu.meanUtilization,
      abandoned: Object.values(s.workloads).reduce((t, w) => t + w.abandoned, 0),
      conflicts: s.schedulers.reduce((t, x) => t + x.transactions.conflicted, 0),
    });
    expect(p.jobs.submitted, run.runId).toBeGreaterThan(0);
  }
  return out;
}

describe("quasar-mesos: Quasar allocation as the framework scheduler under two-level offers", () => {
  it("on a quarter of the cell, Quasar beats both reservation frameworks on perf/target and CPU used, with no conflicts", async () => {
    const exp = experiment("studies/quasar/experiments/quasar-mesos.json", {
      seeds: [1],
      cluster: { preset: "quasar-large", scale: 0.25 },
    });
    const r = await perfByPolicy(exp);
    const quasar = r.get("quasar")!;
    for (const other of ["reservation+least-loaded", "reservation+paragon"]) {
      expect(quasar.perf, other).toBeGreaterThan(r.get(other)!.perf);
      expect(quasar.used, other).toBeGreaterThan(r.get(other)!.used);
    }
    for (const [policy, x] of r) expect(x.conflicts, policy).toBe(0);
  });
});

describe("allocation-on-google-c: reservation vs Quasar allocation under shared state", () => {
  it("over 6 h of google-c's job stream, Quasar's jobs meet their targets better and fewer are abandoned", async () => {
    const exp = experiment("studies/quasar/experiments/allocation-on-google-c.json", {
      seeds: [1],
      horizon: "6h",
    });
    const r = await perfByPolicy(exp);
    const quasar = r.get("quasar")!;
    for (const other of ["reservation+random-first-fit", "reservation+paragon"]) {
      expect(quasar.perf, other).toBeGreaterThan(r.get(other)!.perf);
      expect(quasar.abandoned, other).toBeLessThan(r.get(other)!.abandoned);
    }
  });
});
