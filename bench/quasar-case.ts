import { readFileSync } from "node:fs";
import { RngFactory } from "../src/engine/rng.js";
import type { RunConfig } from "../src/experiment/config.js";
import { loadWorkload } from "../src/experiment/load-workload.js";
import { planFromJson } from "../src/experiment/plan.js";
import { simulateWorkload } from "../src/experiment/run-one.js";

/** The Quasar study's large-scale experiment, relative to the repository root. */
const EXPERIMENT = "studies/quasar/experiments/large-scale.json";

let configs: RunConfig[] | undefined;

/**
 * The run configs of the experiment's three sweep points (seed-independent). Planned once, on
 * first use, so that the experiment file's validation is not part of the measured run (the
 * separate model this case used to time had no experiment file to read).
 */
export function quasarLargeScaleConfigs(): RunConfig[] {
  configs ??= planFromJson(JSON.parse(readFileSync(EXPERIMENT, "utf8")), EXPERIMENT, { seeds: [1] }).runs.map(
    (r) => r.config,
  );
  return configs;
}

/**
 * The Quasar study's full large-scale scenario (200 machines of 14 types, 1,200 workloads 1 s
 * apart; studies/quasar/experiments/large-scale.json) under all three policies, one seed, as one
 * case, through the one cluster model: its wall time and peak memory are the "full large-scale
 * run". Returns the events processed over the three runs.
 */
export async function quasarLargeScale(seed: number): Promise<number> {
  let events = 0;
  for (const config of quasarLargeScaleConfigs()) {
    const rng = new RngFactory(seed);
    const workload = await loadWorkload(config, config.cluster.machines * config.cluster.cpus, rng);
    events += simulateWorkload(config, workload, rng).events;
  }
  return events;
}
