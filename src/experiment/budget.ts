import { tracePathLabel } from "../workloads/traces/paths.js";
import { totalmem } from "node:os";
import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import { US_PER_SEC } from "../engine/time.js";
import { distributionMean } from "../workloads/distributions.js";
import { interarrivalMeanUs } from "../workloads/mmpp.js";
import { MAX_PREFILL_JOBS_PER_KIND } from "../workloads/prefill.js";
import type { KindGenerator, Sampler, SyntheticWorkloadSpec } from "../workloads/spec.js";
import type { RunConfig } from "./config.js";
import type { InputFile } from "./inputs.js";
import type { PlanOverrides } from "./overrides.js";

/**
 * The run budget: before anything runs, each run's events and memory are estimated from its
 * configuration and checked against a cap on events and against this machine's memory, so a
 * typo like `"samplePeriod": "1us"` or `"machines": 1e9` is refused with the numbers instead of
 * crashing (or swapping) hours later. `--ignore-budget` skips the check.
 *
 * The estimate is the expected value, not a bound:
 * - jobs: the synthetic generators' arrival rates (× rateMultiplier) over the horizon, plus the
 *   prefill jobs; a trace's row count (an upper bound on its jobs); plug-in sources: unknown, 0;
 * - events: about three per job (arrival, end of its scheduling attempt, end of its task group)
 *   plus one per per-machine sample; retries and two-level offers add more;
 * - memory: per job, per machine, per sample of each time series and per per-machine sample; the
 *   costs were measured on google-c runs (RSS growth). The task timeline is capped in size, so
 *   it is left out.
 */

/** Most events one run may be expected to simulate: about an hour or more of wall-clock time. */
export const MAX_EVENTS_PER_RUN = 1e9;

/** Approximate memory costs in bytes (measured with Node 20, rounded up). */
const BYTES = {
  /** Node, cellsim's code and a run's fixed state. */
  base: 100e6,
  /** JobState, JobSpec and the metrics' per-job entries (measured ≈ 330). */
  perJob: 400,
  /** The cell's typed arrays plus placers', trackers' and offers' per-machine arrays. */
  perMachine: 256,
  /** One value of one series: its bin, the summary's array and the results' JSON text. */
  perSample: 80,
  /** One point of the per-machine heatmap series. */
  perMachineSample: 40,
} as const;

/** Series sampled every `samplePeriod`: CPU and memory used, CPU and memory locked. */
const SERIES = 4;
const EVENTS_PER_JOB = 3;

/** One contribution to a run's cost, named by the field that sets it. */
interface Term {
  field: string;
  events: number;
  bytes: number;
}

/** The expected cost of one run. */
export interface RunEstimate {
  jobs: number;
  events: number;
  bytes: number;
  /** The field to change to reduce the events (the largest term), e.g. `workload.rateMultiplier`. */
  eventsField: string;
  /** The field to change to reduce the memory, e.g. `metrics.samplePeriod`. */
  bytesField: string;
}

/** Mean of a sampler's draws (a `ceil` sampler never draws below 1). */
function samplerMean(s: Sampler): number {
  const mean = distributionMean(s.dist);
  return s.ceil ? Math.max(1, mean + 0.5) : mean;
}

/**
 * The field that sets a synthetic kind's job count: the rate multiplier if it is not 1, else a
 * sub-second inter-arrival mean (surely a slip), else the horizon.
 */
function rateField(w: SyntheticWorkloadSpec, kind: WorkloadKind, gen: KindGenerator): string {
  if (w.rateMultiplier[kind] !== 1) return "workload.rateMultiplier";
  const fast = w.preset === undefined && interarrivalMeanUs(gen.interarrival) < US_PER_SEC;
  return fast ? `workload.synthetic.${kind}.interarrival` : "horizon";
}

/** Expected submitted jobs of one synthetic kind over the horizon (0 if it is off). */
export function expectedKindJobs(config: RunConfig, kind: WorkloadKind): number {
  const w = config.workload;
  const gen = w.type === "synthetic" ? w.kinds[kind] : undefined;
  const multiplier = w.type === "synthetic" ? (w.rateMultiplier[kind] ?? 0) : 0;
  if (!gen || multiplier <= 0) return 0;
  return (config.horizonUs * multiplier) / interarrivalMeanUs(gen.interarrival) + 1;
}

