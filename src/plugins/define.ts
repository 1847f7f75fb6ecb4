import type { z } from "zod";
import type { Architecture } from "../cluster/architecture.js";
import type { ArchitectureHost } from "../cluster/host.js";
import type { WorkloadKind } from "../cluster/job.js";
import type { RngFactory } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import type { PlacementPolicy } from "../policies/placement/types.js";
import type { FigureKind } from "../report/types.js";
import type { AllocationHost, AllocationPolicy } from "../allocation/types.js";
import type { Workload } from "../workloads/source.js";
import type { MachineType } from "../quasar/machine-types.js";
import path from "node:path";
import { InputError } from "../engine/errors.js";
import { errorMap, issueLines } from "../experiment/zod-issues.js";

/**
 * The shapes of everything a plug-in (or cellsim itself) can add: architectures, placement
 * policies, allocation policies, workload sources and figure kinds. Each `define…` call checks a definition's
 * types once, where it is written, and returns a registry entry whose config type is sealed
 * inside it: the registry holds entries of one type each, with no casts anywhere.
 */

/** What the experiment looks like to an architecture's `check`: the cell and who submits jobs. */
export interface ExperimentFacts {
  cluster: { machines: number; cpus: number; memGb: number };
  /**
   * Workload kinds that may submit jobs (synthetic kinds with a rate above 0; both kinds for
   * traces and workload sources, whose jobs are not known before the run).
   */
  kindsWithJobs: readonly WorkloadKind[];
  /** True when `kindsWithJobs` is exact (synthetic workloads), false when it is a guess. */
  kindsKnown: boolean;
  /**
   * The names of the workload's frameworks (docs/frameworks.md), in the order the workload
   * declares them; absent when the workload has none (every workload but `frameworks`).
   */
  frameworks?: readonly string[];
}

/** A problem `check` found: an error stops the experiment, a warning is printed and recorded. */
export interface Finding {
  level: "error" | "warning";
  /** Field path inside the architecture block (e.g. `["schedulers", "batch"]`). */
  path: (string | number)[];
  message: string;
}

/**
 * What can fail under scheduler failover (docs/failover.md): the names `failures.schedulers` may
 * use (the schedulers' names as in reports, and `"master"` for a two-level allocator), or why
 * this configuration of the architecture cannot fail over.
 */
export type FailoverTargets = { names: string[] } | { refused: string };

/** How an architecture is defined (cellsim's own and plug-ins' alike). */
export interface ArchitectureDefinition<Spec> {
  /** The `architecture.type` name in experiment files. */
  name: string;
  /** One line for `cellsim list`. */
  description: string;
  /**
   * Validates the `architecture` block as written, without its `type` field, and resolves it
   * (defaults, units): bad fields get `file: architecture.field: message` errors.
   */
  schema: z.ZodType<Spec>;
  /** Builds the architecture for one run. */
  create(spec: Spec, host: ArchitectureHost): Architecture;
  /** Optional checks against the experiment (e.g. a kind with jobs but no scheduler). */
  check?(spec: Spec, facts: ExperimentFacts): Finding[];
  /**
   * Optional: what `create` builds that may fail (scheduler failover, docs/failover.md), so that
   * an experiment naming another scheduler is refused before it runs. Without it an experiment
   * with `failures.schedulers` is refused: declare it when the architecture implements
   * `schedulerDown`/`schedulerUp`. `frameworks`: the workload's framework names (absent when it
   * has none), for architectures whose schedulers are named after them.
   */
  failoverTargets?(spec: Spec, frameworks?: readonly string[]): FailoverTargets;
}

/** A registered architecture: its definition with the config type sealed in. */
export interface ArchitectureEntry {
  readonly name: string;
  readonly description: string;
  /** Validates a block (without `type`); issues carry paths relative to the block. */
  validate(block: unknown): z.core.$ZodIssue[];
  /** Findings of the definition's `check` on a valid block. */
  check(block: unknown, facts: ExperimentFacts): Finding[];
  /** Builds the architecture from a valid block. */
  create(block: unknown, host: ArchitectureHost): Architecture;
  /** The definition's `failoverTargets` on a valid block (undefined when it has none). */
  failoverTargets(block: unknown, frameworks?: readonly string[]): FailoverTargets | undefined;
}

