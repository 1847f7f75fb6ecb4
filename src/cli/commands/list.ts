import type { Argv } from "yargs";
import { ARCHITECTURES } from "../../policies/architectures.js";
import { PLACEMENT_POLICIES } from "../../policies/placement/index.js";
import {
  QUASAR_ARCHITECTURE_DESCRIPTIONS,
  QUASAR_ASSIGNMENT_DESCRIPTIONS,
  QUASAR_PRESET_DESCRIPTIONS,
} from "../../quasar/catalog.js";
import { FIGURE_KINDS } from "../../report/figures.js";
import { PRESETS } from "../../workloads/presets.js";
import { TRACE_FORMATS } from "../../workloads/formats.js";

/**
 * `cellsim list`: every name an experiment file can use, with a one-line description. The Quasar
 * study's architecture types and preset cells are listed beside the cell model's.
 */

export const command = "list";
export const describe = "List architectures, placement policies, presets, figure kinds and trace formats";

export function builder(y: Argv): Argv {
  return y.example("$0 list", "what can go into an experiment file");
}

function section(title: string, registry: Readonly<Record<string, { description?: string }>>): string {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((n) => n.length));
  const rows = names.map((n) => `  ${n.padEnd(width)}  ${registry[n]?.description ?? ""}`.trimEnd());
  return [`${title}:`, ...rows].join("\n");
}

export function handler(): void {
  const text = [
    section("Architectures (architecture.type)", { ...ARCHITECTURES, ...QUASAR_ARCHITECTURE_DESCRIPTIONS }),
    section(
      "Reservation assignments (architecture.assignment, type reservation)",
      QUASAR_ASSIGNMENT_DESCRIPTIONS,
    ),
    section("Placement policies (placement)", PLACEMENT_POLICIES),
    section("Presets (cluster.preset, workload.preset)", { ...PRESETS, ...QUASAR_PRESET_DESCRIPTIONS }),
    section("Figure kinds (figures)", FIGURE_KINDS),
    section("Trace formats (workload.format)", TRACE_FORMATS),
  ].join("\n\n");
  process.stdout.write(`${text}\n`);
}
