import { z } from "zod";
import type { FigureEntryInput } from "../plugins/figure-axes.js";
import { registryName } from "./schema-parts.js";
import { chosen, isRecord } from "./zod-issues.js";

/**
 * One `figures` entry of an experiment file: a kind name (`"wait-vs-decision-time"`), or an object
 * naming the kind and, optionally, its axes (`{"kind": …, "x": "<swept path>", "series": …,
 * "facet": …}`) or the run it draws (`"run": "<runId>"`). Whether the named paths are swept, and
 * fit the kind, is checked by the plan (it knows the sweep); this checks the shape and the name.
 * Without `names` (Quasar-study files, checked against the registry later) any kind name passes.
 */
export function figureEntrySchema(names?: () => readonly string[]): z.ZodType<FigureEntryInput> {
  const kind = names ? registryName("figure kind", names) : z.string().min(1);
  const field = z.string().min(1).optional();
  const request = z.strictObject({ kind, x: field, y: field, series: field, facet: field, run: field });
  return chosen<FigureEntryInput>((value) => (isRecord(value) ? request : kind));
}
