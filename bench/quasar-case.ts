import { readFileSync } from "node:fs";
import { RngFactory } from "../src/engine/rng.js";
import { loadWorkload } from "../src/experiment/load-workload.js";
import { planFromJson } from "../src/experiment/plan.js";
import { simulateWorkload } from "../src/experiment/run-one.js";

/** The Quasar study's large-scale experiment, relative to the repository root. */
const EXPERIMENT = "studies/quasar/experiments/large-scale.json";

/**
 * The Quasar study's full large-scale scenario (200 machines of 14 types, 1,200 workloads 1 s
 * apart; studies/quasar/experiments/large-scale.json) under all three policies, one seed, as one
 * case, through the one cluster model: its wall time and peak memory are the "full large-scale
 * run". Returns the events processed over the three runs.
 */
export async function quasarLargeScale(seed: number): Promise<number> {
  const plan = planFromJson(JSON.parse(readFileSync(EXPERIMENT, "utf8")), EXPERIMENT, { seeds: [seed] });
  let events = 0;
  for (const run of plan.runs) {
    const rng = new RngFactory(seed);
    const workload = await loadWorkload(
      run.config,
      run.config.cluster.machines * run.config.cluster.cpus,
      rng,
    );
    events += simulateWorkload(run.config, workload, rng).events;
  }
  return events;
}
