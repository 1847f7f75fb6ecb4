import type { ResultsFile } from "../../src/experiment/results-types.js";
import { FigureAxisProblem, type FigureAxes } from "../../src/plugins/figure-axes.js";
import { resolveFigureAxes } from "../../src/plugins/resolve-figure-axes.js";
import { defaultAxes } from "../../src/report/figure-axes.js";
import { FIGURE_KINDS, type FigureKindName } from "../../src/report/figures.js";
import type { FigureKind } from "../../src/report/types.js";

/** A figure kind's default axes for these results (as the report's fallback resolves them). */
export function axesFor(results: ResultsFile, name: FigureKindName): FigureAxes {
  return defaultAxes(results, name, FIGURE_KINDS[name]);
}

/** Why the plan would reject `name` for these swept keys (strict resolution), or undefined. */
export function axisProblem(name: FigureKindName, keys: string[]): string | undefined {
  const kind: FigureKind = FIGURE_KINDS[name];
  try {
    resolveFigureAxes(name, kind.axes ?? {}, { keys, points: [], runIds: [] });
    return undefined;
  } catch (err) {
    if (err instanceof FigureAxisProblem) return err.message;
    throw err;
  }
}
