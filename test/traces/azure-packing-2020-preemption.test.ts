import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteFromSql } from "../../scripts/sqlite-from-sql.mjs";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { ArchitectureBlock } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { JobRecords, RunSummary } from "../../src/metrics/summary.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { readAzurePacking2020 } from "../../src/workloads/traces/azure-packing-2020.js";
import { workloadFromList } from "../../src/workloads/source.js";
import type { TraceReadResult } from "../../src/workloads/traces/types.js";

/**
 * A high-priority Azure VM evicts a low-priority one through the simulator (docs/preemption.md),
 * worked out by hand. One machine of 8 CPUs, 32 GB (the reader's default whole machine, so a VM
 * type's shares are exactly its fraction of the cell's machine); monolithic, zero think time, a
 * job that does not fit retried when resources are released.
 *
 * VM 1, low priority: a whole machine (core 1.0), 0 → 0.01 d (864 s). VM 2, high priority: half
 * a machine, 0.00125 d (108 s) → 0.0025 d (216 s). At 108 s VM 2 does not fit; with preemption
 * it evicts VM 1 (JobSpec.priority 0 < 1), runs 108–216 s, and VM 1 starts its 864 s over when
 * VM 2 leaves: 216–1080 s. Without preemption VM 2 waits for VM 1's end: 864–972 s.
 */

const S = 1e6;
const ZERO = { perJob: "0s", perTask: "0s" };
const MONOLITHIC: ArchitectureBlock = { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } };

const SQL = `CREATE TABLE vmType (id INTEGER, vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL,
  hdd REAL, ssd REAL, nic REAL);
INSERT INTO vmType VALUES (1, 1, 0, 1.0, 0.5, 0, 0, 0), (2, 2, 0, 0.5, 0.25, 0, 0, 0);
CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, starttime REAL, endtime REAL);
INSERT INTO vm VALUES (1, 7, 1, 1, 0.0, 0.01), (2, 8, 2, 0, 0.00125, 0.0025);`;

let trace: TraceReadResult;

beforeAll(async () => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "cellsim-azure-preempt-")), "evict.sqlite");
  await writeFile(file, await sqliteFromSql(SQL));
  trace = await readAzurePacking2020(file);
});

function run(preemption: boolean): RunSummary {
  const config = cellConfig(MONOLITHIC, {
    cluster: { machines: 1, cpus: 8, memGb: 32 },
    horizonUs: 2000 * S,
    placement: "first-fit",
    metrics: { samplePeriodUs: 100 * S, jobs: true, timeline: true },
    scheduling: { priorityOrder: false, preemption },
    // A job that does not fit waits for a release (no attempt limit to give up on it).
    retry: { ...DEFAULT_RETRY, retryWhen: "freed" },
  });
  return simulateWorkload(config, workloadFromList(trace.prefill, trace.jobs), new RngFactory(1), {
    checkInvariants: true,
  });
}

const bars = (s: RunSummary): string[] =>
  (s.timeline?.tasks ?? []).map((t) => `${t.jobId}:${t.startSec}-${t.endSec}`).sort();

describe("azure-packing-2020 priorities under preemption", () => {
  it("reads VM 1 as low-priority batch and VM 2 as high-priority service", () => {
    expect(trace.jobs.map((j) => [j.id, j.kind, j.priority, j.cpusPerTask, j.durationUs / S])).toEqual([
      [1, "batch", 0, 8, 864],
      [2, "service", 1, 4, 108],
    ]);
  });

  it("the high-priority VM evicts the low-priority one, which starts over when it leaves", () => {
    const s = run(true);
    expect(bars(s)).toEqual(["1:0-108", "1:216-1080", "2:108-216"]);
    expect((s.jobs as JobRecords).fullyScheduledSec).toEqual([216, 108]);
    const b = s.workloads.batch;
    expect([b?.preemptions, b?.preemptedTaskSec]).toEqual([1, 108]);
    expect(s.workloads.service?.preemptions).toBe(0);
  });

  it("without preemption the high-priority VM waits for the low-priority one to end", () => {
    const s = run(false);
    expect(bars(s)).toEqual(["1:0-864", "2:864-972"]);
    expect(s.workloads.batch).not.toHaveProperty("preemptions");
  });
});
