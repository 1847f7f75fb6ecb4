import { existsSync } from "node:fs";
import { InputError } from "../engine/errors.js";
import type { MachineEvent } from "../cluster/machine-event.js";
import { isGlob } from "../workloads/traces/paths.js";
import type { RunConfig } from "./config.js";
import { sha256File, sha256Files, type InputFile } from "./inputs.js";
import { machineEventFiles, runMachineEvents } from "./machine-events.js";
import type { MachineEventsSpec } from "./machine-events-schema.js";

/**
 * Preflight of the machine-events traces runs name in `failures.events`: each distinct read
 * (file, format, window, cell size) is read once before any run, exactly as the runs will read
 * it, so a missing file, a bad row or a machine the cell does not have stops `validate` and
 * `run` with one message naming the file and line. Each file is hashed for the manifest and for
 * the resume hashes of the runs that read it.
 */

/**
 * Checks and hashes every machine-events trace of the runs; returns one input per path, sorted
 * by path, with the events its first read gave (`machineEvents`).
 */
export async function checkMachineEvents(
  runs: readonly { config: RunConfig }[],
  experimentFile: string,
): Promise<InputFile[]> {
  const reads = new Map<string, RunConfig>();
  for (const { config } of runs) {
    const spec = config.failures?.events;
    if (spec) reads.set(JSON.stringify([spec, config.cluster.machines]), config);
  }
  const out = new Map<string, InputFile>();
  for (const key of [...reads.keys()].sort()) {
    const config = reads.get(key) as RunConfig;
    const spec = config.failures?.events as MachineEventsSpec;
    if (!isGlob(spec.path) && !existsSync(spec.path))
      throw new InputError(`${experimentFile}: failures.events.path: file not found: ${spec.path}`);
    const events = await readChecked(config, experimentFile);
    if (!out.has(spec.path)) out.set(spec.path, await hashed(spec, events.length));
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The run's events; a reader's error (which names file:line) is prefixed with the field. */
async function readChecked(config: RunConfig, experimentFile: string): Promise<MachineEvent[]> {
  try {
    return await runMachineEvents(config);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${experimentFile}: failures.events: ${e.message}`);
    throw e;
  }
}

/** The input entry of a machine-events trace: its sha256 (over every shard of a glob). */
async function hashed(spec: MachineEventsSpec, eventCount: number): Promise<InputFile> {
  const files = machineEventFiles(spec, ".");
  const several = files.length > 1 || isGlob(spec.path);
  return {
    path: spec.path,
    sha256: several ? await sha256Files(files) : await sha256File(spec.path),
    format: spec.format,
    ...(several ? { files } : {}),
    machineEvents: eventCount,
  };
}
