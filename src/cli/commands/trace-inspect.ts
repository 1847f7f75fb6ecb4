import { InputError } from "../../engine/errors.js";
import { RngFactory } from "../../engine/rng.js";
import { cliDurationValue, parseDurationUs } from "../../engine/time.js";
import { loadWorkload } from "../../experiment/load-workload.js";
import { planFromJson } from "../../experiment/plan.js";
import type { InspectedWorkload } from "../../report/workload-report.js";
import { formatQuantity } from "../../report/quantity.js";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { WorkloadCharacterizer, type WorkloadStats } from "../../workloads/characterize.js";
import type { JobSpec } from "../../cluster/job.js";
import { readTrace, type TraceFormatName } from "../../workloads/formats.js";
import { forEachCellsimJob } from "../../workloads/traces/cellsim.js";
import { visitRead, type TraceReadCounts } from "../../workloads/traces/types.js";
import { PRESETS } from "../../workloads/presets.js";
import { readPaiMachineSpec, type PaiCell } from "../../workloads/traces/pai-machines.js";
import { formatOf, readOptionsOf, tracePaths, warnOfSkips, type TraceReadArgs } from "./trace-args.js";
import { traceInputs, type TraceInput } from "./trace-shards.js";

/**
 * `cellsim trace inspect`: characterizes traces and/or synthetic presets, prints the statistics
 * and writes one workload report comparing them all.
 */

/** Arguments of `trace inspect`. */
export interface InspectArgs extends TraceReadArgs {
  traces?: string[];
  preset?: string[];
  horizon?: string;
  seed?: number;
  out?: string;
  machineSpec?: string;
}

/**
 * Reads one trace argument, handing each job to `visit` in order (prefill, then submitted), with
 * whether the reader censored it. A native trace is streamed into `visit` without making JobSpec
 * lists (memory follows the jobs kept as columns; it records every job's end, so nothing is
 * censored); other formats are read whole first.
 */
async function visitTrace(
  format: TraceFormatName,
  paths: string | string[],
  args: InspectArgs,
  visit: (job: JobSpec, censored: boolean) => void,
): Promise<TraceReadCounts> {
  if (format === "cellsim") return forEachCellsimJob(paths, readOptionsOf(args), (j) => visit(j, false));
  const read = await readTrace(format, paths, readOptionsOf(args));
  const censored = new Set(read.censoredJobs);
  return visitRead(read, (j) => visit(j, censored.has(j.id)));
}

/** Reads and characterizes one trace (one argument, or the shards of one trace). */
async function inspectTrace(input: TraceInput, args: InspectArgs): Promise<InspectedWorkload> {
  const format = formatOf(input.label, args.format);
  const c = new WorkloadCharacterizer(input.label);
  const read = await visitTrace(format, input.paths, args, (j, censored) => c.add(j, censored));
  warnOfSkips(read, readOptionsOf(args));
  const stats = c.finish();
  const provenance: [string, string | number][] = [
    ["format", format],
    ["files", read.files.join(", ")],
    ["rows", read.rows],
    [
      "prefill jobs / submitted jobs",
      `${formatQuantity(read.prefillJobs)} / ${formatQuantity(read.submittedJobs)}`,
    ],
  ];
  for (const [reason, n] of Object.entries(read.skipped)) provenance.push([`skipped: ${reason}`, n]);
  for (const [reason, n] of Object.entries(read.dropped)) provenance.push([`dropped: ${reason}`, n]);
  for (const [reason, n] of Object.entries(read.notes ?? {})) provenance.push([`kept: ${reason}`, n]);
  const censored = censoredLine(stats);
  if (censored) provenance.push(["censored at the window end", censored]);
  return { stats, provenance };
}

/** Generates and characterizes a preset's workload (its prefill and `horizon` of arrivals). */
async function inspectPreset(name: string, args: InspectArgs): Promise<InspectedWorkload> {
  if (!Object.hasOwn(PRESETS, name))
    throw new InputError(
      `--preset: unknown preset "${name}": expected one of ${Object.keys(PRESETS).join("|")}`,
    );
  const horizon = args.horizon === undefined ? "1d" : cliDurationValue(args.horizon);
  const json = { name, horizon, cluster: { preset: name }, workload: { preset: name } };
  const plan = planFromJson(json, `preset ${name}`, {
    seeds: args.seed === undefined ? undefined : [args.seed],
  });
  const run = plan.runs[0];
  if (!run) throw new InputError(`preset ${name}: no runs`);
  const { machines, cpus } = run.config.cluster;
  const workload = await loadWorkload(run.config, machines * cpus, new RngFactory(run.seed));
  const c = new WorkloadCharacterizer(`preset ${name}`);
  for (const j of workload.prefill) c.add(j);
  for (let j = workload.next(); j && j.submitUs <= run.config.horizonUs; j = workload.next()) c.add(j);
  const provenance: [string, string | number][] = [
    ["preset", name],
    ["horizon", String(json.horizon)],
    ["seed", run.seed],
  ];
  return { stats: c.finish(run.config.horizonUs / 1e6), provenance };
}

