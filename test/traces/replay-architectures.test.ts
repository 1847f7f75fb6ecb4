import { describe, expect, it } from "vitest";
import type { JobSpec, TaskRun, TaskRunEnd, WorkloadKind } from "../../src/cluster/job.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { runJobs } from "../helpers/run.js";
import { VARIANTS } from "../helpers/architectures.js";
import { BUILTIN_REGISTRY } from "../../src/plugins/builtin.js";
import { failEverything } from "../../src/testing/failover-checks.js";

/**
 * Trace task-run replay under every architecture: on a roomy cell (160 CPUs, more than the
 * two-level default offer minimum of 100) with a horizon long after the last run, every run but
 * a task's last ends once, so the re-run metrics are the trace's own counts whatever schedules
 * the jobs (machines checked for over-commit after every event), and every job ends counted once.
 */

const S = 1e6;
const ENDS: readonly TaskRunEnd[] = ["evict", "fail", "lost", "kill", "finish"];

/** Job i: a few tasks with 1–3 runs each, the ends cycling through every kind. */
function job(i: number): JobSpec {
  const kind: WorkloadKind = i % 3 === 0 ? "service" : "batch";
  const tasks = 1 + (i % 4);
  const taskRuns: TaskRun[][] = [];
  for (let t = 0; t < tasks; t++) {
    const runs = 1 + ((i + t) % 3);
    taskRuns.push(
      Array.from({ length: runs }, (_, r) => ({
        durationUs: (5 + ((i * 7 + t * 3 + r * 11) % 40)) * S,
        end: ENDS[(i + t + r) % ENDS.length] as TaskRunEnd,
      })),
    );
  }
  return handJob(i, i * 3, tasks, { kind, durationUs: 20 * S, taskRuns });
}

const JOBS = Array.from({ length: 24 }, (_, i) => job(i));

/** The trace's counts per kind: non-last runs ended by evict (preemptions) or fail/lost. */
function expected(kind: WorkloadKind) {
  let preemptions = 0;
  let preemptedUs = 0;
  let lost = 0;
  let lostUs = 0;
  for (const j of JOBS.filter((x) => x.kind === kind))
    for (const runs of j.taskRuns ?? [])
      for (const run of runs.slice(0, -1)) {
        if (run.end === "evict") [preemptions, preemptedUs] = [preemptions + 1, preemptedUs + run.durationUs];
        if (run.end === "fail" || run.end === "lost") [lost, lostUs] = [lost + 1, lostUs + run.durationUs];
      }
  return { preemptions, preemptedTaskSec: preemptedUs / S, tasksLost: lost, lostTaskSec: lostUs / S };
}

describe("trace task-run replay under every architecture", () => {
  const dt = { perJob: "100000us", perTask: "5000us" };
  it("the jobs have re-runs of both causes in both kinds", () => {
    for (const kind of ["batch", "service"] as const) {
      expect(expected(kind).preemptions).toBeGreaterThan(0);
      expect(expected(kind).tasksLost).toBeGreaterThan(0);
    }
  });
  for (const v of VARIANTS) {
    it(`${v.label}: re-runs counted as the trace has them, every job once`, () => {
      const config = cellConfig(v.make({ batch: dt, service: dt }), {
        cluster: { machines: 40, cpus: 4, memGb: 16 },
        horizonUs: 3600 * S,
      });
      const s = runJobs(config, JOBS);
      for (const kind of ["batch", "service"] as const) {
        const w = s.workloads[kind];
        expect(w).toMatchObject(expected(kind));
        expect(w?.fullyScheduled).toBe(w?.submitted);
      }
    });

    it(`${v.label}: the same with every scheduler failing over (JobRetry to a down scheduler)`, () => {
      const architecture = v.make({ batch: dt, service: dt });
      const { type, ...block } = architecture;
      const targets = BUILTIN_REGISTRY.architectures.require(type).failoverTargets(block);
      if (targets === undefined || "refused" in targets) throw new Error(`${v.label}: no failover targets`);
      const config = cellConfig(architecture, {
        cluster: { machines: 40, cpus: 4, memGb: 16 },
        horizonUs: 3600 * S,
        failures: { schedulers: failEverything(targets.names) },
      });
      const s = runJobs(config, JOBS);
      expect(s.failures?.schedulerDownSec).toBeGreaterThan(0);
      for (const kind of ["batch", "service"] as const) {
        const w = s.workloads[kind];
        expect(w).toMatchObject(expected(kind));
        expect(w?.fullyScheduled).toBe(w?.submitted);
      }
    });
  }
});
