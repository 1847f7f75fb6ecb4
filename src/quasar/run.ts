import { RngFactory } from "../engine/rng.js";
import { secToUs, usToSec } from "../engine/time.js";
import { cellTypes, machineLayout } from "./cell-layout.js";
import { QuasarCell } from "./cell.js";
import { Classifier } from "./classifier.js";
import { checkInvariants } from "./invariants.js";
import { generateJobs } from "./job-gen.js";
import { JOB_KINDS, type JobKind } from "./latent-classes.js";
import { QuasarMetrics } from "./metrics.js";
import { QuasarModel } from "./model.js";
import { makePolicy, policyName, type QuasarPolicySpec } from "./policies.js";
import { QUASAR_PRESETS, scenarioCores, type QuasarPresetName, type QuasarScenario } from "./scenario.js";
import { distribution, type QuasarRunSummary } from "./summary.js";

/** Options of one run. */
export interface RunQuasarOptions {
  /** Check the over-commit invariant after every event (slower; tests). */
  readonly checkInvariants?: boolean;
  /** Stop here even if jobs remain (they count as not completed, performance 0). Default 7 days. */
  readonly horizonSec?: number;
}

const DEFAULT_HORIZON_SEC = 7 * 24 * 3600;

/**
 * Runs one scenario under one policy. Random streams are named, so the cell layout, the jobs and
 * the classifier's training workloads are the same for every policy at a seed (common random
 * numbers): policies differ only in what they decide.
 */
export function runQuasar(
  scenario: QuasarScenario | QuasarPresetName,
  spec: QuasarPolicySpec,
  seed: number,
  options: RunQuasarOptions = {},
): QuasarRunSummary {
  const s = typeof scenario === "string" ? QUASAR_PRESETS[scenario] : scenario;
  const rng = new RngFactory(seed);
  const cell = new QuasarCell(cellTypes(s), machineLayout(s, rng.stream("quasar:layout")));
  const jobs = generateJobs(rng.stream("quasar:jobs"), s);
  const policy = makePolicy(spec);
  const classifier =
    policy.classifiedAxes.length > 0
      ? new Classifier(s, rng.stream("quasar:training"), spec.entriesPerRow)
      : null;
  const metrics = new QuasarMetrics(cell, s.binSec);
  const model = new QuasarModel(
    cell,
    jobs,
    policy,
    classifier,
    metrics,
    options.checkInvariants ? checkInvariants : null,
  );
  model.run(secToUs(options.horizonSec ?? DEFAULT_HORIZON_SEC));
  // Measure to the last job's end, not to the horizon the clock was advanced to.
  const makespanUs = model.completed === jobs.length ? model.lastFinishUs : model.sim.now;
  for (const run of model.runs) if (run.phase !== "done") metrics.jobDone(run, makespanUs, false);
  const outcomes = [...metrics.outcomes].sort((a, b) => a.id - b.id);
  const perf = outcomes.map((o) => o.perfVsTarget);
  const byKind = (k: JobKind) => outcomes.filter((o) => o.kind === k);
  const mean = (v: number[]) => (v.length === 0 ? 0 : v.reduce((t, x) => t + x, 0) / v.length);
  return {
    scenario: s.name,
    policy: policyName(spec),
    seed,
    machines: cell.size,
    capacityCores: scenarioCores(s),
    jobs: {
      submitted: jobs.length,
      completed: model.completed,
      byKind: Object.fromEntries(
        JOB_KINDS.map((k) => [
          k,
          { count: byKind(k).length, perfVsTargetMean: mean(byKind(k).map((o) => o.perfVsTarget)) },
        ]),
      ) as QuasarRunSummary["jobs"]["byKind"],
    },
    perfVsTarget: { ...distribution(perf), sorted: [...perf].sort((a, b) => a - b) },
    admissionDelaySec: distribution(outcomes.map((o) => o.admissionDelaySec)),
    executionSec: Object.fromEntries(
      JOB_KINDS.map((k) => [k, distribution(byKind(k).map((o) => o.executionSec))]),
    ) as QuasarRunSummary["executionSec"],
    completionSec: distribution(outcomes.map((o) => o.startDelaySec + o.executionSec)),
    ...metrics.finish(makespanUs, classifier ? spec.entriesPerRow : null),
    makespanSec: usToSec(makespanUs),
    eventsProcessed: model.sim.eventsProcessed,
    outcomes,
  };
}
