import { z } from "zod";
import { parseDurationUs, type SimTime } from "../engine/time.js";
import type { DecisionTime } from "./config.js";
import { chosen, isRecord } from "./zod-issues.js";

/**
 * Building blocks of the experiment schema: durations, names checked against a registry, and
 * the architecture union (a discriminated union on `type`, so `static-partition`, `two-level`
 * and `shared-state` join as further members of `architectureSchema`).
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

/** A name that must be a key of `registry`; the message lists the valid ones. */
export function registryName(what: string, registry: () => Readonly<Record<string, unknown>>) {
  return z.string().superRefine((name, ctx) => {
    const names = Object.keys(registry());
    if (!names.includes(name)) {
      ctx.addIssue({
        code: "custom",
        message: `unknown ${what} "${name}": expected one of ${names.join("|")}`,
      });
    }
  });
}

/** Paper defaults (Omega §4): 0.1 s per job plus 5 ms per task. */
export const DEFAULT_PER_JOB = "0.1s";
export const DEFAULT_PER_TASK = "5ms";

/** A duration that must be > 0 (horizon, sample period). */
export const positiveDuration = duration.refine((us) => us > 0, "must be longer than 0");

const decisionTimeSchema = z
  .strictObject({ perJob: duration.prefault(DEFAULT_PER_JOB), perTask: duration.prefault(DEFAULT_PER_TASK) })
  .transform((d): DecisionTime => ({ perJobUs: d.perJob, perTaskUs: d.perTask }));

const perKindDecisionTimeSchema = z.strictObject({
  batch: decisionTimeSchema.prefault({ perJob: DEFAULT_PER_JOB, perTask: DEFAULT_PER_TASK }),
  service: decisionTimeSchema.prefault({ perJob: DEFAULT_PER_JOB, perTask: DEFAULT_PER_TASK }),
});

/**
 * Decision time: `{perJob, perTask}` (single-path: one setting for every kind) or
 * `{batch: {...}, service: {...}}` (multi-path). Either way it resolves to the per-kind form.
 */
export const decisionTimesSchema = chosen((value) => {
  if (isRecord(value) && ("batch" in value || "service" in value)) return perKindDecisionTimeSchema;
  return decisionTimeSchema.transform((dt) => ({ batch: dt, service: dt }));
});

/** A display name for legends and tables (e.g. when the architecture itself is swept). */
const displayName = z.string().min(1).optional();

/**
 * Monolithic. `singlePath: true` decides every job with the service decision time (the Omega
 * paper's single-path scheduler has one code path), so one sweep of
 * `decisionTime.service.perJob` draws single-path, multi-path and the other architectures on one
 * axis; an explicit `decisionTime.batch` is then an error.
 */
const monolithicSchema = z
  .strictObject({
    type: z.literal("monolithic"),
    name: displayName,
    singlePath: z.boolean().default(false),
    decisionTime: z.unknown().optional(),
  })
  .transform(({ singlePath, decisionTime: raw, ...rest }, ctx) => {
    if (singlePath && isRecord(raw) && "batch" in raw) {
      const message =
        "singlePath decides every job with the service decision time; remove decisionTime.batch";
      ctx.issues.push({ code: "custom", path: ["decisionTime", "batch"], message, input: raw });
      return z.NEVER;
    }
    const parsed = decisionTimesSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ ...issue, path: ["decisionTime", ...issue.path] } as never);
      }
      return z.NEVER;
    }
    const dt = parsed.data;
    return { ...rest, decisionTime: singlePath ? { batch: dt.service, service: dt.service } : dt };
  });

/** A whole number of schedulers per kind; 0 leaves a kind without one (it must have no jobs). */
const perKindCount = (fallback: number) =>
  z.strictObject({ batch: z.int().min(0).default(fallback), service: z.int().min(0).default(fallback) });

const staticPartitionSchema = z.strictObject({
  type: z.literal("static-partition"),
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  partitions: z
    .strictObject({ batch: z.number().min(0).max(1), service: z.number().min(0).max(1) })
    .refine((p) => p.batch + p.service <= 1 + 1e-9, "partition fractions must sum to at most 1")
    .prefault({ batch: 0.5, service: 0.5 }),
});

const sharedStateSchema = z.strictObject({
  type: z.literal("shared-state"),
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  schedulers: perKindCount(1).prefault({}),
  conflictMode: z.enum(["fine", "coarse"]).default("fine"),
  transactionMode: z.enum(["incremental", "all-or-nothing"]).default("incremental"),
});

const twoLevelSchema = z
  .strictObject({
    type: z.literal("two-level"),
    name: displayName,
    decisionTime: decisionTimesSchema.prefault({}),
    frameworks: perKindCount(1).prefault({}),
    offerInterval: duration.prefault("1s"),
    minOfferCpus: z.number().min(0).default(100),
    allocatorDecisionTime: duration.prefault("1ms"),
  })
  .transform(({ offerInterval, allocatorDecisionTime, ...rest }) => ({
    ...rest,
    offerIntervalUs: offerInterval,
    allocatorDecisionTimeUs: allocatorDecisionTime,
  }));

/**
 * Every architecture, keyed by `type`. Add new members here (and to `ArchitectureSpec`). A missing
 * `type` means monolithic, so sweeping `architecture.decisionTime...` works without writing one.
 */
export const architectureSchema = z.preprocess(
  (v) => (isRecord(v) && !("type" in v) ? { type: "monolithic", ...v } : v),
  z.discriminatedUnion("type", [monolithicSchema, staticPartitionSchema, sharedStateSchema, twoLevelSchema]),
);

export type ParsedArchitecture = z.output<typeof architectureSchema>;

/** Retry/abandon rule (docs/concepts.md, Scheduling attempts); the paper's numbers by default. */
export const retrySchema = z.strictObject({
  retryDelay: duration.prefault("1s"),
  maxAttempts: z.int().positive().default(1000),
  maxAttemptsWithoutProgress: z.int().positive().default(100),
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
