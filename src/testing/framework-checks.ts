import type { JobSpec } from "../cluster/job.js";
import type { ModelHooks } from "../cluster/model-hooks.js";
import type { ArchitectureBlock, RunConfig } from "../experiment/config.js";
import { runOne } from "../experiment/run-one.js";
import { FRAMEWORK_BEHAVIOURS } from "../frameworks/builtin.js";
import type { RunSummary } from "../metrics/summary.js";
import type { Registry } from "../plugins/registry.js";
import { BUSY_CELL_DECISION_TIMES, cellConfig } from "./busy-cell.js";
import { fail, withPlacement, type ConformanceCheck, type ConformanceSubject } from "./subject.js";

/**
 * Conformance checks with framework workloads (docs/frameworks.md): one instance of every
 * built-in framework behaviour (its `example`) sharing a small cell for an hour, under the
 * subject's architecture as written (jobs routed by kind) and, where the architecture accepts
 * `routeBy: "framework"`, with one scheduler per framework.
 */

const SEED = 1;
const HOUR_US = 3600e6;

/** The mixed framework workload's run config (50 machines × 4 CPUs / 16 GB, an hour). */
export function frameworksCellConfig(architecture: ArchitectureBlock): RunConfig {
  return cellConfig(architecture, {
    horizonUs: HOUR_US,
    cluster: { machines: 50, cpus: 4, memGb: 16 },
    workload: {
      type: "source",
      name: "frameworks",
      baseDir: ".",
      fields: {
        frameworks: FRAMEWORK_BEHAVIOURS.map((b) => ({ type: b.type, ...b.example })),
      },
    },
    metrics: { samplePeriodUs: 60e6, jobs: true },
  });
}

/** What the checks record of a run: every task group started, by job. */
interface Starts {
  readonly specs: Map<number, JobSpec>;
  /** Per job id: [startUs, endUs, tasks] of each group started, in order. */
  readonly groups: Map<number, [number, number, number][]>;
}

function recorder(): { starts: Starts; hooks: ModelHooks } {
  const starts: Starts = { specs: new Map(), groups: new Map() };
  return {
    starts,
    hooks: {
      tasksStarted: (spec, machines, startUs, endUs) => {
        if (spec.fw === undefined) return;
        starts.specs.set(spec.id, spec);
        let list = starts.groups.get(spec.id);
        if (list === undefined) starts.groups.set(spec.id, (list = []));
        list.push([startUs, endUs, machines.length]);
      },
    },
  };
}

/**
 * The rules every framework job obeys under any architecture: a gang starts all its tasks at
 * one instant; a job never starts before each job it comes after has ended its last task
 * (parents that are not stopped early: no `endsWith`, no scaling); a job with a start deadline
 * starts its first task by it. Returns the first broken rule, or undefined.
 */
export function brokenFrameworkRule(starts: Starts): string | undefined {
  for (const [id, groups] of starts.groups) {
    const spec = starts.specs.get(id) as JobSpec;
    const fw = spec.fw;
    if (fw === undefined) continue;
    const first = groups[0] as [number, number, number];
    if (fw.gang === true && first[2] !== spec.tasks)
      return `gang job ${id} started ${first[2]} of its ${spec.tasks} tasks at ${first[0] / 1e6} s`;
    if (fw.startByUs !== undefined && first[0] > fw.startByUs)
      return `job ${id} started at ${first[0] / 1e6} s, after its start deadline ${fw.startByUs / 1e6} s`;
    for (const parent of fw.after ?? []) {
      const pSpec = starts.specs.get(parent);
      if (pSpec?.fw?.endsWith !== undefined || pSpec?.fw?.scale !== undefined) continue;
      const pGroups = starts.groups.get(parent);
      if (pGroups === undefined)
        return `job ${id} started at ${first[0] / 1e6} s, but job ${parent} it comes after never ran`;
      const parentEndUs = Math.max(...pGroups.map((g) => g[1]));
      if (first[0] < parentEndUs)
        return `job ${id} started at ${first[0] / 1e6} s, before job ${parent} it comes after ended (${parentEndUs / 1e6} s)`;
    }
  }
  return undefined;
}

