import type { JobSpec } from "../../src/cluster/job.js";
import type { Workload } from "../../src/workloads/source.js";
import type { KindGenerator, SyntheticWorkloadSpec } from "../../src/workloads/spec.js";

/** A small two-kind synthetic spec (µs) for tests. */
export function smallSpec(rateMultiplier = { batch: 1, service: 1 }): SyntheticWorkloadSpec {
  const gen = (meanIaUs: number, tasksMean: number): KindGenerator => ({
    interarrival: { dist: { type: "exponential", mean: meanIaUs }, ceil: false },
    tasks: { dist: { type: "exponential", mean: tasksMean }, ceil: true },
    duration: { dist: { type: "lognormal", median: 60e6, sigma: 1 }, ceil: false },
    cpusPerTask: { dist: { type: "uniform", min: 0.25, max: 1 }, ceil: false },
    memGbPerTask: { dist: { type: "constant", value: 2 }, ceil: false },
  });
  return { type: "synthetic", kinds: { batch: gen(5e6, 20), service: gen(60e6, 4) }, rateMultiplier };
}

/** Pulls every job of a workload. */
export function drain(w: Workload): JobSpec[] {
  const jobs: JobSpec[] = [];
  for (let j = w.next(); j; j = w.next()) jobs.push(j);
  return jobs;
}
