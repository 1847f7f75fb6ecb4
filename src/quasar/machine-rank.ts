import type { Prediction } from "./classifier.js";
import { interferenceFactor, pressureOf } from "./interference.js";
import type { JobKind } from "./latent-classes.js";
import { nodeFactor } from "./latency.js";
import { RESOURCE_COUNT } from "./machine-types.js";
import { atNodes, coresIndex } from "./perf.js";
import { FIT_EPSILON, fitsExtra } from "../cluster/cell-view.js";
import type { ExtraAmounts } from "../cluster/resources.js";
import type { PerfContext } from "./perf-cell.js";

/**
 * Machine ranking, Paragon-style: how well a machine suits a job by its (predicted) type and
 * interference fit. Used by reservation + paragon and by quasar. Everything here works from
 * predictions, never from the hidden truth.
 */

/** Predicted busy cores per node at `cores` (predicted speedup, capped by the cores). */
export function predictedBusyCores(pred: Prediction, cores: number): number {
  const ci = coresIndex(cores);
  const speedup = pred.perfAtCores[ci]! / Math.max(pred.perfAtCores[0]!, 1e-12);
  return Math.max(0, Math.min(cores, speedup));
}

const scratch = new Float64Array(RESOURCE_COUNT);

/**
 * Score of machine m for a job at `cores` per node: predicted type factor × predicted interference
 * factor under the machine's current pressure × the worst slowdown the job would cause a co-runner
 * (by the co-runner's predicted tolerance). Higher is better; 1 ≈ reference type, no interference.
 * `own` is the job's pressure when it already runs on m (monitoring), else null.
 */
export function machineScore(
  kind: JobKind,
  pred: Prediction,
  m: number,
  cores: number,
  ctx: PerfContext,
  own: Float64Array | null = null,
): number {
  const cell = ctx.perf;
  const type = cell.typeAt(m);
  const o = m * RESOURCE_COUNT;
  const self = interferenceFactor(pred.tolerated, cell.pressure, o, own);
  const mine = pressureOf(pred.caused, predictedBusyCores(pred, cores), type.cores, type.capacity, scratch);
  let damage = 1;
  if (own === null) {
    for (const k of cell.jobsOn[m]!) {
      const other = cell.predictionOf(k);
      if (!other) continue;
      const after = interferenceFactor(other.tolerated, cell.pressure, o, null, mine);
      damage = Math.min(damage, after / interferenceFactor(other.tolerated, cell.pressure, o, null));
    }
  }
  return nodeFactor(kind, pred.heteroRel[cell.typeOf[m]!]! * self) * damage;
}

/** Scores of the ranking in progress, by machine (see `rankMachines`). */
let rankScores = new Float64Array(0);

/**
 * Candidate machines of the view that fit `cores` and `memGb`, best score first (ties: lower index). With
 * `minScore`, machines scoring below it are left out (Quasar will not plan a service onto a
 * machine predicted to break its latency bound). `extra`: each task's amounts of the cell's
 * further resource dimensions, when it needs any.
 */
export function rankMachines(
  kind: JobKind,
  pred: Prediction,
  cores: number,
  memGb: number,
  ctx: PerfContext,
  minScore = 0,
  extra?: ExtraAmounts,
): number[] {
  const view = ctx.view;
  const ids: number[] = [];
  // One scores array for every call (a ranking runs hundreds of thousands of times per large
  // run, and allocating it each time was the largest single cost of ranking); only the entries
  // of this call's `ids` are read, and the sort below finishes before the next call.
  if (rankScores.length < ctx.perf.size) rankScores = new Float64Array(ctx.perf.size);
  const scores = rankScores;
  const candidates = view.candidates;
  for (let i = 0; i < candidates; i++) {
    const m = view.candidate(i);
    // fitsTasks(view, m, 1, cores, memGb), written out: this loop runs for every machine of
    // every ranking (hundreds of thousands per large run).
    if (cores > view.freeCpus(m) + FIT_EPSILON || memGb > view.freeMemGb(m) + FIT_EPSILON) continue;
    if (extra !== undefined && !fitsExtra(view, m, 1, extra)) continue;
    const score = machineScore(kind, pred, m, cores, ctx);
    if (score < minScore) continue;
    ids.push(m);
    scores[m] = score;
  }
  return ids.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Predicted performance of a job at `cores` per node on `machines` (`own`: its current pressure). */
export function predictedPerf(
  kind: JobKind,
  pred: Prediction,
  cores: number,
  machines: readonly number[],
  ctx: PerfContext,
  own: readonly (Float64Array | null)[] | null = null,
): number {
  let sum = 0;
  const n = machines.length;
  for (let i = 0; i < n; i++) {
    const m = machines[i]!;
    const f = interferenceFactor(pred.tolerated, ctx.perf.pressure, m * RESOURCE_COUNT, own ? own[i]! : null);
    sum += nodeFactor(kind, pred.heteroRel[ctx.perf.typeOf[m]!]! * f);
  }
  return pred.perfAtCores[coresIndex(cores)]! * atNodes(pred.scaleOutRel, n) * (sum / n);
}