/** Expected prefill jobs of one kind, before prefill.ts's cap (MAX_PREFILL_JOBS_PER_KIND). */
function prefillJobs(config: RunConfig, kind: WorkloadKind, gen: KindGenerator): number {
  const share = config.prefill.kindShares[kind] ?? 0;
  const targetCpus = share * config.prefill.cpuFraction * config.cluster.machines * config.cluster.cpus;
  if (targetCpus <= 0) return 0;
  const jobCpus = samplerMean(gen.tasks) * samplerMean(gen.cpusPerTask);
  return jobCpus > 0 ? targetCpus / jobCpus : Infinity;
}

/** Terms of the jobs: per synthetic kind, or a trace's rows. */
function jobTerms(config: RunConfig, traceRows: number | undefined): (Term & { jobs: number })[] {
  const w = config.workload;
  const term = (field: string, jobs: number) => ({
    field,
    jobs,
    events: jobs * EVENTS_PER_JOB,
    bytes: jobs * BYTES.perJob,
  });
  if (w.type === "trace") return [term("workload.trace", traceRows ?? 0)];
  if (w.type !== "synthetic") return [];
  return WORKLOAD_KINDS.flatMap((kind) => {
    const gen = w.kinds[kind];
    if (!gen) return [];
    const prefill = term("prefill", Math.min(MAX_PREFILL_JOBS_PER_KIND, prefillJobs(config, kind, gen)));
    if ((w.rateMultiplier[kind] ?? 0) <= 0) return [prefill];
    return [term(rateField(w, kind, gen), expectedKindJobs(config, kind)), prefill];
  });
}

/** Terms of the cell and of the sampled series. */
function cellTerms(config: RunConfig): Term[] {
  const { horizonUs, metrics, cluster } = config;
  const bins = Math.ceil(horizonUs / Math.max(1, Math.min(metrics.samplePeriodUs, horizonUs)));
  const sampled = Math.min(metrics.machines ?? 0, cluster.machines);
  return [
    { field: "cluster.machines", events: 0, bytes: cluster.machines * BYTES.perMachine },
    { field: "metrics.samplePeriod", events: sampled > 0 ? bins : 0, bytes: bins * SERIES * BYTES.perSample },
    { field: "metrics.machines", events: 0, bytes: sampled * bins * BYTES.perMachineSample },
  ];
}

function largest(terms: readonly Term[], key: "events" | "bytes"): string {
  return terms.reduce((a, b) => (b[key] > a[key] ? b : a)).field;
}

/**
 * The expected jobs, events and memory of one cell-model run; `traceRows` is the row count of
 * its trace (from the trace check), if it reads one.
 */
export function estimateRun(config: RunConfig, traceRows?: number): RunEstimate {
  const jobs = jobTerms(config, traceRows);
  const terms: Term[] = [...jobs, ...cellTerms(config)];
  return {
    jobs: jobs.reduce((sum, t) => sum + t.jobs, 0),
    events: terms.reduce((sum, t) => sum + t.events, 0),
    bytes: BYTES.base + terms.reduce((sum, t) => sum + t.bytes, 0),
    eventsField: largest(terms, "events"),
    bytesField: largest(terms, "bytes"),
  };
}

/** `3.2e11`, or the plain number below a million (∞ for Infinity). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "∞";
  if (n < 1e6) return String(Math.round(n));
  const [mantissa, exponent] = n.toExponential(1).split("e+");
  return `${Number(mantissa)}e${exponent}`;
}

/** `41 GB`, `1.5 GB`, `800 MB`; beyond petabytes in powers of ten. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (value >= 1000) return `${formatCount(value)} ${units[unit]}`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A synthetic kind whose inter-arrival mean is 0 would submit jobs forever at time 0. */
function checkArrivals(config: RunConfig, file: string): void {
  const w = config.workload;
  if (w.type !== "synthetic") return;
  for (const kind of WORKLOAD_KINDS) {
    const gen = w.kinds[kind];
    if (gen && (w.rateMultiplier[kind] ?? 0) > 0 && !(interarrivalMeanUs(gen.interarrival) > 0))
      throw new InputError(
        `${file}: workload.synthetic.${kind}.interarrival: mean must be > 0 (jobs would never stop arriving)`,
      );
  }
}

/**
 * A prefill needing more jobs than prefill.ts allows a kind stops the run. At that size the
 * count is close to its mean; 5% spare for chance.
 */
