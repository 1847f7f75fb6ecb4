/**
 * The Mesos paper's §4 analysis checked on an idealized cell: a framework entitled to k slots
 * finds every slot held by another framework's task; as those tasks end it takes the slots.
 * Its job is βkT of work (βT per slot). Elastic: many short tasks, using each slot as soon as it
 * has it. Rigid: a gang of k tasks of βT each, starting only when all k slots are free. The
 * derivation is in studies/mesos/README.md ("Analytic check"); this file builds the cell, runs
 * it, and evaluates the formulas.
 */
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

export type Durations = "constant" | "exponential";
export type Shape = "elastic" | "rigid";

/** One cell of the table: k slots, mean task duration T, work βT per slot. */
export interface AnalyticCase {
  k: number;
  beta: number;
  taskSec: number;
  durations: Durations;
  shape: Shape;
  /** The elastic job's own task length, s (≪ T: the job is close to divisible work). */
  elasticTaskSec: number;
}

/** Ramp-up, completion and utilization, in seconds and as a fraction. */
export interface Outcome {
  rampUpSec: number;
  completionSec: number;
  utilization: number;
}

/**
 * What the other framework's tasks have left to run when the job arrives, s: the k midpoint
 * quantiles of the residual-life distribution — uniform on [0, T] for constant durations (a task
 * seen at a random instant of its life), exponential of mean T for exponential ones (memoryless).
 * Quantiles rather than random draws: the sample has no sampling noise, so the simulated numbers
 * can be checked exactly against the formulas evaluated on it.
 */
export function residualsSec(c: Pick<AnalyticCase, "k" | "taskSec" | "durations">): number[] {
  return Array.from({ length: c.k }, (_, i) => {
    const q = (i + 0.5) / c.k;
    return c.durations === "constant" ? c.taskSec * q : -c.taskSec * Math.log(1 - q);
  });
}

/**
 * The idealized scheduler's retry period, s. A job that could not place every task tries again
 * this much later (never given up): a slot released at r is taken by r + 1 ms at the latest. The
 * elastic job's tasks last a whole number of periods, so its own task ends fall on its retry
 * instants and it reuses its slots without a gap (task ends are handled before retries at one
 * instant). (`retry.when: "freed"` would be exact but retries a job only when all its remaining
 * tasks fit, which is the rigid behaviour, not the elastic one.)
 */
export const RETRY_SEC = 0.001;

/** Seconds to whole microseconds, as the simulator keeps time. */
const us = (sec: number) => Math.round(sec * 1e6);

function jobsFor(c: AnalyticCase): { prefill: JobSpec[]; jobs: JobSpec[] } {
  const base = { kind: "batch" as const, cpusPerTask: 1, memGbPerTask: 1 };
  const prefill = residualsSec(c).map((r, i) => ({
    ...base,
    id: i,
    submitUs: 0,
    tasks: 1,
    durationUs: us(r),
    prefill: true,
  }));
  const elastic = c.shape === "elastic";
  const tasks = elastic ? Math.round((c.beta * c.k * c.taskSec) / c.elasticTaskSec) : c.k;
  const durationUs = us(elastic ? c.elasticTaskSec : c.beta * c.taskSec);
  const fw = {
    framework: c.shape,
    app: 0,
    appJobs: 1,
    appSubmitUs: 0,
    aloneUs: us(c.beta * c.taskSec),
    gang: !elastic,
  };
  return { prefill, jobs: [{ ...base, id: c.k, submitUs: 0, tasks, durationUs, prefill: false, fw }] };
}

/**
 * Runs the idealized cell: k machines of one CPU (exactly k slots), one monolithic scheduler
 * with zero decision time, retrying every {@link RETRY_SEC} (never given up), first-fit. Measures the framework's ramp-up (when it last took a slot it did not hold), its
 * completion (its last task's end) and the utilization of the slots it held: its work over the
 * slot-time from each slot's acquisition to completion. A rigid framework acquires a slot when
 * the slot is released to it (the other task's end) and holds it idle until the gang starts.
 */
export function simulateCase(c: AnalyticCase): Outcome {
  const zero = { perJob: "0s", perTask: "0s" };
  const config = cellConfig(
    { type: "monolithic", decisionTime: { batch: zero, service: zero } },
    {
      horizonUs: us(c.taskSec * (c.beta + 4 * Math.log(c.k) + 10)),
      cluster: { machines: c.k, cpus: 1, memGb: 1 },
      placement: "first-fit",
      retry: { retryDelayUs: us(RETRY_SEC), maxAttempts: 1e12, maxAttemptsWithoutProgress: 1e12 },
      metrics: { samplePeriodUs: us(c.taskSec) },
    },
  );
  const firstStartUs = new Map<number, number>();
  let lastEndUs = 0;
  let busyUs = 0;
  const { prefill, jobs } = jobsFor(c);
  simulateWorkload(config, workloadFromList(prefill, jobs), new RngFactory(1), {
    hooks: {
      tasksStarted: (spec, machines, startUs, endUs) => {
        if (spec.prefill) return;
        for (const m of machines) if (!firstStartUs.has(m)) firstStartUs.set(m, startUs);
        lastEndUs = Math.max(lastEndUs, endUs);
        busyUs += machines.length * (endUs - startUs);
      },
    },
  });
  const released = prefill.map((p) => p.durationUs);
  const acquiredUs = c.shape === "elastic" ? [...firstStartUs.values()] : released;
  const heldUs = acquiredUs.reduce((t, a) => t + (lastEndUs - a), 0);
  return {
    rampUpSec: Math.max(...acquiredUs) / 1e6,
    completionSec: lastEndUs / 1e6,
    utilization: busyUs / heldUs,
  };
}

