import { z } from "zod";
import type { DecisionTime } from "../cluster/decision.js";
import type { WorkloadKind } from "../cluster/job.js";
import { duration } from "../experiment/schema-parts.js";
import { chosen, isRecord } from "../experiment/zod-issues.js";
import type { ExperimentFacts, Finding } from "../plugins/define.js";

/** Config pieces the built-in architectures share (and plug-ins may reuse). */

/** Decision times per workload kind (equal for a single-path monolithic scheduler). */
export type DecisionTimes = Record<WorkloadKind, DecisionTime>;

/** Paper defaults (Omega paper, Schwarzkopf et al. 2013, §4): 0.1 s per job plus 5 ms per task. */
export const DEFAULT_PER_JOB = "0.1s";
export const DEFAULT_PER_TASK = "5ms";

const decisionTimeSchema = z
  .strictObject({ perJob: duration.prefault(DEFAULT_PER_JOB), perTask: duration.prefault(DEFAULT_PER_TASK) })
  .transform((d): DecisionTime => ({ perJobUs: d.perJob, perTaskUs: d.perTask }));

const perKindDecisionTimeSchema = z.strictObject({
  batch: decisionTimeSchema.prefault({ perJob: DEFAULT_PER_JOB, perTask: DEFAULT_PER_TASK }),
  service: decisionTimeSchema.prefault({ perJob: DEFAULT_PER_JOB, perTask: DEFAULT_PER_TASK }),
});

/**
 * Decision time: `{perJob, perTask}` (single-path: one setting for every kind) or
 * `{batch: {...}, service: {...}}` (multi-path). Either way it resolves to the per-kind form.
 */
export const decisionTimesSchema = chosen<DecisionTimes>((value) => {
  if (isRecord(value) && ("batch" in value || "service" in value)) return perKindDecisionTimeSchema;
  return decisionTimeSchema.transform((dt) => ({ batch: dt, service: dt }));
});

/** A display name for legends and tables (e.g. when the architecture itself is swept). */
export const displayName = z.string().min(1).optional();

/** A whole number of schedulers per kind; 0 leaves a kind without one (it must have no jobs). */
export const perKindCount = (fallback: number) =>
  z.strictObject({ batch: z.int().min(0).default(fallback), service: z.int().min(0).default(fallback) });

/**
 * Errors for kinds that submit jobs but have no scheduler (`counts[kind]` = 0): their jobs would
 * have nowhere to go. When the kinds are only a guess (plug-in workload sources), a warning.
 */
export function kindsWithoutScheduler(
  counts: Record<WorkloadKind, number>,
  field: string,
  what: string,
  facts: ExperimentFacts,
): Finding[] {
  return facts.kindsWithJobs
    .filter((kind) => counts[kind] === 0)
    .map((kind) => ({
      level: facts.kindsKnown ? "error" : "warning",
      path: [field, kind],
      message: facts.kindsKnown
        ? `0 ${what} for ${kind} jobs, but the workload submits ${kind} jobs`
        : `0 ${what} for ${kind} jobs: if the workload source submits a ${kind} job, the run stops there`,
    }));
}
