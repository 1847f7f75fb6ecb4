import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import type { Distribution, Sampler } from "../workloads/spec.js";
import { expectedKindJobs, formatCount } from "./budget.js";
import type { RunConfig } from "./config.js";

/**
 * Warnings about runs that are valid but cannot make progress as the user probably expects
 * (tasks larger than every machine, …). A run with such a workload still runs; `cellsim run` and
 * `cellsim validate` print each warning once, and manifest.json keeps them. Errors belong in the
 * schema, not here.
 *
 * To add a check: write a function `(config) => Finding[]` and list it in RUN_CHECKS.
 */

/** One warning about one run: the field it is about and what is wrong. */
export interface Finding {
  /** Dotted field path in the experiment file, e.g. `workload.synthetic.batch.cpusPerTask`. */
  path: string;
  message: string;
}

/** Standard normal upper tail P(Z > z) (Abramowitz–Stegun 7.1.26; error < 1.5e-7). */
function normalTail(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const both = poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? both / 2 : 1 - both / 2;
}

/** P(X > x) under the piecewise-linear inverse CDF through the sorted values (distributions.ts). */
function empiricalTail(values: readonly number[], x: number): number {
  const v = [...values].sort((a, b) => a - b);
  const last = v.length - 1;
  if (x < (v[0] as number)) return 1;
  if (last <= 0 || x >= (v[last] as number)) return 0;
  let i = 0;
  while ((v[i + 1] as number) <= x) i++;
  const lo = v[i] as number;
  return 1 - (i + (x - lo) / ((v[i + 1] as number) - lo)) / last;
}

/** P(X > x) for x ≥ 0. */
function tail(d: Distribution, x: number): number {
  switch (d.type) {
    case "constant":
      return d.value > x ? 1 : 0;
    case "uniform":
      if (d.max <= x) return 0;
      return d.min > x ? 1 : (d.max - x) / (d.max - d.min);
    case "exponential":
      return d.mean > 0 ? Math.exp(-x / d.mean) : 0;
    case "lognormal":
      if (d.median <= 0) return 0;
      if (d.sigma === 0) return d.median > x ? 1 : 0;
      return normalTail(Math.log(x / d.median) / d.sigma);
    case "weibull":
      return d.scale > 0 ? Math.exp(-Math.pow(x / d.scale, d.shape)) : 0;
    case "empirical":
      return empiricalTail(d.values, x);
  }
}

/** Fraction of a sampler's draws above `size` (a `ceil` sampler draws whole numbers ≥ 1). */
export function fractionAbove(s: Sampler, size: number): number {
  if (!s.ceil) return tail(s.dist, size);
  return size < 1 ? 1 : tail(s.dist, Math.floor(size));
}

/** `0.05%`, `12%`. */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(2))}%`;
}

/** One resource of one kind: how many jobs ask for tasks larger than a machine. */
function oversized(
  config: RunConfig,
  kind: WorkloadKind,
  quantity: "cpusPerTask" | "memGbPerTask",
): Finding | undefined {
  const w = config.workload;
  const gen = w.type === "synthetic" ? w.kinds[kind] : undefined;
  if (w.type !== "synthetic" || !gen) return undefined;
  const cpus = quantity === "cpusPerTask";
  const size = cpus ? config.cluster.cpus : config.cluster.memGb;
  const fraction = fractionAbove(gen[quantity], size);
  const jobs = expectedKindJobs(config, kind);
  if (jobs * fraction < 1) return undefined;
  const capacity = cpus ? `${size} CPUs` : `${size} GB of memory`;
  const path =
    w.preset === undefined ? `workload.synthetic.${kind}.${quantity}` : `cluster.${cpus ? "cpus" : "memGb"}`;
  const who =
    fraction >= 1
      ? `every ${kind} job asks`
      : `~${formatCount(jobs * fraction)} of ~${formatCount(jobs)} ${kind} jobs (${percent(fraction)}) ask`;
  return {
    path,
    message: `${who} for tasks larger than a machine's ${capacity}; such jobs are never placed (each is retried until abandoned)`,
  };
}

/** One further resource dimension of one kind: how many jobs ask for more than a machine has. */
function oversizedExtra(config: RunConfig, kind: WorkloadKind, name: string): Finding | undefined {
  const w = config.workload;
  const sampler = w.type === "synthetic" ? w.kinds[kind]?.resources?.[name] : undefined;
  if (sampler === undefined) return undefined;
  const size = config.cluster.resources?.[name] ?? 0;
  const fraction = fractionAbove(sampler, size);
  const jobs = expectedKindJobs(config, kind);
  if (jobs * fraction < 1) return undefined;
  const who =
    fraction >= 1
      ? `every ${kind} job asks`
      : `~${formatCount(jobs * fraction)} of ~${formatCount(jobs)} ${kind} jobs (${percent(fraction)}) ask`;
  return {
    path: `workload.synthetic.${kind}.resources.${name}`,
    message: `${who} for tasks needing more ${name} than a machine's ${size}; such jobs are never placed (each is retried until abandoned)`,
  };
}

/** Synthetic tasks larger than every machine (traces are not read here: skipped). */
export function oversizedTasks(config: RunConfig): Finding[] {
  const w = config.workload;
  return WORKLOAD_KINDS.flatMap((kind) => {
    const extra = w.type === "synthetic" ? Object.keys(w.kinds[kind]?.resources ?? {}) : [];
    return [
      oversized(config, kind, "cpusPerTask"),
      oversized(config, kind, "memGbPerTask"),
      ...extra.map((name) => oversizedExtra(config, kind, name)),
    ].filter((f): f is Finding => f !== undefined);
  });
}

/** Every check of a cell-model run. */
const RUN_CHECKS: readonly ((config: RunConfig) => Finding[])[] = [oversizedTasks];

/** The warnings of one cell-model run, as `field.path: message` lines. */
export function workloadWarnings(config: RunConfig): string[] {
  return RUN_CHECKS.flatMap((check) => check(config)).map((f) => `${f.path}: ${f.message}`);
}

function pointLabel(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
}

/**
 * The distinct warnings of a plan's runs, each once, as `file: field.path: message`. A warning
 * that holds for only some sweep points names them (up to three).
 */
export function planWarnings(
  runs: readonly { config: RunConfig; params: Record<string, unknown> }[],
  file: string,
): string[] {
  const points = new Map<RunConfig, Record<string, unknown>>();
  for (const r of runs) if (!points.has(r.config)) points.set(r.config, r.params);
  const where = new Map<string, string[]>();
  for (const [config, params] of points) {
    for (const line of workloadWarnings(config))
      where.set(line, [...(where.get(line) ?? []), pointLabel(params)]);
  }
  return [...where].map(([line, labels]) => {
    if (labels.length === points.size) return `${file}: ${line}`;
    const shown =
      labels.slice(0, 3).join("; ") + (labels.length > 3 ? `; and ${labels.length - 3} more` : "");
    return `${file}: ${line} (sweep points ${shown})`;
  });
}
