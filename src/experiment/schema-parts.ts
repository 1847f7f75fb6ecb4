import { z } from "zod";
import { parseDurationUs, type SimTime } from "../engine/time.js";
import { chosen } from "./zod-issues.js";

/**
 * Building blocks of the experiment schema: durations, names checked against a registry, the
 * retry rule, rate multipliers and prefill. Architectures bring their own schemas
 * (src/architectures/<name>/index.ts).
 */

/** A duration: a number of seconds or a string with a unit (`"5ms"`, `"7d"`) → µs. */
export const duration = z.unknown().transform((value, ctx): SimTime => {
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: "required field is missing" });
    return z.NEVER;
  }
  const us = parseDurationUs(value);
  if (typeof us === "string") {
    ctx.addIssue({ code: "custom", message: us });
    return z.NEVER;
  }
  return us;
});

/** A name that must be a key of `registry` (or one of its names); the message lists the valid ones. */
export function registryName(
  what: string,
  registry: () => Readonly<Record<string, unknown>> | readonly string[],
) {
  return z.string().superRefine((name, ctx) => {
    const known = registry();
    const names = Array.isArray(known) ? known : Object.keys(known);
    if (!names.includes(name)) {
      ctx.addIssue({
        code: "custom",
        message: `unknown ${what} "${name}": expected one of ${names.join("|")}`,
      });
    }
  });
}

/** A duration that must be > 0 (horizon, sample period). */
export const positiveDuration = duration.refine((us) => us > 0, "must be longer than 0");

/** Retry/abandon rule (docs/concepts.md, Scheduling attempts); the paper's numbers by default. */
export const retrySchema = z.strictObject({
  retryDelay: duration.prefault("1s"),
  maxAttempts: z.int().positive().default(1000),
  maxAttemptsWithoutProgress: z.int().positive().default(100),
  /**
   * `"delay"` (default): retry after retryDelay under the attempt limits. `"freed"`: wait, never
   * abandoned, until resources are freed, then retry in submission order (a batch queue).
   */
  when: z.enum(["delay", "freed"]).default("delay"),
  /** Under `when: "freed"`: waiting jobs retried per release of resources. */
  backfillWindow: z.int().positive().default(64),
});

// 0 switches a kind off (the synthetic generator skips it).
const multiplier = z.number().min(0);

/** `rateMultiplier`: one number for every kind, or per kind (missing kinds: 1). */
export const rateMultiplierSchema = chosen((value) =>
  typeof value === "number"
    ? multiplier.transform((m) => ({ batch: m, service: m }))
    : z.strictObject({ batch: multiplier.default(1), service: multiplier.default(1) }),
);

/** Prefill: a CPU fraction of the cell, split between kinds by `kindShares` (summing to 1). */
export const prefillSchema = z.strictObject({
  cpuFraction: z.number().min(0).max(1),
  kindShares: z
    .strictObject({
      batch: z.number().min(0).max(1).optional(),
      service: z.number().min(0).max(1).optional(),
    })
    .refine((s) => Math.abs((s.batch ?? 0) + (s.service ?? 0) - 1) < 1e-9, "kind shares must sum to 1")
    .optional(),
});

export type ParsedPrefill = z.output<typeof prefillSchema>;
