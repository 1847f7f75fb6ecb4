import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../engine/errors.js";
import { loadRegistry } from "../plugins/load.js";
import { checkArchitectures } from "./arch-checks.js";
import { checkBudget } from "./budget.js";
import { checkSourceInputs, checkTraces, sha256File, tracePathResolver, type InputFile } from "./inputs.js";
import { jsonSyntaxError } from "./json-syntax.js";
import { checkMachineEvents } from "./machine-event-inputs.js";
import type { PlanOverrides } from "./overrides.js";
import { BUILTIN_CONTEXT, planFromJson, type ExperimentPlan, type PlanContext } from "./plan.js";
import { isRecord, parseOrThrow } from "./zod-issues.js";

/**
 * From an experiment file on disk to a plan ready to run: the file read (JSON errors with
 * line:column), its plug-ins loaded into the experiment's registry, the plan validated and
 * expanded (plan.ts), then everything the runs will read checked and hashed. Nothing is written.
 */

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
    throw jsonSyntaxError(file, text, e as Error);
  }
}

/**
 * Loads, validates and expands an experiment file, and checks that every trace it names exists
 * and parses (each distinct trace read once). Throws InputError before anything is written.
 */
export async function loadPlan(
  file: string,
  overrides: PlanOverrides = {},
  options: { plugins?: readonly string[] } = {},
): Promise<ExperimentPlan> {
  const json = await readJson(file);
  const context = await loadContext(json, file, options.plugins ?? []);
  const plan = planFromJson(json, file, overrides, tracePathResolver(path.dirname(file)), context);
  return withInputs(plan, file, [{ path: file, sha256: await sha256File(file) }]);
}

/**
 * Reads what a validated plan's runs will read, before anything runs: each trace (checked,
 * counted by kind, hashed), the files of plug-in workload sources, the machine-events traces of
 * `failures.events` (read and hashed), and then the architecture checks of runs on traces,
 * against the kinds of jobs the traces hold, and the run budget.
 * Returns the plan with those files as its inputs (after `leading`) and any new warnings.
 */
export async function withInputs(
  plan: ExperimentPlan,
  file: string,
  leading: InputFile[] = [],
): Promise<ExperimentPlan> {
  const traceWarnings: string[] = [];
  const traces = await checkTraces(plan.runs, file, traceWarnings);
  const sources = await checkSourceInputs(plan.runs, plan.registry, file);
  const machineEvents = await checkMachineEvents(plan.runs, file);
  const warnings = checkArchitectures(plan.runs, plan.registry, file, traces);
  const loaded = {
    ...plan,
    inputs: [...leading, ...traces, ...sources, ...machineEvents],
    warnings: [...plan.warnings, ...traceWarnings, ...warnings],
  };
  checkBudget(loaded); // needs the traces' row counts
  return loaded;
}

/**
 * The experiment's registry: built-ins, the plug-ins its `plugins` field lists (relative to the
 * file) and those given on the command line (relative to the working folder).
 */
export async function loadContext(
  json: unknown,
  file: string,
  extra: readonly string[],
): Promise<PlanContext> {
  const baseDir = path.dirname(path.resolve(file));
  const listed = isRecord(json) ? json.plugins : undefined;
  const fromFile = parseOrThrow(
    z.object({ plugins: z.array(z.string().min(1)).optional() }),
    { plugins: listed },
    file,
  ).plugins;
  const paths = [
    ...(fromFile ?? []).map((p) => path.resolve(baseDir, p)),
    ...extra.map((p) => path.resolve(p)),
  ];
  if (paths.length === 0) return { ...BUILTIN_CONTEXT, baseDir };
  const { registry, plugins } = await loadRegistry(paths);
  return { registry, plugins: plugins.map(({ path: p, sha256 }) => ({ path: p, sha256 })), baseDir };
}
