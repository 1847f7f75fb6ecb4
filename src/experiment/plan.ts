import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { figureKind } from "../report/figures.js";
import type { FigureCheckContext } from "../report/types.js";
import { InputError } from "../engine/errors.js";
import { US_PER_SEC } from "../engine/time.js";
import type { RunConfig } from "./config.js";
import { applyOverrides, QUICK_SWEEP_VALUES, type PlanOverrides } from "./overrides.js";
import { resolvePoint, type TracePathResolver } from "./resolve.js";
import { experimentPointSchema, quickSchema, type ExperimentPoint, type QuickSettings } from "./schema.js";
import { expandSweep, parseSweep, runId, thinSweep, type SweepPoint } from "./sweep.js";
import { checkTraces, sha256File, tracePathResolver, type InputFile } from "./inputs.js";
import { errorMap, isRecord, issueLines, issuesError, parseOrThrow } from "./zod-issues.js";

export type { PlanOverrides } from "./overrides.js";

/** One run to execute: a pure function of (config, seed). */
export interface PlannedRun {
  runId: string;
  seed: number;
  /** Each sweep key as written → its value at this run's point, as written. */
  params: Record<string, unknown>;
  config: RunConfig;
}

/** Everything `runAll` needs, fully validated: bad input never gets past `loadPlan`. */
export interface ExperimentPlan {
  /** The experiment file as given on the command line (or a label for in-memory plans). */
  file: string;
  name: string;
  description: string;
  figures: string[];
  /** Sweep keys as written, outermost first. */
  sweepPaths: string[];
  /** Horizon of the first run (all runs unless the horizon is swept). */
  horizonSec: number;
  seeds: number[];
  /** The experiment JSON after command-line overrides (`sweep` included): what was run. */
  experiment: Record<string, unknown>;
  overrides: PlanOverrides;
  /** Sorted by runId. */
  runs: PlannedRun[];
  /** The experiment file and every trace it reads, with their sha256. */
  inputs: InputFile[];
}

/** Reads the `quick` object (its own field paths in errors). */
function readQuick(raw: Record<string, unknown>, file: string): QuickSettings {
  return parseOrThrow(z.strictObject({ quick: quickSchema.prefault({}) }), { quick: raw.quick }, file).quick;
}

function whereLabel(params: Record<string, unknown>, index: number): string {
  const values = Object.entries(params).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return values.length === 0 ? "" : `sweep point ${index}: ${values.join(", ")}`;
}

/**
 * Validates one sweep point. Its error lines name the point, except lines the unswept experiment
 * has too: those are not the sweep's doing, and the suffix would only distract.
 */
function validatePoint(p: SweepPoint, base: Record<string, unknown>, file: string): ExperimentPoint {
  const r = experimentPointSchema.safeParse(p.raw, { error: errorMap });
  if (r.success) return r.data;
  const where = whereLabel(p.params, p.index);
  if (where === "") throw issuesError(file, r.error.issues);
  const unswept = experimentPointSchema.safeParse(base, { error: errorMap });
  const plain = new Set(unswept.success ? [] : issueLines(unswept.error.issues));
  throw issuesError(file, r.error.issues, where, plain);
}

/**
 * Every (point, seed) run in expansion order: points in sweep order, seeds in the file's order.
 * (Not string order of run ids, which would put seed 10 before seed 2.)
 */
function buildRuns(
  points: readonly (SweepPoint & { point: ExperimentPoint })[],
  seeds: readonly number[],
  tracePath: TracePathResolver,
): PlannedRun[] {
  const runs = points.flatMap((p) => {
    const config = resolvePoint(p.point, tracePath);
    return seeds.map((seed) => ({
      runId: runId(p.index, points.length, seed),
      seed,
      params: p.params,
      config,
    }));
  });
  return runs;
}

/**
 * Validates an experiment (already parsed JSON) and expands it into runs. Synchronous and
 * free of file-system reads except trace-path resolution; `loadPlan` adds the file checks.
 */
export function planFromJson(
  json: unknown,
  file: string,
  overrides: PlanOverrides = {},
  tracePath: TracePathResolver = (p) => p,
): ExperimentPlan {
  if (!isRecord(json)) throw new InputError(`${file}: (root): expected a JSON object`);
  const quick = readQuick(json, file);
  const experiment = applyOverrides(json, quick, overrides);
  const { sweep, quick: _quick, ...base } = experiment;
  let axes = parseSweep(sweep, file);
  if (overrides.quick) axes = thinSweep(axes, quick.sweepValues ?? QUICK_SWEEP_VALUES);
  const points = expandSweep(base, axes, file);
  const validated = points.map((p) => ({ ...p, point: validatePoint(p, base, file) }));
  const first = validated[0];
  if (!first) throw new InputError(`${file}: sweep: expands to no runs`);
  const seeds = first.point.seeds;
  const machinesSampled = first.point.metrics.machines;
  checkFigures(
    first.point.figures,
    axes.map((a) => a.key),
    { machinesSampled },
    file,
  );
  const runs = buildRuns(validated, seeds, tracePath);
  return {
    file,
    name: first.point.name,
    description: first.point.description,
    figures: first.point.figures,
    sweepPaths: axes.map((a) => a.key),
    horizonSec: first.point.horizon / US_PER_SEC,
    seeds,
    experiment,
    overrides,
    runs,
    inputs: [],
  };
}

/** Figures that cannot be drawn from this sweep fail now, not after hours of runs. */
function checkFigures(
  figures: readonly string[],
  sweepPaths: readonly string[],
  ctx: FigureCheckContext,
  file: string,
): void {
  figures.forEach((name, i) => {
    const problem = figureKind(name).check?.(sweepPaths, ctx);
    if (problem) throw new InputError(`${file}: figures[${i}]: figure ${name} ${problem}`);
  });
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the experiment file (${code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Loads, validates and expands an experiment file, and checks that every trace it names exists
 * and parses (each distinct trace read once). Throws InputError before anything is written.
 */
export async function loadPlan(file: string, overrides: PlanOverrides = {}): Promise<ExperimentPlan> {
  const json = await readJson(file);
  const plan = planFromJson(json, file, overrides, tracePathResolver(path.dirname(file)));
  const traces = await checkTraces(plan.runs, file);
  return { ...plan, inputs: [{ path: file, sha256: await sha256File(file) }, ...traces] };
}
