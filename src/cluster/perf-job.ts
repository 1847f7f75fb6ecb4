import type { SimTime } from "../engine/time.js";
import type { QuasarJobSpec } from "../quasar/job-spec.js";
import type { Allocation } from "../quasar/perf.js";
import type { JobState } from "./job-state.js";

/** Per-run progress of one job with a performance model (its spec stays frozen). */
export interface PerfJob {
  readonly job: JobState;
  readonly spec: QuasarJobSpec;
  /** Its nodes now; null before it starts and after it ends. */
  alloc: Allocation | null;
  /** Performance achieved now (job units per second). */
  rate: number;
  /** Throughput the allocation sustains now (= rate except for latency-bound services). */
  capacity: number;
  /** CPU used per node now (on every machine of `alloc`). */
  usedPerNode: number;
  /** Progress is settled up to this time. */
  lastUs: SimTime;
  workDone: number;
  /** ∫ min(1, rate / target) dt over the running time (µs): the services' score. */
  perfAreaUs: number;
  /** When its admission delay ended (it reached its scheduler); -1 before. */
  readyUs: SimTime;
  /** When its nodes started; -1 before. */
  startUs: SimTime;
  /** Bumped whenever the end event is rescheduled; older end events are stale. */
  endVersion: number;
  done: boolean;
}

/** Fresh progress state of a job submitted now. */
export function newPerfJob(job: JobState, spec: QuasarJobSpec, nowUs: SimTime): PerfJob {
  return {
    job,
    spec,
    alloc: null,
    rate: 0,
    capacity: 0,
    usedPerNode: 0,
    lastUs: nowUs,
    workDone: 0,
    perfAreaUs: 0,
    readyUs: -1,
    startUs: -1,
    endVersion: 0,
    done: false,
  };
}

/** Advances progress and the services' performance integral to `nowUs` at the current rate. */
export function settle(run: PerfJob, nowUs: SimTime): void {
  const dt = nowUs - run.lastUs;
  if (dt > 0 && run.alloc !== null) {
    run.workDone += (run.rate * dt) / 1e6;
    run.perfAreaUs += Math.min(1, run.rate / run.spec.targetPerf) * dt;
  }
  run.lastUs = nowUs;
}

/**
 * Performance / target of a finished (or cut-off) job, capped at 1: services, the time-mean of
 * min(1, served within the latency bound / target) over their lifetime; batch and best-effort,
 * target completion time / execution time. 0 if the job never started.
 */
export function perfVsTarget(run: PerfJob, endUs: SimTime): number {
  if (run.startUs < 0) return 0;
  const s = run.spec;
  if (s.kind === "service") return Math.min(1, run.perfAreaUs / s.targetDurationUs);
  const exec = endUs - run.startUs;
  return exec <= 0 ? 1 : Math.min(1, s.targetDurationUs / exec);
}
