import { existsSync } from "node:fs";
import { InputError } from "../../engine/errors.js";
import { RngFactory } from "../../engine/rng.js";
import { loadWorkload } from "../../experiment/load-workload.js";
import { loadPlan } from "../../experiment/load-plan.js";
import { planFromJson, type ExperimentPlan } from "../../experiment/plan.js";
import { PRESETS } from "../../workloads/presets.js";
import { writeNativeTrace } from "../../workloads/native-csv.js";
import { columnsOfJobs, columnsOfKinds } from "../../workloads/native-columns.js";
import { readTrace } from "../../workloads/formats.js";
import { workloadFromList } from "../../workloads/source.js";
import { removingOnInterrupt } from "../interrupt.js";
import { checkOutFile } from "../out-dir.js";
import { formatOf, readOptionsOf, tracePaths, type TraceReadArgs } from "./trace-args.js";

/**
 * `cellsim trace generate` and `trace convert`, the two actions that write a native CSV trace
 * (trace.ts defines the commands and imports this module when one of them runs). `generate`:
 * writes the synthetic workload of an experiment (its first sweep point) or of a preset. It
 * builds the workload with the very function runOne uses (loadWorkload: same named streams, same
 * ids, prefill rows included), so replaying the file gives the same jobs as the synthetic run
 * with that seed.
 */

/** Arguments of `trace generate`. */
export interface GenerateArgs {
  source: string;
  out: string;
  seed?: number;
  horizon?: string;
  ignoreBudget: boolean;
}

/** A preset becomes a minimal experiment: its cluster, workload and prefill, 1 day by default. */
function presetPlan(name: string, seed: number | undefined, horizon: string | undefined): ExperimentPlan {
  const json = { name, horizon: "1d", cluster: { preset: name }, workload: { preset: name } };
  return planFromJson(json, `preset ${name}`, { seeds: seed === undefined ? undefined : [seed], horizon });
}

async function planFor(args: GenerateArgs): Promise<ExperimentPlan> {
  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) {
    throw new InputError(`--seed: expected a non-negative integer, got ${args.seed}`);
  }
  const seeds = args.seed === undefined ? undefined : [args.seed];
  if (args.source.endsWith(".json") || existsSync(args.source)) {
    const plan = await loadPlan(args.source, {
      seeds,
      horizon: args.horizon,
      ignoreBudget: args.ignoreBudget,
    });
    return plan;
  }
  if (Object.hasOwn(PRESETS, args.source)) return presetPlan(args.source, args.seed, args.horizon);
  const presets = Object.keys(PRESETS).join("|");
  throw new InputError(`${args.source}: no such experiment file, and not a preset (presets: ${presets})`);
}

/** Runs `trace generate`. */
export async function generate(args: GenerateArgs): Promise<void> {
  const plan = await planFor(args);
  const run = plan.runs[0];
  if (!run) throw new InputError(`${args.source}: no runs`);
  if (run.config.workload.type !== "synthetic") {
    throw new InputError(`${args.source}: workload: trace generate needs a synthetic or preset workload`);
  }
  // From the kinds, before drawing: the header comes before the first job.
  const columns = columnsOfKinds(args.source, run.config.workload.kinds);
  await checkOutFile(args.out);
  const { machines, cpus } = run.config.cluster;
  const workload = await loadWorkload(run.config, machines * cpus, new RngFactory(run.seed));
  const horizonUs = run.config.horizonUs;
  const jobs = await writeTrace(args.out, () => writeNativeTrace(args.out, workload, horizonUs, columns));
  process.stderr.write(`cellsim: wrote ${jobs} jobs (seed ${run.seed}, run ${run.runId}) to ${args.out}\n`);
}

/**
 * Runs a writeNativeTrace into `out`; on Ctrl-C its temporary file (`<out>.<pid>.tmp`, the name
 * writeNativeTrace uses) is removed, so an interrupted generation leaves nothing behind.
 */
function writeTrace(out: string, write: () => Promise<number>): Promise<number> {
  return removingOnInterrupt([`${out}.${process.pid}.tmp`], write);
}

/** `trace convert`: reads any format and writes the native CSV (prefill rows included). */
export async function convert(args: TraceReadArgs & { trace: string; out: string }): Promise<void> {
  const format = formatOf(args.trace, args.format);
  await checkOutFile(args.out);
  const read = await readTrace(format, tracePaths(args.trace), readOptionsOf(args));
  const list = workloadFromList(read.prefill, read.jobs);
  const columns = columnsOfJobs(read.prefill, read.jobs);
  const rows = await writeTrace(args.out, () =>
    writeNativeTrace(args.out, list, Number.POSITIVE_INFINITY, columns),
  );
  const skipped = Object.values(read.skipped).reduce((a, b) => a + b, 0);
  process.stderr.write(
    `cellsim: read ${read.rows} ${format} rows from ${read.files.length} file(s), wrote ${rows} jobs ` +
      `(${read.prefill.length} prefill) to ${args.out}${skipped > 0 ? `; skipped ${skipped} rows: ${JSON.stringify(read.skipped)}` : ""}\n`,
  );
}
