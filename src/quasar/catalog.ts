import { QUASAR_PRESETS, scenarioCores, type QuasarScenario } from "./scenario.js";

/**
 * One-line descriptions of the Quasar study's cells with machine types, for `cellsim list`.
 * Lines are derived from the scenarios, so they cannot drift.
 */

type Described = Readonly<Record<string, { description: string }>>;

function presetLine(s: QuasarScenario): string {
  const machines = s.machines.reduce((n, m) => n + m.count, 0);
  const kinds = Object.entries(s.kindShares)
    .filter(([, share]) => share > 0)
    .map(([kind]) => kind)
    .join("/");
  return (
    `Quasar study: ${machines} machines of ${s.machines.length} types (${scenarioCores(s).toLocaleString("en-US")} cores; cluster.preset, optional scale); ` +
    `workload {"source": "quasar", "mix": "${s.name}"}: ${s.jobCount.toLocaleString("en-US")} ${kinds} jobs ${s.interarrivalSec} s apart`
  );
}

/** Quasar-study preset cells (typed cells) and their job mixes. */
export const QUASAR_PRESET_DESCRIPTIONS: Described = Object.fromEntries(
  Object.entries(QUASAR_PRESETS).map(([name, s]) => [name, { description: presetLine(s) }]),
);
