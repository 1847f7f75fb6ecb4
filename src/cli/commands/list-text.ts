import type { Registry, RegistryAxis } from "../../plugins/registry.js";
import { QUASAR_PRESET_DESCRIPTIONS } from "../../quasar/catalog.js";
import { PRESETS } from "../../workloads/presets.js";
import { TRACE_FORMATS } from "../../workloads/formats.js";
import { FRAMEWORK_BEHAVIOURS } from "../../frameworks/builtin.js";

/** The text `cellsim list` prints (list.ts imports this module only when the command runs). */

/** A registry axis as `section` rows: plug-in entries carry their file. */
function rows(axis: RegistryAxis<{ readonly name: string; readonly description: string }>) {
  return Object.fromEntries(
    axis.names.map((name) => {
      const origin = axis.origin(name);
      const from = origin === undefined || origin === "built-in" ? "" : `  [plug-in: ${origin}]`;
      return [name, { description: `${axis.get(name)?.description ?? ""}${from}` }];
    }),
  );
}

function section(title: string, registry: Readonly<Record<string, { description?: string }>>): string {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((n) => n.length));
  const rows = names.map((n) => `  ${n.padEnd(width)}  ${registry[n]?.description ?? ""}`.trimEnd());
  return [`${title}:`, ...rows].join("\n");
}

/** The text of `cellsim list` for a registry. */
export function listing(registry: Registry): string {
  const sources = registry.workloads.names.length
    ? [section("Workload sources (workload.source)", rows(registry.workloads))]
    : [];
  return [
    section("Architectures (architecture.type)", rows(registry.architectures)),
    section("Allocation policies (allocation.type)", rows(registry.allocations)),
    section("Placement policies (placement)", rows(registry.placements)),
    section("Presets (cluster.preset, workload.preset)", { ...PRESETS, ...QUASAR_PRESET_DESCRIPTIONS }),
    section("Figure kinds (figures)", rows(registry.figures)),
    section("Trace formats (workload.format)", TRACE_FORMATS),
    ...sources,
    section(
      'Framework behaviours (workload "source": "frameworks", frameworks[].type)',
      Object.fromEntries(FRAMEWORK_BEHAVIOURS.map((b) => [b.type, { description: b.description }])),
    ),
  ].join("\n\n");
}
