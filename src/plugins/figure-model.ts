import type { FigureCheckContext, FigureKind } from "../report/types.js";

/**
 * What the experiment layer needs to know of figure kinds before running anything: whether a
 * kind draws the runs the experiment makes. (The catalog of kinds is the registry; the figures
 * themselves are the report's business.)
 */

export type { FigureCheckContext };

/** Why `kind` cannot draw runs of `model` (a figure of the other model), or undefined. */
export function modelProblem(kind: FigureKind, model: "cell" | "quasar" = "cell"): string | undefined {
  const wants = kind.model ?? "cell";
  if (wants === "any" || wants === model) return undefined;
  return wants === "quasar"
    ? "draws Quasar-study runs (architecture type quasar|reservation) only"
    : "draws cell-model runs only, not Quasar-study ones";
}