/**
 * A config block's two checks with its entry's schema, with cellsim's messages ("unknown field",
 * "must be > 0, got …"): `validate` returns the issues (plan time, paths inside the block);
 * `parse` returns the spec of a block already validated (run time), or throws naming `what`.
 */
function blockParser<Spec>(schema: z.ZodType<Spec>, field: string, what: string) {
  return {
    validate: (block: unknown): z.core.$ZodIssue[] => {
      const r = schema.safeParse(block, { error: errorMap });
      return r.success ? [] : r.error.issues;
    },
    parse: (block: unknown): Spec => {
      const r = schema.safeParse(block, { error: errorMap });
      if (r.success) return r.data;
      throw new InputError(`${what}: ${issueLines(r.error.issues, [field]).join("; ")}`);
    },
  };
}

/** Turns a definition into a registry entry (its config type stays inside). */
export function defineArchitecture<Spec>(def: ArchitectureDefinition<Spec>): ArchitectureEntry {
  const { parse, validate } = blockParser(def.schema, "architecture", `architecture "${def.name}"`);
  return {
    name: def.name,
    description: def.description,
    validate,
    check: (block, facts) => def.check?.(parse(block), facts) ?? [],
    create: (block, host) => def.create(parse(block), host),
    failoverTargets: (block, frameworks) => def.failoverTargets?.(parse(block), frameworks),
  };
}

/** How an allocation policy is defined (the `allocation` block of experiment files). */
export interface AllocationDefinition<Spec> {
  /** The `allocation.type` name in experiment files. */
  name: string;
  /** One line for `cellsim list`. */
  description: string;
  /** Validates the `allocation` block as written, without its `type` field, and resolves it. */
  schema: z.ZodType<Spec>;
  /**
   * True when the policy needs jobs with a performance model (it sizes from predicted
   * performance): an experiment whose workload has none is an input error.
   */
  needsPerformanceModel?: boolean;
  /** Builds the policy for one run (it may keep per-run state). */
  create(spec: Spec, host: AllocationHost): AllocationPolicy;
}

/** A registered allocation policy. */
export interface AllocationEntry {
  readonly name: string;
  readonly description: string;
  readonly needsPerformanceModel: boolean;
  /** Validates a block (without `type`); issues carry paths relative to the block. */
  validate(block: unknown): z.core.$ZodIssue[];
  /** Builds the policy from a valid block. */
  create(block: unknown, host: AllocationHost): AllocationPolicy;
}

/** Turns an allocation definition into a registry entry. */
export function defineAllocation<Spec>(def: AllocationDefinition<Spec>): AllocationEntry {
  const { parse, validate } = blockParser(def.schema, "allocation", `allocation "${def.name}"`);
  return {
    name: def.name,
    description: def.description,
    needsPerformanceModel: def.needsPerformanceModel ?? false,
    validate,
    create: (block, host) => def.create(parse(block), host),
  };
}

/** A registered placement policy (`placement` in experiment files). */
export interface PlacementEntry extends PlacementPolicy {
  readonly name: string;
}

/** Registers a placement policy: a name, a description and a factory of placers. */
export function definePlacement(def: PlacementEntry): PlacementEntry {
  return { name: def.name, description: def.description, create: def.create };
}

/** What a workload source gets to make its jobs. */
export interface WorkloadContext {
  /** The run's random streams: use your own names (e.g. `"my-source:arrivals"`). */
  rng: RngFactory;
  horizonUs: SimTime;
  cluster: {
    machines: number;
    cpus: number;
    memGb: number;
    /** Machine types and counts, for a heterogeneous cell (absent: homogeneous). */
    types?: readonly { readonly type: MachineType; readonly count: number }[];
  };
  /** Folder of the experiment file, for resolving relative paths. */
  baseDir: string;
}

