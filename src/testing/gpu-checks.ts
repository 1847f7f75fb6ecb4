import type { JobSpec } from "../cluster/job.js";
import { runOne } from "../experiment/run-one.js";
import type { RunSummary } from "../metrics/summary.js";
import type { Registry } from "../plugins/registry.js";
import { BUSY_CELL_DECISION_TIMES, busyCellWithGpusConfig } from "./busy-cell.js";
import { fail, withPlacement, type ConformanceCheck, type ConformanceSubject } from "./subject.js";
import { accounts } from "./summary-checks.js";

/**
 * The conformance kit's GPU check: the busy cell with one GPU per machine, fractional GPU tasks
 * and gang service jobs (`busyCellWithGpusConfig`), run with the over-commit invariant checked
 * after every event. GPUs are one further dimension among others (cluster `resources`), so this
 * checks that fit, commit, offers and placement count them like CPU and memory, that gangs start
 * whole, and that the summary reports GPU utilization.
 */

const SEED = 1;
const TEST = "gpus";

/** A gang job that started some but not all of its tasks at its first start, or undefined. */
function brokenGang(starts: Map<number, [JobSpec, number]>): string | undefined {
  for (const [id, [spec, started]] of starts)
    if (started !== spec.tasks) return `gang job ${id} started ${started} of its ${spec.tasks} tasks at once`;
  return undefined;
}

/** The `gpus` check for `subject`. */
export function gpuCheck(subject: ConformanceSubject, registry: Registry): ConformanceCheck {
  return {
    test: TEST,
    title:
      "respects fractional GPUs and gangs (one GPU per machine, 0.05–0.25 GPU batch tasks, 0.2 GPU gang service jobs): never over-commits GPUs after any event, starts every gang whole, accounts for every job, reports GPU utilization in (0, 1]",
    run: async () => {
      const config = withPlacement(
        subject,
        busyCellWithGpusConfig(subject.architecture(BUSY_CELL_DECISION_TIMES)),
      );
      // Per gang job: its spec and how many tasks its first start placed.
      const firstStarts = new Map<number, [JobSpec, number]>();
      const hooks = {
        tasksStarted: (spec: JobSpec, machines: readonly number[]) => {
          if (spec.gang === true && !spec.prefill && !firstStarts.has(spec.id))
            firstStarts.set(spec.id, [spec, machines.length]);
        },
      };
      let s: RunSummary;
      try {
        s = await runOne(config, SEED, { checkInvariants: true, registry, hooks });
      } catch (e) {
        fail(subject, TEST, (e as Error).message);
      }
      accounts(subject, s);
      if (firstStarts.size === 0)
        fail(subject, TEST, "no gang job ever started: the check was not exercised");
      const broken = brokenGang(firstStarts);
      if (broken !== undefined) fail(subject, TEST, broken);
      const gpus = s.cell.resources?.find((r) => r.name === "gpus");
      if (gpus === undefined) fail(subject, TEST, "the summary lists no gpus utilization");
      if (!(gpus.utilization > 0 && gpus.utilization <= 1 + 1e-9))
        fail(subject, TEST, `gpus utilization ${gpus.utilization} is not in (0, 1]`);
    },
  };
}
