import type { FigureCheckContext, FigureKind } from "../report/types.js";

/**
 * What the experiment layer needs to know of figure kinds before running anything: whether a
 * kind can draw the runs the experiment makes. (The catalog of kinds is the registry; the
 * figures themselves are the report's business.)
 */

export type { FigureCheckContext };

/** Why `kind` cannot draw this experiment's runs (it needs performance data they lack), or undefined. */
export function dataProblem(kind: FigureKind, ctx: FigureCheckContext): string | undefined {
  if (kind.needs !== "performance" || ctx.performance === true) return undefined;
  return 'draws jobs with a performance model only (a cell with machine types and e.g. workload {"source": "quasar"})';
}
