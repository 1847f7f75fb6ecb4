import type { JobSpec } from "../../src/cluster/job.js";
import type { MachineEvent } from "../../src/cluster/machine-event.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { ArchitectureBlock, RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

/** Shared pieces of the frameworks' hand-worked timelines. */

/** Seconds → µs (whole). */
export const sec = (s: number): number => Math.round(s * 1e6);

/** Monolithic, 1 s per job decision, nothing per task: the timelines' usual scheduler. */
export const ONE_SECOND_MONOLITHIC: ArchitectureBlock = {
  type: "monolithic",
  decisionTime: { perJob: "1s", perTask: "0s" },
};

/** Every job of a feed, in order. */
export function drain(feed: () => JobSpec | undefined): JobSpec[] {
  const out: JobSpec[] = [];
  for (let j = feed(); j !== undefined; j = feed()) out.push(j);
  return out;
}

/** A homogeneous cell of `machines` (4 CPUs / 16 GB by default), first-fit, job records on. */
export function timelineConfig(
  machines: number,
  horizonSec: number,
  over: Partial<RunConfig> & { architecture?: ArchitectureBlock; cpus?: number; memGb?: number } = {},
): RunConfig {
  const { architecture = ONE_SECOND_MONOLITHIC, cpus = 4, memGb = 16, ...rest } = over;
  return cellConfig(architecture, {
    horizonUs: sec(horizonSec),
    cluster: { machines, cpus, memGb },
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(10), jobs: true },
    ...rest,
  });
}

/** A task group as it started: its job, machines and times (s). */
export interface Started {
  id: number;
  machines: number[];
  startSec: number;
  endSec: number;
}

/** Runs `jobs` with the over-commit invariant checked after every event; returns every group started. */
export function runJobs(
  cfg: RunConfig,
  jobs: readonly JobSpec[],
  machineEvents: MachineEvent[] = [],
): { summary: RunSummary; started: Started[] } {
  const started: Started[] = [];
  const summary = simulateWorkload(
    cfg,
    workloadFromList([], jobs),
    new RngFactory(1),
    {
      checkInvariants: true,
      hooks: {
        tasksStarted: (s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
          started.push({ id: s.id, machines: [...machines], startSec: startUs / 1e6, endSec: endUs / 1e6 }),
      },
    },
    machineEvents,
  );
  return { summary, started };
}

/** Groups as [jobId, tasks, startSec, endSec]. */
export function groupsOf(started: readonly Started[]): [number, number, number, number][] {
  return started.map((g) => [g.id, g.machines.length, g.startSec, g.endSec]);
}
