import { z } from "zod";
import type { JobState } from "../cluster/job-state.js";
import { InputError } from "../engine/errors.js";
import type { ExperimentFacts, Finding } from "../plugins/define.js";

/**
 * Who gets a job's scheduling decisions (docs/frameworks/architectures.md):
 * - `kind` (the default): schedulers per workload kind (batch, service), jobs of a kind dealt to
 *   its schedulers round-robin — the Omega paper's setting;
 * - `framework`: one scheduler per framework of a `frameworks` workload, named after it; each
 *   framework's jobs go to its own scheduler (a Mesos framework, an Omega scheduler, a static
 *   partition), as in the Mesos paper.
 */
export type RouteBy = "kind" | "framework";

/** The `routeBy` field the architectures share. */
export const routeBySchema = z.enum(["kind", "framework"]).default("kind");

/**
 * Errors for `routeBy: "framework"` on a workload without frameworks: there would be no
 * scheduler at all.
 */
export function frameworkRoutingFindings(routeBy: RouteBy, facts: ExperimentFacts): Finding[] {
  if (routeBy !== "framework" || (facts.frameworks?.length ?? 0) > 0) return [];
  return [
    {
      level: "error",
      path: ["routeBy"],
      message: 'routeBy "framework" needs a workload with frameworks (workload.source "frameworks")',
    },
  ];
}

/**
 * The frameworks an architecture routes by, from its host: the workload's framework names.
 * Throws (bad input) when there are none.
 */
export function routedFrameworks(
  names: readonly string[] | undefined,
  architecture: string,
): readonly string[] {
  if (names === undefined || names.length === 0)
    throw new InputError(
      `architecture.routeBy: ${architecture} routes by framework, but the workload declares no frameworks`,
    );
  return names;
}

/**
 * Maps each framework name to its scheduler index (`first + position`), and a job to its
 * framework's scheduler.
 */
export class FrameworkRoutes {
  private readonly index = new Map<string, number>();

  constructor(names: readonly string[], first = 0) {
    names.forEach((name, i) => this.index.set(name, first + i));
  }

  /** The scheduler of the job's framework; bad input when the job has none or an unknown one. */
  schedulerOf(job: JobState): number {
    const name = job.spec.fw?.framework;
    const i = name === undefined ? undefined : this.index.get(name);
    if (i === undefined)
      throw new InputError(
        name === undefined
          ? `architecture.routeBy: job ${job.spec.id} belongs to no framework, but the architecture routes by framework`
          : `architecture.routeBy: job ${job.spec.id} belongs to framework "${name}", which the workload does not declare`,
      );
    return i;
  }
}