/** Runs `trace inspect`. */
export async function inspect(args: InspectArgs): Promise<void> {
  const horizonUs = args.horizon === undefined ? 0 : parseDurationUs(cliDurationValue(args.horizon));
  if (typeof horizonUs === "string") throw new InputError(`--horizon: ${horizonUs}`);
  const inputs: InspectedWorkload[] = [];
  const traces = traceInputs(args.traces ?? [], (p) => formatOf(p, args.format));
  for (const t of traces) inputs.push(await inspectTrace(t, args));
  for (const p of args.preset ?? []) inputs.push(await inspectPreset(p, args));
  if (inputs.length === 0 && args.machineSpec === undefined)
    throw new InputError("trace inspect: give a trace file or --preset NAME");
  for (const i of inputs) process.stdout.write(statsText(i.stats));
  if (args.machineSpec !== undefined)
    process.stdout.write(
      paiCellText(await readPaiMachineSpec(tracePaths(args.machineSpec), readOptionsOf(args))),
    );
  if (inputs.length === 0) return;
  const out = args.out ?? "reports/workload";
  // Loaded on demand: the report code pulls in vega, which costs every other command its
  // start-up time (docs/design.md, Start-up).
  const { writeWorkloadReport } = await import("../../report/workload-report.js");
  const report = await writeWorkloadReport(out, inputs);
  process.stderr.write(`cellsim: wrote ${report}\n`);
}

/** "N jobs (x %)" censored at the window's end, or undefined when none was. */
function censoredLine(s: WorkloadStats): string | undefined {
  const kinds = WORKLOAD_KINDS.map((k) => s.kinds[k]);
  const censored = kinds.reduce((n, k) => n + k.censoredJobs, 0);
  const jobs = kinds.reduce((n, k) => n + k.jobs, 0);
  if (censored === 0) return undefined;
  return `${formatQuantity(censored)} jobs (${formatQuantity((100 * censored) / jobs)} %)`;
}

/** The statistics as a few readable lines. */
function statsText(s: WorkloadStats): string {
  const lines = [`${s.name} (arrival rates over ${formatQuantity(s.spanSec)} s)`];
  for (const kind of WORKLOAD_KINDS) {
    const k = s.kinds[kind];
    const f = formatQuantity;
    lines.push(
      `  ${kind.padEnd(8)} ${f(k.jobs)} jobs (${f(k.prefillJobs)} prefill), ${f(k.tasks)} tasks, ` +
        `${f(k.arrivalsPerSec)} jobs/s, ${f(k.cpus)} CPUs, ${f(k.memGb)} GB, ` +
        `${f(k.cpuSec)} CPU-s, ${f(k.memGbSec)} GB-s`,
    );
  }
  const censored = censoredLine(s);
  if (censored)
    lines.push(
      `  ${censored} censored at the window end: still running there, their runtime is a lower bound`,
    );
  return `${lines.join("\n")}\n`;
}

/** The cell a pai_machine_spec implies, with the `cluster` block to paste into an experiment. */
function paiCellText(cell: PaiCell): string {
  const f = formatQuantity;
  const { machines, resources } = cell.cluster;
  const lines = [
    `${cell.files.join(", ")}: ${f(machines)} machines, ${f(cell.tracedGpus)} GPUs (cell: every machine ` +
      `with the most common spec, ${f(machines * resources.gpus)} GPUs)`,
  ];
  for (const k of cell.kinds)
    lines.push(
      `  ${f(k.machines)} × ${f(k.cpus)} CPUs, ${f(k.memGb)} GB, ${f(k.gpus)} GPUs (${k.gpuTypes.join(", ")})`,
    );
  for (const [reason, n] of Object.entries(cell.skipped)) lines.push(`  skipped: ${reason}: ${n}`);
  lines.push(`  "cluster": ${JSON.stringify(cell.cluster)}`);
  return `${lines.join("\n")}\n`;
}
