import type { FailureProcess, FailureSetup } from "../cluster/failures/failure-setup.js";
import type { MachineEvent } from "../cluster/machine-event.js";
import type { RngFactory } from "../engine/rng.js";
import { makeSampler } from "../workloads/distributions.js";
import type { FailureProcessSpec, FailureSpec, LostWorkSpec } from "./config.js";

/**
 * The run's failure setup from its `failures` block: each process draws from named streams of
 * its own (`failures:machines:time-to-failure`, …), so turning failures on shifts no workload or
 * placement draw, and every architecture run with the same seed sees the same failures.
 * `events`: machine events of a trace (a trace reader's output), if any.
 */
export function failureSetup(
  spec: FailureSpec & { lostWork: LostWorkSpec },
  rng: RngFactory,
  events: readonly MachineEvent[] = [],
): FailureSetup {
  return {
    ...(spec.machines ? { machines: process(spec.machines, rng, "failures:machines") } : {}),
    ...(spec.domains
      ? { domains: { ...process(spec.domains, rng, "failures:domains"), size: spec.domains.size } }
      : {}),
    ...(events.length > 0 ? { events } : {}),
    lostWork: spec.lostWork,
  };
}

function process(p: FailureProcessSpec, rng: RngFactory, name: string): FailureProcess {
  return {
    timeToFailureUs: makeSampler(p.timeToFailure, rng.stream(`${name}:time-to-failure`)),
    timeToRepairUs: makeSampler(p.timeToRepair, rng.stream(`${name}:time-to-repair`)),
  };
}
