import type { Architecture } from "../cluster/architecture.js";
import { CellState } from "../cluster/cell-state.js";
import { commit } from "../cluster/commit.js";
import type { JobSpec } from "../cluster/job.js";
import { ClusterModel } from "../cluster/model.js";
import { RngFactory } from "../engine/rng.js";
import { MachineSampler } from "../metrics/machine-sampler.js";
import { RunMetrics, type CellFacts } from "../metrics/run-metrics.js";
import type { RunSummary } from "../metrics/summary.js";
import { createArchitecture } from "../policies/architectures.js";
import { getPlacementPolicy, type Place } from "../policies/placement/index.js";
import type { Workload } from "../workloads/source.js";
import { loadWorkload } from "./load-workload.js";
import { isQuasarConfig, type AnyRunConfig, type QuasarRunConfig, type RunConfig } from "./config.js";
import type { AnyRunSummary, QuasarResultSummary } from "./results-types.js";
import { runQuasarConfig } from "./run-quasar.js";

/** Options that do not change results. */
export interface RunOptions {
  /** Check after every event that no machine is over-committed (slow; tests). */
  checkInvariants?: boolean;
}

/**
 * Runs one simulation: a pure function of (config, seed). Async only because trace workloads
 * are streamed from disk before the (synchronous) event loop starts. A Quasar-study config runs
 * the Quasar model (run-quasar.ts); any other config the cell model.
 */
export function runOne(config: RunConfig, seed: number, options?: RunOptions): Promise<RunSummary>;
export function runOne(
  config: QuasarRunConfig,
  seed: number,
  options?: RunOptions,
): Promise<QuasarResultSummary>;
export function runOne(config: AnyRunConfig, seed: number, options?: RunOptions): Promise<AnyRunSummary>;
export async function runOne(
  config: AnyRunConfig,
  seed: number,
  options: RunOptions = {},
): Promise<AnyRunSummary> {
  // One macrotask turn before the synchronous event loop, so that callers running many runs
  // (Promise.all, test files) let their event loop breathe between runs; vitest's worker RPC, for
  // one, times out after 60 s without a turn.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (isQuasarConfig(config)) return runQuasarConfig(config, seed, options);
  const rng = new RngFactory(seed);
  const workload = await loadWorkload(config, config.cluster.machines * config.cluster.cpus, rng);
  return simulate(config, workload, rng, options);
}

/**
 * Runs the event loop of one simulation on an already loaded workload (synchronous). `rng` must
 * be the factory the workload was drawn from (or a fresh one for a list workload).
 */
export function simulate(
  config: RunConfig,
  workload: Workload,
  rng: RngFactory,
  options: RunOptions = {},
): RunSummary {
  const c = config.cluster;
  const cell = CellState.homogeneous(c.machines, c.cpus, c.memGb);
  const metrics = new RunMetrics(config.horizonUs, config.metrics.samplePeriodUs);
  const model = new ClusterModel(
    cell,
    metrics,
    config.retry,
    workload.next,
    options.checkInvariants ?? false,
  );
  const policy = getPlacementPolicy(config.placement);
  const arch = createArchitecture(config.architecture, {
    model,
    makePlacer: () => policy.create(cell.machines),
    rng,
  });
  model.attach(arch);
  const prefill = placePrefill(model, arch, workload.prefill, policy.create(cell.machines), rng);
  metrics.registerSchedulers(arch.schedulers);
  const machineCount = config.metrics.machines ?? 0;
  const sampler =
    machineCount > 0
      ? new MachineSampler(config.metrics.samplePeriodUs, cell.machines, machineCount)
      : undefined;
  if (sampler) model.sampleEvery(sampler);
  model.run(config.horizonUs);
  const facts: CellFacts = {
    machines: cell.machines,
    totalCpus: cell.totalCpus,
    totalMemGb: cell.totalMemGb,
    prefill,
    ...(sampler ? { machineSeries: sampler.series() } : {}),
  };
  return metrics.summarize(model.jobs, facts, model.sim.eventsProcessed);
}

/**
 * Places the jobs running at t = 0 with the run's placement policy (its own stream), where the
 * architecture puts jobs of their kind (a static partition; else anywhere). Tasks that find no
 * room are dropped and counted: prefill is a starting load, not scheduled work.
 */
function placePrefill(
  model: ClusterModel,
  arch: Architecture,
  jobs: readonly JobSpec[],
  place: Place,
  rng: RngFactory,
): CellFacts["prefill"] {
  const stream = rng.stream("placement:prefill");
  const out: number[] = [];
  let placed = 0;
  let dropped = 0;
  for (const job of jobs) {
    out.length = 0;
    place(
      arch.prefillView?.(job.kind) ?? model.cell,
      { tasks: job.tasks, cpusPerTask: job.cpusPerTask, memGbPerTask: job.memGbPerTask },
      stream,
      out,
    );
    const claims = {
      scheduler: -1,
      cpusPerTask: job.cpusPerTask,
      memGbPerTask: job.memGbPerTask,
      durationUs: job.durationUs,
      machines: out,
    };
    const result = commit(model.cell, claims, { conflictMode: "fine", transactionMode: "incremental" });
    model.startUntrackedTasks(job, result.committed);
    placed += result.committed.length;
    dropped += job.tasks - result.committed.length;
  }
  return {
    jobs: jobs.length,
    tasksPlaced: placed,
    tasksDropped: dropped,
    cpuFraction: model.cell.totalCpus > 0 ? model.cell.allocatedCpus / model.cell.totalCpus : 0,
  };
}