/** How a workload source (a generator or a trace reader yielding `JobSpec`s) is defined. */
export interface WorkloadSourceDefinition<Spec> {
  /** The `workload.source` name in experiment files. */
  name: string;
  description: string;
  /** Validates the `workload` block as written, without its `source` field. */
  schema: z.ZodType<Spec>;
  /**
   * True when its jobs carry performance models and so need a cell with machine types: an
   * experiment on a homogeneous cell is an input error before anything runs.
   */
  needsMachineTypes?: boolean;
  /**
   * The run's workload: prefill jobs and a pull stream of jobs in (submitUs, id) order. Must
   * be a pure function of (spec, context): same seed, same jobs.
   */
  create(spec: Spec, ctx: WorkloadContext): Workload | Promise<Workload>;
  /**
   * Files the source reads (paths relative to the experiment's folder, or absolute). cellsim
   * checks that they exist, records their sha256 in the manifest and puts it in every run's
   * resume key, so editing a trace re-runs the runs that read it.
   */
  inputs?(spec: Spec): string[];
  /**
   * Optional checks against the experiment before anything runs (a gang larger than the cell):
   * errors stop the experiment with exit 2, warnings are printed. Paths are inside the block.
   */
  check?(spec: Spec, facts: ExperimentFacts): Finding[];
  /** Optional: the names of the frameworks whose jobs the source submits (`JobSpec.fw`). */
  frameworks?(spec: Spec): string[];
}

/** A registered workload source. */
export interface WorkloadSourceEntry {
  readonly name: string;
  readonly description: string;
  readonly needsMachineTypes: boolean;
  /** Validates a block (without `source`); issues carry paths relative to the block. */
  validate(block: unknown): z.core.$ZodIssue[];
  /** Makes the run's workload from a valid block. */
  create(block: unknown, ctx: WorkloadContext): Promise<Workload>;
  /** The files a valid block reads, resolved against `baseDir`. */
  inputs(block: unknown, baseDir: string): string[];
  /** The source's checks of a valid block against the experiment (none by default). */
  check(block: unknown, facts: ExperimentFacts): Finding[];
  /** The frameworks a valid block submits jobs of (none by default). */
  frameworks(block: unknown): string[];
}

/** Turns a workload-source definition into a registry entry. */
export function defineWorkloadSource<Spec>(def: WorkloadSourceDefinition<Spec>): WorkloadSourceEntry {
  const { parse, validate } = blockParser(def.schema, "workload", `workload source "${def.name}"`);
  return {
    name: def.name,
    description: def.description,
    needsMachineTypes: def.needsMachineTypes ?? false,
    validate,
    create: async (block, ctx) => def.create(parse(block), ctx),
    inputs: (block, baseDir) => (def.inputs?.(parse(block)) ?? []).map((p) => path.resolve(baseDir, p)),
    check: (block, facts) => def.check?.(parse(block), facts) ?? [],
    frameworks: (block) => def.frameworks?.(parse(block)) ?? [],
  };
}

/** A registered figure kind (`figures` in experiment files). */
export type FigureEntry = FigureKind & { readonly name: string };

/** Registers a figure kind: a pure function of results.json to a vega-lite figure. */
export function defineFigure(def: FigureEntry): FigureEntry {
  return { ...def };
}

/** Marks a plug-in module's default export (guards against importing the wrong file). */
export const PLUGIN_API = "cellsim-plugin/0";

/** A plug-in: named additions to the five registries. */
export interface Plugin {
  /** Always {@link PLUGIN_API}: `definePlugin` sets it. */
  readonly api: typeof PLUGIN_API;
  /** A name for messages and `cellsim list` (default: the file name). */
  readonly name?: string;
  readonly architectures: readonly ArchitectureEntry[];
  readonly placements: readonly PlacementEntry[];
  readonly allocations: readonly AllocationEntry[];
  readonly workloads: readonly WorkloadSourceEntry[];
  readonly figures: readonly FigureEntry[];
}

/** What `definePlugin` takes: any of the five lists. */
export interface PluginInput {
  name?: string;
  architectures?: readonly ArchitectureEntry[];
  placements?: readonly PlacementEntry[];
  allocations?: readonly AllocationEntry[];
  workloads?: readonly WorkloadSourceEntry[];
  figures?: readonly FigureEntry[];
}

/**
 * Makes a plug-in. A plug-in module's default export is one:
 *
 * ```ts
 * export default definePlugin({ architectures: [defineArchitecture({ name: "sjf", ... })] });
 * ```
 */
export function definePlugin(input: PluginInput): Plugin {
  return {
    api: PLUGIN_API,
    ...(input.name !== undefined ? { name: input.name } : {}),
    architectures: [...(input.architectures ?? [])],
    placements: [...(input.placements ?? [])],
    allocations: [...(input.allocations ?? [])],
    workloads: [...(input.workloads ?? [])],
    figures: [...(input.figures ?? [])],
  };
}
