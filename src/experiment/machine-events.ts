import type { MachineEvent } from "../cluster/machine-event.js";
import { InputError } from "../engine/errors.js";
import { windowOf } from "../workloads/traces/finish.js";
import { readGoogleMachineEvents } from "../workloads/traces/google-machines.js";
import { readGoogle2019MachineEvents } from "../workloads/traces/google-2019-machines.js";
import { readNativeMachineEvents } from "../workloads/traces/native-machines.js";
import { expandTracePaths } from "../workloads/traces/paths.js";
import type { RunConfig } from "./config.js";
import { tracePathResolver } from "./inputs.js";
import type { MachineEventsSpec } from "./machine-events-schema.js";

/**
 * Loads a machine-events trace for a run: resolves its path like a workload trace's (relative to
 * the experiment file's folder `baseDir`), reads it with its format's reader and returns the
 * cell's events sorted by (time, machine). Bad rows, unknown machines and missing files are
 * InputErrors naming the file (and line). Call it before the run starts (e.g. in preflight) so a
 * bad file stops `validate`, not a run. `refuseUpdates`: a capacity change is an error at its
 * row (the failure model cannot change capacities; google-2011 gives updates only with
 * `capacities: "trace"`, which the failures block refuses).
 */
export async function loadMachineEvents(
  spec: MachineEventsSpec,
  cellMachines: number,
  baseDir: string,
  options: { refuseUpdates?: boolean } = {},
): Promise<MachineEvent[]> {
  if (!Number.isSafeInteger(cellMachines) || cellMachines <= 0)
    throw new Error(`loadMachineEvents: cellMachines must be a positive integer, got ${cellMachines}`);
  const files = machineEventFiles(spec, baseDir);
  const window = windowOf({ fromUs: spec.fromUs, toUs: spec.toUs });
  if (spec.format === "cellsim")
    return readNativeMachineEvents(files, { cellMachines, window, refuseUpdates: options.refuseUpdates });
  if (spec.format === "google-2011") {
    const { machine, capacities } = spec;
    return readGoogleMachineEvents(files, { cellMachines, window, machine, capacities });
  }
  if (spec.format === "google-2019") {
    const { machine, capacities } = spec;
    return readGoogle2019MachineEvents(files, { cellMachines, window, machine, capacities });
  }
  throw new InputError(`machine events: unknown format "${String(spec.format)}"`);
}

/** The files a machine-events spec reads, in order (for hashing them with the run's inputs). */
export function machineEventFiles(spec: MachineEventsSpec, baseDir: string): string[] {
  return expandTracePaths(tracePathResolver(baseDir)(spec.path));
}

/**
 * The machine events of a run's `failures.events` (none without one), read for its cell. The
 * path in a RunConfig is already resolved (relative to the working folder, or absolute).
 */
export async function runMachineEvents(config: RunConfig): Promise<MachineEvent[]> {
  const spec = config.failures?.events;
  if (!spec) return [];
  return loadMachineEvents(spec, config.cluster.machines, ".", { refuseUpdates: true });
}
