import { tracePathLabel } from "../workloads/traces/paths.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import type { ExperimentFacts } from "../plugins/define.js";
import type { Registry } from "../plugins/registry.js";
import type { RunConfig } from "./config.js";
import type { InputFile } from "./inputs.js";
import { formatPath } from "./zod-issues.js";

/**
 * Each architecture's own checks against the experiment it runs in (a kind that submits jobs
 * but has no scheduler, a partition of 0 machines, an offer threshold above the cell), and the
 * workload source's (a gang larger than the cell): errors
 * stop the experiment before anything is written; warnings are returned for the plan.
 */

/**
 * What an architecture may know about the experiment before running it: the kinds a synthetic
 * workload generates, or those a trace holds (once read: `inputs`); both kinds, as a guess, for
 * plug-in workload sources.
 */
export function experimentFacts(
  config: RunConfig,
  inputs: readonly InputFile[] = [],
  registry?: Registry,
): ExperimentFacts {
  const { machines, cpus, memGb } = config.cluster;
  const w = config.workload;
  if (w.type === "source" && registry !== undefined) {
    const frameworks = registry.workloads.require(w.name).frameworks(w.fields);
    if (frameworks.length > 0)
      return {
        cluster: { machines, cpus, memGb },
        kindsWithJobs: WORKLOAD_KINDS,
        kindsKnown: false,
        frameworks,
      };
  }
  if (w.type === "trace") {
    const counts = inputs.find((i) => i.path === tracePathLabel(w.path))?.kinds;
    if (counts) {
      const kinds = WORKLOAD_KINDS.filter((k) => counts[k] > 0);
      return { cluster: { machines, cpus, memGb }, kindsWithJobs: kinds, kindsKnown: true };
    }
  }
  if (w.type !== "synthetic")
    return { cluster: { machines, cpus, memGb }, kindsWithJobs: WORKLOAD_KINDS, kindsKnown: false };
  const kinds = WORKLOAD_KINDS.filter(
    (k: WorkloadKind) => w.kinds[k] !== undefined && w.rateMultiplier[k] > 0,
  );
  return { cluster: { machines, cpus, memGb }, kindsWithJobs: kinds, kindsKnown: true };
}

/**
 * Runs every distinct configuration's architecture checks; throws the errors (one line each,
 * naming the file, the field and the sweep point) or returns the distinct warnings. Runs on
 * traces are checked only when their `inputs` (with the traces' job counts) are given: plans are
 * checked once before the traces are read, and those runs again after.
 */
export function checkArchitectures(
  runs: readonly { config: RunConfig; params: Record<string, unknown> }[],
  registry: Registry,
  file: string,
  inputs?: readonly InputFile[],
): string[] {
  const errors: string[] = [];
  const warnings = new Set<string>();
  const seen = new Set<RunConfig>();
  for (const run of runs) {
    if (seen.has(run.config) || (run.config.workload.type === "trace") !== (inputs !== undefined)) continue;
    seen.add(run.config);
    const { type, ...block } = run.config.architecture;
    const where = Object.entries(run.params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    const facts = experimentFacts(run.config, inputs, registry);
    const findings = registry.architectures
      .require(type)
      .check(block, facts)
      .map((f) => ({ ...f, path: ["architecture", ...f.path] }));
    const w = run.config.workload;
    if (w.type === "source")
      for (const f of registry.workloads.require(w.name).check(w.fields, facts))
        findings.push({ ...f, path: ["workload", ...f.path] });
    for (const f of findings) {
      const line = `${file}: ${formatPath(f.path)}: ${f.message}${where ? ` (${where})` : ""}`;
      if (f.level === "error") errors.push(line);
      else warnings.add(line);
    }
  }
  if (errors.length > 0) throw new InputError([...new Set(errors)].join("\n"));
  return [...warnings];
}
