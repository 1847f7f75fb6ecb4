import type { SimTime } from "../engine/time.js";

/**
 * One machine event of a failure schedule: drawn from the `failures` block's distributions, or
 * read from a trace (Google 2011 `machine_events`, a native machine-events CSV). The model
 * processes a machine's events before arrivals and decisions at the same time, so nothing is
 * placed on a machine that is down at that instant.
 */
export interface MachineEvent {
  /** When it happens, µs from the start of the run. */
  readonly timeUs: SimTime;
  /** The machine's index in the cell (0-based), after mapping a trace's machine ids. */
  readonly machine: number;
  /**
   * `down`: the machine leaves the cell and its running tasks are lost; `up`: it comes back
   * (empty); `update`: its capacity changes to `cpus`/`memGb` (running tasks stay).
   */
  readonly kind: "down" | "up" | "update";
  /** New capacity (update events; an `up` may carry it too), CPUs. */
  readonly cpus?: number;
  /** New capacity (update events; an `up` may carry it too), GB. */
  readonly memGb?: number;
}
