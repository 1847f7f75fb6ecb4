import { z } from "zod";
import type { MisSizing, QuasarScenario } from "../quasar/scenario.js";

/**
 * The load a `quasar` workload source may set on its mix (docs/quasar.md, "Load and pressure"):
 * how fast the jobs arrive, which kinds they are, and (a diagnostic) how users mis-size their
 * reservations. Every field is optional and absent means the mix's own value, so experiments
 * written before these fields existed draw exactly the same jobs.
 */
export interface QuasarLoad {
  /** Arrival rate multiplier: the interarrival time is divided by it (same jobs, same count). */
  readonly rateMultiplier?: number | undefined;
  /** Relative weights of the job kinds; replace the mix's own. */
  readonly kindShares?: QuasarScenario["kindShares"] | undefined;
  /** Reservation mis-sizing fields to replace (the paper's 70% over ≤ 10×, 20% under ≤ 5×). */
  readonly misSizing?: Partial<MisSizing> | undefined;
}

const share = z.number().nonnegative();
const fraction = z.number().min(0).max(1);
const factor = z.number().min(1);

/** The load fields of the quasar source's schema (merged into its strict object). */
export const QUASAR_LOAD_FIELDS = {
  rateMultiplier: z.number().positive().optional(),
  kindShares: z
    .strictObject({ service: share, batch: share, "best-effort": share })
    .refine((k) => k.service + k.batch + k["best-effort"] > 0, { message: "expected a positive share" })
    .optional(),
  misSizing: z
    .strictObject({
      overFraction: fraction.optional(),
      overMaxFactor: factor.optional(),
      underFraction: fraction.optional(),
      underMaxFactor: factor.optional(),
    })
    .optional(),
};

/**
 * Whether mis-sizing fields fit over a mix's own: the over- and under-sized fractions together
 * at most 1 (checked on the merged values, since either may come from the mix).
 */
export function misSizingFits(own: MisSizing, given: Partial<MisSizing> | undefined): boolean {
  const m = { ...own, ...given };
  return m.overFraction + m.underFraction <= 1;
}

/** A short label of the load, for the scenario name (results.csv's `scenario` column). */
function loadTags(load: QuasarLoad): string[] {
  const rate = load.rateMultiplier ?? 1;
  const k = load.kindShares;
  const m = load.misSizing;
  return [
    ...(rate === 1 ? [] : [`rate×${Number(rate.toFixed(3))}`]),
    ...(k ? [`kinds ${k.service}/${k.batch}/${k["best-effort"]}`] : []),
    ...(m ? Object.entries(m).map(([key, v]) => `${key} ${v}`) : []),
  ];
}

/**
 * A scenario with the given load. With nothing set it returns the scenario itself (the same
 * object), so the jobs and the scenario name are exactly those of the mix; otherwise the name
 * records what changed. The interarrival time divides by the rate multiplier after the cell's
 * own scaling, so on a reduced cell `rateMultiplier` still means "times the mix's load per core".
 */
export function withLoad(s: QuasarScenario, load: QuasarLoad): QuasarScenario {
  const tags = loadTags(load);
  if (tags.length === 0) return s;
  const misSizing: MisSizing = { ...s.misSizing, ...load.misSizing };
  return {
    ...s,
    name: `${s.name} (${tags.join(", ")})`,
    interarrivalSec: s.interarrivalSec / (load.rateMultiplier ?? 1),
    kindShares: load.kindShares ?? s.kindShares,
    misSizing,
  };
}
