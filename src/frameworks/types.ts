import type { z } from "zod";
import type { JobSpec } from "../cluster/job.js";
import type { RngFactory } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import type { ExperimentFacts, Finding } from "../plugins/define.js";

/** What a framework behaviour gets to make its jobs. */
export interface FrameworkContext {
  /**
   * The framework instance's name, unique in the workload (e.g. `hadoop`, `hadoop-3`): every job
   * it makes carries it as `fw.framework`, and its random streams are named after it
   * (`frameworks:<name>:…`), so instances draw independently.
   */
  readonly name: string;
  /** The run's random streams. */
  readonly rng: RngFactory;
  /** Jobs submitted at or after the horizon are never read: a generator may stop there. */
  readonly horizonUs: SimTime;
  /** The cell (homogeneous machines): for block placement and the time alone on the cell. */
  readonly cluster: { readonly machines: number; readonly cpus: number; readonly memGb: number };
}

/**
 * A framework behaviour (docs/frameworks.md): Hadoop, Spark, MPI, Marathon or Chronos. It turns
 * its block of the `frameworks` workload into jobs with framework structure (`JobSpec.fw`); the
 * model runs that structure under any architecture, and the architectures can route each
 * framework's jobs to a scheduler of its own.
 */
export interface FrameworkBehaviour<Spec> {
  /** Its `type` in the workload block. */
  readonly type: string;
  /** One line for `cellsim list` and the docs. */
  readonly description: string;
  /** Validates the block's own fields (everything but `type` and `name`); strict. */
  readonly schema: z.ZodType<Spec, unknown>;
  /**
   * A small instance's fields (without `type` and `name`) that exercises the behaviour on a cell
   * of 50 machines × 4 CPUs / 16 GB within an hour: the conformance kit runs it under every
   * architecture, and `cellsim list` shows it.
   */
  readonly example: Readonly<Record<string, unknown>>;
  /**
   * The instance's jobs as a pull feed in (submitUs, id) order, `undefined` when done. Ids, `fw.app`
   * and the ids in `fw.after` / `fw.endsWith` are the instance's own (0, 1, 2, …): the workload
   * renumbers them so that instances never clash. Every job carries `fw` with
   * `framework = ctx.name`. A pure function of (spec, ctx).
   */
  jobs(spec: Spec, ctx: FrameworkContext): () => JobSpec | undefined;
  /** Optional checks against the experiment (paths inside the instance's block). */
  check?(spec: Spec, facts: ExperimentFacts): Finding[];
}

/** A registered behaviour: its spec type erased behind parse-then-use (see `defineFramework`). */
export interface FrameworkEntry {
  readonly type: string;
  readonly description: string;
  /** A small valid instance's fields (see `FrameworkBehaviour.example`). */
  readonly example: Readonly<Record<string, unknown>>;
  /** Validates the instance's fields (without `type` and `name`); issues carry paths inside them. */
  validate(fields: unknown): z.core.$ZodIssue[];
  /** The jobs of valid fields (see `FrameworkBehaviour.jobs`). */
  jobs(fields: unknown, ctx: FrameworkContext): () => JobSpec | undefined;
  /** The behaviour's checks of valid fields against the experiment. */
  check(fields: unknown, facts: ExperimentFacts): Finding[];
}

/** Registers a framework behaviour. */
export function defineFramework<Spec>(def: FrameworkBehaviour<Spec>): FrameworkEntry {
  const parse = (fields: unknown): Spec => {
    const parsed = def.schema.safeParse(fields);
    if (!parsed.success) throw new Error(`framework ${def.type}: jobs() called on invalid fields`);
    return parsed.data;
  };
  return {
    type: def.type,
    description: def.description,
    example: def.example,
    validate: (fields) => {
      const parsed = def.schema.safeParse(fields);
      return parsed.success ? [] : parsed.error.issues;
    },
    jobs: (fields, ctx) => def.jobs(parse(fields), ctx),
    check: (fields, facts) => def.check?.(parse(fields), facts) ?? [],
  };
}
