import { MASTER, type Architecture } from "../cluster/architecture.js";
import type { SchedulerFailurePlan } from "../cluster/scheduler-failover.js";
import { InputError } from "../engine/errors.js";
import type { RngFactory } from "../engine/rng.js";
import { makeSampler } from "../workloads/distributions.js";
import type { Sampler } from "../workloads/spec.js";
import type { SchedulerFailureSpec } from "./failover-schema.js";

/**
 * The run's scheduler failure plans: each configured name resolved to the architecture's
 * scheduler index (or the master), each distribution drawn from a stream of its own
 * (`failover:<name>:ttf`, `failover:<name>:downtime`), so failures shift no other draw and
 * changing one distribution leaves the other's draws alone. Draws are rounded to whole µs.
 * Throws an InputError naming the field for a name the architecture does not have, or when it
 * has no failover hooks: the experiment's checks refuse both first (failover-checks.ts); this
 * guards direct `runOne` calls.
 */
export function schedulerFailurePlans(
  specs: readonly SchedulerFailureSpec[],
  arch: Architecture,
  archType: string,
  rng: RngFactory,
): SchedulerFailurePlan[] {
  if (!arch.schedulerDown || !arch.schedulerUp)
    throw new InputError(`failures.schedulers: architecture ${archType} does not support scheduler failover`);
  const names = arch.schedulers.map((s) => s.name);
  if (arch.hasMaster) names.push("master");
  return specs.map((spec, i) => {
    const index = names.indexOf(spec.scheduler);
    if (index < 0) {
      throw new InputError(
        `failures.schedulers[${i}].scheduler: unknown scheduler "${spec.scheduler}" of architecture ${archType}: expected one of ${names.join("|")}`,
      );
    }
    const ttf = spec.timeToFailure;
    return {
      name: spec.scheduler,
      target: index === arch.schedulers.length ? MASTER : index,
      atUs: spec.atUs,
      ...(ttf ? { timeToFailureUs: wholeUs(ttf, rng, `failover:${spec.scheduler}:ttf`) } : {}),
      downtimeUs: wholeUs(spec.downtime, rng, `failover:${spec.scheduler}:downtime`),
    };
  });
}

/** Draws of `sampler` on the named stream, as whole non-negative µs (event times are integers). */
function wholeUs(sampler: Sampler, rng: RngFactory, stream: string): () => number {
  const draw = makeSampler(sampler, rng.stream(stream));
  return () => Math.max(0, Math.round(draw()));
}
