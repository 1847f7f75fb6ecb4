/**
 * Shared reading of performance results for the Quasar figures: runs grouped by sweep point
 * (they differ only by seed), each group labelled by its allocation + placement policy, and one
 * colour per group.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { isRecord } from "../../experiment/zod-issues.js";
import { InputError } from "../../engine/errors.js";
import type { PerformanceSummary } from "../../quasar/summary.js";
import { formatParamValue, mean, roundSig } from "../sweep.js";

/** The runs of one sweep point (one policy setting), in seed order. */
export interface PolicyGroup {
  label: string;
  runs: RunRecord[];
}

/** Fixed colours for the three policies of the paper; other groups take the fallbacks in order. */
const POLICY_COLOURS: Readonly<Record<string, string>> = {
  quasar: "#2ca02c",
  "reservation+paragon": "#1f77b4",
  "reservation+least-loaded": "#d62728",
};
const FALLBACK_COLOURS = ["#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#17becf"];

/**
 * How a swept value reads: a whole workload object reads as the run's scenario name, which
 * records the mix and its load (`quasar-large (rate×4)`); an unnamed Quasar-study architecture
 * reads as the run's policy (`reservation+paragon`), since `type` alone would not tell the two
 * reservation policies apart.
 */
function paramLabel(key: string, value: unknown, run: RunRecord): string {
  const scenario = run.summary.performance?.scenario;
  if (key === "workload" && scenario !== undefined && isRecord(value)) return scenario;
  const policy = run.summary.performance?.policy;
  if (policy !== undefined && (Array.isArray(value) || (isRecord(value) && typeof value.name !== "string"))) {
    return policy;
  }
  return formatParamValue(value);
}

/** The performance part of a run summary; the figure kinds that call this declare `needs: "performance"`. */
export function perfOf(run: RunRecord): PerformanceSummary {
  const p = run.summary.performance;
  if (!p)
    throw new InputError(
      `results.json run ${run.runId}: no performance summary (its jobs had no performance model)`,
    );
  return p;
}

/** Runs grouped by sweep point, in sweep order; labels name the swept values (else the policy). */
export function policyGroups(results: ResultsFile): PolicyGroup[] {
  const keys = results.experiment.sweepPaths;
  const byKey = new Map<string, PolicyGroup>();
  for (const run of results.runs) {
    const key = JSON.stringify(keys.map((k) => run.params[k] ?? null));
    let group = byKey.get(key);
    if (!group) {
      const label =
        keys.map((k) => paramLabel(k, run.params[k], run)).join(" · ") ||
        (run.summary.performance?.policy ?? run.runId);
      group = { label, runs: [] };
      byKey.set(key, group);
    }
    group.runs.push(run);
  }
  return [...byKey.values()];
}

/** One colour per group: the paper's policies keep theirs, others take unused fallbacks. */
export function groupColours(groups: readonly PolicyGroup[]): string[] {
  let next = 0;
  const used = new Set<string>();
  return groups.map((g) => {
    const fixed = POLICY_COLOURS[g.label];
    const colour =
      fixed && !used.has(fixed) ? fixed : (FALLBACK_COLOURS[next++ % FALLBACK_COLOURS.length] as string);
    used.add(colour);
    return colour;
  });
}

/** Mean over a group's runs (seeds) of a per-run number, rounded for specs and tables. */
export function seedMean(group: PolicyGroup, f: (run: RunRecord) => number): number {
  return roundSig(mean(group.runs.map(f)));
}

/** A fraction as a percentage with one decimal, for captions. */
export function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
