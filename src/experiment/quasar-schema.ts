import { z } from "zod";
import { QUASAR_PRESETS } from "../quasar/scenario.js";
import { QUASAR_FIELDS, quasarClusterSchema, RESERVATION_FIELDS } from "../quasar/schema.js";
import type { QuasarPolicySpec } from "../quasar/policies.js";
import { PRESETS } from "../workloads/presets.js";
import { positiveDuration, registryName } from "./schema-parts.js";
import { figureEntrySchema } from "./figure-entry-schema.js";
import { seedsSchema, slug } from "./schema.js";
import { chosen, isRecord } from "./zod-issues.js";

/**
 * One sweep point of a Quasar-study experiment (docs/quasar.md): a preset cell that brings its
 * own jobs, and a policy written like the other architectures, keyed by `type`:
 *
 *   "cluster": { "preset": "quasar-large", "scale": 1 },
 *   "architecture": { "type": "quasar", "entriesPerRow": 2 }
 *                 | { "type": "reservation", "assignment": "least-loaded" | "paragon" }
 *
 * `type` maps onto the core's `kind` (src/quasar/schema.ts owns the fields and defaults). A
 * point is a Quasar point when its architecture type is one of QUASAR_ARCHITECTURE_TYPES; the
 * cell-model fields (workload, prefill, placement, retry, metrics) are then input errors, as is
 * a Quasar preset under a cell-model architecture (see `modelMismatch`).
 */

/** Architecture types that run the Quasar model. */
export const QUASAR_ARCHITECTURE_TYPES = ["quasar", "reservation"] as const;

const displayName = z.string().min(1).optional();

const quasarArchitecture = z.strictObject({ type: z.literal("quasar"), name: displayName, ...QUASAR_FIELDS });
const reservationArchitecture = z.strictObject({
  type: z.literal("reservation"),
  name: displayName,
  ...RESERVATION_FIELDS,
});

/** `architecture` of a Quasar point → the core's policy spec (display name kept apart). */
const quasarArchitectureSchema = z
  .discriminatedUnion("type", [quasarArchitecture, reservationArchitecture])
  .transform(
    ({ type, name: _name, ...fields }): QuasarPolicySpec => ({ kind: type, ...fields }) as QuasarPolicySpec,
  );

const quasarPresetNames = Object.keys(QUASAR_PRESETS).join("|");

/** `cluster`: a Quasar preset; an explicit or cell-model cluster gets a message saying so. */
const clusterSchema = chosen((value) => {
  if (isRecord(value) && !("preset" in value) && "machines" in value) {
    return `a Quasar-study architecture runs on a preset cell: {"preset": "${quasarPresetNames}"} (optionally "scale")`;
  }
  return z.strictObject({
    preset: registryName("Quasar-study preset", () => QUASAR_PRESETS),
    scale: quasarClusterSchema.shape.scale,
  }) as unknown as typeof quasarClusterSchema;
});

/** A field that only cell-model architectures take: present → an input error naming it. */
const cellOnly = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    ctx.addIssue({
      code: "custom",
      message:
        "does not apply to a Quasar-study architecture (type quasar|reservation): its jobs and cell come from cluster.preset",
    });
  })
  .optional();

/** One sweep point of a Quasar-study experiment, units resolved (horizon in µs). */
export const quasarPointSchema = z.strictObject({
  name: slug,
  description: z.string().default(""),
  // Runs end when their last job does; the horizon only bounds a run that never drains.
  horizon: positiveDuration.prefault("7d"),
  seeds: seedsSchema.default([1]),
  cluster: clusterSchema,
  architecture: quasarArchitectureSchema,
  workload: cellOnly,
  prefill: cellOnly,
  placement: cellOnly,
  retry: cellOnly,
  metrics: cellOnly,
  // Names are checked against the experiment's registry by plan.ts (checkFigures).
  figures: z.array(figureEntrySchema()).default([]),
});

export type QuasarPoint = z.output<typeof quasarPointSchema>;

/** True when a raw sweep point's architecture is a Quasar-study policy. */
export function isQuasarPoint(raw: Record<string, unknown>): boolean {
  const a = raw.architecture;
  return isRecord(a) && (QUASAR_ARCHITECTURE_TYPES as readonly unknown[]).includes(a.type);
}

/**
 * A Quasar preset under a cell-model architecture: the one mix the cell schema would only call
 * an "unknown preset". Returns the issue (path and message) or undefined.
 */
export function modelMismatch(raw: Record<string, unknown>): { path: string[]; message: string } | undefined {
  if (isQuasarPoint(raw)) return undefined;
  for (const field of ["cluster", "workload"]) {
    const value = raw[field];
    const preset = isRecord(value) ? value.preset : undefined;
    if (
      typeof preset === "string" &&
      Object.hasOwn(QUASAR_PRESETS, preset) &&
      !Object.hasOwn(PRESETS, preset)
    ) {
      const type = isRecord(raw.architecture) ? String(raw.architecture.type ?? "monolithic") : "monolithic";
      const message = `"${preset}" is a Quasar-study cluster: it needs architecture type quasar|reservation (got ${type})`;
      return { path: [field, "preset"], message };
    }
  }
  return undefined;
}
