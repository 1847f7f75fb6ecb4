/**
 * Quasar fig 11a: every workload's performance normalized to its target, sorted ascending, one
 * line per policy, with the target at 1.0. Seeds are averaged by rank: each run's sorted line is
 * resampled at POINTS evenly spaced ranks (nearest rank), and the seeds' values at a rank are
 * averaged, so the line reads "the p-th worst workload reaches this fraction of its target".
 */
import type { ResultsFile } from "../../experiment/results-types.js";
import { layeredSpec } from "../chart-style.js";
import { mean, roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { groupColours, perfOf, policyGroups, seedMean } from "./quasar-groups.js";

const NAME = "perf-vs-target-sorted";
/** Points per line: enough for a smooth step line, few enough for a small SVG. */
const POINTS = 200;

/** Values of an ascending sample at POINTS evenly spaced ranks (nearest rank). */
export function resampleSorted(sorted: readonly number[], points = POINTS): number[] {
  if (sorted.length === 0) return [];
  return Array.from({ length: points }, (_, i) => {
    const rank = Math.min(sorted.length - 1, Math.floor(((i + 0.5) / points) * sorted.length));
    return sorted[rank] as number;
  });
}

interface Row {
  policy: string;
  workloadsPct: number;
  perfVsTarget: number;
}

/** Builds the sorted perf/target figure. */
export function buildPerfVsTargetSorted(results: ResultsFile): FigureSpec {
  const groups = policyGroups(results);
  const rows: Row[] = groups.flatMap((g) => {
    const lines = g.runs.map((r) => resampleSorted(perfOf(r).perfVsTarget.sorted));
    const length = Math.min(...lines.map((l) => l.length));
    return Array.from({ length }, (_, i) => ({
      policy: g.label,
      workloadsPct: roundSig(((i + 0.5) / length) * 100),
      perfVsTarget: roundSig(mean(lines.map((l) => l[i] as number))),
    }));
  });
  const means = groups.map((g) => `${g.label} ${seedMean(g, (r) => perfOf(r).perfVsTarget.mean).toFixed(3)}`);
  const seeds = Math.max(...groups.map((g) => g.runs.length));
  const jobs = (results.runs[0] ? perfOf(results.runs[0]).jobs.submitted : 0) ?? 0;
  const line = {
    data: { values: rows },
    mark: { type: "line", interpolate: "step-after" },
    encoding: {
      x: {
        field: "workloadsPct",
        type: "quantitative",
        title: "Workloads, sorted by performance / target (%)",
        scale: { domain: [0, 100], nice: false },
      },
      y: {
        field: "perfVsTarget",
        type: "quantitative",
        title: "Performance normalized to target",
        scale: { domain: [0, 1.1], nice: false },
      },
      color: {
        field: "policy",
        type: "nominal",
        title: "Policy",
        sort: groups.map((g) => g.label),
        scale: { domain: groups.map((g) => g.label), range: groupColours(groups) },
        legend: { orient: "bottom-right" },
      },
    },
  };
  const target = {
    data: { values: [{ target: 1 }] },
    mark: { type: "rule", strokeDash: [4, 3], color: "#555555" },
    encoding: { y: { field: "target", type: "quantitative" } },
  };
  return {
    name: NAME,
    title: "Performance normalized to target, per workload, sorted",
    caption:
      `Each workload's achieved performance ÷ its target (capped at 1; 0 if it never ran), sorted ascending, ` +
      `${jobs} workloads per run, ${seeds} seed${seeds === 1 ? "" : "s"} averaged by rank; dashed line: target. ` +
      `Mean perf/target: ${means.join(", ")} (paper: Quasar 0.98, reservation+Paragon 0.83, reservation+least-loaded 0.62).`,
    vegaLiteSpec: layeredSpec([line, target]),
    table: {
      columns: ["policy", "workloads (%)", "perf / target"],
      rows: rows.map((r): TableCell[] => [r.policy, r.workloadsPct, r.perfVsTarget]),
    },
  };
}
