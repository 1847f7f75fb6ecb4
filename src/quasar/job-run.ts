import type { SimTime } from "../engine/time.js";
import type { Prediction } from "./classifier.js";
import type { QuasarJobSpec } from "./job-spec.js";
import type { Allocation } from "./perf.js";

/** Where a job is in its life. */
export type JobPhase = "profiling" | "queued" | "running" | "done";

/** Per-run state of one job (the spec stays frozen). */
export interface JobRun {
  readonly spec: QuasarJobSpec;
  phase: JobPhase;
  prediction: Prediction | null;
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
  /** ∫ min(1, rate / target) dt over the running time (µs) — services' score. */
  perfAreaUs: number;
  /** When profiling and the decision were done (the job joined the admission queue). */
  readyUs: SimTime;
  startUs: SimTime;
  /** Bumped whenever the end event is rescheduled; older end events are stale. */
  endVersion: number;
}

/** A fresh run state for a job that just arrived. */
export function newJobRun(spec: QuasarJobSpec): JobRun {
  return {
    spec,
    phase: "profiling",
    prediction: null,
    alloc: null,
    rate: 0,
    capacity: 0,
    usedPerNode: 0,
    lastUs: spec.arrivalUs,
    workDone: 0,
    perfAreaUs: 0,
    readyUs: -1,
    startUs: -1,
    endVersion: 0,
  };
}

/** Advances progress and the services' performance integral to `nowUs` at the current rate. */
export function settle(run: JobRun, nowUs: SimTime): void {
  const dt = nowUs - run.lastUs;
  if (dt > 0 && run.phase === "running") {
    run.workDone += (run.rate * dt) / 1e6;
    run.perfAreaUs += Math.min(1, run.rate / run.spec.targetPerf) * dt;
  }
  run.lastUs = nowUs;
}

/** Performance / target of a finished (or cut-off) job, capped at 1; see QuasarJobOutcome. */
export function perfVsTarget(run: JobRun, endUs: SimTime): number {
  if (run.startUs < 0) return 0;
  const s = run.spec;
  if (s.kind === "service") return Math.min(1, run.perfAreaUs / s.targetDurationUs);
  const exec = endUs - run.startUs;
  return exec <= 0 ? 1 : Math.min(1, s.targetDurationUs / exec);
}
