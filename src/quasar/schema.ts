import { z } from "zod";
import type { QuasarPolicySpec } from "./policies.js";
import { QUASAR_PRESETS, scaledScenario, type QuasarPresetName, type QuasarScenario } from "./scenario.js";

/**
 * Experiment-file schemas for the Quasar study, ready to join the experiment schema:
 * `"architecture": {"kind": "quasar"}` or `{"kind": "reservation", "assignment": "paragon"}`, and
 * `"cluster": {"preset": "quasar-large"}`. Objects are strict: unknown fields are errors.
 */

export const QUASAR_PRESET_NAMES = Object.keys(QUASAR_PRESETS) as [QuasarPresetName, ...QuasarPresetName[]];

/** Fields every policy takes (profiling and decision overheads). */
export const OVERHEAD_FIELDS = {
  /** Profiled entries per row and classification axis (the paper: 2). */
  entriesPerRow: z.int().min(1).max(16).default(2),
  /** One profiling run, s. */
  profilingRunSec: z.number().min(0).default(5),
  /** One scheduling decision, ms. */
  decisionMs: z.number().min(0).default(10),
};

/** Fields of the `quasar` policy (besides its discriminator). */
export const QUASAR_FIELDS = {
  ...OVERHEAD_FIELDS,
  decisionMs: z.number().min(0).default(50),
  monitorPeriodSec: z.number().positive().default(10),
  headroom: z.number().min(1).max(2).default(1.05),
};

/** Fields of the `reservation` policies (besides their discriminator). */
export const RESERVATION_FIELDS = {
  assignment: z.enum(["least-loaded", "paragon"]),
  ...OVERHEAD_FIELDS,
};

const quasarSchema = z.strictObject({ kind: z.literal("quasar"), ...QUASAR_FIELDS });

const reservationSchema = z.strictObject({ kind: z.literal("reservation"), ...RESERVATION_FIELDS });

/** A Quasar-study policy, discriminated on `kind`. */
export const quasarPolicySchema = z.discriminatedUnion("kind", [quasarSchema, reservationSchema]);

/** A Quasar-study cluster: a preset, optionally scaled down (fraction of machines, load kept). */
export const quasarClusterSchema = z.strictObject({
  preset: z.enum(QUASAR_PRESET_NAMES),
  scale: z.number().gt(0).max(1).default(1),
});

/** Parses a policy spec (throws a ZodError naming the field on bad input). */
export function parseQuasarPolicy(input: unknown): QuasarPolicySpec {
  return quasarPolicySchema.parse(input);
}

/** A validated cluster spec (a preset and the fraction of its machines). */
export type QuasarClusterSpec = z.output<typeof quasarClusterSchema>;

/** Parses a cluster spec into a scenario. */
export function parseQuasarCluster(input: unknown): QuasarScenario {
  return scenarioOf(quasarClusterSchema.parse(input));
}

/** The scenario of a validated cluster spec. */
export function scenarioOf(c: QuasarClusterSpec): QuasarScenario {
  const base = QUASAR_PRESETS[c.preset];
  return c.scale === 1 ? base : scaledScenario(base, c.scale);
}
