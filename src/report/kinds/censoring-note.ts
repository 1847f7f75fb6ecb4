import type { RunRecord } from "../../experiment/results-types.js";
import { formatNumber } from "../html-parts.js";

/**
 * The caption sentence of utilization figures for trace replays with censored jobs: jobs still
 * running at the trace window's end had their runtime cut there by the reader, so they all end
 * at about the same simulated time, and utilization falls in a cliff that is the window's edge,
 * not something the scheduler did. Empty when no shown run replays a censored trace.
 */
export function censoringSentence(runs: readonly RunRecord[]): string {
  const counts = runs.map((r) => r.summary.trace?.censoredJobs ?? 0).filter((n) => n > 0);
  if (counts.length === 0) return "";
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  const n = low === high ? formatNumber(low) : `${formatNumber(low)}–${formatNumber(high)}`;
  return (
    `Trace replay with censored jobs: ${n} of the trace's jobs were still running at the trace window's end, ` +
    "so the reader cut their runtime there; they all end near that time, and the fall in utilization " +
    "it causes is the edge of the trace window, not the scheduler's doing."
  );
}
