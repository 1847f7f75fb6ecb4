import { InputError } from "../engine/errors.js";
import type { RngFactory } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import { WORKLOAD_KINDS, type JobSpec, type WorkloadKind } from "../cluster/job.js";
import { makeSampler } from "./distributions.js";
import { interarrivalMeanUs, makeGapSampler } from "./mmpp.js";
import type { Workload } from "./source.js";
import type { KindGenerator, SyntheticWorkloadSpec } from "./spec.js";

/**
 * Synthetic workload: one independent arrival process per kind, merged lazily.
 *
 * 1. Each kind draws every quantity from its own named stream
 *    `workload:<kind>:interarrival|tasks|duration|cpusPerTask|memGbPerTask`, so the jobs depend
 *    only on (seed, workload spec), never on the architecture or on the other kind.
 * 2. A kind's clock starts at 0; each job arrives one inter-arrival (divided by the kind's
 *    `rateMultiplier`; an MMPP's rates are multiplied instead, its sojourns kept: mmpp.ts) after
 *    the previous one. The clock is kept unrounded and each submit time is
 *    rounded to the microsecond, so rounding never accumulates into a rate bias.
 * 3. The merge keeps one lookahead job per kind and emits the earliest (ties: batch before
 *    service); ids count up from `firstId` in emission order. Memory is O(kinds).
 * 4. A kind stops at its first job with `submitUs > horizonUs`.
 */

/** Options of {@link makeSyntheticWorkload}. */
export interface SyntheticOptions {
  /** Last submit time generated (inclusive). */
  horizonUs: SimTime;
  /** Id of the first submitted job (the number of prefill jobs, so ids stay unique). */
  firstId: number;
  /** Jobs running at t = 0 (see prefill.ts), passed through unchanged. */
  prefill: readonly JobSpec[];
}

/** The per-kind lookahead: the next job's fields, not yet given an id. */
interface KindCursor {
  readonly kind: WorkloadKind;
  /** The next gap in µs of simulated time, the rate multiplier already applied. */
  readonly gapUs: () => number;
  readonly tasks: () => number;
  readonly duration: () => number;
  readonly cpusPerTask: () => number;
  readonly memGbPerTask: () => number;
  /** Further resource dimensions the kind's tasks ask for: name and sampler (often none). */
  readonly resources: readonly (readonly [string, () => number])[];
  /** The kind's job priority, if it has one. */
  readonly priority: number | undefined;
  /** Every job of the kind is a rigid gang. */
  readonly gang: boolean;
  clockUs: number;
  nextSubmitUs: SimTime;
}

/** A pull-based synthetic {@link Workload}; never materializes more than one job per kind. */
export function makeSyntheticWorkload(
  spec: SyntheticWorkloadSpec,
  rng: RngFactory,
  opts: SyntheticOptions,
): Workload {
  const cursors: KindCursor[] = [];
  for (const kind of WORKLOAD_KINDS) {
    const gen = spec.kinds[kind];
    const multiplier = spec.rateMultiplier[kind] ?? 0;
    checkMultiplier(kind, multiplier);
    if (!gen || multiplier === 0) continue;
    const cursor = makeCursor(kind, gen, multiplier, rng);
    advance(cursor);
    cursors.push(cursor);
  }
  let nextId = opts.firstId;
  const next = (): JobSpec | undefined => {
    let best: KindCursor | undefined;
    // WORKLOAD_KINDS order (batch, service) and strict `<` make batch win ties.
    for (const c of cursors) if (!best || c.nextSubmitUs < best.nextSubmitUs) best = c;
    if (!best || best.nextSubmitUs > opts.horizonUs) return undefined;
    const job = drawJob(best, nextId++);
    advance(best);
    return job;
  };
  return { prefill: opts.prefill, next };
}

function checkMultiplier(kind: WorkloadKind, multiplier: number): void {
  if (!Number.isFinite(multiplier) || multiplier < 0)
    throw new InputError(`workload.rateMultiplier.${kind}: expected a number ≥ 0, got ${multiplier}`);
}

function makeCursor(kind: WorkloadKind, gen: KindGenerator, multiplier: number, rng: RngFactory): KindCursor {
  if (!(interarrivalMeanUs(gen.interarrival) > 0))
    throw new InputError(
      `workload.synthetic.${kind}.interarrival: mean must be > 0 (jobs would never stop arriving)`,
    );
  const sampler = (q: Exclude<keyof KindGenerator, "resources" | "priority" | "interarrival" | "gang">) =>
    makeSampler(gen[q], rng.stream(`workload:${kind}:${q}`));
  // Each further resource draws from its own stream, so declaring one changes no other draw.
  const resources = Object.entries(gen.resources ?? {}).map(
    ([name, s]) => [name, makeSampler(s, rng.stream(`workload:${kind}:resources.${name}`))] as const,
  );
  return {
    kind,
    // Same stream name as every other quantity; an MMPP adds `…:interarrival.phase` for its states.
    gapUs: makeGapSampler(gen.interarrival, multiplier, rng.stream(`workload:${kind}:interarrival`), () =>
      rng.stream(`workload:${kind}:interarrival.phase`),
    ),
    tasks: sampler("tasks"),
    duration: sampler("duration"),
    cpusPerTask: sampler("cpusPerTask"),
    memGbPerTask: sampler("memGbPerTask"),
    resources,
    priority: gen.priority,
    gang: gen.gang === true,
    clockUs: 0,
    nextSubmitUs: 0,
  };
}

/** Moves the kind's clock by one (scaled, non-negative) inter-arrival. */
function advance(c: KindCursor): void {
  c.clockUs += c.gapUs();
  c.nextSubmitUs = Math.round(c.clockUs);
}

/** Draws the shape of the cursor's pending job (one draw per quantity stream). */
function drawJob(c: KindCursor, id: number): JobSpec {
  let job: JobSpec = {
    id,
    submitUs: c.nextSubmitUs,
    kind: c.kind,
    tasks: taskCount(c.tasks()),
    cpusPerTask: Math.max(0, c.cpusPerTask()),
    memGbPerTask: Math.max(0, c.memGbPerTask()),
    durationUs: Math.max(1, Math.round(c.duration())),
    prefill: false,
  };
  // Only when the kind has one: jobs of other workloads keep their shape.
  if (c.priority !== undefined) job = { ...job, priority: c.priority };
  if (c.gang) job = { ...job, gang: true };
  if (c.resources.length === 0) return job;
  const resources: Record<string, number> = {};
  for (const [name, draw] of c.resources) resources[name] = Math.max(0, draw());
  return { ...job, resources };
}

/** Task counts are integers ≥ 1 even when a generator forgot `ceil`. */
export function taskCount(x: number): number {
  return Math.max(1, Math.round(x));
}
