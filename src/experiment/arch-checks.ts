import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import type { ExperimentFacts } from "../plugins/define.js";
import type { Registry } from "../plugins/registry.js";
import type { RunConfig } from "./config.js";
import { formatPath } from "./zod-issues.js";

/**
 * Each architecture's own checks against the experiment it runs in (a kind that submits jobs
 * but has no scheduler, a partition of 0 machines, an offer threshold above the cell): errors
 * stop the experiment before anything is written; warnings are returned for the plan.
 */

/** What an architecture may know about the experiment before running it. */
export function experimentFacts(config: RunConfig): ExperimentFacts {
  const { machines, cpus, memGb } = config.cluster;
  const w = config.workload;
  if (w.type !== "synthetic")
    return { cluster: { machines, cpus, memGb }, kindsWithJobs: WORKLOAD_KINDS, kindsKnown: false };
  const kinds = WORKLOAD_KINDS.filter(
    (k: WorkloadKind) => w.kinds[k] !== undefined && w.rateMultiplier[k] > 0,
  );
  return { cluster: { machines, cpus, memGb }, kindsWithJobs: kinds, kindsKnown: true };
}

/**
 * Runs every distinct configuration's architecture checks; throws the errors (one line each,
 * naming the file, the field and the sweep point) or returns the distinct warnings.
 */
export function checkArchitectures(
  runs: readonly { config: RunConfig; params: Record<string, unknown> }[],
  registry: Registry,
  file: string,
): string[] {
  const errors: string[] = [];
  const warnings = new Set<string>();
  const seen = new Set<RunConfig>();
  for (const run of runs) {
    if (seen.has(run.config)) continue;
    seen.add(run.config);
    const { type, ...block } = run.config.architecture;
    const where = Object.entries(run.params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    for (const f of registry.architectures.require(type).check(block, experimentFacts(run.config))) {
      const line = `${file}: ${formatPath(["architecture", ...f.path])}: ${f.message}${where ? ` (${where})` : ""}`;
      if (f.level === "error") errors.push(line);
      else warnings.add(line);
    }
  }
  if (errors.length > 0) throw new InputError([...new Set(errors)].join("\n"));
  return [...warnings];
}
