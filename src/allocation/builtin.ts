import { z } from "zod";
import { secToUs, US_PER_MS } from "../engine/time.js";
import { defineAllocation, type AllocationEntry } from "../plugins/define.js";
import { makeProfiler, PARAGON_AXES } from "./profiler.js";
import { quasarAllocation } from "./quasar.js";
import { RESERVATION, reservationNeeds } from "./reservation.js";
import { reservationRequest } from "./types.js";

/** Profiling fields: entries profiled per row and axis, one profiling run's time, one decision's. */
const overheadFields = {
  /** Profiled entries per row and classification axis (the Quasar paper: 2). */
  entriesPerRow: z.int().min(1).max(16).default(2),
  /** One profiling run, s (entries run back to back, the axes in parallel). */
  profilingRunSec: z.number().min(0).default(5),
};

const reservationSchema = z.strictObject({
  /**
   * `paragon`: classify each job's machine-type and interference sensitivity at submission
   * (Paragon), so the `paragon` placement can rank machines; `none`: no profiling.
   */
  profiling: z.enum(["none", "paragon"]).default("none"),
  ...overheadFields,
  /** The allocation's decision overhead before the job reaches its scheduler, ms. */
  decisionMs: z.number().min(0).default(0),
});

const quasarSchema = z.strictObject({
  ...overheadFields,
  decisionMs: z.number().min(0).default(50),
  /** Period of monitoring (grow a job below 0.97 × target, shrink it above 1.3 ×), s. */
  monitorPeriodSec: z.number().positive().default(10),
  /** Size for target × headroom, to absorb prediction error. */
  headroom: z.number().min(1).max(2).default(1.05),
});

/** cellsim's allocation policies. */
export const BUILTIN_ALLOCATIONS: readonly AllocationEntry[] = [
  defineAllocation({
    name: "reservation",
    description:
      "Give each job its reservation as submitted (the default); profiling paragon classifies type and interference for the paragon placement",
    schema: reservationSchema,
    create(spec, host) {
      const delayUs = Math.round(spec.decisionMs * US_PER_MS);
      if (spec.profiling === "none" && delayUs === 0) return RESERVATION;
      const profiler =
        spec.profiling === "paragon" ? makeProfiler(host, PARAGON_AXES, spec.entriesPerRow) : undefined;
      const profilingUs = profiler ? secToUs(spec.entriesPerRow * spec.profilingRunSec) : 0;
      return {
        admit(job) {
          profiler?.classify(job);
          return profilingUs + delayUs;
        },
        request(job, _view, out) {
          reservationRequest(job, out);
          return true;
        },
        needs: reservationNeeds,
        monitorPeriodUs: 0,
      };
    },
  }),
  defineAllocation({
    name: "quasar",
    description:
      "Quasar: profile, classify (SVD + SGD), give the least resources predicted to meet the job's target; admission queue, monitoring, resizing",
    schema: quasarSchema,
    needsPerformanceModel: true,
    create: (spec, host) => quasarAllocation(spec, host),
  }),
];
