import { BUILTIN_ALLOCATIONS } from "../allocation/builtin.js";
import { BUILTIN_ARCHITECTURES } from "../architectures/builtin.js";
import { QUASAR_SOURCE, WITH_PERFORMANCE_SOURCE } from "../workloads/quasar-source.js";
import { FRAMEWORKS_SOURCE } from "../frameworks/source.js";
import { PLACEMENT_POLICIES } from "../policies/placement/index.js";
import { FIGURE_KINDS } from "../report/figures.js";
import { definePlugin, type FigureEntry, type Plugin } from "./define.js";
import { buildRegistry, type Registry } from "./registry.js";

/**
 * cellsim's own architectures, placement and allocation policies, figure kinds and the
 * performance and framework workload sources (`quasar`, `with-performance`, `frameworks`), as one plug-in: the same door a researcher's plug-in comes through. (The
 * other built-in workloads — presets, synthetic generators, trace formats — have their own keys
 * in the workload block.)
 */
export const BUILTIN_PLUGIN: Plugin = definePlugin({
  name: "cellsim",
  architectures: BUILTIN_ARCHITECTURES,
  placements: Object.entries(PLACEMENT_POLICIES).map(([name, policy]) => ({ name, ...policy })),
  allocations: BUILTIN_ALLOCATIONS,
  workloads: [QUASAR_SOURCE, WITH_PERFORMANCE_SOURCE, FRAMEWORKS_SOURCE],
  figures: Object.entries(FIGURE_KINDS).map(([name, kind]): FigureEntry => ({ name, ...kind })),
});

/** Where built-in entries come from, in messages and `cellsim list`. */
export const BUILTIN_ORIGIN = "built-in";

/** The registry of an experiment without plug-ins. */
export const BUILTIN_REGISTRY: Registry = buildRegistry([{ plugin: BUILTIN_PLUGIN, origin: BUILTIN_ORIGIN }]);
