/**
 * The axes each figure of a report draws. results.json records them (`experiment.figureAxes`,
 * resolved once by the plan); the report reads them from there. Files written before cellsim
 * recorded axes are read the old way: each kind's default, resolved leniently from the swept
 * paths and the runs' values, so committed older results still render as they always did.
 */
import { InputError } from "../engine/errors.js";
import type { ResultsFile } from "../experiment/results-types.js";
import {
  entryKind,
  FigureAxisProblem,
  type FigureAxes,
  type FigureEntryInput,
  type SweepShape,
} from "../plugins/figure-axes.js";
import { resolveFigureAxes } from "../plugins/resolve-figure-axes.js";
import type { FigureKind } from "./types.js";

function sweepShape(results: ResultsFile): SweepShape {
  return {
    keys: results.experiment.sweepPaths,
    points: results.runs.map((r) => r.params),
    runIds: results.runs.map((r) => r.runId),
  };
}

/** One entry's axes from the sweep (lenient: the first fitting path when several fit). */
export function defaultAxes(results: ResultsFile, entry: FigureEntryInput, kind: FigureKind): FigureAxes {
  try {
    return resolveFigureAxes(entry, kind.axes ?? {}, sweepShape(results), true);
  } catch (err) {
    if (!(err instanceof FigureAxisProblem)) throw err;
    const field = err.field === "" ? "" : ` (${err.field})`;
    throw new InputError(`figure ${entryKind(entry)}${field} ${err.message}`);
  }
}

/** True for axes already resolved (read from results.json) rather than an entry as written. */
function isResolved(entry: FigureEntryInput | FigureAxes): entry is FigureAxes {
  return typeof entry !== "string" && Array.isArray(entry.series);
}

/**
 * The axes of each requested figure: by default the experiment's figures with their recorded
 * axes; a kind asked for by name uses the axes recorded for that kind (first unused entry), else
 * its default; an object entry is resolved as written.
 */
export function reportAxes(
  results: ResultsFile,
  entries: readonly (FigureEntryInput | FigureAxes)[] | undefined,
  lookup: (name: string) => FigureKind,
): FigureAxes[] {
  const recorded = results.experiment.figureAxes;
  const wanted = entries ?? recorded ?? results.experiment.figures;
  const unused = [...(recorded ?? [])];
  return wanted.map((entry) => {
    if (isResolved(entry)) return entry;
    const kind = lookup(entryKind(entry));
    if (typeof entry === "string") {
      const at = unused.findIndex((a) => a.kind === entry);
      if (at >= 0) return unused.splice(at, 1)[0] as FigureAxes;
    }
    return defaultAxes(results, entry, kind);
  });
}
