// @ts-check
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import process from "node:process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineWorkloadSource, definePlugin, simulate, workloadFromList, z } from "cellsim";
import { describe, expect, it } from "vitest";
import sparrow from "../sparrow.js";

/** @typedef {import("cellsim").JobSpec} JobSpec */

/**
 * A job of `tasks` tasks of 1 CPU / 1 GB.
 * @param {number} id @param {number} submitSec @param {"batch" | "service"} kind
 * @param {number} tasks @param {number} durationSec
 * @returns {JobSpec}
 */
const job = (id, submitSec, kind, tasks, durationSec) => ({
  id,
  submitUs: submitSec * 1e6,
  kind,
  tasks,
  cpusPerTask: 1,
  memGbPerTask: 1,
  durationUs: durationSec * 1e6,
  prefill: false,
});

/** A workload source of two hand-made jobs: A (service) and B (batch), so each has its own summary. */
const twoJobs = definePlugin({
  name: "two-jobs",
  workloads: [
    defineWorkloadSource({
      name: "two-jobs",
      description: "A: 2 tasks at 0 s for 10.5 s; B: 1 task at 2 s for 10 s",
      schema: z.strictObject({}),
      create: () => workloadFromList([], [job(0, 0, "service", 2, 10.5), job(1, 2, "batch", 1, 10)]),
    }),
  ],
});

describe("sparrow: a hand-worked timeline", () => {
  it("binds a task late, on the first probed machine that frees room between two rounds", async () => {
    // Two machines of 1 CPU; d = 2, so every round probes both machines (distinct draws until
    // each is drawn once): the timeline does not depend on the random stream. A round takes 1 s.
    //  0    A arrives; round [0, 1).
    //  1    4 probes (2 per machine): each machine takes one task of A. A is fully scheduled
    //       (wait 1 s); its spare reservations are dropped. Both machines full until 11.5.
    //  2    B arrives; round [2, 3). At 3 its 2 probes find both machines full: no task, the
    //       reservations wait; retry after 1 s. Rounds [4, 5), [6, 7), [8, 9), [10, 11): each
    //       replaces B's reservations with new ones, none fits; the next retry is at 12.
    //  11.5 A's tasks end. The machines serve their queues: B's reservation of the round that
    //       ended at 11 gets B's task now, between rounds (late binding). B waited 9.5 s after
    //       5 rounds; its retry at 12 finds it done and is dropped.
    const results = await simulate(
      {
        name: "late-binding",
        horizon: "60s",
        cluster: { machines: 2, cpus: 1, memGb: 4 },
        workload: { source: "two-jobs" },
        architecture: { type: "sparrow", probeRatio: 2, decisionTime: { perJob: "1s", perTask: "0s" } },
      },
      { plugins: [sparrow, twoJobs], checkInvariants: true },
    );
    const run = results.runs[0];
    if (run === undefined || !("workloads" in run.summary)) throw new Error("expected one cell-model run");
    const { batch: b, service: a } = run.summary.workloads;
    expect([a?.waitFirstSec.mean, a?.waitFullSec.mean, a?.attemptsMean]).toEqual([0, 1, 1]);
    expect([b?.waitFirstSec.mean, b?.waitFullSec.mean, b?.attemptsMean]).toEqual([0, 9.5, 5]);
    // 6 rounds of 1 s: A's useful, B's five found no room (the fifth ended before the late launch).
    const s = run.summary.schedulers[0];
    expect([s?.usefulSec, s?.wastedNoFitSec, s?.attempts]).toEqual([1, 5, 6]);
  });
});

describe("sparrow: its architecture block", () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packageJson = createRequire(import.meta.url).resolve("cellsim/package.json");
  const bin = JSON.parse(readFileSync(packageJson, "utf8")).bin.cellsim;
  const cellsim = path.join(path.dirname(packageJson), bin);

  it("rejects bad fields with the file and field path (cellsim validate exits 2)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sparrow-"));
    try {
      const file = path.join(dir, "bad.json");
      const experiment = {
        name: "bad",
        horizon: "1h",
        plugins: [path.join(here, "..", "sparrow.js")],
        cluster: { machines: 10, cpus: 4, memGb: 16 },
        workload: { preset: "google-c" },
        architecture: { type: "sparrow", probeRatio: 0.5, probes: 4 },
      };
      writeFileSync(file, JSON.stringify(experiment));
      const r = spawnSync(process.execPath, [cellsim, "validate", file], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cellsim: ${file}: architecture.probeRatio: `);
      expect(r.stderr).toMatch(/architecture\.probes: unknown field/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