/** Solves f(x) = 0 for increasing f on [lo, hi] by bisection (to 1e-9 relative). */
function solveIncreasing(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The derivation evaluated on the given residuals r_i (fluid elastic job): ramp-up max r_i (for
 * an elastic job, over the slots released before it completes);
 * elastic completion C solves Σ (C − r_i)⁺ = βkT; rigid completion max r_i + βT; utilization
 * βkT / Σ (C − r_i)⁺ (elastic: 1 once every slot is acquired before C).
 */
export function onSample(c: AnalyticCase, r: readonly number[]): Outcome {
  const work = c.beta * c.k * c.taskSec;
  const lastRelease = Math.max(...r);
  const held = (t: number) => r.reduce((s, ri) => s + Math.max(0, t - ri), 0);
  const completionSec =
    c.shape === "rigid"
      ? lastRelease + c.beta * c.taskSec
      : solveIncreasing((t) => held(t) - work, 0, lastRelease + work);
  // An elastic job may finish before the last slot is released: it never takes that slot.
  const rampUpSec = Math.max(...r.filter((ri) => ri < completionSec));
  return { rampUpSec, completionSec, utilization: work / held(completionSec) };
}

/** Harmonic number H_k = Σ 1/i: E[max of k exponentials of mean 1]. */
export const harmonic = (k: number): number =>
  Array.from({ length: k }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);

/**
 * The derivation in expectation over random residuals (README): E[max] = kT/(k + 1) (uniform) or
 * H_k T (exponential); elastic completion solves E Σ (C − r_i)⁺ = βkT, i.e. C = (½ + β)T for
 * uniform residuals (C ≥ T) and C/T − 1 + e^{−C/T} = β for exponential ones; rigid completion
 * E[max] + βT; utilization βkT over the expected held slot-time k(C − E[r]).
 */
export function expected(c: AnalyticCase): Outcome {
  const T = c.taskSec;
  const meanMax = c.durations === "constant" ? (c.k * T) / (c.k + 1) : harmonic(c.k) * T;
  const meanResidual = c.durations === "constant" ? T / 2 : T;
  let completionSec: number;
  if (c.shape === "rigid") completionSec = meanMax + c.beta * T;
  else if (c.durations === "constant") completionSec = (0.5 + c.beta) * T;
  else completionSec = T * solveIncreasing((x) => x - 1 + Math.exp(-x) - c.beta, 0, c.beta + 2);
  // A rigid framework holds every slot from its release (all before C) to C: k (C − E[r]).
  const utilization = c.shape === "elastic" ? 1 : (c.beta * T) / (completionSec - meanResidual);
  return { rampUpSec: meanMax, completionSec, utilization };
}

/** The paper's Table (§4) as recalled: ln k where the expectation has H_k. */
export function paperFormula(c: AnalyticCase): Outcome {
  const { beta: b, taskSec: T, k } = c;
  const constant = c.durations === "constant";
  const rampUpSec = constant ? T : T * Math.log(k);
  if (c.shape === "elastic")
    return { rampUpSec, completionSec: (constant ? 0.5 + b : 1 + b) * T, utilization: 1 };
  return {
    rampUpSec,
    completionSec: (constant ? 1 + b : Math.log(k) + b) * T,
    utilization: constant ? b / (0.5 + b) : b / (Math.log(k) - 1 + b),
  };
}

/** One row of the study's table: the case, the paper's formula, our expectation, the simulation. */
export interface AnalyticRow {
  case: AnalyticCase;
  paper: Outcome;
  expected: Outcome;
  onSample: Outcome;
  simulated: Outcome;
}

/** The four cases (constant/exponential × elastic/rigid) at k = 100 slots, β = 2, T = 10 s. */
export function analyticCases(k = 100, beta = 2, taskSec = 10): AnalyticCase[] {
  const out: AnalyticCase[] = [];
  for (const durations of ["constant", "exponential"] as const)
    for (const shape of ["elastic", "rigid"] as const)
      out.push({ k, beta, taskSec, durations, shape, elasticTaskSec: taskSec / 100 });
  return out;
}

/** Runs every case and evaluates the formulas beside it. */
export function analyticTable(cases = analyticCases()): AnalyticRow[] {
  return cases.map((c) => ({
    case: c,
    paper: paperFormula(c),
    expected: expected(c),
    onSample: onSample(c, residualsSec(c)),
    simulated: simulateCase(c),
  }));
}
