import { InputError } from "../engine/errors.js";
import type { RngFactory } from "../engine/rng.js";
import type { JobSpec, WorkloadKind } from "../cluster/job.js";
import { makeSampler } from "./distributions.js";
import { makeResidualLifeSampler } from "./residual-life.js";
import { taskCount } from "./synthetic.js";
import type { KindGenerator, PrefillSpec, SyntheticWorkloadSpec } from "./spec.js";

/**
 * Prefill: the jobs already running when the simulation starts (Omega: cells ~60% full).
 *
 * 1. Kinds are filled in the order service, then batch (long-running service work is the
 *    backbone of a real cell; the simulator places prefill jobs in this order).
 * 2. Kind k's CPU target is `kindShares[k] × cpuFraction × totalCpus`.
 * 3. Jobs are drawn from the kind's own tasks/duration/cpus/mem samplers, on separate streams
 *    `prefill:<kind>:<quantity>` (so prefill never shifts the submitted jobs' numbers).
 * 4. Exact stopping rule: a job that fits under the target is taken. The first job that would
 *    exceed it is taken only if it overshoots by less than the remaining gap (it lands closer to
 *    the target than stopping would), and then the kind stops. So each kind ends within half a
 *    job's CPU of its target.
 * 5. Durations are residual lifetimes (residual-life.ts): the remaining time of a job caught
 *    running at a random moment of a steady-state cell, so the prefilled load decays as the
 *    running load of a long-lived cell would (streams `prefill:<kind>:duration` and
 *    `prefill:<kind>:elapsed`).
 * Ids are 0..P−1 in that order; every job has `submitUs = 0` and `prefill = true`.
 */

const PREFILL_ORDER: readonly WorkloadKind[] = ["service", "batch"];

/** Safety bound so a generator with (almost) zero-CPU jobs fails instead of looping. */
export const MAX_PREFILL_JOBS_PER_KIND = 5_000_000;

/** The prefill jobs of a synthetic workload for a cell with `totalCpus` CPUs. */
export function generatePrefill(
  kinds: SyntheticWorkloadSpec["kinds"],
  prefill: PrefillSpec,
  totalCpus: number,
  rng: RngFactory,
): JobSpec[] {
  checkPrefillSpec(prefill);
  const jobs: JobSpec[] = [];
  for (const kind of PREFILL_ORDER) {
    const share = prefill.kindShares[kind] ?? 0;
    const gen = kinds[kind];
    if (share <= 0 || prefill.cpuFraction <= 0) continue;
    if (!gen) throw new InputError(`prefill.kindShares.${kind}: the workload has no ${kind} generator`);
    fillKind(kind, gen, share * prefill.cpuFraction * totalCpus, rng, jobs);
  }
  return jobs;
}

function checkPrefillSpec(p: PrefillSpec): void {
  if (!(p.cpuFraction >= 0 && p.cpuFraction <= 1))
    throw new InputError(`prefill.cpuFraction: expected a number in [0, 1], got ${p.cpuFraction}`);
  for (const [kind, share] of Object.entries(p.kindShares))
    if (!(share !== undefined && share >= 0 && share <= 1))
      throw new InputError(`prefill.kindShares.${kind}: expected a number in [0, 1], got ${share}`);
}

/** Appends one kind's prefill jobs to `out` following the stopping rule above. */
function fillKind(
  kind: WorkloadKind,
  gen: KindGenerator,
  targetCpus: number,
  rng: RngFactory,
  out: JobSpec[],
): void {
  const draw = (q: Exclude<keyof KindGenerator, "resources" | "priority" | "interarrival" | "gang">) =>
    makeSampler(gen[q], rng.stream(`prefill:${kind}:${q}`));
  const resources = Object.entries(gen.resources ?? {}).map(
    ([name, s]) => [name, makeSampler(s, rng.stream(`prefill:${kind}:resources.${name}`))] as const,
  );
  const tasks = draw("tasks");
  const duration = makeResidualLifeSampler(
    gen.duration,
    rng.stream(`prefill:${kind}:duration`),
    rng.stream(`prefill:${kind}:elapsed`),
  );
  const cpus = draw("cpusPerTask");
  const mem = draw("memGbPerTask");
  let filledCpus = 0;
  for (let n = 0; filledCpus < targetCpus; n++) {
    if (n >= MAX_PREFILL_JOBS_PER_KIND)
      throw new InputError(
        `prefill.${kind}: more than ${MAX_PREFILL_JOBS_PER_KIND} jobs without reaching the target`,
      );
    const shape: JobSpec = {
      id: out.length,
      submitUs: 0,
      kind,
      tasks: taskCount(tasks()),
      cpusPerTask: Math.max(0, cpus()),
      memGbPerTask: Math.max(0, mem()),
      durationUs: Math.max(1, Math.round(duration())),
      prefill: true,
    };
    const sized: JobSpec =
      resources.length === 0
        ? shape
        : { ...shape, resources: Object.fromEntries(resources.map(([name, d]) => [name, Math.max(0, d())])) };
    // A gang kind's running jobs are gangs too (placed whole or dropped: run-one.ts placePrefill).
    const job: JobSpec = gen.gang === true ? { ...sized, gang: true } : sized;
    const jobCpus = job.tasks * job.cpusPerTask;
    const gapCpus = targetCpus - filledCpus;
    if (jobCpus > gapCpus) {
      if (jobCpus - gapCpus < gapCpus) out.push(job);
      return;
    }
    out.push(job);
    filledCpus += jobCpus;
  }
}
