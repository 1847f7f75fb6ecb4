import { z } from "zod";
import type { SimTime } from "../engine/time.js";
import type { MachineCapacity } from "../workloads/traces/types.js";
import { duration } from "./schema-parts.js";

/**
 * The experiment-file block naming a machine-events trace (docs/traces.md, "Machine events"),
 * used as `failures.events`: `{ path, format, from?, to?, machine?, capacities? }`. `path` is
 * relative to the experiment file (a glob of shards is allowed, as for `trace`); `from`/`to`
 * are the read window in trace time and should match the workload's when both come from one
 * trace. `machine` and `capacities` are options of the Google formats (2011 and 2019).
 */

/** The formats of machine-events traces. */
export const MACHINE_EVENT_FORMATS = ["google-2011", "cellsim", "google-2019"] as const;
/** A machine-events trace format. */
export type MachineEventsFormat = (typeof MACHINE_EVENT_FORMATS)[number];

/** A validated machine-events trace block (durations in µs, as the loader takes it). */
export interface MachineEventsSpec {
  /** The file or glob, as written (the loader resolves it against the experiment's folder). */
  path: string;
  format: MachineEventsFormat;
  /** Read window [fromUs, toUs) of trace time; events are shifted so fromUs becomes 0. */
  fromUs?: SimTime;
  toUs?: SimTime;
  /** google-2011/2019: what a normalized capacity of 1.0 is (default 8 CPUs, 32 GB). */
  machine?: MachineCapacity;
  /** google-2011/2019: "cell" (default) keeps the cell's machine size; "trace" applies the trace's. */
  capacities?: "cell" | "trace";
}

const GOOGLE_ONLY = ["machine", "capacities"] as const;

/** Zod schema of the block; its output is a {@link MachineEventsSpec}. */
export const machineEventsSchema = z
  .strictObject({
    path: z.string().min(1),
    format: z.enum(MACHINE_EVENT_FORMATS),
    from: duration.optional(),
    to: duration.optional(),
    machine: z.strictObject({ cpus: z.number().positive(), memGb: z.number().positive() }).optional(),
    capacities: z.enum(["cell", "trace"]).optional(),
  })
  .superRefine((block, ctx) => {
    if (block.format === "cellsim")
      for (const key of GOOGLE_ONLY)
        if (block[key] !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `an option of the Google formats (format is ${block.format})`,
          });
    if (block.from !== undefined && block.to !== undefined && !(block.to > block.from))
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
  })
  .transform((block): MachineEventsSpec => {
    const { from, to, ...rest } = block;
    const spec: MachineEventsSpec = { path: rest.path, format: rest.format };
    if (from !== undefined) spec.fromUs = from;
    if (to !== undefined) spec.toUs = to;
    if (rest.machine !== undefined) spec.machine = rest.machine;
    if (rest.capacities !== undefined) spec.capacities = rest.capacities;
    return spec;
  });