/**
 * Every framework is accounted for and exercised: each submitted applications, each completed at
 * least one, and submitted = completed + failed + unfinished. Returns the first problem, or
 * undefined.
 */
export function frameworkAccounting(s: RunSummary): string | undefined {
  const byFramework = s.frameworks?.byFramework;
  if (byFramework === undefined) return "the summary has no frameworks section";
  const names = FRAMEWORK_BEHAVIOURS.map((b) => b.type);
  const got = byFramework.map((f) => f.name);
  if (got.join(",") !== names.join(",")) return `frameworks ${got.join(", ")}; expected ${names.join(", ")}`;
  for (const f of byFramework) {
    if (f.appsSubmitted !== f.appsCompleted + f.appsFailed + f.appsUnfinished)
      return `${f.name}: ${f.appsSubmitted} applications submitted ≠ ${f.appsCompleted} completed + ${f.appsFailed} failed + ${f.appsUnfinished} unfinished`;
    if (f.appsCompleted === 0 && f.name !== "marathon")
      return `${f.name}: no application completed in the hour: the framework was not exercised`;
    if (f.appsSubmitted === 0) return `${f.name}: no application submitted`;
  }
  return undefined;
}

/** The framework checks of the suite for `subject`. */
export function frameworkChecks(
  subject: ConformanceSubject,
  registry: Registry,
): (Omit<ConformanceCheck, "skipped"> & { skipped?: string })[] {
  const architecture = subject.architecture(BUSY_CELL_DECISION_TIMES);
  const { type, ...block } = architecture;
  const routed = { ...block, routeBy: "framework" };
  const routes = registry.architectures.require(type).validate(routed).length === 0;
  const run = async (test: "frameworks-safe" | "frameworks-routed", arch: ArchitectureBlock) => {
    const config = withPlacement(subject, frameworksCellConfig(arch));
    const { starts, hooks } = recorder();
    let s: RunSummary;
    try {
      s = await runOne(config, SEED, { checkInvariants: true, registry, hooks });
    } catch (e) {
      fail(subject, test, (e as Error).message);
    }
    if (starts.groups.size === 0) fail(subject, test, "no framework job ever started a task");
    const broken = brokenFrameworkRule(starts);
    if (broken !== undefined) fail(subject, test, broken);
    const wrong = frameworkAccounting(s);
    if (wrong !== undefined) fail(subject, test, wrong);
    const again = await runOne(config, SEED, { registry });
    if (JSON.stringify(again) !== JSON.stringify(s)) fail(subject, test, "two runs of seed 1 differ");
    return s;
  };
  return [
    {
      test: "frameworks-safe",
      title:
        "runs every framework behaviour on one cell: never over-commits, accounts for every application, gangs start whole, no job before its parents or after its start deadline, same seed → same summary",
      run: async () => {
        await run("frameworks-safe", architecture);
      },
    },
    {
      test: "frameworks-routed",
      title: 'with routeBy "framework": one scheduler per framework, safe as above',
      ...(routes
        ? {}
        : {
            skipped: `architecture ${type} does not accept routeBy "framework" (one scheduler serves them all)`,
          }),
      run: async () => {
        const s = await run("frameworks-routed", { type, ...routed });
        const names = FRAMEWORK_BEHAVIOURS.map((b) => b.type);
        if (s.schedulers.length !== names.length)
          fail(
            subject,
            "frameworks-routed",
            `${s.schedulers.length} schedulers (${s.schedulers.map((x) => x.name).join(", ")}) for ${names.length} frameworks`,
          );
        const idle = s.schedulers.filter((x) => x.attempts === 0).map((x) => x.name);
        if (idle.length > 0)
          fail(subject, "frameworks-routed", `schedulers ${idle.join(", ")} never decided a job`);
      },
    },
  ];
}
