import { InputError } from "../engine/errors.js";
import type { Registry } from "../plugins/registry.js";
import type { RunConfig } from "./config.js";
import { formatPath } from "./zod-issues.js";
import { experimentFacts } from "./arch-checks.js";

/**
 * Checks every distinct configuration's `failures.schedulers` against its architecture before
 * anything runs: the architecture must declare its failover targets (`failoverTargets`: all
 * built-ins do) and accept failover as configured, and each name must be one of its targets (its
 * schedulers, and `master` for two-level). Throws one line per problem, naming the file, the
 * field and the sweep point. So `validate` refuses what a run would refuse.
 */
export function checkFailoverTargets(
  runs: readonly { config: RunConfig; params: Record<string, unknown> }[],
  registry: Registry,
  file: string,
): void {
  const errors = new Set<string>();
  const seen = new Set<RunConfig>();
  for (const run of runs) {
    const specs = run.config.failures?.schedulers;
    if (specs === undefined || seen.has(run.config)) continue;
    seen.add(run.config);
    const { type, ...block } = run.config.architecture;
    const frameworks = experimentFacts(run.config, [], registry).frameworks;
    const targets = registry.architectures.require(type).failoverTargets(block, frameworks) ?? {
      refused: "it declares no failover targets (failoverTargets), so its schedulers cannot fail",
    };
    const where = Object.entries(run.params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    const suffix = where ? ` (${where})` : "";
    if ("refused" in targets) {
      errors.add(
        `${file}: ${formatPath(["failures", "schedulers"])}: architecture ${type}: ${targets.refused}${suffix}`,
      );
      continue;
    }
    specs.forEach((spec, i) => {
      if (targets.names.includes(spec.scheduler)) return;
      const path = formatPath(["failures", "schedulers", i, "scheduler"]);
      errors.add(
        `${file}: ${path}: unknown scheduler "${spec.scheduler}" of architecture ${type}: expected one of ${targets.names.join("|")}${suffix}`,
      );
    });
  }
  if (errors.size > 0) throw new InputError([...errors].join("\n"));
}