function checkPrefill(config: RunConfig, file: string): void {
  const w = config.workload;
  if (w.type !== "synthetic") return;
  for (const kind of WORKLOAD_KINDS) {
    const gen = w.kinds[kind];
    const jobs = gen ? prefillJobs(config, kind, gen) : 0;
    if (jobs > 1.05 * MAX_PREFILL_JOBS_PER_KIND)
      throw new InputError(
        `${file}: prefill.cpuFraction: filling the cell would take ~${formatCount(jobs)} ${kind} jobs; ` +
          `the limit is ${formatCount(MAX_PREFILL_JOBS_PER_KIND)} per kind (lower prefill.cpuFraction or cluster.machines)`,
      );
  }
}

/** Most jobs an experiment may record with `metrics.jobs` (over all its runs). */
export const MAX_RECORDED_JOBS = 2_000_000;

/**
 * Per-job records cost memory in every run and a row each in jobs.csv.gz: refuses an experiment
 * whose runs are expected to submit more than {@link MAX_RECORDED_JOBS} jobs in total when it
 * asks for them (not lifted by --ignore-budget: the file would be too big to be of use).
 */
function checkRecordedJobs(plan: BudgetedPlan): void {
  let total = 0;
  for (const { config } of plan.runs) {
    if (!config.metrics.jobs) continue;
    const w = config.workload;
    const rows =
      w.type === "trace" ? plan.inputs.find((i) => i.path === tracePathLabel(w.path))?.rows : undefined;
    total += estimateRun(config, rows).jobs;
  }
  if (total <= MAX_RECORDED_JOBS) return;
  throw new InputError(
    `${plan.file}: metrics.jobs: the runs would record ~${formatCount(total)} jobs in all; the limit is ` +
      `${formatCount(MAX_RECORDED_JOBS)} per experiment (shorten the horizon, use fewer seeds or sweep points, or turn metrics.jobs off)`,
  );
}

/** What the budget check needs of a plan. */
export interface BudgetedPlan {
  file: string;
  runs: readonly { runId: string; config: RunConfig }[];
  inputs: readonly InputFile[];
  overrides: PlanOverrides;
}

/** The first run over budget, its estimate, and how many runs are. */
function overBudget(plan: BudgetedPlan, memoryBytes: number) {
  const estimates = new Map<RunConfig, RunEstimate>();
  let first: { runId: string; estimate: RunEstimate } | undefined;
  let count = 0;
  for (const { runId, config } of plan.runs) {
    let estimate = estimates.get(config);
    if (!estimate) {
      const w = config.workload;
      const rows =
        w.type === "trace" ? plan.inputs.find((i) => i.path === tracePathLabel(w.path))?.rows : undefined;
      estimate = estimateRun(config, rows);
      estimates.set(config, estimate);
    }
    if (estimate.events <= MAX_EVENTS_PER_RUN && estimate.bytes <= memoryBytes) continue;
    first ??= { runId, estimate };
    count++;
  }
  return first && { ...first, count };
}

/**
 * Refuses a plan any of whose cell-model runs is expected to exceed {@link MAX_EVENTS_PER_RUN}
 * events or the machine's memory, naming the field responsible, the run and the numbers
 * (unless `plan.overrides.ignoreBudget`).
 */
export function checkBudget(plan: BudgetedPlan, memoryBytes: number = totalmem()): void {
  const configs = [...new Set(plan.runs.map((r) => r.config))];
  for (const config of configs) checkArrivals(config, plan.file);
  checkRecordedJobs(plan);
  const over = plan.overrides.ignoreBudget ? undefined : overBudget(plan, memoryBytes);
  if (over) {
    const { events, bytes, eventsField, bytesField } = over.estimate;
    const field = events / MAX_EVENTS_PER_RUN >= bytes / memoryBytes ? eventsField : bytesField;
    const others = over.count > 1 ? ` (and ${over.count - 1} more runs)` : "";
    throw new InputError(
      `${plan.file}: ${field}: run ${over.runId}${others} would simulate ~${formatCount(events)} events ` +
        `and need ~${formatBytes(bytes)} of memory; the limits are ${formatCount(MAX_EVENTS_PER_RUN)} events ` +
        `per run and this machine's ${formatBytes(memoryBytes)}; pass --ignore-budget to run anyway`,
    );
  }
  // After the budget: a huge cell is better told as too big than as too many prefill jobs.
  for (const config of configs) checkPrefill(config, plan.file);
}
