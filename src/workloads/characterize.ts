import type { JobSpec, WorkloadKind } from "../cluster/job.js";
import { WORKLOAD_KINDS } from "../cluster/job.js";

/**
 * Workload characterization in the terms of the Omega paper's figures 2–4: per kind, how many
 * jobs and tasks, how much CPU and memory over time (requests × duration), how fast jobs arrive,
 * and the samples behind the CDFs of job runtime, inter-arrival time and tasks per job.
 * Prefill jobs count in the shares and the runtime and task CDFs (their runtime is what remains
 * at t = 0); inter-arrival times are between submitted jobs only.
 */

/** Statistics of one workload kind. */
export interface KindStats {
  jobs: number;
  /** Of `jobs`, how many run at t = 0 (prefill). */
  prefillJobs: number;
  tasks: number;
  /** Σ tasks × cpusPerTask × duration (CPU-seconds requested). */
  cpuSec: number;
  /** Σ tasks × memGbPerTask × duration (GB-seconds requested). */
  memGbSec: number;
  /** Σ tasks × cpusPerTask, Σ tasks × memGbPerTask over all jobs (resource totals). */
  cpus: number;
  memGb: number;
  /** Submitted jobs per second over the workload's span. */
  arrivalsPerSec: number;
  /**
   * Of `jobs`, how many are censored: still running at the trace window's end, their runtime cut
   * there (a lower bound). 0 for synthetic workloads.
   */
  censoredJobs: number;
  /** CDF samples (seconds, seconds, count), one per job (inter-arrival: per submitted job but the first). */
  runtimeSec: number[];
  /** The runtimes of the censored jobs (also in `runtimeSec`), to mark them in the runtime CDF. */
  censoredRuntimeSec: number[];
  interarrivalSec: number[];
  tasksPerJob: number[];
}

/** Statistics of a workload (trace or synthetic). */
export interface WorkloadStats {
  /** Label in reports (trace path or preset name). */
  name: string;
  /** Length of the period the arrival rates are over, seconds. */
  spanSec: number;
  kinds: Record<WorkloadKind, KindStats>;
}

function emptyKind(): KindStats {
  return {
    jobs: 0,
    prefillJobs: 0,
    tasks: 0,
    cpuSec: 0,
    memGbSec: 0,
    cpus: 0,
    memGb: 0,
    arrivalsPerSec: 0,
    censoredJobs: 0,
    runtimeSec: [],
    censoredRuntimeSec: [],
    interarrivalSec: [],
    tasksPerJob: [],
  };
}

/** Streaming accumulator: add jobs in submit order, then {@link finish}. */
export class WorkloadCharacterizer {
  private readonly kinds: Record<WorkloadKind, KindStats> = { batch: emptyKind(), service: emptyKind() };
  private readonly lastSubmitUs: Record<WorkloadKind, number> = { batch: -1, service: -1 };
  private latestSubmitUs = 0;

  constructor(private readonly name: string) {}

  /**
   * Adds one job (prefill jobs first, then submitted jobs in non-decreasing submit order);
   * `censored`: the reader cut its runtime at the window's end.
   */
  add(job: JobSpec, censored = false): void {
    const k = this.kinds[job.kind];
    const durationSec = job.durationUs / 1e6;
    k.jobs++;
    k.tasks += job.tasks;
    k.cpus += job.tasks * job.cpusPerTask;
    k.memGb += job.tasks * job.memGbPerTask;
    k.cpuSec += job.tasks * job.cpusPerTask * durationSec;
    k.memGbSec += job.tasks * job.memGbPerTask * durationSec;
    k.runtimeSec.push(durationSec);
    if (censored) {
      k.censoredJobs++;
      k.censoredRuntimeSec.push(durationSec);
    }
    k.tasksPerJob.push(job.tasks);
    if (job.prefill) {
      k.prefillJobs++;
      return;
    }
    const last = this.lastSubmitUs[job.kind];
    if (last >= 0) k.interarrivalSec.push((job.submitUs - last) / 1e6);
    this.lastSubmitUs[job.kind] = job.submitUs;
    this.latestSubmitUs = Math.max(this.latestSubmitUs, job.submitUs);
  }

  /** The statistics; arrival rates over `spanSec` (default: 0 → the last submit time). */
  finish(spanSec?: number): WorkloadStats {
    const span = spanSec ?? this.latestSubmitUs / 1e6;
    for (const kind of WORKLOAD_KINDS) {
      const k = this.kinds[kind];
      k.arrivalsPerSec = span > 0 ? (k.jobs - k.prefillJobs) / span : 0;
    }
    return { name: this.name, spanSec: span, kinds: this.kinds };
  }
}

/** Characterizes prefill + submitted jobs (`censored`: ids of the censored ones). */
export function characterize(
  name: string,
  prefill: readonly JobSpec[],
  jobs: Iterable<JobSpec>,
  spanSec?: number,
  censored: ReadonlySet<number> = new Set(),
): WorkloadStats {
  const c = new WorkloadCharacterizer(name);
  for (const j of prefill) c.add(j, censored.has(j.id));
  for (const j of jobs) c.add(j, censored.has(j.id));
  return c.finish(spanSec);
}

/** The scalar statistics (no samples), e.g. for printing or stats.json. */
export function statsSummary(s: WorkloadStats): Record<string, unknown> {
  const kinds = Object.fromEntries(
    WORKLOAD_KINDS.map((kind) => {
      const {
        runtimeSec: _r,
        censoredRuntimeSec: _c,
        interarrivalSec: _i,
        tasksPerJob: _t,
        ...scalars
      } = s.kinds[kind];
      return [kind, scalars];
    }),
  );
  return { name: s.name, spanSec: s.spanSec, kinds };
}

/** Share of each kind in a total (batch + service), 0 when both are 0. */
export function kindShares(s: WorkloadStats, metric: (k: KindStats) => number): Record<WorkloadKind, number> {
  const b = metric(s.kinds.batch);
  const v = metric(s.kinds.service);
  const total = b + v;
  return { batch: total > 0 ? b / total : 0, service: total > 0 ? v / total : 0 };
}
