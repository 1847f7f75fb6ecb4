import { QUASAR_PRESETS, scenarioCores, type QuasarScenario } from "./scenario.js";

/**
 * One-line descriptions of the Quasar study's names, for `cellsim list`: the architecture types
 * (`architecture.type`), the reservation policies' assignments, and the preset cells
 * (`cluster.preset`). Preset lines are derived from the scenarios, so they cannot drift.
 */

type Described = Readonly<Record<string, { description: string }>>;

/** Quasar-study architecture types. */
export const QUASAR_ARCHITECTURE_DESCRIPTIONS: Described = {
  quasar: {
    description:
      "Quasar study: profile 2 entries per row, classify by matrix completion (scale-up/out, type, interference), allocate the least resources that meet the target; queue, monitor, adjust",
  },
  reservation: {
    description:
      "Quasar study: allocate the user's (mis-sized) reservation exactly; assignment least-loaded | paragon",
  },
};

/** Assignments of the `reservation` architecture. */
export const QUASAR_ASSIGNMENT_DESCRIPTIONS: Described = {
  "least-loaded": {
    description: "Machines with the lowest reserved fraction of cores, blind to type and interference",
  },
  paragon: {
    description: "Paragon-style: machines ranked by classified type speed and interference fit",
  },
};

function presetLine(s: QuasarScenario): string {
  const machines = s.machines.reduce((n, m) => n + m.count, 0);
  const kinds = Object.entries(s.kindShares)
    .filter(([, share]) => share > 0)
    .map(([kind]) => kind)
    .join("/");
  return (
    `Quasar study: ${machines} machines of ${s.machines.length} types (${scenarioCores(s).toLocaleString("en-US")} cores), ` +
    `${s.jobCount.toLocaleString("en-US")} ${kinds} jobs ${s.interarrivalSec} s apart (cluster.preset only)`
  );
}

/** Quasar-study preset cells (they bring their own jobs). */
export const QUASAR_PRESET_DESCRIPTIONS: Described = Object.fromEntries(
  Object.entries(QUASAR_PRESETS).map(([name, s]) => [name, { description: presetLine(s) }]),
);
