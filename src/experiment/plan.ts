import { z } from "zod";
import { BUILTIN_REGISTRY } from "../plugins/builtin.js";
import type { PluginFile } from "../plugins/load.js";
import type { Registry } from "../plugins/registry.js";
import { checkArchitectures } from "./arch-checks.js";
import { checkFailoverTargets } from "./failover-checks.js";
import type { InputFile } from "./inputs.js";
import { entryKind, type FigureAxes, type SweepShape } from "../plugins/figure-axes.js";
import { checkFigures } from "./plan-figures.js";
import { checkPerformance } from "./performance-checks.js";
import { checkTaskReplay } from "./replay-checks.js";
import { InputError } from "../engine/errors.js";
import { US_PER_SEC } from "../engine/time.js";
import type { RunConfig } from "./config.js";
import { applyOverrides, QUICK_SWEEP_VALUES, type PlanOverrides } from "./overrides.js";
import { resolvePoint, type TracePathResolver } from "./resolve.js";
import { experimentPointSchema, quickSchema, type ExperimentPoint, type QuickSettings } from "./schema.js";
import { expandSweep, parseSweep, runId, thinSweep, type SweepPoint } from "./sweep.js";
import { planWarnings } from "./preflight.js";
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

export type { PluginFile } from "../plugins/load.js";

/** Everything `runAll` needs, fully validated: bad input never gets past `loadPlan`. */
export interface ExperimentPlan {
  /** The experiment file as given on the command line (or a label for in-memory plans). */
  file: string;
  name: string;
  description: string;
  /** The figure kinds the experiment asks for, in order. */
  figures: string[];
  /** Each figure's resolved axes (explicit in the file, else its kind's default), in order. */
  figureAxes: FigureAxes[];
  /** Sweep keys as written, outermost first. */
  sweepPaths: string[];
  /** Horizon of the first run (all runs unless the horizon is swept). */
  horizonSec: number;
  seeds: number[];
  /** The experiment JSON after command-line overrides (`sweep` included): what was run. */
  experiment: Record<string, unknown>;
  overrides: PlanOverrides;
  /** The experiment file and every trace it reads, with their sha256. */
  inputs: InputFile[];
  /** The plug-in modules the experiment loaded (part of every run's resume key). */
  plugins: PluginFile[];
  /** Built-ins plus the plug-ins: what the experiment's names refer to. */
  registry: Registry;
  /** Problems that do not stop the experiment (printed once, recorded in manifest.json). */
  warnings: string[];
  /** Sorted by runId. */
  runs: PlannedRun[];
}

/** What names in an experiment refer to, and where its relative paths start. */
export interface PlanContext {
  registry: Registry;
  plugins: PluginFile[];
  /** Folder of the experiment file (plug-in workload sources resolve paths from it). */
  baseDir: string;
}

/** The context of an experiment without plug-ins. */
export const BUILTIN_CONTEXT: PlanContext = { registry: BUILTIN_REGISTRY, plugins: [], baseDir: "." };

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
function validatePoint(
  p: SweepPoint,
  base: Record<string, unknown>,
  file: string,
  registry: Registry,
): ExperimentPoint {
  const schema = experimentPointSchema(registry);
  const r = parseIssues(schema, p.raw);
  if (r.success) return r.data;
  const where = whereLabel(p.params, p.index);
  if (where === "") throw issuesError(file, r.issues);
  const unswept = parseIssues(schema, base);
  const plain = new Set(unswept.success ? [] : issueLines(unswept.issues));
  throw issuesError(file, r.issues, where, plain);
}

function parseIssues<T>(schema: z.ZodType<T>, raw: unknown) {
  const r = schema.safeParse(raw, { error: errorMap });
  return r.success
    ? { success: true as const, data: r.data }
    : { success: false as const, issues: r.error.issues };
}

/**
 * Every (point, seed) run in expansion order: points in sweep order, seeds in the file's order.
 * (Not string order of run ids, which would put seed 10 before seed 2.)
 */
function buildRuns<C>(
  points: readonly (SweepPoint & { config: C })[],
  seeds: readonly number[],
): { runId: string; seed: number; params: Record<string, unknown>; config: C }[] {
  return points.flatMap((p) =>
    seeds.map((seed) => ({
      runId: runId(p.index, points.length, seed),
      seed,
      params: p.params,
      config: p.config,
    })),
  );
}

/**
 * Validates an experiment (already parsed JSON) and expands it into runs.
 * Synchronous and free of file-system reads except trace-path resolution; `loadPlan` adds the
 * file checks.
 */
export function planFromJson(
  json: unknown,
  file: string,
  overrides: PlanOverrides = {},
  tracePath: TracePathResolver = (p) => p,
  context: PlanContext = BUILTIN_CONTEXT,
): ExperimentPlan {
  if (!isRecord(json)) throw new InputError(`${file}: (root): expected a JSON object`);
  const { registry } = context;
  const quick = readQuick(json, file);
  const experiment = applyOverrides(json, quick, overrides);
  // `plugins` was read by loadPlan (it decides the registry); it is not part of a run's config.
  const { sweep, quick: _quick, plugins: _plugins, ...base } = experiment;
  let axes = parseSweep(sweep, file);
  if (overrides.quick) axes = thinSweep(axes, quick.sweepValues ?? QUICK_SWEEP_VALUES);
  const points = expandSweep(base, axes, file);
  const validated = points.map((p) => ({ ...p, valid: validatePoint(p, base, file, registry) }));
  const first = validated[0];
  if (!first) throw new InputError(`${file}: sweep: expands to no runs`);
  const { seeds, figures, name, description, horizon } = first.valid;
  const configs = validated.map((p) => ({ ...p, config: resolvePoint(p.valid, tracePath, context.baseDir) }));
  const runs = buildRuns(configs, seeds);
  checkPerformance(runs, registry, file);
  const archWarnings = checkArchitectures(runs, registry, file);
  checkFailoverTargets(runs, registry, file);
  checkTaskReplay(runs, file);
  const shape: SweepShape = {
    keys: axes.map((a) => a.key),
    points: points.map((p) => p.params),
    runIds: runs.map((r) => r.runId),
  };
  const ctx = {
    machinesSampled: first.valid.metrics.machines,
    performance: runs.some((r) => r.config.cluster.types !== undefined),
    timeline: first.valid.metrics.timeline,
    seeds: new Set(seeds).size,
  };
  const figureAxes = checkFigures(figures, shape, ctx, file, registry);
  return {
    runs,
    file,
    name,
    description,
    figures: figures.map(entryKind),
    figureAxes,
    sweepPaths: axes.map((a) => a.key),
    horizonSec: horizon / US_PER_SEC,
    seeds,
    experiment,
    overrides,
    inputs: [],
    plugins: context.plugins,
    registry,
    warnings: [...archWarnings, ...planWarnings(runs, file)],
  };
}
