import { InputError } from "../engine/errors.js";
import {
  entryKind,
  FigureAxisProblem,
  type FigureAxes,
  type FigureAxisRules,
  type FigureEntryInput,
  type SweepShape,
} from "../plugins/figure-axes.js";
import { dataProblem, type FigureCheckContext } from "../plugins/figure-model.js";
import type { Registry } from "../plugins/registry.js";
import { resolveFigureAxes } from "../plugins/resolve-figure-axes.js";

/**
 * Figures that cannot be drawn from this sweep fail now, not after hours of runs; each figure's
 * axes are resolved here, once, and recorded in results.json for the report.
 */
export function checkFigures(
  figures: readonly FigureEntryInput[],
  sweep: SweepShape,
  ctx: FigureCheckContext,
  file: string,
  registry: Registry,
): FigureAxes[] {
  return figures.map((entry, i) => {
    const name = entryKind(entry);
    const kind = registry.figures.get(name);
    const at = typeof entry === "string" ? `figures[${i}]` : `figures[${i}].kind`;
    if (!kind) {
      const names = registry.figures.names.join("|");
      throw new InputError(`${file}: ${at}: unknown figure kind "${name}": expected one of ${names}`);
    }
    const problem = dataProblem(kind, ctx);
    if (problem) throw new InputError(`${file}: figures[${i}]: figure ${name} ${problem}`);
    const resolved = figureAxesOf(entry, kind.axes ?? {}, sweep, `${file}: figures[${i}]`, name);
    const later = kind.check?.(sweep.keys, ctx);
    if (later) throw new InputError(`${file}: figures[${i}]: figure ${name} ${later}`);
    return resolved;
  });
}

function figureAxesOf(
  entry: FigureEntryInput,
  rules: FigureAxisRules,
  sweep: SweepShape,
  where: string,
  name: string,
): FigureAxes {
  try {
    return resolveFigureAxes(entry, rules, sweep);
  } catch (err) {
    if (!(err instanceof FigureAxisProblem)) throw err;
    if (err.field === "") throw new InputError(`${where}: figure ${name} ${err.message}`);
    throw new InputError(`${where}.${err.field}: figure ${name}: ${err.message}`);
  }
}
